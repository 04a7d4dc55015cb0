"""Cross-subgraph queries through the router, asserting full responses."""

from __future__ import annotations

from tests.supergraph.conftest import Supergraph


async def test_offerings_with_their_saleor_product(supergraph: Supergraph) -> None:
    product_id, variant_ids = supergraph.add_product("Writer Agent", ["Basic", "Pro"])
    offering = await supergraph.offering_for(product_id, variant_ids)
    body = await supergraph.query(
        """query($slug: String) { offering(slug: $slug) {
             slug creditsPerRun
             product { id name slug channel }
             plans { code includedCredits variant { id name sku } }
           } }""",
        {"slug": offering["slug"]},
    )
    assert "errors" not in body, body
    product = supergraph.saleor.data.products[-1]
    assert body["data"]["offering"] == {
        "slug": offering["slug"],
        "creditsPerRun": 3,
        "product": {
            "id": product_id,
            "name": "Writer Agent",
            "slug": product.slug,
            "channel": "default-channel",
        },
        "plans": [
            {
                "code": "p0",
                "includedCredits": 100,
                "variant": {"id": variant_ids[0], "name": "Basic", "sku": product.variants[0].sku},
            },
            {
                "code": "p1",
                "includedCredits": 200,
                "variant": {"id": variant_ids[1], "name": "Pro", "sku": product.variants[1].sku},
            },
        ],
    }


async def test_saleor_products_with_their_offering_and_plans(supergraph: Supergraph) -> None:
    product_id, variant_ids = supergraph.add_product("Analyst Agent", ["Team"])
    offering = await supergraph.offering_for(product_id, variant_ids)
    body = await supergraph.query(
        """query($id: ID!) { product(id: $id, channel: "default-channel") {
             name
             offering { slug plans { code } }
             variants { name plan { code includedCredits offering { slug } } creditPack }
           } }""",
        {"id": product_id},
    )
    assert "errors" not in body, body
    assert body["data"]["product"] == {
        "name": "Analyst Agent",
        "offering": {"slug": offering["slug"], "plans": [{"code": "p0"}]},
        "variants": [
            {
                "name": "Team",
                "plan": {
                    "code": "p0",
                    "includedCredits": 100,
                    "offering": {"slug": offering["slug"]},
                },
                "creditPack": None,
            },
        ],
    }
