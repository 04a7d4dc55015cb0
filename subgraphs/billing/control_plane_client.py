"""Service calls from billing to control-plane: GraphQL over HTTP with the service credential.

Billing never reads control-plane's tables; it asks control-plane which organizations exist
and what role a user has in them. One `gql` client (one HTTP connection pool) per process.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXAsyncTransport

from subgraphs.common.auth.authenticate import SERVICE_TOKEN_HEADER
from subgraphs.common.errors import CmpErrorCode, CmpFailure
from subgraphs.common.ids import try_parse_id

log = logging.getLogger(__name__)

MAX_IDS_PER_CALL = 500  # control-plane refuses larger batches
# Idle connections are dropped before a server would close them (uvicorn: after 5 s), so a
# request is rarely sent down a connection the server is closing; one retry covers the rest.
KEEPALIVE_EXPIRY_SECONDS = 2.0
ATTEMPTS = 2

ORGANIZATION_ACCESS = """
query OrganizationAccess($ids: [ID!]!, $userId: ID) {
  organizationAccess(organizationIds: $ids, userId: $userId) { organizationId role }
}
"""


@dataclass(frozen=True, slots=True)
class OrganizationAccess:
    """An organization control-plane confirmed exists, and the asking user's role in it
    (None: not a member, or no user asked about)."""

    organization_id: uuid.UUID
    role: str | None


def unavailable(error: BaseException | None = None) -> CmpFailure:
    if error is not None:
        log.warning("control-plane call failed: %r", error)
    return CmpFailure(CmpErrorCode.UNAVAILABLE, "control-plane is unavailable; try again later")


class ControlPlaneClient:
    """Connect once (`connect`), share for the life of the process, `aclose` on shutdown."""

    def __init__(
        self,
        url: str,
        service_token: str,
        timeout_seconds: float = 10.0,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.url = url
        transport_kwargs: dict[str, Any] = {
            "headers": {SERVICE_TOKEN_HEADER: service_token},
            "timeout": httpx.Timeout(timeout_seconds),
            "limits": httpx.Limits(
                max_connections=100,
                max_keepalive_connections=20,
                keepalive_expiry=KEEPALIVE_EXPIRY_SECONDS,
            ),
        }
        if http_transport is not None:
            transport_kwargs["transport"] = http_transport
        self._client = Client(
            transport=HTTPXAsyncTransport(url=url, **transport_kwargs),
            fetch_schema_from_transport=False,
        )
        self._request = GraphQLRequest(ORGANIZATION_ACCESS)
        self._session: Any = None

    async def connect(self) -> None:
        if self._session is None:
            self._session = await self._client.connect_async(reconnecting=False)

    async def aclose(self) -> None:
        if self._session is not None:
            self._session = None
            await self._client.close_async()

    async def organization_access(
        self, organization_ids: Sequence[uuid.UUID], user_id: str | None
    ) -> dict[uuid.UUID, OrganizationAccess]:
        """The organizations among `organization_ids` that exist, with `user_id`'s role.
        Raises a CmpFailure UNAVAILABLE when control-plane cannot answer."""
        if not organization_ids:
            return {}
        if self._session is None:
            raise unavailable(RuntimeError("control-plane client is not connected"))
        ids = [str(i) for i in dict.fromkeys(organization_ids)]
        found: dict[uuid.UUID, OrganizationAccess] = {}
        for start in range(0, len(ids), MAX_IDS_PER_CALL):
            request = GraphQLRequest(
                self._request,
                variable_values={"ids": ids[start : start + MAX_IDS_PER_CALL], "userId": user_id},
            )
            found.update(_parse_access(await self._execute(request)))
        return found

    async def _execute(self, request: GraphQLRequest) -> Any:
        """A read-only query, so a failed connection is retried once; GraphQL errors are not."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return await self._session.execute(request)
            except TransportQueryError as error:
                raise unavailable(error) from error
            except Exception as error:  # transport or HTTP failures alike
                if attempt == ATTEMPTS:
                    raise unavailable(error) from error
                log.info("control-plane call failed (%r); retrying", error)
        raise AssertionError("unreachable")


def _parse_access(data: Any) -> dict[uuid.UUID, OrganizationAccess]:
    entries = data.get("organizationAccess") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise unavailable(ValueError(f"unexpected organizationAccess answer: {data!r}"))
    found: dict[uuid.UUID, OrganizationAccess] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        org_id = try_parse_id(entry.get("organizationId"))
        role = entry.get("role")
        if org_id is None:
            continue
        found[org_id] = OrganizationAccess(org_id, role if isinstance(role, str) else None)
    return found
