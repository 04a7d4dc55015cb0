"""Supergraph -> API schema: join/link machinery and @inaccessible elements removed."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, print_schema

from composition import compose
from composition.config import DEFAULT_OUTPUT
from router.supergraph.api_schema import api_schema_of_sdl
from tests.composition.support import load_set


def test_inaccessible_elements_and_machinery_are_removed() -> None:
    schema = api_schema_of_sdl(compose(load_set("inaccessible")))
    sdl = print_schema(schema)
    assert "join__" not in sdl and "link__" not in sdl and "@inaccessible" not in sdl
    query = schema.query_type
    assert query is not None
    assert set(query.fields) == {"visible", "things"}
    assert "Internal" not in schema.type_map
    thing = schema.get_type("Thing")
    assert isinstance(thing, GraphQLObjectType)
    assert set(thing.fields) == {"id", "name", "label"}
    kind = schema.get_type("Kind")
    assert isinstance(kind, GraphQLEnumType) and set(kind.values) == {"PUBLIC"}
    search = schema.get_type("Filter")
    assert isinstance(search, GraphQLInputObjectType) and set(search.fields) == {"name"}


def test_project_api_schema_hides_service_only_operations() -> None:
    schema = api_schema_of_sdl(DEFAULT_OUTPUT.read_text())
    mutation = schema.mutation_type
    assert mutation is not None and "walletAdjust" in mutation.fields
    assert "walletGrant" not in mutation.fields and "WalletGrantInput" not in schema.type_map
    assert schema.get_type("Product") is not None and schema.get_type("Wallet") is not None


def test_tags_do_not_reach_clients() -> None:
    sdl = print_schema(api_schema_of_sdl(compose(load_set("tag"))))
    assert "@tag" not in sdl and "type Item" in sdl
