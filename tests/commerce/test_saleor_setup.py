"""`cmp saleor bootstrap` and `cmp saleor sync` against the Saleor fake over real HTTP:
what they create, that a second run changes nothing, that `--dry-run` changes nothing, and
that bad input is refused before anything is written."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cmp.cli import app as cli
from cmp.saleor.bootstrap import (
    APP_PERMISSIONS,
    WEBHOOK_QUERY,
    BootstrapOptions,
    BootstrapReport,
    bootstrap,
    sign_in,
)
from cmp.saleor.client import GraphQLClient, SetupError
from cmp.saleor.prices import parse_prices
from cmp.saleor.sync import sync
from cmp.serving import RunningServer, start_server
from kernel.auth.dev_issuer import DevIssuer
from tests.conftest import SERVICE_TOKEN, GraphQLPost, Stack
from tests.fakes.saleor import create_app
from tests.fakes.saleor.app import FakeSaleor
from tests.support.users import new_user

runner = CliRunner()
HOOK = "http://router.example:4000/webhooks/saleor"


@pytest.fixture
async def saleor() -> AsyncIterator[tuple[RunningServer, FakeSaleor]]:
    """A Saleor of its own: bootstrap's effects are the only ones in it."""
    app = create_app()
    server = await start_server(app)
    try:
        yield server, FakeSaleor.of(app, f"{server.url}/graphql/")
    finally:
        await server.stop()


def _staff(url: str) -> GraphQLClient:
    client = GraphQLClient(url)
    return client.with_bearer(sign_in(client, "staff@example.com", "staff-password"))


async def _bootstrap(url: str, dry_run: bool = False, **options: Any) -> BootstrapReport:
    return await asyncio.to_thread(
        lambda: bootstrap(_staff(url), BootstrapOptions(HOOK, **options), dry_run)
    )


async def test_bootstrap_creates_what_the_project_needs_then_keeps_it(
    saleor: tuple[RunningServer, FakeSaleor],
) -> None:
    server, fake = saleor
    url = f"{server.url}/graphql/"
    before = (len(fake.data.apps), len(fake.data.webhooks), len(fake.data.product_types))

    planned = await _bootstrap(url, dry_run=True)
    assert [s.verb for s in planned.steps] == ["create"] * 4
    assert (len(fake.data.apps), len(fake.data.webhooks), len(fake.data.product_types)) == before
    assert planned.app_token is None

    done = await _bootstrap(url)
    assert [str(s).split()[0] for s in done.steps] == ["create"] * 4
    [app] = [a for a in fake.data.apps if a.name == "CMP"]
    assert app.permissions == list(APP_PERMISSIONS) and app.id == done.app_id
    assert done.app_token is not None and app.has_token(done.app_token)
    [webhook] = [w for w in fake.data.webhooks if w.app_pk == app.pk]
    assert (webhook.name, webhook.target_url, webhook.async_events, webhook.is_active) == (
        "cmp orders",
        HOOK,
        ["ORDER_FULLY_PAID"],
        True,
    )
    assert webhook.subscription_query == WEBHOOK_QUERY and webhook.secret_key is None
    product_type = fake.data.product_type("ai-agent")
    assert product_type is not None and product_type.id == done.product_type_id
    assert (
        product_type.is_shipping_required,
        product_type.is_digital,
        product_type.has_variants,
        product_type.kind,
    ) == (False, True, True, "NORMAL")
    category = fake.data.category("ai-agents")
    assert category is not None and category.id == done.category_id

    # The app token works: it reads orders (MANAGE_ORDERS), as control-plane will.
    order_id = fake.data.orders[0].id
    body = await asyncio.to_thread(
        lambda: (
            GraphQLClient(url)
            .with_bearer(done.app_token or "")
            .query("query($id: ID!) { order(id: $id) { id } }", {"id": order_id})
        )
    )
    assert body == {"order": {"id": order_id}}

    again = await _bootstrap(url)
    assert [s.verb for s in again.steps] == ["keep"] * 4 and again.app_token is None
    assert (again.app_id, again.webhook_id) == (done.app_id, done.webhook_id)
    assert len(fake.data.apps) == before[0] + 1 and len(app.tokens) == 1

    # Drift is repaired; a new token only when asked for.
    app.permissions = ["MANAGE_ORDERS"]
    webhook.target_url = "http://elsewhere.example/hook"
    repaired = await _bootstrap(url, new_token=True)
    assert [s.verb for s in repaired.steps] == ["update", "create", "update", "keep", "keep"]
    assert app.permissions == list(APP_PERMISSIONS) and webhook.target_url == HOOK
    assert repaired.app_token is not None and app.has_token(repaired.app_token)
    assert len(app.tokens) == 2


async def test_bootstrap_refuses_who_may_not(saleor: tuple[RunningServer, FakeSaleor]) -> None:
    server, fake = saleor
    url = f"{server.url}/graphql/"
    client = GraphQLClient(url)
    with pytest.raises(SetupError, match="is not a Saleor staff user"):
        await asyncio.to_thread(sign_in, client, "alice@example.com", "alice-password")
    with pytest.raises(SetupError, match="INVALID_CREDENTIALS"):
        await asyncio.to_thread(sign_in, client, "staff@example.com", "wrong")
    clerk = fake.data.add_user(password="pw", is_staff=True)
    clerk.permissions = frozenset({"MANAGE_ORDERS"})
    as_clerk = client.with_bearer(await asyncio.to_thread(sign_in, client, clerk.email, "pw"))
    with pytest.raises(SetupError, match="following permissions: MANAGE_APPS"):
        await asyncio.to_thread(bootstrap, as_clerk, BootstrapOptions(HOOK))
    clerk.permissions = frozenset({"MANAGE_APPS"})  # may manage apps, not grant what it lacks
    with pytest.raises(SetupError, match="OUT_OF_SCOPE_PERMISSION"):
        await asyncio.to_thread(bootstrap, as_clerk, BootstrapOptions(HOOK))
    assert not [a for a in fake.data.apps if a.name == "CMP"]


async def test_bootstrap_command(saleor: tuple[RunningServer, FakeSaleor]) -> None:
    server, fake = saleor
    url = f"{server.url}/graphql/"
    arguments = ["saleor", "bootstrap", "--api", url, "--webhook-url", HOOK]
    staff = ["--email", "staff@example.com", "--password", "staff-password"]
    dry = await asyncio.to_thread(runner.invoke, cli, [*arguments, *staff, "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would create app 'CMP'" in dry.output and "SALEOR_APP_TOKEN" not in dry.output
    assert not [a for a in fake.data.apps if a.name == "CMP"]
    done = await asyncio.to_thread(runner.invoke, cli, [*arguments, *staff])
    assert done.exit_code == 0, done.output
    [token] = [
        line.split("=", 1)[1]
        for line in done.output.splitlines()
        if line.startswith("SALEOR_APP_TOKEN=")
    ]
    [app] = [a for a in fake.data.apps if a.name == "CMP"]
    assert app.has_token(token)
    staff_token = await asyncio.to_thread(
        sign_in, GraphQLClient(url), "staff@example.com", "staff-password"
    )
    kept = await asyncio.to_thread(runner.invoke, cli, [*arguments, "--token", staff_token])
    assert kept.exit_code == 0, kept.output
    steps = [line.split()[0] for line in kept.output.splitlines()[:4]]
    assert steps == ["keep"] * 4 and "SALEOR_APP_TOKEN" not in kept.output
    refused = await asyncio.to_thread(runner.invoke, cli, arguments)
    assert refused.exit_code == 2 and "--email and --password" in refused.output
    wrong = await asyncio.to_thread(
        runner.invoke, cli, [*arguments, "--email", "staff@example.com", "--password", "nope"]
    )
    assert wrong.exit_code == 2 and "INVALID_CREDENTIALS" in wrong.output


# ---------------------------------------------------------------------------- sync


async def _offering(stack: Stack, gql: GraphQLPost, issuer: DevIssuer, slug: str) -> None:
    staff = new_user(issuer, "staff", staff=True)
    created = await gql(
        stack.control_plane_url,
        """mutation($i: OfferingCreateInput!) { offeringCreate(input: $i) {
             offering { id } errors { message } } }""",
        {
            "i": {
                "slug": slug,
                "name": f"Agent {slug}",
                "flowId": "echo",
                "creditsPerRun": 3,
                "plans": [
                    {"code": "solo", "name": "Solo", "includedCredits": 50},
                    {"code": "team", "name": "Team", "includedCredits": 500},
                ],
            }
        },
        token=staff.token,
    )
    assert created["data"]["offeringCreate"]["errors"] == [], created


PRICES = """
[offerings.{slug}.plans]
solo = "4.50"
team = "{team}"
[[offerings.{slug}.credit_packs]]
credits = 250
price = "2.00"
"""
LINKS = """query($slug: String!) { offering(slug: $slug) { product { id }
  plans { code variant { id } } } }"""


async def test_sync_makes_offerings_products_and_links_them_back(
    stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer
) -> None:
    fake = FakeSaleor.of(stack.saleor_app, stack.saleor_url)
    slug = f"sync-{uuid.uuid4().hex[:8]}"
    await _offering(stack, gql, dev_issuer, slug)
    setup = await asyncio.to_thread(
        lambda: bootstrap(_staff(stack.saleor_url), BootstrapOptions(HOOK, app_name=f"CMP {slug}"))
    )
    app_token = setup.app_token
    assert app_token is not None

    def run(team: str, dry_run: bool = False) -> list[str]:
        report = sync(
            GraphQLClient(stack.saleor_url).with_bearer(app_token),
            GraphQLClient(stack.control_plane_url, {"X-CMP-Service-Token": SERVICE_TOKEN}),
            parse_prices(PRICES.format(slug=slug, team=team)),
            dry_run=dry_run,
            only=frozenset({slug}),
        )
        return [str(step) for step in report.steps]

    planned = await asyncio.to_thread(run, "45.00", True)
    assert [s.split()[0] for s in planned] == [
        "create",
        "update",
        "create",
        "create",
        "create",
        "update",
        "set",
    ]
    assert fake.data.product_type("ai-agent") is not None
    assert not [p for p in fake.data.products if p.slug == slug]

    done = await asyncio.to_thread(run, "45.00")
    assert [s.split()[0] for s in done] == [s.split()[0] for s in planned]
    [product] = [p for p in fake.data.products if p.slug == slug]
    assert (product.name, product.category, product.product_type) == (
        f"Agent {slug}",
        "ai-agents",
        "ai-agent",
    )
    assert {
        slug_: (
            listing.is_published,
            listing.visible_in_listings,
            listing.is_available_for_purchase,
        )
        for slug_, listing in (product.listings or {}).items()
    } == {"default-channel": (True, True, True)}
    assert {v.sku: (v.name, v.prices, v.track_inventory) for v in product.variants} == {
        f"{slug}-solo": ("Solo", {"default-channel": 4.5}, False),
        f"{slug}-team": ("Team", {"default-channel": 45.0}, False),
        f"{slug}-credits-250": ("250 credits", {"default-channel": 2.0}, False),
    }
    links = (await gql(stack.control_plane_url, LINKS, {"slug": slug}))["data"]["offering"]
    by_sku = {v.sku: v.id for v in product.variants}
    assert links == {
        "product": {"id": product.id},
        "plans": [
            {"code": "solo", "variant": {"id": by_sku[f"{slug}-solo"]}},
            {"code": "team", "variant": {"id": by_sku[f"{slug}-team"]}},
        ],
    }
    pack = await gql(
        stack.control_plane_url,
        """query($r: [_Any!]!) { _entities(representations: $r) { ... on ProductVariant { creditPack } } }""",
        {
            "r": [
                {
                    "__typename": "ProductVariant",
                    "id": by_sku[f"{slug}-credits-250"],
                    "channel": "default-channel",
                }
            ]
        },
        service=True,
    )
    assert pack["data"]["_entities"] == [{"creditPack": 250}]

    again = await asyncio.to_thread(run, "45.00")
    assert {s.split()[0] for s in again} == {"keep"}, again
    repriced = await asyncio.to_thread(run, "39.99")
    assert [s for s in repriced if not s.startswith("keep")] == [
        f"update variant {slug}-team: price 39.99 in default-channel"
    ]
    assert product.variants[1].prices == {"default-channel": 39.99}


async def test_sync_refuses_a_price_list_that_does_not_fit(
    stack: Stack, gql: GraphQLPost, dev_issuer: DevIssuer, tmp_path: Path
) -> None:
    fake = FakeSaleor.of(stack.saleor_app, stack.saleor_url)
    slug = f"refused-{uuid.uuid4().hex[:8]}"
    await _offering(stack, gql, dev_issuer, slug)
    products = len(fake.data.products)
    prices = tmp_path / "prices.toml"

    def sync_command(offering: str) -> list[str]:
        """`cmp saleor sync` with the price list for one offering, as an operator runs it."""
        return [
            *("saleor", "sync", "--prices", str(prices), "--api", stack.saleor_url),
            *("--app-token", "test-saleor-app-token", "--offering", offering),
            *("--control-plane-url", stack.control_plane_url, "--service-token", SERVICE_TOKEN),
        ]

    cases = [
        (f'[offerings.{slug}.plans]\nsolo = "4.50"\n', f"offerings.{slug}.plans.team: no price"),
        (
            f'[offerings.{slug}.plans]\nsolo = "4.50"\nteam = "1"\nduo = "2"\n',
            "plans.duo: no such plan",
        ),
        (f'[offerings.{slug}.plans]\nsolo = "-1"\nteam = "1"\n', "a price is positive"),
        (f'[offerings.{slug}.plans]\nsolo = "1.001"\nteam = "1"\n', "at most two decimals"),
        ("offerings = 3", "expected [offerings.<slug>.plans]"),
        ("not toml [", "prices.toml"),
    ]
    for text, message in cases:
        prices.write_text(text)
        result = await asyncio.to_thread(runner.invoke, cli, sync_command(slug))
        assert result.exit_code == 2, (text, result.output)
        assert message in result.output, (text, result.output)
    prices.write_text(f'[offerings.{slug}.plans]\nsolo = "1"\nteam = "2"\n')
    unknown = await asyncio.to_thread(runner.invoke, cli, sync_command("no-such-offering"))
    assert unknown.exit_code == 2 and "no such offering: no-such-offering" in unknown.output
    assert len(fake.data.products) == products
