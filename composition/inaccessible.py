"""Post-merge `@inaccessible` validation: the merged supergraph must yield a valid API schema.

Mirrors Apollo's `validateInaccessibleElements` (federation-internals, specs/inaccessibleSpec.ts),
which composition runs through `toAPISchema()` right after merging: the same checks, the same
messages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from graphql import (
    EnumValueNode,
    ListTypeNode,
    ListValueNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectValueNode,
    StringValueNode,
    TypeNode,
    ValueNode,
)

from .errors import CompositionError
from .merger.result import MergedDirective
from .model import (
    BUILTIN_SCALARS,
    Argument,
    EnumValue,
    Field,
    TypeDef,
    base_type_name,
    is_required,
)

Element = TypeDef | Field | Argument | EnumValue

# A schema element as the checks see it: its coordinate and whether it is in the API schema.
_Ref = tuple[str, bool]


def _inaccessible(element: Element) -> bool:
    return any(directive.name == "inaccessible" for directive in element.directives)


def _arg_coordinate(owner: str, arg: str) -> str:
    return f"{owner}({arg}:)"


class _InaccessibleValidator:
    def __init__(
        self,
        types: Mapping[str, TypeDef],
        roots: Mapping[str, str],
        directives: Mapping[str, MergedDirective],
    ) -> None:
        self.types = types
        self.roots = roots
        self.directives = directives
        self.errors: list[CompositionError] = []

    def error(self, code: str, message: str) -> None:
        self.errors.append(CompositionError(code, message))

    # -------------------------------------------------------------- helpers

    def type_in_api(self, name: str) -> bool:
        type_def = self.types.get(name)
        return type_def is not None and not _inaccessible(type_def)

    def field_in_api(self, type_def: TypeDef, type_field: Field) -> bool:
        return not _inaccessible(type_field) and not _inaccessible(type_def)

    def arg_in_api(self, type_def: TypeDef, type_field: Field, arg: Argument) -> bool:
        return not _inaccessible(arg) and self.field_in_api(type_def, type_field)

    def _referencers(self, name: str) -> Iterator[_Ref]:
        """Fields, arguments and input fields whose type is `name` (and whether each is in the
        API schema)."""
        for type_def in self.types.values():
            for type_field in type_def.fields.values():
                if base_type_name(type_field.type) == name:
                    yield type_field.coordinate, self.field_in_api(type_def, type_field)
                for arg in type_field.args.values():
                    if base_type_name(arg.type) == name:
                        yield (
                            _arg_coordinate(type_field.coordinate, arg.name),
                            self.arg_in_api(type_def, type_field, arg),
                        )
        for directive in self.directives.values():
            for arg in directive.args.values():
                if base_type_name(arg.type) == name:
                    yield _arg_coordinate("@" + directive.name, arg.name), not _inaccessible(arg)

    # -------------------------------------------------------------- default values

    def _default_value_referencers(self) -> dict[str, list[_Ref]]:
        """For each input field / enum value coordinate, the arguments and input fields whose
        default value uses it (Apollo's computeDefaultValueReferencers)."""
        out: dict[str, list[_Ref]] = {}

        def add(value: ValueNode | None, type_: TypeNode, referencer: _Ref) -> None:
            for reference in self._value_references(value, type_):
                out.setdefault(reference, []).append(referencer)

        for type_def in self.types.values():
            if type_def.name in BUILTIN_SCALARS:
                continue
            if type_def.kind in ("object", "interface"):
                for type_field in type_def.fields.values():
                    for arg in type_field.args.values():
                        add(
                            arg.default,
                            arg.type,
                            (
                                _arg_coordinate(type_field.coordinate, arg.name),
                                self.arg_in_api(type_def, type_field, arg),
                            ),
                        )
            elif type_def.kind == "input":
                for type_field in type_def.fields.values():
                    add(
                        type_field.default,
                        type_field.type,
                        (type_field.coordinate, self.field_in_api(type_def, type_field)),
                    )
        for directive in self.directives.values():
            for arg in directive.args.values():
                add(
                    arg.default,
                    arg.type,
                    (_arg_coordinate("@" + directive.name, arg.name), not _inaccessible(arg)),
                )
        return out

    def _value_references(self, value: ValueNode | None, type_: TypeNode) -> list[str]:
        refs: list[str] = []
        if value is None:
            return refs
        if isinstance(type_, NonNullTypeNode):
            return self._value_references(value, type_.type)
        if isinstance(value, ListValueNode):
            if isinstance(type_, ListTypeNode):
                for item in value.values:
                    refs += self._value_references(item, type_.type)
            return refs
        if isinstance(type_, ListTypeNode):
            return self._value_references(value, type_.type)
        assert isinstance(type_, NamedTypeNode)
        target = self.types.get(type_.name.value)
        if target is None:
            return refs
        if isinstance(value, ObjectValueNode) and target.kind == "input":
            given = {input_field.name.value: input_field.value for input_field in value.fields}
            for input_field in target.fields.values():
                if input_field.name in given:
                    refs.append(input_field.coordinate)
                    refs += self._value_references(given[input_field.name], input_field.type)
        elif (
            isinstance(value, (EnumValueNode, StringValueNode))
            and target.kind == "enum"
            and value.value in target.values
        ):
            refs.append(f"{target.name}.{value.value}")
        return refs

    # -------------------------------------------------------------- the checks

    def run(self) -> list[CompositionError]:
        default_referencers = self._default_value_referencers()
        for type_def in self.types.values():
            if type_def.name in BUILTIN_SCALARS:
                # Apollo never merges built-in types, so an @inaccessible on a subgraph's
                # redefinition of one is dropped (its DISALLOWED_INACCESSIBLE cannot arise here)
                continue
            if _inaccessible(type_def):
                self._inaccessible_type(type_def)
            else:
                self._only_inaccessible_children(type_def)
                if type_def.kind in ("object", "interface"):
                    self._object_or_interface(type_def)
                elif type_def.kind == "input":
                    self._input(type_def, default_referencers)
                elif type_def.kind == "enum":
                    self._enum(type_def, default_referencers)
        for directive in self.directives.values():
            for arg in directive.args.values():
                if is_required(arg.type, arg.default) and _inaccessible(arg):
                    self.error(
                        "REQUIRED_INACCESSIBLE",
                        f'Argument "{_arg_coordinate("@" + directive.name, arg.name)}" is '
                        "@inaccessible but is a required argument of its directive.",
                    )
        return self.errors

    def _inaccessible_type(self, type_def: TypeDef) -> None:
        for coordinate, in_api in self._referencers(type_def.name):
            if in_api:
                self.error(
                    "REFERENCED_INACCESSIBLE",
                    f'Type "{type_def.name}" is @inaccessible but is referenced by "{coordinate}", '
                    "which is in the API schema.",
                )
        if self.roots.get("query") == type_def.name:
            self.error(
                "QUERY_ROOT_TYPE_INACCESSIBLE",
                f'Type "{type_def.name}" is @inaccessible but is the root query type, which must '
                "be in "
                "the API schema.",
            )

    def _only_inaccessible_children(self, type_def: TypeDef) -> None:
        if type_def.kind in ("object", "interface", "input"):
            empty = all(_inaccessible(type_field) for type_field in type_def.fields.values())
            what = "input fields" if type_def.kind == "input" else "fields"
        elif type_def.kind == "union":
            empty = all(not self.type_in_api(member) for member in type_def.members)
            what = "members"
        elif type_def.kind == "enum":
            empty = all(_inaccessible(value) for value in type_def.values.values())
            what = "values"
        else:
            return
        if empty:
            self.error(
                "ONLY_INACCESSIBLE_CHILDREN",
                f'Type "{type_def.name}" is in the API schema but all of its {what} are '
                "@inaccessible.",
            )

    def _object_or_interface(self, type_def: TypeDef) -> None:
        interfaces = [self.types[name] for name in type_def.interfaces if name in self.types]
        implementing = (
            [
                other
                for other in self.types.values()
                if other.kind in ("object", "interface") and type_def.name in other.interfaces
            ]
            if type_def.kind == "interface"
            else []
        )
        for type_field in type_def.fields.values():
            if _inaccessible(type_field):
                for interface in interfaces:
                    interface_field = interface.fields.get(type_field.name)
                    if interface_field is not None and self.field_in_api(
                        interface, interface_field
                    ):
                        self.error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Field "{type_field.coordinate}" is @inaccessible but implements the '
                            f'interface field "{interface_field.coordinate}", which is in the API '
                            "schema.",
                        )
                continue
            for arg in type_field.args.values():
                if not _inaccessible(arg):
                    continue
                coordinate = _arg_coordinate(type_field.coordinate, arg.name)
                if is_required(arg.type, arg.default):
                    self.error(
                        "REQUIRED_INACCESSIBLE",
                        f'Argument "{coordinate}" is @inaccessible but is a required argument '
                        "of its field.",
                    )
                for implementation in implementing:
                    implementation_field = implementation.fields.get(type_field.name)
                    implementation_arg = (
                        implementation_field.args.get(arg.name)
                        if implementation_field is not None
                        else None
                    )
                    if (
                        implementation_field is not None
                        and implementation_arg is not None
                        and self.arg_in_api(
                            implementation, implementation_field, implementation_arg
                        )
                        and is_required(implementation_arg.type, implementation_arg.default)
                    ):
                        self.error(
                            "REQUIRED_INACCESSIBLE",
                            f'Argument "{coordinate}" is @inaccessible but is implemented by the '
                            "required argument "
                            f'"{_arg_coordinate(implementation_field.coordinate, arg.name)}", '
                            "which is in "
                            "the API schema.",
                        )
                for interface in interfaces:
                    interface_field = interface.fields.get(type_field.name)
                    interface_arg = (
                        interface_field.args.get(arg.name) if interface_field is not None else None
                    )
                    if (
                        interface_field is not None
                        and interface_arg is not None
                        and self.arg_in_api(interface, interface_field, interface_arg)
                    ):
                        self.error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Argument "{coordinate}" is @inaccessible but implements the '
                            "interface argument "
                            f'"{_arg_coordinate(interface_field.coordinate, arg.name)}", which is '
                            "in the "
                            "API schema.",
                        )

    def _input(self, type_def: TypeDef, default_referencers: dict[str, list[_Ref]]) -> None:
        for type_field in type_def.fields.values():
            if not _inaccessible(type_field):
                continue
            if is_required(type_field.type, type_field.default):
                self.error(
                    "REQUIRED_INACCESSIBLE",
                    f'Input field "{type_field.coordinate}" is @inaccessible but is a required '
                    "input "
                    "field of its type.",
                )
            for coordinate, in_api in default_referencers.get(type_field.coordinate, []):
                if in_api:
                    self.error(
                        "DEFAULT_VALUE_USES_INACCESSIBLE",
                        f'Input field "{type_field.coordinate}" is @inaccessible but is used in '
                        "the "
                        f'default value of "{coordinate}", which is in the API schema.',
                    )

    def _enum(self, type_def: TypeDef, default_referencers: dict[str, list[_Ref]]) -> None:
        for enum_value in type_def.values.values():
            if not _inaccessible(enum_value):
                continue
            value = f"{type_def.name}.{enum_value.name}"
            for coordinate, in_api in default_referencers.get(value, []):
                if in_api:
                    self.error(
                        "DEFAULT_VALUE_USES_INACCESSIBLE",
                        f'Enum value "{value}" is @inaccessible but is used in the default '
                        f'value of "{coordinate}", which is in the API schema.',
                    )


def validate_inaccessible(
    types: Mapping[str, TypeDef],
    roots: Mapping[str, str],
    directives: Mapping[str, MergedDirective],
) -> list[CompositionError]:
    """Every `@inaccessible` problem that would keep the supergraph from having an API schema."""
    return _InaccessibleValidator(types, roots, directives).run()
