"""Typed settings read from environment variables; one class per service, each variable
declared once (the router's settings share ProcessSettings; the limits' defaults are in
kernel.limits).

Every variable is documented in the README's configuration table.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from kernel.environment import Environment
from kernel.limits import MAX_JSON_DEPTH, MAX_REQUEST_BYTES, MAX_TOKENS, SUBGRAPH_SHAPE

# Where a subgraph finds the others by default: the ports `cmp dev` serves them on.
CONTROL_PLANE_URL = "http://127.0.0.1:4001/graphql"
BILLING_URL = "http://127.0.0.1:4002/graphql"


class ProcessSettings(BaseSettings):
    """What every process of ours reads: the router, the subgraphs, the worker, the webhooks."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    # development | production (anything else is refused at start). Development trusts the
    # local token issuer and serves GraphiQL; production answers only service callers.
    environment: Environment = Field(default=Environment.DEVELOPMENT, alias="CMP_ENV")
    data_dir: Path = Field(default=Path(".cmp"), alias="CMP_DATA_DIR")
    # Shared secret that subgraphs and the router present to each other; never given to browsers.
    service_token: str = Field(default="", alias="CMP_SERVICE_TOKEN")
    # Saleor: whose access tokens we trust (iss = this URL, JWKS at /.well-known/jwks.json),
    # and where the router finds the `saleor` subgraph.
    saleor_api_url: str = Field(default="", alias="SALEOR_API_URL")
    # JSON bodies and variables nested deeper than this are refused with 400.
    max_json_depth: int = Field(default=MAX_JSON_DEPTH, ge=2, alias="CMP_MAX_JSON_DEPTH")

    @property
    def is_development(self) -> bool:
        return self.environment is Environment.DEVELOPMENT


class CommonSettings(ProcessSettings):
    """What every subgraph process reads."""

    # postgresql://user:pass@host:port/db; empty means "the dev stack's embedded PostgreSQL".
    database_url: str = Field(default="", alias="DATABASE_URL")
    database_pool_size: int = Field(default=10, alias="DATABASE_POOL_SIZE")
    # Extra trusted issuers: "iss=jwks_url" pairs separated by commas.
    jwt_issuers: str = Field(default="", alias="CMP_JWT_ISSUERS")
    # PEM file of the local development issuer (`cmp token`); trusted only in development.
    dev_issuer_key_file: Path | None = Field(default=None, alias="CMP_DEV_ISSUER_KEY_FILE")
    jwks_cache_seconds: int = Field(default=300, alias="CMP_JWKS_CACHE_SECONDS")
    http_timeout_seconds: float = Field(default=10.0, alias="CMP_HTTP_TIMEOUT_SECONDS")
    # Saleor channel slug put into the keys of Product/ProductVariant references we return.
    saleor_channel: str = Field(default="default-channel", alias="SALEOR_CHANNEL")
    # What a subgraph accepts, whoever calls it: bodies are counted as they arrive.
    max_request_bytes: int = Field(
        default=MAX_REQUEST_BYTES, ge=1, alias="SUBGRAPH_MAX_REQUEST_BYTES"
    )
    max_tokens: int = Field(default=MAX_TOKENS, ge=1, alias="SUBGRAPH_MAX_TOKENS")
    max_depth: int = Field(default=SUBGRAPH_SHAPE.max_depth, ge=1, alias="SUBGRAPH_MAX_DEPTH")
    max_aliases: int = Field(default=SUBGRAPH_SHAPE.max_aliases, ge=0, alias="SUBGRAPH_MAX_ALIASES")
    max_root_fields: int = Field(
        default=SUBGRAPH_SHAPE.max_root_fields, ge=1, alias="SUBGRAPH_MAX_ROOT_FIELDS"
    )
    max_fields: int = Field(default=SUBGRAPH_SHAPE.max_fields, ge=1, alias="SUBGRAPH_MAX_FIELDS")

    @property
    def dev_issuer_key_path(self) -> Path:
        return self.dev_issuer_key_file or self.data_dir / "dev-issuer.pem"


class ControlPlaneSettings(CommonSettings):
    """control-plane: organizations, offerings, plans, instances; applies paid Saleor orders."""

    billing_url: str = Field(default=BILLING_URL, alias="BILLING_URL")
    # Token of the Saleor app that reads orders (MANAGE_ORDERS); orders are applied from what
    # Saleor says, never from a webhook body.
    saleor_app_token: str = Field(default="", alias="SALEOR_APP_TOKEN")
    # At most this many instances are provisioned for one order line.
    max_instances_per_line: int = Field(default=100, alias="MAX_INSTANCES_PER_ORDER_LINE")


class BillingSettings(CommonSettings):
    """billing: wallets and the ledger; asks control-plane who may see which organization."""

    control_plane_url: str = Field(default=CONTROL_PLANE_URL, alias="CONTROL_PLANE_URL")


class ExecutionSettings(CommonSettings):
    """execution: runs, the worker and the flow runtime."""

    control_plane_url: str = Field(default=CONTROL_PLANE_URL, alias="CONTROL_PLANE_URL")
    billing_url: str = Field(default=BILLING_URL, alias="BILLING_URL")
    # Unset: the local development runtime (no model, deterministic echo).
    langflow_url: str = Field(default="", alias="LANGFLOW_URL")
    langflow_api_key: str = Field(default="", alias="LANGFLOW_API_KEY")
    langflow_timeout_seconds: float = Field(default=120.0, alias="LANGFLOW_TIMEOUT_SECONDS")
    # Use Langflow's streaming run API, so a running run shows its output as it grows.
    langflow_stream: bool = Field(default=True, alias="LANGFLOW_STREAM")
    # Without Langflow: the pause before each chunk of the development runtime's answer.
    local_runtime_chunk_delay_seconds: float = Field(
        default=0.25, ge=0, alias="LOCAL_RUNTIME_CHUNK_DELAY_SECONDS"
    )
    # Least time between two writes of a running run's partial output (each one is an event).
    run_progress_seconds: float = Field(default=0.2, gt=0, alias="RUN_PROGRESS_SECONDS")
    # A worker renews its lease while a run executes; another takes over when it lapses.
    run_lease_seconds: float = Field(default=30.0, alias="RUN_LEASE_SECONDS")
    run_max_attempts: int = Field(default=3, alias="RUN_MAX_ATTEMPTS")
    worker_poll_seconds: float = Field(default=0.5, alias="WORKER_POLL_SECONDS")
    worker_concurrency: int = Field(default=8, alias="WORKER_CONCURRENCY")
    # On SIGTERM a worker finishes its runs for up to this long, then hands the rest back.
    worker_drain_seconds: float = Field(default=20.0, ge=0, alias="WORKER_DRAIN_SECONDS")
    run_input_max_bytes: int = Field(default=65536, alias="RUN_INPUT_MAX_BYTES")
    # A reservation this old whose run was never stored (execution died between reserving
    # and committing) is released by the workers' sweeper.
    orphan_reservation_seconds: int = Field(default=300, alias="RUN_ORPHAN_RESERVATION_SECONDS")
    # `cmp worker` serves GET /health and /ready (its database answers) here; 0: not at all.
    worker_health_port: int = Field(default=0, ge=0, le=65535, alias="WORKER_HEALTH_PORT")
    worker_health_host: str = Field(default="127.0.0.1", alias="WORKER_HEALTH_HOST")
