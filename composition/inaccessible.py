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
    return any(d.name == "inaccessible" for d in element.directives)


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
        t = self.types.get(name)
        return t is not None and not _inaccessible(t)

    def field_in_api(self, t: TypeDef, f: Field) -> bool:
        return not _inaccessible(f) and not _inaccessible(t)

    def arg_in_api(self, t: TypeDef, f: Field, a: Argument) -> bool:
        return not _inaccessible(a) and self.field_in_api(t, f)

    def _referencers(self, name: str) -> Iterator[_Ref]:
        """Fields, arguments and input fields whose type is `name` (and whether each is in the
        API schema)."""
        for t in self.types.values():
            for f in t.fields.values():
                if base_type_name(f.type) == name:
                    yield f.coordinate, self.field_in_api(t, f)
                for a in f.args.values():
                    if base_type_name(a.type) == name:
                        yield _arg_coordinate(f.coordinate, a.name), self.arg_in_api(t, f, a)
        for d in self.directives.values():
            for a in d.args.values():
                if base_type_name(a.type) == name:
                    yield _arg_coordinate("@" + d.name, a.name), not _inaccessible(a)

    # -------------------------------------------------------------- default values

    def _default_value_referencers(self) -> dict[str, list[_Ref]]:
        """For each input field / enum value coordinate, the arguments and input fields whose
        default value uses it (Apollo's computeDefaultValueReferencers)."""
        out: dict[str, list[_Ref]] = {}

        def add(value: ValueNode | None, type_: TypeNode, referencer: _Ref) -> None:
            for reference in self._value_references(value, type_):
                out.setdefault(reference, []).append(referencer)

        for t in self.types.values():
            if t.name in BUILTIN_SCALARS:
                continue
            if t.kind in ("object", "interface"):
                for f in t.fields.values():
                    for a in f.args.values():
                        add(
                            a.default,
                            a.type,
                            (_arg_coordinate(f.coordinate, a.name), self.arg_in_api(t, f, a)),
                        )
            elif t.kind == "input":
                for f in t.fields.values():
                    add(f.default, f.type, (f.coordinate, self.field_in_api(t, f)))
        for d in self.directives.values():
            for a in d.args.values():
                add(
                    a.default, a.type, (_arg_coordinate("@" + d.name, a.name), not _inaccessible(a))
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
            given = {f.name.value: f.value for f in value.fields}
            for f in target.fields.values():
                if f.name in given:
                    refs.append(f.coordinate)
                    refs += self._value_references(given[f.name], f.type)
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
        for t in self.types.values():
            if t.name in BUILTIN_SCALARS:
                # Apollo never merges built-in types, so an @inaccessible on a subgraph's
                # redefinition of one is dropped (its DISALLOWED_INACCESSIBLE cannot arise here)
                continue
            if _inaccessible(t):
                self._inaccessible_type(t)
            else:
                self._only_inaccessible_children(t)
                if t.kind in ("object", "interface"):
                    self._object_or_interface(t)
                elif t.kind == "input":
                    self._input(t, default_referencers)
                elif t.kind == "enum":
                    self._enum(t, default_referencers)
        for d in self.directives.values():
            for a in d.args.values():
                if is_required(a.type, a.default) and _inaccessible(a):
                    self.error(
                        "REQUIRED_INACCESSIBLE",
                        f'Argument "{_arg_coordinate("@" + d.name, a.name)}" is @inaccessible '
                        "but is a required argument of its directive.",
                    )
        return self.errors

    def _inaccessible_type(self, t: TypeDef) -> None:
        for coordinate, in_api in self._referencers(t.name):
            if in_api:
                self.error(
                    "REFERENCED_INACCESSIBLE",
                    f'Type "{t.name}" is @inaccessible but is referenced by "{coordinate}", '
                    "which is in the API schema.",
                )
        if self.roots.get("query") == t.name:
            self.error(
                "QUERY_ROOT_TYPE_INACCESSIBLE",
                f'Type "{t.name}" is @inaccessible but is the root query type, which must be in '
                "the API schema.",
            )

    def _only_inaccessible_children(self, t: TypeDef) -> None:
        if t.kind in ("object", "interface", "input"):
            empty = all(_inaccessible(f) for f in t.fields.values())
            what = "input fields" if t.kind == "input" else "fields"
        elif t.kind == "union":
            empty = all(not self.type_in_api(m) for m in t.members)
            what = "members"
        elif t.kind == "enum":
            empty = all(_inaccessible(v) for v in t.values.values())
            what = "values"
        else:
            return
        if empty:
            self.error(
                "ONLY_INACCESSIBLE_CHILDREN",
                f'Type "{t.name}" is in the API schema but all of its {what} are @inaccessible.',
            )

    def _object_or_interface(self, t: TypeDef) -> None:
        interfaces = [self.types[i] for i in t.interfaces if i in self.types]
        implementing = (
            [
                x
                for x in self.types.values()
                if x.kind in ("object", "interface") and t.name in x.interfaces
            ]
            if t.kind == "interface"
            else []
        )
        for f in t.fields.values():
            if _inaccessible(f):
                for itf in interfaces:
                    itf_field = itf.fields.get(f.name)
                    if itf_field is not None and self.field_in_api(itf, itf_field):
                        self.error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Field "{f.coordinate}" is @inaccessible but implements the '
                            f'interface field "{itf_field.coordinate}", which is in the API '
                            "schema.",
                        )
                continue
            for a in f.args.values():
                if not _inaccessible(a):
                    continue
                coordinate = _arg_coordinate(f.coordinate, a.name)
                if is_required(a.type, a.default):
                    self.error(
                        "REQUIRED_INACCESSIBLE",
                        f'Argument "{coordinate}" is @inaccessible but is a required argument '
                        "of its field.",
                    )
                for impl in implementing:
                    impl_field = impl.fields.get(f.name)
                    impl_arg = impl_field.args.get(a.name) if impl_field is not None else None
                    if (
                        impl_field is not None
                        and impl_arg is not None
                        and self.arg_in_api(impl, impl_field, impl_arg)
                        and is_required(impl_arg.type, impl_arg.default)
                    ):
                        self.error(
                            "REQUIRED_INACCESSIBLE",
                            f'Argument "{coordinate}" is @inaccessible but is implemented by the '
                            "required argument "
                            f'"{_arg_coordinate(impl_field.coordinate, a.name)}", which is in '
                            "the API schema.",
                        )
                for itf in interfaces:
                    itf_field = itf.fields.get(f.name)
                    itf_arg = itf_field.args.get(a.name) if itf_field is not None else None
                    if (
                        itf_field is not None
                        and itf_arg is not None
                        and self.arg_in_api(itf, itf_field, itf_arg)
                    ):
                        self.error(
                            "IMPLEMENTED_BY_INACCESSIBLE",
                            f'Argument "{coordinate}" is @inaccessible but implements the '
                            "interface argument "
                            f'"{_arg_coordinate(itf_field.coordinate, a.name)}", which is in the '
                            "API schema.",
                        )

    def _input(self, t: TypeDef, default_referencers: dict[str, list[_Ref]]) -> None:
        for f in t.fields.values():
            if not _inaccessible(f):
                continue
            if is_required(f.type, f.default):
                self.error(
                    "REQUIRED_INACCESSIBLE",
                    f'Input field "{f.coordinate}" is @inaccessible but is a required input '
                    "field of its type.",
                )
            for coordinate, in_api in default_referencers.get(f.coordinate, []):
                if in_api:
                    self.error(
                        "DEFAULT_VALUE_USES_INACCESSIBLE",
                        f'Input field "{f.coordinate}" is @inaccessible but is used in the '
                        f'default value of "{coordinate}", which is in the API schema.',
                    )

    def _enum(self, t: TypeDef, default_referencers: dict[str, list[_Ref]]) -> None:
        for v in t.values.values():
            if not _inaccessible(v):
                continue
            value = f"{t.name}.{v.name}"
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
