"""Every operation `cmp saleor bootstrap` and `sync` send to Saleor is valid against Saleor
3.22's real SDL (schema/saleor.graphql) — real mutation names, inputs and fields — and those
sent to control-plane against its SDL."""

from __future__ import annotations

import pytest
from graphql import GraphQLSchema, build_ast_schema, parse, validate

from cmp.saleor import bootstrap, sync
from composition.config import SCHEMA_DIR

SALEOR_DOCUMENTS = {
    name: getattr(module, name)
    for module, names in (
        (
            bootstrap,
            [
                "SIGN_IN",
                "APPS",
                "APP_CREATE",
                "APP_UPDATE",
                "APP_TOKEN_CREATE",
                "WEBHOOK_CREATE",
                "WEBHOOK_UPDATE",
                "PRODUCT_TYPES",
                "PRODUCT_TYPE_CREATE",
                "PRODUCT_TYPE_UPDATE",
                "CATEGORIES",
                "CATEGORY_CREATE",
            ],
        ),
        (
            sync,
            [
                "SETUP",
                "PRODUCT_BY_ID",
                "PRODUCT_BY_SLUG",
                "VARIANT_BY_SKU",
                "PRODUCT_CREATE",
                "PRODUCT_UPDATE",
                "LISTING_UPDATE",
                "VARIANT_CREATE",
                "VARIANT_UPDATE",
                "VARIANT_PRICE",
            ],
        ),
    )
    for name in names
}
CONTROL_PLANE_DOCUMENTS = {
    name: getattr(sync, name)
    for name in ("OFFERINGS", "OFFERING_UPDATE", "CREDIT_PACK_SET", "CREDIT_PACKS")
}
# What a federation library adds to control-plane's SDL to serve it (not printed in the SDL).
FEDERATION = """scalar _FieldSet
directive @key(fields: _FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
directive @link(url: String, import: [String]) repeatable on SCHEMA
directive @shareable on OBJECT | FIELD_DEFINITION
directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
"""


def _schema(sdl: str) -> GraphQLSchema:
    return build_ast_schema(parse(sdl), assume_valid_sdl=True)


@pytest.fixture(scope="module")
def saleor() -> GraphQLSchema:
    return _schema((SCHEMA_DIR / "saleor.graphql").read_text())


@pytest.mark.parametrize("name", sorted(SALEOR_DOCUMENTS))
def test_saleor_operations_are_valid_against_saleors_sdl(saleor: GraphQLSchema, name: str) -> None:
    assert validate(saleor, parse(SALEOR_DOCUMENTS[name])) == []


@pytest.mark.parametrize("name", sorted(CONTROL_PLANE_DOCUMENTS))
def test_control_plane_operations_are_valid(name: str) -> None:
    schema = _schema(FEDERATION + (SCHEMA_DIR / "control-plane.graphql").read_text())
    assert validate(schema, parse(CONTROL_PLANE_DOCUMENTS[name])) == []
