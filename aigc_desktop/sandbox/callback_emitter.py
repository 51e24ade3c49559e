"""``POST /_sandbox/callbacks``: emit one signed callback the way the platform does.

Body: ``{"url": str, "authKey": str | null, "event": {...}, "variant"?: "valid",
"retryDelaysSeconds"?: [1, 2], "timeoutSeconds"?: 10}``. The callback body is the event's fields plus
``timestamp`` (10-digit seconds, from the sandbox clock, so an advanced clock shows up as skew) and
``signature`` = md5(url + timestamp + authKey), computed by the sandbox's own :mod:`signs` (not the
client's signing code); without an AuthKey both are left out, as the doc says. ``variant`` breaks one
thing on purpose (``expired`` / ``future``: the timestamp an hour off; ``wrong_key``; ``other_url``:
signed for another URL). Delivery follows the platform's policy via
:class:`aigc_desktop.callbacks.sender.CallbackSender` (its retry machinery only, not its signing): up to
3 attempts, 200 means delivered, then the event is dropped. The answer lists every attempt; the AuthKey
is never echoed.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from aigc_desktop.callbacks.sender import CallbackSender, SendError
from aigc_desktop.sandbox.clock import SandboxClock
from aigc_desktop.sandbox.json_body import finite_number
from aigc_desktop.sandbox.signs import callback_signature

DEFAULT_RETRY_DELAYS_S = (1.0, 2.0)
DEFAULT_TIMEOUT_S = 10.0
MAX_WAIT_S = 60.0
VARIANT_SKEW_S = 3600
VARIANTS = ("valid", "expired", "future", "wrong_key", "other_url")
OTHER_URL = "https://other.example.invalid/callback"


class CallbackRequestError(ValueError):
    """The callback control request is malformed; the text says which field and why."""


def _number(value: Any, name: str, low: float, high: float) -> float:
    number = finite_number(value)
    if number is None:
        raise CallbackRequestError(f"{name!r} must be a number; got {str(value)[:40]}")
    if not low <= number <= high:
        raise CallbackRequestError(f"{name!r} must be between {low:g} and {high:g}; got {str(value)[:40]}")
    return number


def _options(body: dict[str, Any]) -> tuple[str, str | None, dict[str, Any], str, tuple[float, ...], float]:
    url = body.get("url")
    if not isinstance(url, str) or not url.strip():
        raise CallbackRequestError("'url' must be the callback URL (a non-empty string)")
    auth_key = body.get("authKey")
    if auth_key is not None and (not isinstance(auth_key, str) or not auth_key):
        raise CallbackRequestError("'authKey' must be a non-empty string, or null for an unsigned callback")
    event = body.get("event", {})
    if not isinstance(event, dict):
        raise CallbackRequestError("'event' must be a JSON object (its fields become the callback body)")
    variant = body.get("variant", "valid")
    if not isinstance(variant, str):
        raise CallbackRequestError("'variant' must be a string")
    if variant not in VARIANTS:
        raise CallbackRequestError(f"unknown variant {variant!r}; use one of: {', '.join(VARIANTS)}")
    if variant != "valid" and auth_key is None:
        raise CallbackRequestError(f"variant {variant!r} needs an AuthKey; without one the body is unsigned")
    delays = body.get("retryDelaysSeconds", list(DEFAULT_RETRY_DELAYS_S))
    if not isinstance(delays, list) or len(delays) != 2:
        raise CallbackRequestError("'retryDelaysSeconds' must be a list of 2 numbers (3 attempts in all)")
    retry = tuple(_number(d, "retryDelaysSeconds", 0, MAX_WAIT_S) for d in delays)
    timeout = _number(body.get("timeoutSeconds", DEFAULT_TIMEOUT_S), "timeoutSeconds", 0.001, MAX_WAIT_S)
    return url.strip(), auth_key, event, variant, retry, timeout


def signed_body(
    url: str, auth_key: str | None, event: dict[str, Any], variant: str, now: float
) -> tuple[bytes, int | None, str | None]:
    """The callback body: the event's fields plus ``timestamp`` and ``signature`` when an AuthKey is set."""
    payload = dict(event)
    timestamp: int | None = None
    signature: str | None = None
    if auth_key is not None:
        timestamp = int(now) + {"expired": -VARIANT_SKEW_S, "future": VARIANT_SKEW_S}.get(variant, 0)
        key = "Wrong" + secrets.token_urlsafe(18) if variant == "wrong_key" else auth_key
        signed_url = OTHER_URL if variant == "other_url" else url
        signature = callback_signature(signed_url, timestamp, key)
        payload["timestamp"] = timestamp
        payload["signature"] = signature
    try:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise CallbackRequestError(f"the event cannot be encoded as JSON: {exc}") from None
    return body, timestamp, signature


async def emit_callback(body: dict[str, Any], clock: SandboxClock) -> dict[str, Any]:
    """Deliver one callback as described by ``body`` and report every attempt (JSON-ready)."""
    url, auth_key, event, variant, retry, timeout = _options(body)
    payload, timestamp, signature = signed_body(url, auth_key, event, variant, clock.now())
    try:
        async with CallbackSender(timeout_s=timeout, retry_delays_s=retry) as sender:
            report = await sender.send_body(url, payload)
    except SendError as exc:
        raise CallbackRequestError(str(exc)) from None
    return {
        "url": report.url,
        "delivered": report.delivered,
        "dropped": report.dropped,
        "maxAttempts": report.max_attempts,
        "timestamp": timestamp,
        "signature": signature,
        "body": report.body.decode("utf-8"),
        "attempts": [
            {
                "number": attempt.number,
                "status": attempt.status_code,
                "error": attempt.error,
                "elapsedSeconds": round(attempt.elapsed_s, 6),
            }
            for attempt in report.attempts
        ],
    }
