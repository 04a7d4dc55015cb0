"""The playground in a real browser: GET /graphql opens GraphiQL (assets from the router itself,
nothing from another origin), runs an operation that crosses control-plane and Saleor, shows
its result and, in the plan panel, the query plan."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from cmp.serving import RunningServer
from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import GraphQLPost, Stack
from tests.supergraph.conftest import Supergraph
from tests.support.users import new_user


async def test_the_playground_runs_a_query_across_subgraphs(
    browser_page: Any,
    router: RunningServer,
    stack: Stack,
    gql: GraphQLPost,
    dev_issuer: DevIssuer,
) -> None:
    supergraph = Supergraph(router, stack, gql, dev_issuer, new_user(dev_issuer, "staff", True))
    name = f"Browser Agent {uuid.uuid4().hex[:6]}"
    product_id, variant_ids = supergraph.add_product(name, ["Monthly"])
    offering = await supergraph.offering_for(product_id, variant_ids)
    query = f'{{ offering(slug: "{offering["slug"]}") {{ slug product {{ name }} }} }}'

    page = browser_page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    await page.goto(f"{router.url}/graphql?query={quote(query)}")
    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    await result.get_by_text(name).wait_for(timeout=15_000)
    text = await result.inner_text()
    assert offering["slug"] in text
    plan = page.get_by_test_id("query-plan")
    await plan.wait_for(timeout=5_000)
    plan_text = await plan.inner_text()
    assert 'Fetch(service: "control-plane")' in plan_text
    assert 'Fetch(service: "saleor")' in plan_text
    assert "apolloQueryPlan" not in text  # shown in the panel, not in the result
    assert requested and all(url.startswith(router.url) for url in requested), requested


async def test_a_token_link_opens_the_playground_signed_in(
    browser_page: Any, router: RunningServer, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    """`cmp token --playground`'s address: the token lands in the Headers tab (and leaves the
    address bar), so the first operation runs as that user; the page has its icon, and the
    plan panel wraps long lines."""
    ada = new_user(dev_issuer, "ada")
    name = f"Ada Labs {uuid.uuid4().hex[:6]}"
    created = await gql(
        f"{router.url}/graphql",
        "mutation($name: String!) { organizationCreate(input: {name: $name}) { errors { code } } }",
        {"name": name},
        token=ada.token,
    )
    assert created["data"]["organizationCreate"]["errors"] == []

    page = browser_page
    query = "{ organizations { name } }"
    await page.goto(f"{router.url}/graphql?query={quote(query)}#token={ada.token}")
    await page.locator(".graphiql-execute-button").click()
    result = page.locator(".result-window")
    await result.get_by_text(name).wait_for(timeout=15_000)  # only Ada sees her organization
    assert ada.token not in page.url
    icon = await page.locator('link[rel="icon"]').get_attribute("href")
    assert icon == "/playground/favicon.svg"
    plan = page.get_by_test_id("query-plan")
    await plan.wait_for(timeout=5_000)
    wrap = await plan.evaluate("element => getComputedStyle(element).whiteSpace")
    assert wrap == "pre-wrap"
