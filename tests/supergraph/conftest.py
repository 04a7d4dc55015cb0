"""Queries through our router over the whole supergraph: control-plane, billing, execution
and the Saleor fake, each on its own loopback port."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from cmp.serving import RunningServer
from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import GraphQLPost, Stack
from tests.fakes.saleor.app import FakeSaleor
from tests.fakes.saleor.data import DEFAULT_CHANNEL, Product, Variant, global_id
from tests.support.users import TestUser, new_user


@dataclass
class Supergraph:
    router: RunningServer
    stack: Stack
    gql: GraphQLPost
    issuer: DevIssuer
    staff: TestUser

    @property
    def url(self) -> str:
        return f"{self.router.url}/graphql"

    async def query(
        self, document: str, variables: dict[str, Any] | None = None, user: TestUser | None = None
    ) -> dict[str, Any]:
        return await self.gql(self.url, document, variables, token=user.token if user else None)

    @property
    def saleor(self) -> FakeSaleor:
        fake: FakeSaleor = self.stack.saleor_app.state.fake
        return fake

    def add_product(self, name: str, variants: list[str]) -> tuple[str, list[str]]:
        """A product with variants in the fake Saleor; returns their global ids."""
        base = random.randint(100_000, 900_000)  # clear of other tests' data
        product = Product(
            base,
            name,
            f"{name.lower().replace(' ', '-')}-{base}",
            "agents",
            [
                Variant(base + i + 1, v, f"SKU-{base + i + 1}", {DEFAULT_CHANNEL: 10.0 * (i + 1)})
                for i, v in enumerate(variants)
            ],
        )
        self.saleor.data.products.append(product)
        return global_id("Product", product.pk), [
            global_id("ProductVariant", v.pk) for v in product.variants
        ]

    async def offering_for(self, product_id: str, variant_ids: list[str]) -> dict[str, Any]:
        """Set up on control-plane directly: what is under test is reading it back."""
        body = await self.gql(
            self.stack.control_plane_url,
            """mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) {
                 offering { id slug } errors { message } } }""",
            {
                "i": {
                    "slug": f"agent-{uuid.uuid4().hex[:8]}",
                    "name": "Agent",
                    "flowId": "echo",
                    "creditsPerRun": 3,
                    "productId": product_id,
                    "plans": [
                        {
                            "code": f"p{i}",
                            "name": f"Plan {i}",
                            "includedCredits": 100 * (i + 1),
                            "variantId": v,
                        }
                        for i, v in enumerate(variant_ids)
                    ],
                }
            },
            token=self.staff.token,
        )
        assert body["data"]["offeringCreate"]["errors"] == [], body
        offering: dict[str, Any] = body["data"]["offeringCreate"]["offering"]
        return offering


@pytest.fixture
def supergraph(
    router: RunningServer, stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> Supergraph:
    return Supergraph(router, stack, gql, dev_issuer, new_user(dev_issuer, "staff", staff=True))
