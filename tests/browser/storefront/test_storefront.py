"""The reference storefront in a real browser (Debian's Chromium, driven by Playwright) against
the real stack: the Next.js production build, our router with Saleor's webhook endpoint, the
subgraphs on PostgreSQL, the Saleor fake and a run worker.

- The server-rendered catalog lists an offering created through the API; its page shows plans.
- Development sign-in, an organization created in the page, a run started and watched live
  (runUpdated over SSE) to its output and charge, the wallet and ledger in the account.
- The shop journey: Saleor sign-in, checkout with the cmp.organization metadata, the paid
  order's signed webhook, the instance and credits in the account, a run watched to its end.
  It needs Saleor's checkout in schema/supergraph.graphql (issue 11) and skips until then.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import httpx
import pytest

from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import SUPERGRAPH_SDL, GraphQLPost, WorkerFactory
from tests.fakes.saleor.data import global_id
from tests.storefront.app import Storefront
from tests.support.shop_router import ShopRouter
from tests.support.users import new_user

SALEOR_CHECKOUT = "checkoutCreate(" in SUPERGRAPH_SDL
TIMEOUT_MS = 20_000

OFFERING_CREATE = """mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) {
  offering { id slug name plans { id code } } errors { code message } } }"""


async def _data(
    gql: GraphQLPost, url: str, document: str, variables: dict[str, Any], token: str
) -> dict[str, Any]:
    body = await gql(url, document, variables, token=token)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def _offering(
    gql: GraphQLPost,
    shop: ShopRouter,
    staff_token: str,
    product_id: str | None = None,
    variants: list[str] | None = None,
) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:8]
    plans = [("basic", "Basic", 100), ("pro", "Pro", 1000)]
    created = await _data(
        gql,
        shop.graphql_url,
        OFFERING_CREATE,
        {
            "i": {
                "slug": f"scribe-{suffix}",
                "name": f"Scribe {suffix}",
                "description": "Writes for you.",
                "flowId": "slow-0.5",  # long enough to be seen RUNNING
                "creditsPerRun": 5,
                "productId": product_id,
                "plans": [
                    {
                        "code": code,
                        "name": name,
                        "includedCredits": credits,
                        "variantId": variants[i] if variants else None,
                    }
                    for i, (code, name, credits) in enumerate(plans)
                ],
            }
        },
        staff_token,
    )
    payload = created["offeringCreate"]
    assert payload["errors"] == [], payload
    offering: dict[str, Any] = payload["offering"]
    return offering


def _product(shop: ShopRouter, variants: list[tuple[str, float]]) -> tuple[str, list[str]]:
    product = shop.fake.data.add_product(f"Scribe product {uuid.uuid4().hex[:6]}", variants)
    return global_id("Product", product.pk), [
        global_id("ProductVariant", v.pk) for v in product.variants
    ]


async def test_the_server_rendered_catalog_lists_an_offering_created_through_the_api(
    storefront: Storefront, shop: ShopRouter, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    staff = new_user(dev_issuer, "staff", staff=True)
    # Sold in Saleor: a product whose variants sell the plans.
    product, variants = _product(shop, [("Basic", 9.0), ("Pro", 29.0)])
    offering = await _offering(gql, shop, staff.token, product, variants)
    async with httpx.AsyncClient(timeout=30) as http:
        catalog = await http.get(f"{storefront.url}/")
        page = await http.get(f"{storefront.url}/offerings/{offering['slug']}")
        missing = await http.get(f"{storefront.url}/offerings/no-such-agent-{uuid.uuid4().hex[:6]}")
    assert catalog.status_code == 200
    catalog_html, page_html = (r.text.replace("<!-- -->", "") for r in (catalog, page))
    # In the HTML itself (server-rendered), not fetched later by the browser.
    assert offering["name"] in catalog_html
    assert f'href="/offerings/{offering["slug"]}"' in catalog_html
    assert page.status_code == 200
    assert "Basic" in page_html and "Pro" in page_html
    assert "100 credits included" in page_html and "1,000 credits included" in page_html
    assert "$9.00" in page_html and "$29.00" in page_html  # the variants' prices, from Saleor
    assert "from $9.00" in catalog_html
    assert missing.status_code == 404


async def test_dev_sign_in_organization_and_a_run_watched_live(
    storefront: Storefront,
    shop: ShopRouter,
    gql: GraphQLPost,
    dev_issuer: DevIssuer,
    browser_page: Any,
    workers: WorkerFactory,
) -> None:
    await workers(concurrency=2)
    staff = new_user(dev_issuer, "staff", staff=True)
    offering = await _offering(gql, shop, staff.token)
    email = f"dev-{uuid.uuid4().hex[:8]}@example.com"
    page = browser_page
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    # Development sign-in (cmp token), then an organization made in the page.
    await page.goto(f"{storefront.url}/account")
    dev = page.get_by_role("region", name="Development sign-in")
    await dev.get_by_label("Email").fill(email)
    await dev.get_by_role("button", name="Get a development token").click()
    await page.get_by_text(f"Signed in as {email}").wait_for(timeout=TIMEOUT_MS)
    create = page.get_by_role("form", name="New organization")
    await create.get_by_role(
        "button", name="Create organization"
    ).click()  # empty: refused by the browser
    await create.get_by_label("New organization").fill("Ada Labs")
    await create.get_by_role("button", name="Create organization").click()
    organization = page.get_by_test_id("organization").filter(has_text="Ada Labs")
    await organization.wait_for(timeout=TIMEOUT_MS)
    assert await organization.get_by_text("No instances yet").is_visible()

    # Staff provisions an instance and grants credits (what a paid order does, without Saleor).
    orgs = await _data(
        gql, shop.graphql_url, "{ organizations { id name } }", {}, dev_issuer.token(email)
    )
    [org] = orgs["organizations"]
    provisioned = await _data(
        gql,
        shop.graphql_url,
        """mutation($i: InstanceProvisionInput!) { instanceProvision(input: $i) {
             instance { id name } errors { message } } }""",
        {
            "i": {
                "organizationId": org["id"],
                "offeringId": offering["id"],
                "planId": offering["plans"][0]["id"],
                "name": "Ada's scribe",
            }
        },
        staff.token,
    )
    instance = provisioned["instanceProvision"]["instance"]
    await _data(
        gql,
        shop.graphql_url,
        """mutation($i: WalletAdjustInput!) { walletAdjust(input: $i) { errors { message } } }""",
        {
            "i": {
                "organizationId": org["id"],
                "amount": 12,
                "reason": "test",
                "idempotencyKey": uuid.uuid4().hex,
            }
        },
        staff.token,
    )
    await page.get_by_role("button", name="Refresh").click()
    await (
        organization.get_by_test_id("wallet-balance")
        .filter(has_text="12 credits")
        .wait_for(timeout=TIMEOUT_MS)
    )
    await organization.get_by_role("link", name="Ada's scribe").click()

    # The instance page: a run started, then watched over SSE until it settles.
    await page.get_by_role("heading", name="Ada's scribe").wait_for(timeout=TIMEOUT_MS)
    await page.get_by_label("Message to the agent").fill("hello storefront")
    await page.get_by_role("button", name="Start run").click()
    live = page.get_by_test_id("live-run")
    await live.wait_for(timeout=TIMEOUT_MS)
    await page.locator(
        '[data-testid="live-run"][data-settled="true"][data-status="SUCCEEDED"]'
    ).wait_for(timeout=TIMEOUT_MS)
    assert await page.get_by_test_id("live-run-output").inner_text() == "echo: hello storefront"
    assert await page.get_by_test_id("live-run-charge").inner_text() == "5 credits"
    assert "Credits left: 7 credits" in await live.inner_text()

    # A second run with 7 credits left works; the third (2 left) is refused next to the button.
    # (Refusal comes back in runStart's errors and is shown beside "Start run".)
    await page.get_by_label("Message to the agent").fill("again")
    await page.get_by_role("button", name="Start run").click()
    await (
        page.get_by_test_id("live-run-output")
        .filter(has_text="echo: again")
        .wait_for(timeout=TIMEOUT_MS)
    )
    await page.locator(
        '[data-testid="live-run"][data-settled="true"][data-status="SUCCEEDED"]'
    ).wait_for(timeout=TIMEOUT_MS)
    await page.get_by_label("Message to the agent").fill("one too many")
    await page.get_by_role("button", name="Start run").click()
    alert = page.get_by_role("form", name="Start a run").get_by_role("alert")
    await alert.wait_for(timeout=TIMEOUT_MS)
    assert re.search(r"credit", await alert.inner_text(), re.IGNORECASE), await alert.inner_text()

    # The account: the ledger holds the adjustment and both charges.
    await page.goto(f"{storefront.url}/account")
    wallet = page.get_by_test_id("organization").filter(has_text="Ada Labs")
    await (
        wallet.get_by_test_id("wallet-balance")
        .filter(has_text="2 credits")
        .wait_for(timeout=TIMEOUT_MS)
    )
    ledger = await wallet.locator("table").inner_text()
    assert ledger.count("run charge") == 2 and "adjustment" in ledger
    assert instance["id"]
    # Every API call went to the router (the storefront's own origin serves pages only).
    api_calls = [url for url in requests if "/graphql" in url]
    assert api_calls and all(url.startswith(shop.graphql_url) for url in api_calls), api_calls


@pytest.mark.skipif(
    not SALEOR_CHECKOUT,
    reason="Saleor's checkout mutations are not in schema/supergraph.graphql yet (issue 11)",
)
async def test_shop_journey_from_catalog_to_a_finished_run(
    storefront: Storefront,
    shop: ShopRouter,
    gql: GraphQLPost,
    dev_issuer: DevIssuer,
    browser_page: Any,
    workers: WorkerFactory,
) -> None:
    await workers(concurrency=2)
    staff = new_user(dev_issuer, "staff", staff=True)
    fake = shop.fake
    product, variants = _product(shop, [("Basic", 9.0), ("Pro", 29.0), ("500 credits", 5.0)])
    offering = await _offering(gql, shop, staff.token, product, variants[:2])
    pack = await _data(
        gql,
        shop.graphql_url,
        "mutation($i: CreditPackSetInput!) { creditPackSet(input: $i) { errors { message } } }",
        {"i": {"variantId": variants[2], "credits": 500}},
        staff.token,
    )
    assert pack["creditPackSet"]["errors"] == []
    shopper = fake.data.add_user(password="pw")
    page = browser_page

    # Browse: the catalog (Saleor's products with their offerings), then the agent's page.
    await page.goto(f"{storefront.url}/")
    await page.get_by_role("link", name=offering["name"]).click()
    await page.get_by_role("heading", name=offering["name"]).wait_for(timeout=TIMEOUT_MS)
    pro = page.get_by_test_id("plan-pro")
    assert "1,000 credits included" in await pro.inner_text()
    assert "$29.00" in await pro.inner_text()
    packs = page.get_by_role("list", name="Credit packs")
    assert "500 credits" in await packs.inner_text() and "$5.00" in await packs.inner_text()

    # Sign in with Saleor (tokenCreate through the router); a wrong password is refused first.
    buy = page.get_by_role("complementary", name="Buy")
    await buy.get_by_role("link", name="Sign in").click()
    form = page.get_by_role("region", name="Sign in")
    await form.get_by_label("Email").fill(shopper.email)
    await form.get_by_label("Password").fill("wrong")
    await form.get_by_role("button", name="Sign in").click()
    await (
        form.get_by_role("alert")
        .get_by_text("Please, enter valid credentials")
        .wait_for(timeout=TIMEOUT_MS)
    )
    await form.get_by_label("Password").fill("pw")
    await form.get_by_role("button", name="Sign in").click()
    await page.get_by_role("heading", name=offering["name"]).wait_for(
        timeout=TIMEOUT_MS
    )  # back to the agent

    # An organization to buy for, then the checkout: the Pro plan, billed, paid.
    token = (
        await _data(
            gql,
            shop.graphql_url,
            'mutation($e: String!) { tokenCreate(email: $e, password: "pw") { token } }',
            {"e": shopper.email},
            "",
        )
    )["tokenCreate"]["token"]
    org = (
        await _data(
            gql,
            shop.graphql_url,
            'mutation { organizationCreate(input: {name: "Ada Labs"}) { organization { id } } }',
            {},
            token,
        )
    )["organizationCreate"]["organization"]
    await page.reload()
    await buy.get_by_label(re.compile(r"^Pro plan")).check()
    await buy.get_by_label("For organization").select_option(label="Ada Labs")
    await buy.get_by_label("First name").fill("Ada")
    await buy.get_by_label("Last name").fill("Lovelace")
    await buy.get_by_label("Street address").fill("1 Analytical Way")
    await buy.get_by_label("City").fill("London")
    await buy.get_by_label("Postal code").fill("N1 9GU")
    await buy.get_by_label("Country").select_option("GB")
    await buy.get_by_role("button", name="Pay and place order").click()
    await buy.get_by_text(re.compile(r"Order #\S+ is placed and paid")).wait_for(timeout=TIMEOUT_MS)

    # Saleor tells the router's webhook that the order is paid (signed, as Saleor signs it).
    [order] = [o for o in fake.data.orders if o.metadata.get("cmp.organization") == org["id"]]
    delivered = await fake.send_order_fully_paid(shop.webhook_url, order)
    assert delivered.status_code == 202

    # The account: the instance and the plan's credits (once the delivery is processed).
    await page.get_by_role("link", name="your account").click()
    mine = page.get_by_test_id("organization").filter(has_text="Ada Labs")
    for _ in range(100):
        if await mine.get_by_test_id("instance").count():
            break
        await page.get_by_role("button", name="Refresh").click()
        await page.wait_for_timeout(200)
    await (
        mine.get_by_test_id("wallet-balance")
        .filter(has_text="1,000 credits")
        .wait_for(timeout=TIMEOUT_MS)
    )
    assert "plan grant" in await mine.locator("table").inner_text()
    instance = mine.get_by_test_id("instance")
    assert "ACTIVE" in await instance.inner_text() and "Pro plan" in await instance.inner_text()

    # A run, watched live to its end, charged.
    await instance.get_by_role("link").click()
    await page.get_by_label("Message to the agent").fill("write me a haiku")
    await page.get_by_role("button", name="Start run").click()
    await page.locator(
        '[data-testid="live-run"][data-settled="true"][data-status="SUCCEEDED"]'
    ).wait_for(timeout=TIMEOUT_MS)
    assert await page.get_by_test_id("live-run-output").inner_text() == "echo: write me a haiku"
    assert await page.get_by_test_id("live-run-charge").inner_text() == "5 credits"
    assert "Credits left: 995 credits" in await page.get_by_test_id("live-run").inner_text()
