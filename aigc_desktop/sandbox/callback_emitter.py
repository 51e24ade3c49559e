"""``POST /_sandbox/callbacks``: emit one signed callback the way the platform does.

Body: ``{"url": str, "authKey": str | null, "event": {...}, "variant"?: "valid",
"retryDelaysSeconds"?: [1, 2], "timeoutSeconds"?: 10}``. The callback body is the event's fields plus
``timestamp`` (10-digit seconds, from the sandbox clock, so an advanced clock shows up as skew) and
``signature`` = md5(url + timestamp + authKey); without an AuthKey both are left out, as the doc says.
Delivery follows the platform's policy via :class:`aigc_desktop.callbacks.sender.CallbackSender`: up to
3 attempts, 200 means delivered, then the event is dropped. The answer lists every attempt; the AuthKey
is never echoed.
"""

from __future__ import annotations

from typing import Any

from aigc_desktop.callbacks.sender import CallbackSender, SendError
from aigc_desktop.sandbox.clock import SandboxClock
from aigc_desktop.sandbox.json_body import finite_number

DEFAULT_RETRY_DELAYS_S = (1.0, 2.0)
DEFAULT_TIMEOUT_S = 10.0
MAX_WAIT_S = 60.0


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
    delays = body.get("retryDelaysSeconds", list(DEFAULT_RETRY_DELAYS_S))
    if not isinstance(delays, list) or len(delays) != 2:
        raise CallbackRequestError("'retryDelaysSeconds' must be a list of 2 numbers (3 attempts in all)")
    retry = tuple(_number(d, "retryDelaysSeconds", 0, MAX_WAIT_S) for d in delays)
    timeout = _number(body.get("timeoutSeconds", DEFAULT_TIMEOUT_S), "timeoutSeconds", 0.001, MAX_WAIT_S)
    return url.strip(), auth_key, event, variant, retry, timeout


async def emit_callback(body: dict[str, Any], clock: SandboxClock) -> dict[str, Any]:
    """Deliver one callback as described by ``body`` and report every attempt (JSON-ready)."""
    url, auth_key, event, variant, retry, timeout = _options(body)
    try:
        async with CallbackSender(timeout_s=timeout, retry_delays_s=retry) as sender:
            report = await sender.send(url, auth_key, event, variant=variant, now=clock.now)
    except SendError as exc:
        raise CallbackRequestError(str(exc)) from None
    return {
        "url": report.url,
        "delivered": report.delivered,
        "dropped": report.dropped,
        "maxAttempts": report.max_attempts,
        "timestamp": report.timestamp,
        "signature": report.signature,
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
