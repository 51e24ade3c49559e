"""Turn a raw HTTP answer into the platform envelope, or into one typed, readable error.

Everything a misbehaving server or proxy can send (HTML error pages, truncated or empty bodies,
non-JSON, JSON of the wrong shape, a wrong content type) ends as ``InvalidResponse``; a non-zero
envelope code ends as ``PlatformError`` (``RateLimited`` for 89999999). Nothing else escapes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from aigc_desktop.platform.exceptions import RATE_LIMIT_CODE, InvalidResponse, PlatformError, RateLimited
from aigc_desktop.platform.models import (
    Account,
    Envelope,
    EnvelopeShapeError,
    GrantShapeError,
    TokenGrant,
    parse_account,
    parse_envelope,
    parse_json_document,
    parse_token_grant,
)
from aigc_desktop.platform.redaction import redact_text, register_secret

EXCERPT_CHARS = 80
_GATEWAY_STATUSES = {502: "bad gateway", 503: "service unavailable", 504: "gateway timeout"}


@dataclass(frozen=True, slots=True)
class DecodedResponse:
    """A successful envelope (code 0) plus the duplicate keys its JSON contained."""

    envelope: Envelope
    duplicate_keys: tuple[str, ...]
    document: object
    #: (key, value) pairs a repeated key hid (the doc's account example hides its basic info so)
    shadowed: tuple[tuple[str, object], ...] = ()


def excerpt(body: bytes, limit: int = EXCERPT_CHARS) -> str:
    """The start of a body as printable, redacted text, for error messages."""
    text = body[: limit * 4].decode("utf-8", errors="replace")
    text = " ".join(text.split())
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    text = redact_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=16)  # a server sends the same one or two content types every time
def _is_json_type(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json") or media == "text/json"


def _looks_like_html(content_type: str, body: bytes) -> bool:
    start = body.lstrip()[:64].lower()
    return "html" in content_type.lower() or start.startswith((b"<!doctype", b"<html", b"<"))


def platform_error(
    envelope: Envelope, *, http_status: int | None, endpoint: str, catalogue: ErrorCatalogue
) -> PlatformError:
    """The typed error for a non-zero envelope code, with the catalogue's meaning and advice."""
    message = redact_text(envelope.message)  # servers sometimes echo what they were sent
    description = catalogue.describe(envelope.code, message)
    cls = RateLimited if envelope.code == RATE_LIMIT_CODE else PlatformError
    return cls(
        envelope.code,
        message,
        description.meaning,
        category=description.category,
        http_status=http_status,
        endpoint=endpoint,
        advice=description.advice,
    )


def decode_response(
    *,
    status: int,
    content_type: str | None,
    body: bytes,
    endpoint: str,
    catalogue: ErrorCatalogue | None = None,
) -> DecodedResponse:
    """Validate one answer; return the code-0 envelope or raise ``InvalidResponse`` / ``PlatformError``."""
    catalogue = catalogue if catalogue is not None else ErrorCatalogue.default()
    ctype = content_type or ""

    def invalid(reason: str) -> InvalidResponse:
        error = InvalidResponse(reason, endpoint=endpoint, http_status=status, excerpt=excerpt(body))
        advice_code = _STATUS_ADVICE.get(status) or ("" if status < 500 else _SERVER_FAILURE_ADVICE)
        if advice_code:
            error.advice_code = advice_code
        return error

    if not body.strip():
        if status == 429:
            raise _http_rate_limited(status, endpoint, catalogue)
        gateway = _GATEWAY_STATUSES.get(status)
        raise invalid(f"{gateway}, empty body" if gateway else "empty body")
    try:
        parsed = parse_json_document(body)
    except json.JSONDecodeError as exc:
        if status == 429:
            raise _http_rate_limited(status, endpoint, catalogue) from None
        if _looks_like_html(ctype, body):
            gateway = _GATEWAY_STATUSES.get(status)
            prefix = f"{gateway}: " if gateway else ""
            raise invalid(f"{prefix}an HTML page, not the platform's JSON") from None
        if exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise invalid("truncated JSON (the body ends mid-document)") from None
        raise invalid(f"not valid JSON ({exc.msg} at character {exc.pos})") from None
    except (ValueError, RecursionError):  # undecodable bytes, absurd nesting or number sizes
        raise invalid("the body is not readable JSON text") from None
    if ctype and not _is_json_type(ctype):
        raise invalid(f"wrong content type {ctype.split(';', 1)[0].strip()!r}, expected application/json")
    try:
        envelope = parse_envelope(parsed.value)
    except EnvelopeShapeError as exc:
        raise invalid(f"JSON is not the platform envelope: {exc}") from None
    if envelope.code != 0:
        raise platform_error(envelope, http_status=status, endpoint=endpoint, catalogue=catalogue)
    if not 200 <= status < 300:
        raise invalid(f"success envelope with an error status {status}")
    return DecodedResponse(envelope, tuple(parsed.duplicate_keys), parsed.value, tuple(parsed.shadowed))


# Advice codes (resources/wording.json), worded per language where the error is shown.
_REFUSED_BY_GATEWAY_ADVICE = "advice.gateway_refused"
_STATUS_ADVICE = {
    401: _REFUSED_BY_GATEWAY_ADVICE,
    403: _REFUSED_BY_GATEWAY_ADVICE,
    407: _REFUSED_BY_GATEWAY_ADVICE,
}
_SERVER_FAILURE_ADVICE = "advice.server_failure"


def _http_rate_limited(status: int, endpoint: str, catalogue: ErrorCatalogue) -> RateLimited:
    description = catalogue.describe(RATE_LIMIT_CODE)
    return RateLimited(
        RATE_LIMIT_CODE,
        f"HTTP {status} Too Many Requests",
        description.meaning,
        category=description.category,
        http_status=status,
        endpoint=endpoint,
        advice=description.advice,
    )


# --- the data of successful answers ---------------------------------------------------------


def grant_from(decoded: DecodedResponse, status: int, endpoint: str) -> TokenGrant:
    """The token grant of a login or refresh answer; no access token -> ``InvalidResponse``.

    Tokens (and an AppKey, which the doc's user object may carry) are registered for redaction.
    """
    try:
        grant = parse_token_grant(decoded.envelope.data)
    except GrantShapeError as exc:
        raise InvalidResponse(str(exc), endpoint=endpoint, http_status=status) from None
    register_secret(grant.access_token)
    register_secret(grant.refresh_token)
    if grant.user is not None:
        register_secret(grant.user.app_key, partial=False)
    return grant


def logout_from(decoded: DecodedResponse, status: int, endpoint: str) -> bool:
    """The doc says data 1 on success, 0 or null otherwise."""
    data = decoded.envelope.data
    return data is True or (not isinstance(data, bool) and data in (1, "1"))


def account_from(decoded: DecodedResponse, status: int, endpoint: str) -> Account:
    """Account info and quotas; duplicated keys (the doc's own example has one) become issues."""
    data = decoded.envelope.data
    if not isinstance(data, Mapping):
        raise InvalidResponse("the account answer has no data object", endpoint=endpoint, http_status=status)
    account = parse_account(
        data, duplicate_keys=list(decoded.duplicate_keys), shadowed=list(decoded.shadowed)
    )
    if account.basic_info is not None:
        register_secret(account.basic_info.app_key, partial=False)
    return account


def envelope_from(decoded: DecodedResponse, status: int, endpoint: str) -> Envelope:
    """The bare envelope, for hand-made requests."""
    return decoded.envelope
