"""`POST /webhooks/saleor`: verify, store, acknowledge — in that order.

413 as soon as the body passes the size limit (counted as it arrives; nothing else is read);
401 for anything whose signature does not verify against an allowed Saleor (nothing stored);
200 without storing for events we do not handle; 400 for a signed body that is not JSON nested
within the limit, or has no order; 202 once the delivery is in the inbox; 503 if it could not
be stored (Saleor retries 5xx)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kernel.body_limit import BodyTooLarge, read_limited, too_large_response
from kernel.limits import MAX_JSON_DEPTH
from webhooks.saleor.inbox import Inbox
from webhooks.saleor.payload import PayloadRefused, order_id_of
from webhooks.saleor.signature import SaleorSignatureVerifier, SignatureRejected

log = logging.getLogger(__name__)

HANDLED_EVENTS = frozenset({"order_fully_paid"})
PATH = "/webhooks/saleor"


def saleor_webhook_route(
    verifier: SaleorSignatureVerifier,
    inbox: Inbox,
    on_stored: Callable[[], None],
    max_body_bytes: int,
    max_json_depth: int = MAX_JSON_DEPTH,
) -> Route:
    async def receive(request: Request) -> Response:
        try:
            body = await read_limited(request, max_body_bytes)
        except BodyTooLarge:
            return too_large_response(max_body_bytes)
        try:
            delivery = await verifier.verify(request.headers, body)
        except SignatureRejected as rejected:
            log.warning("Saleor webhook rejected: %s", rejected)
            return JSONResponse({"error": "signature rejected"}, status_code=401)
        if delivery.event not in HANDLED_EVENTS:
            return JSONResponse({"ignored": delivery.event or "no event"}, status_code=200)
        try:
            order_id = order_id_of(body, max_json_depth)
        except PayloadRefused as refused:
            return JSONResponse({"error": str(refused)}, status_code=400)
        if order_id is None:
            return JSONResponse({"error": "no order in the payload"}, status_code=400)
        try:
            delivery_id = await inbox.store(delivery, order_id)
        except (SQLAlchemyError, OSError):
            log.exception("Saleor webhook could not be stored")
            return JSONResponse({"error": "try again"}, status_code=503)
        on_stored()
        return JSONResponse({"delivery": str(delivery_id)}, status_code=202)

    return Route(PATH, receive, methods=["POST"])
