"""A small GraphQL client for the set-up commands: one POST per operation (Saleor refuses
batches), its errors turned into SetupError with the messages Saleor or our API gave."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

Json = dict[str, Any]


class SetupError(RuntimeError):
    """Something the operator must fix; the message says what and where."""


class GraphQLClient:
    def __init__(
        self,
        url: str,
        headers: Mapping[str, str] | None = None,
        timeout: float = 30.0,
        http: httpx.Client | None = None,
    ) -> None:
        self.url = url
        self.headers = dict(headers or {})
        self._http = http or httpx.Client(timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def with_bearer(self, token: str) -> GraphQLClient:
        """The same endpoint, as the holder of `token`."""
        return GraphQLClient(
            self.url, {**self.headers, "Authorization": f"Bearer {token}"}, http=self._http
        )

    def query(self, document: str, variables: Mapping[str, Any] | None = None) -> Json:
        """`data` of a query; any GraphQL error is a SetupError."""
        try:
            response = self._http.post(
                self.url,
                json={"query": document, "variables": dict(variables or {})},
                headers=self.headers,
            )
            body = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise SetupError(f"{self.url}: {error}") from error
        if not isinstance(body, dict):
            raise SetupError(f"{self.url}: HTTP {response.status_code}, not a GraphQL response")
        errors = body.get("errors")
        if errors:
            messages = "; ".join(str(e.get("message")) for e in errors if isinstance(e, dict))
            raise SetupError(f"{self.url}: {messages}")
        data = body.get("data")
        if not isinstance(data, dict):
            raise SetupError(f"{self.url}: HTTP {response.status_code}, no data")
        return data

    def mutate(self, document: str, field: str, variables: Mapping[str, Any] | None = None) -> Json:
        """The payload of mutation `field`; its `errors` list is a SetupError."""
        payload = self.query(document, variables).get(field)
        if not isinstance(payload, dict):
            raise SetupError(f"{field}: no payload")
        errors = payload.get("errors") or []
        if errors:
            described = "; ".join(
                f"{e.get('field') or '-'}: {e.get('message')} ({e.get('code')})" for e in errors
            )
            raise SetupError(f"{field} failed: {described}")
        return payload
