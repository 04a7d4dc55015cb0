"""CSRF prevention as Apollo Router does it. A browser sends a cross-origin request without a
CORS preflight only when it is "simple": GET, or POST with a form or text/plain Content-Type and
no custom header. Such a request could run an operation with the victim's cookies, so it is
refused unless it carries a header a page cannot set without a preflight."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from router.http.protocol import HttpError

SIMPLE_CONTENT_TYPES = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
)


def is_preflighted(headers: Mapping[str, str], required_headers: Sequence[str]) -> bool:
    if any(headers.get(name) is not None for name in required_headers):
        return True
    content_type = headers.get("content-type")
    if content_type is None:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return bool(media) and media not in SIMPLE_CONTENT_TYPES


def check_csrf(headers: Mapping[str, str], required_headers: Sequence[str]) -> None:
    if not required_headers or is_preflighted(headers, required_headers):
        return
    raise HttpError(
        400,
        "This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). "
        "Send a Content-Type other than application/x-www-form-urlencoded, multipart/form-data "
        f"or text/plain, or one of these headers: {', '.join(required_headers)}",
        "CSRF_ERROR",
    )
