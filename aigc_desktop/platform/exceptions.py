"""One exception hierarchy for everything the platform client can raise.

Panes turn these into words; each error already carries a one-line ``summary`` and ``advice``.
"""

from __future__ import annotations

from datetime import datetime

RATE_LIMIT_CODE = 89999999


class AigcError(Exception):
    """Base of every error the platform layer raises on purpose."""

    advice: str = ""

    def __init__(self, summary: str, *, endpoint: str = "", advice: str = "") -> None:
        super().__init__(summary)
        self.summary = summary
        self.endpoint = endpoint
        if advice:
            self.advice = advice

    def __str__(self) -> str:
        where = f" [{self.endpoint}]" if self.endpoint else ""
        return f"{self.summary}{where}"


class InvalidConfiguration(AigcError, ValueError):
    """A client setting cannot be used (a malformed base URL, a bad timeout); nothing was sent.

    Also a ``ValueError``, which is what a bad setting has always raised. ``field`` names the setting.
    """

    advice = "Correct the setting in the profile or in Settings, then try again."

    def __init__(self, summary: str, *, field: str = "", endpoint: str = "") -> None:
        super().__init__(summary, endpoint=endpoint)
        self.field = field


class TransportError(AigcError):
    """The request did not complete at the HTTP level."""


class RequestTimeout(TransportError):
    advice = "The server did not answer in time. Check the network, or raise the read timeout in Settings."


class ConnectionFailed(TransportError):
    advice = "Could not reach the server. Check the base URL, your proxy settings and the network."


class TlsFailure(TransportError):
    advice = "The TLS handshake failed. Check the system clock and, for private deployments, the CA bundle."


class RequestCancelled(AigcError):
    """The user cancelled the call before it finished."""


class InvalidResponse(AigcError):
    """The server answered, but not with the platform's JSON envelope."""

    advice = "The server answered with something that is not the platform's API. Check the base URL."

    def __init__(
        self, reason: str, *, endpoint: str = "", http_status: int | None = None, excerpt: str = ""
    ) -> None:
        status = f"HTTP {http_status}: " if http_status is not None else ""
        shown = f" — starts with: {excerpt!r}" if excerpt else ""
        super().__init__(f"Invalid response ({status}{reason}){shown}", endpoint=endpoint)
        self.reason = reason
        self.http_status = http_status
        self.excerpt = excerpt


class PlatformError(AigcError):
    """A business error: the envelope's ``code`` was not 0."""

    def __init__(
        self,
        code: int,
        server_message: str,
        meaning: str,
        *,
        category: str = "",
        http_status: int | None = None,
        endpoint: str = "",
        advice: str = "",
    ) -> None:
        shown = meaning or server_message or "no description"
        super().__init__(f"Platform error {code}: {shown}", endpoint=endpoint, advice=advice)
        self.code = code
        self.server_message = server_message
        self.meaning = meaning
        self.category = category
        self.http_status = http_status


class RateLimited(PlatformError):
    """Code 89999999: the platform says we are calling too often. Never retried automatically."""

    advice = "The platform limits how often you may call. Wait a minute before trying again."


class RefreshTooSoon(AigcError):
    """The local 3-hour guard refused a refresh; nothing was sent."""

    def __init__(self, next_allowed_at: datetime, *, endpoint: str = "") -> None:
        when = next_allowed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        super().__init__(
            f"Refresh refused locally: the platform allows one refresh per 3 hours; "
            f"next refresh allowed at {when}",
            endpoint=endpoint,
            advice="Sign in again instead (it returns the same token while it is valid), or force the refresh.",
        )
        self.next_allowed_at = next_allowed_at
