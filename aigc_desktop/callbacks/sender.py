"""Send callbacks the way the platform does: signed JSON body, 200 means delivered, 3 attempts in all.

The sandbox uses this for ``POST /_sandbox/callbacks`` and the workbench uses it to fire test events at the
user's receiver. Variants deliberately break one thing (clock, key, URL) so a receiver's checks can be tested.
The AuthKey is used only to compute the signature; it is never stored on the report or put in any text.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from aigc_desktop.platform.messages import Message, msg, render
from aigc_desktop.platform.signing import callback_signature, now_s

if TYPE_CHECKING:
    import httpx

ANSWER_EXCERPT_CHARS = 200
SKEW_S = 3600  # how far "expired" and "future" move the timestamp: far outside any sane tolerance
OTHER_URL = "https://other.example.invalid/callback"


class SendVariant(StrEnum):
    """What the sender gets right or deliberately wrong."""

    VALID = "valid"
    EXPIRED = "expired"  # timestamp one hour old
    FUTURE = "future"  # timestamp one hour ahead
    WRONG_KEY = "wrong_key"  # signed with a random key
    OTHER_URL = "other_url"  # signed for a different callback URL


class SendError(ValueError):
    """The event cannot be sent as asked (bad variant, URL or event); the text says why."""


@dataclass(frozen=True, slots=True)
class DeliveryAttempt:
    """One POST: its HTTP status (None when no answer came), how long it took and what went wrong."""

    number: int
    status_code: int | None
    elapsed_s: float
    problem: Message | None  # what went wrong, worded per language (``platform.messages``)
    answer_excerpt: str

    @property
    def succeeded(self) -> bool:
        return self.status_code == 200

    @property
    def error(self) -> str | None:
        """What went wrong, in English (None when delivered)."""
        return render(self.problem) if self.problem is not None else None

    def error_in(self, language: str) -> str | None:
        return render(self.problem, language) if self.problem is not None else None


@dataclass(slots=True)
class DeliveryReport:
    """Outcome of one event's delivery under the platform's policy (200 on any of 3 attempts)."""

    url: str
    signed_as_url: str
    variant: SendVariant
    body: bytes
    max_attempts: int
    timestamp: int | None
    signature: str | None
    attempts: list[DeliveryAttempt] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return any(attempt.succeeded for attempt in self.attempts)

    @property
    def dropped(self) -> bool:
        """True once every attempt failed: the platform discards the event at this point."""
        return not self.delivered and len(self.attempts) >= self.max_attempts

    def summary(self) -> str:
        if self.delivered:
            return f"delivered on attempt {len(self.attempts)} of {self.max_attempts}"
        if self.dropped:
            return f"dropped after {len(self.attempts)} failed attempts"
        return f"not delivered yet ({len(self.attempts)} of {self.max_attempts} attempts made)"


AttemptObserver = Callable[[DeliveryAttempt], None]
Clock = Callable[[], float]


class CallbackSender:
    """Deliver signed callbacks with the platform's retry policy; cancel the task to stop retrying."""

    def __init__(
        self,
        timeout_s: float = 10.0,
        retry_delays_s: Sequence[float] = (1.0, 2.0),
        client: httpx.AsyncClient | None = None,
    ) -> None:
        if timeout_s <= 0:
            raise SendError(f"timeout_s must be positive, got {timeout_s}")
        if any(delay < 0 for delay in retry_delays_s):
            raise SendError(f"retry delays must not be negative, got {tuple(retry_delays_s)}")
        self.timeout_s = timeout_s
        self.retry_delays_s = tuple(float(delay) for delay in retry_delays_s)
        import httpx  # with the first sender, not with this module (the GUI imports it before painting)

        self._own_client = client is None
        # Our own client ignores proxy variables: the platform posts straight to the URL, and so do we.
        self._client = client or httpx.AsyncClient(trust_env=False, follow_redirects=False)

    @property
    def max_attempts(self) -> int:
        return 1 + len(self.retry_delays_s)

    async def aclose(self) -> None:
        """Close the HTTP client if this sender created it (a client passed in belongs to the caller)."""
        if self._own_client:
            await self._client.aclose()

    async def __aenter__(self) -> CallbackSender:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    def build_body(
        self,
        url: str,
        auth_key: str | None,
        event: Mapping[str, Any],
        *,
        variant: SendVariant | str = SendVariant.VALID,
        signed_as_url: str | None = None,
        now: float | Clock | None = None,
    ) -> tuple[bytes, int | None, str | None]:
        """The exact body the platform would send: event fields plus ``timestamp`` and ``signature``."""
        kind = _parse_variant(variant)
        if not isinstance(event, Mapping):
            raise SendError(f"the event must be a JSON object (a mapping), got {type(event).__name__}")
        payload = dict(event)
        timestamp: int | None = None
        signature: str | None = None
        if auth_key is not None:
            if not auth_key:
                raise SendError("the AuthKey is empty; pass None to send an unsigned callback")
            timestamp = _timestamp(now)
            sign_url = signed_as_url or url
            key = auth_key
            if kind is SendVariant.EXPIRED:
                timestamp -= SKEW_S
            elif kind is SendVariant.FUTURE:
                timestamp += SKEW_S
            elif kind is SendVariant.WRONG_KEY:
                key = "Wrong" + secrets.token_urlsafe(18)
            elif kind is SendVariant.OTHER_URL:
                sign_url = OTHER_URL if sign_url != OTHER_URL else OTHER_URL + "/other"
            signature = callback_signature(sign_url, timestamp, key)
            payload["timestamp"] = timestamp
            payload["signature"] = signature
        elif kind is not SendVariant.VALID:
            raise SendError(f"variant {kind.value!r} needs an AuthKey; without one the body is unsigned")
        try:
            body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise SendError(f"the event cannot be encoded as JSON: {exc}") from None
        return body, timestamp, signature

    async def send(
        self,
        url: str,
        auth_key: str | None,
        event: Mapping[str, Any],
        *,
        variant: SendVariant | str = SendVariant.VALID,
        signed_as_url: str | None = None,
        now: float | Clock | None = None,
        on_attempt: AttemptObserver | None = None,
    ) -> DeliveryReport:
        """Sign ``event`` once and POST it up to ``max_attempts`` times until a 200 answer.

        Every attempt carries the same body (same timestamp and signature), as platform retries do.
        """
        kind = _parse_variant(variant)
        body, timestamp, signature = self.build_body(
            url, auth_key, event, variant=kind, signed_as_url=signed_as_url, now=now
        )
        report = DeliveryReport(
            url=url,
            signed_as_url=signed_as_url or url,
            variant=kind,
            body=body,
            max_attempts=self.max_attempts,
            timestamp=timestamp,
            signature=signature,
        )
        await self._deliver(report, on_attempt)
        return report

    async def send_body(
        self, url: str, body: bytes, *, on_attempt: AttemptObserver | None = None
    ) -> DeliveryReport:
        """Re-deliver a body as-is (replay of a recorded delivery), with the same retry policy."""
        report = DeliveryReport(
            url=url,
            signed_as_url=url,
            variant=SendVariant.VALID,
            body=bytes(body),
            max_attempts=self.max_attempts,
            timestamp=None,
            signature=None,
        )
        await self._deliver(report, on_attempt)
        return report

    async def _deliver(self, report: DeliveryReport, on_attempt: AttemptObserver | None) -> None:
        _check_url(report.url)
        for number in range(1, self.max_attempts + 1):
            attempt = await self._attempt(report.url, report.body, number)
            report.attempts.append(attempt)
            if on_attempt is not None:
                on_attempt(attempt)
            if attempt.succeeded or number == self.max_attempts:
                return
            await asyncio.sleep(self.retry_delays_s[number - 1])  # cancellable: cancelling stops retries

    async def _attempt(self, url: str, body: bytes, number: int) -> DeliveryAttempt:
        import httpx

        started = time.monotonic()
        try:
            async with asyncio.timeout(self.timeout_s):
                response = await self._client.post(
                    url,
                    content=body,
                    headers={"Content-Type": "application/json"},
                    timeout=self.timeout_s,
                )
        except (TimeoutError, httpx.TimeoutException):
            problem = msg("send.no_answer", seconds=f"{self.timeout_s:g}")
            return DeliveryAttempt(number, None, time.monotonic() - started, problem, "")
        except httpx.HTTPError as exc:
            return DeliveryAttempt(number, None, time.monotonic() - started, _describe(exc), "")
        elapsed = time.monotonic() - started
        excerpt = response.text[:ANSWER_EXCERPT_CHARS]
        error = None if response.status_code == 200 else msg("send.not_200", status=response.status_code)
        return DeliveryAttempt(number, response.status_code, elapsed, error, excerpt)


def _parse_variant(variant: SendVariant | str) -> SendVariant:
    try:
        return SendVariant(variant)
    except ValueError:
        known = ", ".join(v.value for v in SendVariant)
        raise SendError(f"unknown variant {variant!r}; use one of: {known}") from None


def _timestamp(now: float | Clock | None) -> int:
    if now is None:
        return now_s()
    value = now() if callable(now) else now
    return int(value)


def _check_url(url: str) -> None:
    import httpx

    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise SendError(f"invalid callback URL {url!r}: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise SendError(f"the callback URL must be an absolute http(s) URL, got {url!r}")


def _describe(exc: httpx.HTTPError) -> Message:
    """A short human reason for a transport failure (the exception name alone is not enough)."""
    import httpx

    text = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectError):
        return msg("send.connect_failed", error=text)
    if isinstance(exc, httpx.RemoteProtocolError):
        return msg("send.closed", error=text)
    return msg("send.other", name=type(exc).__name__, error=text)
