"""Which client headers reach the subgraphs. Authorization and configured headers are forwarded;
the service credential header never is. The router presents its own credential on every fetch
to an internal subgraph (production subgraphs answer nobody else), with the client's token
beside it: the subgraph acts for that user. For a client's request it also says so
(`x-cmp-on-behalf-of: client`), so that a request without a token is anonymous there, not the
service. A request presenting the router's own credential is internal (e.g. the webhook
processor): without that marker, it acts as the service. Any other presented credential is
refused, so a browser can never pass one through the router."""

from __future__ import annotations

import hmac
import os
import re
from collections.abc import Iterable, Mapping

from kernel.auth.service_header import (
    ON_BEHALF_HEADER,
    ON_BEHALF_OF_CLIENT,
    SERVICE_TOKEN_HEADER,
)
from router.executor import RequestContext

REQUEST_ID_HEADER = "x-request-id"
# Never forwarded whatever the configuration: the credential, and what belongs to one hop.
NEVER_FORWARDED = frozenset(
    {
        SERVICE_TOKEN_HEADER,
        ON_BEHALF_HEADER,
        "host",
        "content-length",
        "content-type",
        "content-encoding",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "upgrade",
        "te",
        "trailer",
        "accept",
        "accept-encoding",
        "proxy-authorization",
        REQUEST_ID_HEADER,  # set by the router
    }
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class InvalidServiceCredential(Exception):
    pass


class HeaderPolicy:
    def __init__(
        self,
        propagate: Iterable[str],
        service_token: str,
        external_subgraphs: frozenset[str],
    ) -> None:
        names = {"authorization", *(name.strip().lower() for name in propagate)}
        self.forwarded = tuple(sorted(names - NEVER_FORWARDED - {""}))
        self._service_token = service_token.encode()
        self._as_service = {SERVICE_TOKEN_HEADER: service_token} if service_token else {}
        self._for_client = (
            {**self._as_service, ON_BEHALF_HEADER: ON_BEHALF_OF_CLIENT} if service_token else {}
        )
        self.external_subgraphs = external_subgraphs

    def is_internal(self, headers: Mapping[str, str]) -> bool:
        """True for the router's own credential, False without one; raises for a wrong one."""
        presented = headers.get(SERVICE_TOKEN_HEADER)
        if presented is None:
            return False
        if self._service_token and hmac.compare_digest(presented.encode(), self._service_token):
            return True
        raise InvalidServiceCredential("invalid service credential")

    def context_for(self, headers: Mapping[str, str], request_id: str) -> RequestContext:
        internal = self.is_internal(headers)
        sent = {name: value for name in self.forwarded if (value := headers.get(name))}
        sent[REQUEST_ID_HEADER] = request_id
        return RequestContext(
            subgraph_headers=sent,
            internal_headers=self._as_service if internal else self._for_client,
            external_subgraphs=self.external_subgraphs,
            request_id=request_id,
        )


def request_id_from(headers: Mapping[str, str]) -> str:
    """The caller's X-Request-Id when it looks like one (so traces join up), else a new one."""
    given = headers.get(REQUEST_ID_HEADER)
    if given and _REQUEST_ID.match(given):
        return given
    return os.urandom(16).hex()  # as unique as a uuid4, a fraction of its cost
