"""The API the router serves holds all of Saleor 3.22: every type, field, argument, input
field, enum value, union member and interface of its `_service { sdl }` (schema/saleor.graphql),
with the same types and defaults — so a storefront can use anything Saleor offers through the
one endpoint."""

from __future__ import annotations

import pytest
from graphql import (
    EnumTypeDefinitionNode,
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    InterfaceTypeDefinitionNode,
    ObjectTypeDefinitionNode,
    ScalarTypeDefinitionNode,
    UnionTypeDefinitionNode,
    parse,
    print_ast,
)
from graphql.language import TypeDefinitionNode

from composition.config import DEFAULT_OUTPUT, SCHEMA_DIR
from router.supergraph import load_supergraph

SALEOR_SDL = SCHEMA_DIR / "saleor.graphql"
FEDERATION_TYPES = frozenset({"_Any", "_Entity", "_Service"})
KINDS: dict[type[TypeDefinitionNode], type[GraphQLNamedType]] = {
    ObjectTypeDefinitionNode: GraphQLObjectType,
    InterfaceTypeDefinitionNode: GraphQLInterfaceType,
    UnionTypeDefinitionNode: GraphQLUnionType,
    EnumTypeDefinitionNode: GraphQLEnumType,
    InputObjectTypeDefinitionNode: GraphQLInputObjectType,
}


@pytest.fixture(scope="module")
def api_schema() -> GraphQLSchema:
    return load_supergraph(DEFAULT_OUTPUT.read_text()).api_schema


def _default(node: InputValueDefinitionNode | None) -> str | None:
    """A default value as written (graphql-core 3.2 and 3.3 keep coerced defaults apart)."""
    return print_ast(node.default_value) if node and node.default_value else None


def missing_from(api: GraphQLSchema, sdl: str) -> list[str]:
    """Every element of `sdl` the API schema lacks or declares differently."""
    problems: list[str] = []
    for node in parse(sdl, no_location=True).definitions:
        if not isinstance(node, TypeDefinitionNode) or node.name.value in FEDERATION_TYPES:
            continue
        name = node.name.value
        served = api.type_map.get(name)
        if isinstance(node, ScalarTypeDefinitionNode):
            if served is None:
                problems.append(f"scalar {name}")
            continue
        if served is None or not isinstance(served, KINDS[type(node)]):
            problems.append(f"type {name}")
            continue
        if isinstance(node, ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode):
            assert isinstance(served, GraphQLObjectType | GraphQLInterfaceType)
            interfaces = {i.name for i in served.interfaces}
            problems += [
                f"{name} implements {i.name.value}"
                for i in node.interfaces or ()
                if i.name.value not in interfaces
            ]
            for field in node.fields or ():
                coordinate = f"{name}.{field.name.value}"
                api_field = served.fields.get(field.name.value)
                if api_field is None or str(api_field.type) != print_ast(field.type):
                    problems.append(coordinate)
                    continue
                for argument in field.arguments or ():
                    api_argument = api_field.args.get(argument.name.value)
                    if api_argument is None or str(api_argument.type) != print_ast(argument.type):
                        problems.append(f"{coordinate}({argument.name.value}:)")
                    elif _default(argument) != _default(api_argument.ast_node):
                        problems.append(f"{coordinate}({argument.name.value}:) default")
        elif isinstance(node, InputObjectTypeDefinitionNode):
            assert isinstance(served, GraphQLInputObjectType)
            for input_field in node.fields or ():
                api_input = served.fields.get(input_field.name.value)
                if api_input is None or str(api_input.type) != print_ast(input_field.type):
                    problems.append(f"{name}.{input_field.name.value}")
        elif isinstance(node, EnumTypeDefinitionNode):
            assert isinstance(served, GraphQLEnumType)
            problems += [
                f"{name}.{v.name.value}"
                for v in node.values or ()
                if v.name.value not in served.values
            ]
        elif isinstance(node, UnionTypeDefinitionNode):
            assert isinstance(served, GraphQLUnionType)
            members = {t.name for t in served.types}
            problems += [
                f"{name} | {t.name.value}" for t in node.types or () if t.name.value not in members
            ]
    return problems


def test_api_schema_holds_every_element_of_saleors_sdl(api_schema: GraphQLSchema) -> None:
    sdl = SALEOR_SDL.read_text()
    assert missing_from(api_schema, sdl) == []
    # The real thing, not a stand-in: thousands of elements, the storefront's among them.
    definitions = parse(sdl, no_location=True).definitions
    assert len(definitions) > 1400
    products = api_schema.query_type.fields["products"]  # type: ignore[union-attr]
    assert {"channel", "filter", "where", "sortBy", "search", "first", "after"} <= set(
        products.args
    )
    mutations = api_schema.mutation_type.fields  # type: ignore[union-attr]
    assert {"checkoutCreate", "checkoutComplete", "tokenCreate", "accountRegister"} <= set(
        mutations
    )


def test_the_check_notices_what_is_missing(api_schema: GraphQLSchema) -> None:
    sdl = """type Query { products(channel: String = "x", mood: String): ProductCountableConnection }
    type Product { id: ID! sparkle: Int }
    enum OrderDirection { ASC DESC SIDEWAYS }
    input CheckoutLineInput { quantity: Int! colour: String }
    type Unheard { x: Int }"""
    assert missing_from(api_schema, sdl) == [
        "Query.products(channel:) default",
        "Query.products(mood:)",
        "Product.sparkle",
        "OrderDirection.SIDEWAYS",
        "CheckoutLineInput.colour",
        "type Unheard",
    ]
