"""RouterSettings: environment variables to RouterConfig and HttpOptions; the dev stack's router."""

from __future__ import annotations

import pytest

from cmp.devstack import DevPorts, dev_router_app
from router.http.settings import RouterSettings, pairs
from router.pipeline import Router


def test_environment_to_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "CMP_SERVICE_TOKEN": "s3cret",
        "SALEOR_API_URL": "https://saleor.example.com/graphql/",
        "ROUTER_SUBGRAPH_URLS": "billing=http://billing:4002/graphql, saleor=http://ignored/",
        "ROUTER_TIMEOUT_SECONDS": "5",
        "ROUTER_SUBGRAPH_TIMEOUTS": "saleor=2.5",
        "ROUTER_CORS_ORIGINS": "https://shop.example.com, https://admin.example.com",
        "ROUTER_PROPAGATE_HEADERS": "Accept-Language,X-Saleor-Channel",
        "ROUTER_RESPONSE_HEADERS": "Set-Cookie",
        "ROUTER_MAX_DEPTH": "12",
    }.items():
        monkeypatch.setenv(name, value)
    settings = RouterSettings()
    config = settings.router_config(frozenset({"beta"}))
    options = settings.http_options()
    # SALEOR_API_URL says where the saleor subgraph is, whatever else is configured.
    assert config.subgraph_urls == {
        "billing": "http://billing:4002/graphql",
        "saleor": "https://saleor.example.com/graphql/",
    }
    assert config.service_token == "s3cret"
    assert config.timeout_seconds == 5.0
    assert config.subgraph_timeouts == {"saleor": 2.5}
    assert config.propagate_request_headers == {"accept-language", "x-saleor-channel"}
    assert config.propagate_response_headers == {"set-cookie"}
    assert config.external_subgraphs == {"saleor"}
    assert config.limits.max_depth == 12
    assert config.enabled_override_labels == {"beta"}
    assert config.introspection and options.playground and options.expose_query_plan
    assert options.cors_origins == ("https://shop.example.com", "https://admin.example.com")


def test_production_turns_developer_features_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CMP_ENV", "production")
    settings = RouterSettings()
    assert not settings.router_config().introspection
    assert not settings.http_options().playground
    assert not settings.http_options().expose_query_plan
    monkeypatch.setenv("ROUTER_INTROSPECTION", "true")
    assert RouterSettings().router_config().introspection


def test_malformed_pairs_are_refused() -> None:
    with pytest.raises(ValueError, match="name=value"):
        pairs("billing")


def test_the_dev_stack_router_fronts_its_subgraphs_and_saleor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SALEOR_API_URL", "http://127.0.0.1:8000/graphql/")
    app = dev_router_app("127.0.0.1", DevPorts(5000), "dev-token")
    router: Router = app.state.routers.current
    assert router.subgraph_urls == {
        "control-plane": "http://127.0.0.1:5001/graphql",
        "billing": "http://127.0.0.1:5002/graphql",
        "execution": "http://127.0.0.1:5003/graphql",
        "saleor": "http://127.0.0.1:8000/graphql/",
    }
    assert router.config.service_token == "dev-token"
    assert app.state.supergraph_watcher is not None
