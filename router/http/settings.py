"""The router service's settings from environment variables (every one is in the README's
configuration table), turned into the pipeline's RouterConfig and the HTTP layer's options."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from kernel.limits import MAX_REQUEST_BYTES
from kernel.settings import ProcessSettings
from router.http.options import APOLLO_CSRF_HEADERS, HttpOptions
from router.pipeline import RouterConfig
from router.pipeline.limits import OperationLimits

SALEOR = "saleor"


def names(value: str) -> frozenset[str]:
    """`a, B,c` -> {"a", "b", "c"} (header and subgraph names)."""
    return frozenset(part.strip().lower() for part in value.split(",") if part.strip())


def pairs(value: str) -> dict[str, str]:
    """`name=value,name2=value2` -> a dict; malformed items raise ValueError."""
    result: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        name, sep, setting = item.partition("=")
        if not sep or not name.strip() or not setting.strip():
            raise ValueError(f"expected name=value, got {item!r}")
        result[name.strip()] = setting.strip()
    return result


class RouterSettings(ProcessSettings):
    """The router's own variables; CMP_ENV, CMP_DATA_DIR, CMP_SERVICE_TOKEN, SALEOR_API_URL
    (the `saleor` subgraph's URL, overriding the supergraph's) and CMP_MAX_JSON_DEPTH are
    every process's (ProcessSettings)."""

    subgraph_urls: str = Field(default="", alias="ROUTER_SUBGRAPH_URLS")
    timeout_seconds: float = Field(
        default=RouterConfig.timeout_seconds, alias="ROUTER_TIMEOUT_SECONDS"
    )
    subgraph_timeouts: str = Field(default="", alias="ROUTER_SUBGRAPH_TIMEOUTS")
    external_subgraphs: str = Field(default=SALEOR, alias="ROUTER_EXTERNAL_SUBGRAPHS")
    cors_origins: str = Field(
        default="http://localhost:3000,http://127.0.0.1:3000", alias="ROUTER_CORS_ORIGINS"
    )
    csrf_required_headers: str = Field(
        default=",".join(APOLLO_CSRF_HEADERS), alias="ROUTER_CSRF_REQUIRED_HEADERS"
    )
    propagate_headers: str = Field(default="", alias="ROUTER_PROPAGATE_HEADERS")
    response_headers: str = Field(default="", alias="ROUTER_RESPONSE_HEADERS")
    max_request_bytes: int = Field(
        default=MAX_REQUEST_BYTES, ge=1, alias="ROUTER_MAX_REQUEST_BYTES"
    )
    # The defaults are the pipeline's own (OperationLimits), written once in kernel.limits.
    max_document_bytes: int = Field(
        default=OperationLimits.max_document_bytes, alias="ROUTER_MAX_DOCUMENT_BYTES"
    )
    max_depth: int = Field(default=OperationLimits.max_depth, alias="ROUTER_MAX_DEPTH")
    max_aliases: int = Field(default=OperationLimits.max_aliases, alias="ROUTER_MAX_ALIASES")
    max_root_fields: int = Field(
        default=OperationLimits.max_root_fields, alias="ROUTER_MAX_ROOT_FIELDS"
    )
    max_fields: int = Field(default=OperationLimits.max_fields, alias="ROUTER_MAX_FIELDS")
    # Unset: on in development, off with CMP_ENV=production.
    introspection: bool | None = Field(default=None, alias="ROUTER_INTROSPECTION")
    playground: bool | None = Field(default=None, alias="ROUTER_PLAYGROUND")
    expose_query_plan: bool | None = Field(default=None, alias="ROUTER_EXPOSE_QUERY_PLAN")
    persisted_queries: bool = Field(default=RouterConfig.persisted_queries, alias="ROUTER_APQ")
    reload_seconds: float = Field(default=HttpOptions.reload_seconds, alias="ROUTER_RELOAD_SECONDS")
    metrics_max_operations: int = Field(default=100, ge=0, alias="ROUTER_METRICS_MAX_OPERATIONS")
    # Where the loaded supergraph is kept between starts; "" -> $CMP_DATA_DIR/cache, "off": none.
    cache_dir: str = Field(default="", alias="ROUTER_CACHE_DIR")
    # Unset: one process per core with CMP_ENV=production, else one.
    workers: int | None = Field(default=None, alias="ROUTER_WORKERS", ge=1)
    deduplicate_fetches: bool = Field(
        default=RouterConfig.deduplicate_fetches, alias="ROUTER_DEDUPLICATE_FETCHES"
    )
    # Trusted-document manifests (codegen's or Apollo's), comma-separated paths.
    trusted_documents: str = Field(default="", alias="ROUTER_TRUSTED_DOCUMENTS")
    # Unset: on in development (unlisted documents run, counted), off with CMP_ENV=production.
    allow_arbitrary_documents: bool | None = Field(
        default=None, alias="ROUTER_ALLOW_ARBITRARY_DOCUMENTS"
    )

    def _dev_default(self, value: bool | None) -> bool:
        return self.is_development if value is None else value

    def supergraph_cache_dir(self) -> Path | None:
        if self.cache_dir.strip().lower() == "off":
            return None
        return Path(self.cache_dir) if self.cache_dir else self.data_dir / "cache"

    def router_config(self, enabled_override_labels: frozenset[str] = frozenset()) -> RouterConfig:
        urls = pairs(self.subgraph_urls)
        if self.saleor_api_url:
            urls[SALEOR] = self.saleor_api_url
        return RouterConfig(
            subgraph_urls=urls,
            # Without SALEOR_API_URL there is no Saleor: its default URL in the supergraph
            # (127.0.0.1:8000) must never receive a caller's token.
            unconfigured_subgraphs=frozenset() if SALEOR in urls else frozenset({SALEOR}),
            enabled_override_labels=enabled_override_labels,
            timeout_seconds=self.timeout_seconds,
            subgraph_timeouts={n: float(s) for n, s in pairs(self.subgraph_timeouts).items()},
            limits=OperationLimits(
                max_document_bytes=self.max_document_bytes,
                max_depth=self.max_depth,
                max_aliases=self.max_aliases,
                max_root_fields=self.max_root_fields,
                max_fields=self.max_fields,
            ),
            introspection=self._dev_default(self.introspection),
            persisted_queries=self.persisted_queries,
            service_token=self.service_token,
            external_subgraphs=names(self.external_subgraphs),
            propagate_request_headers=names(self.propagate_headers),
            propagate_response_headers=names(self.response_headers),
            deduplicate_fetches=self.deduplicate_fetches,
            trusted_document_files=tuple(
                Path(part.strip()) for part in self.trusted_documents.split(",") if part.strip()
            ),
            allow_arbitrary_documents=self._dev_default(self.allow_arbitrary_documents),
        )

    def http_options(self, supergraph_file: Path | None = None) -> HttpOptions:
        return HttpOptions(
            cors_origins=tuple(o.strip() for o in self.cors_origins.split(",") if o.strip()),
            csrf_required_headers=tuple(sorted(names(self.csrf_required_headers))),
            playground=self._dev_default(self.playground),
            expose_query_plan=self._dev_default(self.expose_query_plan),
            max_request_bytes=self.max_request_bytes,
            max_json_depth=self.max_json_depth,
            supergraph_file=supergraph_file,
            reload_seconds=self.reload_seconds,
            metrics_max_operations=self.metrics_max_operations,
        )
