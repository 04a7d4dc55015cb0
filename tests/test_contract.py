"""The public API keeps the contract (tests/fixtures/contract/cmp.graphql): every type, field,
argument, input field and enum value it names is in the router's API schema with the same type
and default. Adding is allowed, renaming or removing is not (the contract's own rules)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DefinitionNode,
    EnumTypeDefinitionNode,
    FieldDefinitionNode,
    GraphQLArgument,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ObjectTypeExtensionNode,
    ScalarTypeDefinitionNode,
    Undefined,
    UnionTypeDefinitionNode,
    ast_from_value,
    parse,
    print_ast,
)

from router.pipeline import Router
from tests.conftest import SUPERGRAPH_SDL
from tests.fixtures import CONTRACT_SDL

API_SCHEMA = Router.from_sdl(SUPERGRAPH_SDL).schema
CONTRACT = parse(CONTRACT_SDL.read_text())


def _default(ours: GraphQLArgument | GraphQLInputField) -> str | None:
    """As written in the supergraph (the router's schema keeps defaults on the AST nodes)."""
    if ours.ast_node is not None and ours.ast_node.default_value is not None:
        return print_ast(ours.ast_node.default_value)
    if ours.default_value is Undefined:
        return None
    node = ast_from_value(ours.default_value, ours.type)
    return print_ast(node) if node is not None else None


def _input_problems(
    where: str, theirs: InputValueDefinitionNode, ours: GraphQLArgument | GraphQLInputField | None
) -> Iterator[str]:
    if ours is None:
        yield f"{where}: missing"
        return
    if str(ours.type) != print_ast(theirs.type):
        yield f"{where}: {ours.type}, the contract says {print_ast(theirs.type)}"
    contract_default = print_ast(theirs.default_value) if theirs.default_value else None
    if _default(ours) != contract_default:
        yield f"{where}: default {_default(ours)}, the contract says {contract_default}"


def _field_problems(
    type_name: str, theirs: FieldDefinitionNode, ours: GraphQLField | None, name: str
) -> Iterator[str]:
    where = f"{type_name}.{name}"
    if ours is None:
        yield f"{where}: missing"
        return
    if str(ours.type) != print_ast(theirs.type):
        yield f"{where}: {ours.type}, the contract says {print_ast(theirs.type)}"


def problems_of(definition: DefinitionNode) -> Iterator[str]:
    name = definition.name.value  # type: ignore[attr-defined]
    ours: GraphQLNamedType | None = API_SCHEMA.get_type(name)
    if ours is None:
        yield f"type {name}: missing"
        return
    if isinstance(
        definition,
        ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode,
    ):
        assert isinstance(ours, GraphQLObjectType | GraphQLInterfaceType), name
        for field in definition.fields or ():
            field_name = field.name.value
            our_field = ours.fields.get(field_name)
            yield from _field_problems(name, field, our_field, field_name)
            for argument in field.arguments or ():
                where = f"{name}.{field_name}({argument.name.value}:)"
                our_argument = our_field.args.get(argument.name.value) if our_field else None
                yield from _input_problems(where, argument, our_argument)
    elif isinstance(definition, InputObjectTypeDefinitionNode):
        assert isinstance(ours, GraphQLInputObjectType), name
        for input_field in definition.fields or ():
            where = f"{name}.{input_field.name.value}"
            yield from _input_problems(where, input_field, ours.fields.get(input_field.name.value))
    elif isinstance(definition, EnumTypeDefinitionNode):
        assert isinstance(ours, GraphQLEnumType), name
        for value in definition.values or ():
            if value.name.value not in ours.values:
                yield f"{name}.{value.name.value}: missing"
    elif isinstance(definition, UnionTypeDefinitionNode):
        members = {member.name for member in API_SCHEMA.get_possible_types(ours)}  # type: ignore[arg-type]
        for member in definition.types or ():
            if member.name.value not in members:
                yield f"{name} | {member.name.value}: missing"
    else:
        assert isinstance(definition, ScalarTypeDefinitionNode), name


def test_the_api_schema_keeps_the_contract() -> None:
    problems = [
        problem for definition in CONTRACT.definitions for problem in problems_of(definition)
    ]
    assert problems == []


def test_the_contract_is_not_vacuous() -> None:
    """The check above would pass on an empty file: the copy holds the whole contract."""
    names = {definition.name.value for definition in CONTRACT.definitions}  # type: ignore[attr-defined]
    assert {"Organization", "Wallet", "Run", "Mutation", "Query", "Subscription"} <= names
    assert len(CONTRACT.definitions) >= 50
