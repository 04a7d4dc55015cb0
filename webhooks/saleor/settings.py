"""Settings of the Saleor webhook endpoint (served on the router's host)."""

from __future__ import annotations

from pydantic import Field

from kernel.settings import CommonSettings


class WebhookSettings(CommonSettings):
    # Saleors whose deliveries are accepted (comma-separated API URLs); SALEOR_API_URL, the
    # one the router federates, is always among them.
    saleor_api_urls: str = Field(default="", alias="SALEOR_API_URLS")
    # Where processing runs saleorOrderProcess: the supergraph, i.e. our router.
    supergraph_url: str = Field(default="http://127.0.0.1:4000/graphql", alias="CMP_SUPERGRAPH_URL")
    webhook_max_body_bytes: int = Field(default=1_048_576, alias="WEBHOOK_MAX_BODY_BYTES")
    webhook_max_attempts: int = Field(default=10, alias="WEBHOOK_MAX_ATTEMPTS")
    webhook_backoff_seconds: float = Field(default=2.0, alias="WEBHOOK_BACKOFF_SECONDS")

    @property
    def allowed_saleor_api_urls(self) -> list[str]:
        urls = [u.strip() for u in self.saleor_api_urls.split(",") if u.strip()]
        if self.saleor_api_url and self.saleor_api_url not in urls:
            urls.append(self.saleor_api_url)
        return urls
