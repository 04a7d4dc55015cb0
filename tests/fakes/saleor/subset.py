"""Cut the fake's SDL out of Saleor's real one: the types and fields `served.SERVED` lists,
copied verbatim (descriptions, directives, argument lists), plus every input type, enum and
scalar they reference. What the fake serves can then only be what Saleor 3.22 serves.

    .venv/bin/python -m tests.fakes.saleor.subset      # rewrites tests/fakes/saleor/schema.graphql

A test keeps the committed file equal to what this prints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from graphql import (
    DirectiveDefinitionNode,
    DocumentNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    InputObjectTypeDefinitionNode,
    InterfaceTypeDefinitionNode,
    ListTypeNode,
    NamedTypeNode,
    NonNullTypeNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    TypeNode,
    UnionTypeDefinitionNode,
    parse,
)
from graphql.language import Node, TypeDefinitionNode

from tests.fakes.saleor.served import SERVED

ROOT = Path(__file__).resolve().parents[3]
REAL_SDL = ROOT / "schema" / "saleor.graphql"
FAKE_SDL = Path(__file__).resolve().parent / "schema.graphql"
HEADER = (
    "# The Saleor fake's schema: a subset of Saleor 3.22's `_service { sdl }` (schema/saleor.graphql)\n"
    "# cut by tests/fakes/saleor/subset.py from the list in served.py. Generated: do not edit.\n\n"
)
BUILT_IN_SCALARS = frozenset({"String", "Int", "Float", "Boolean", "ID"})
ObjectLike = ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode


class SubsetError(ValueError):
    pass


def _named(type_node: TypeNode) -> str:
    while isinstance(type_node, ListTypeNode | NonNullTypeNode):
        type_node = type_node.type
    assert isinstance(type_node, NamedTypeNode)
    return type_node.name.value


def _text(source: str, node: Node) -> str:
    assert node.loc is not None
    return source[node.loc.start : node.loc.end]


class _Cutter:
    def __init__(self, source: str, served: Mapping[str, Iterable[str]]) -> None:
        self.source = source
        self.document: DocumentNode = parse(source)
        self.types = {
            d.name.value: d for d in self.document.definitions if isinstance(d, TypeDefinitionNode)
        }
        self.fields = {name: list(fields) for name, fields in served.items()}
        self.inputs: set[str] = set()  # input objects, enums and scalars reached

    def run(self) -> str:
        for name in self.fields:
            found = self.types.get(name)
            if not isinstance(found, ObjectLike | UnionTypeDefinitionNode):
                raise SubsetError(f"{name}: not an object, interface or union type in Saleor")
        self._add_interface_fields()
        for name, wanted in self.fields.items():
            self._reach_from(name, wanted)
        parts = [HEADER.rstrip("\n")]
        for definition in self.document.definitions:
            if isinstance(definition, DirectiveDefinitionNode):
                parts.append(_text(self.source, definition))
                for argument in definition.arguments or ():
                    self._reach_input(_named(argument.type))
            elif isinstance(definition, TypeDefinitionNode):
                cut = self._cut(definition)
                if cut is not None:
                    parts.append(cut)
        return "\n\n".join(parts) + "\n"

    def _add_interface_fields(self) -> None:
        """An implementation keeps every field of the interfaces it keeps."""
        for name in list(self.fields):
            definition = self.types[name]
            if isinstance(definition, ObjectLike):
                for interface in definition.interfaces or ():
                    if interface.name.value in self.fields:
                        missing = [
                            f
                            for f in self.fields[interface.name.value]
                            if f not in self.fields[name]
                        ]
                        self.fields[name].extend(missing)

    def _reach_from(self, name: str, wanted: list[str]) -> None:
        definition = self.types[name]
        if isinstance(definition, UnionTypeDefinitionNode):
            return
        assert isinstance(definition, ObjectLike)
        by_name = {f.name.value: f for f in definition.fields or ()}
        for field_name in wanted:
            field = by_name.get(field_name)
            if field is None:
                raise SubsetError(f"{name}.{field_name}: no such field in Saleor")
            returned = _named(field.type)
            target = self.types.get(returned)
            if isinstance(target, ObjectLike | UnionTypeDefinitionNode):
                if returned not in self.fields:
                    raise SubsetError(
                        f"{name}.{field_name}: returns {returned}, which is not served"
                    )
            else:
                self._reach_input(returned)
            for argument in field.arguments or ():
                self._reach_input(_named(argument.type))

    def _reach_input(self, name: str) -> None:
        if name in BUILT_IN_SCALARS or name in self.inputs:
            return
        definition = self.types.get(name)
        if not isinstance(
            definition,
            InputObjectTypeDefinitionNode | EnumTypeDefinitionNode | ScalarTypeDefinitionNode,
        ):
            raise SubsetError(f"{name}: expected an input, enum or scalar type")
        self.inputs.add(name)
        if isinstance(definition, InputObjectTypeDefinitionNode):
            for field in definition.fields or ():
                self._reach_input(_named(field.type))

    def _cut(self, definition: TypeDefinitionNode) -> str | None:
        name = definition.name.value
        if name in self.inputs:
            return _text(self.source, definition)
        if name not in self.fields:
            return None
        if isinstance(definition, UnionTypeDefinitionNode):
            members = [t.name.value for t in definition.types or () if t.name.value in self.fields]
            head = self.source[definition.loc.start : definition.loc.end]  # type: ignore[union-attr]
            return re.sub(r"=.*$", "= " + " | ".join(members), head, flags=re.S)
        assert isinstance(definition, ObjectLike)
        return self._cut_object(definition)

    def _cut_object(self, definition: ObjectLike) -> str:
        fields: list[FieldDefinitionNode] = list(definition.fields or ())
        kept = [f for f in fields if f.name.value in self.fields[definition.name.value]]
        assert definition.loc is not None and fields[0].loc is not None
        head = self.source[definition.loc.start : fields[0].loc.start].rstrip()
        interfaces = [i.name.value for i in definition.interfaces or ()]
        served = [i for i in interfaces if i in self.fields]
        if interfaces and served != interfaces:
            clause = f" implements {' & '.join(served)}" if served else ""
            head = head.replace(f" implements {' & '.join(interfaces)}", clause, 1)
        body = "\n\n".join(f"  {_text(self.source, f)}" for f in kept)
        return f"{head}\n{body}\n}}"


def cut_subset(real_sdl: str, served: Mapping[str, Iterable[str]] = SERVED) -> str:
    return _Cutter(real_sdl, served).run()


if __name__ == "__main__":
    FAKE_SDL.write_text(cut_subset(REAL_SDL.read_text()))
    print(f"wrote {FAKE_SDL}")
