"""One exception hierarchy for everything the platform client can raise.

Panes turn these into words; each error already carries a one-line ``summary`` and ``advice``.
The advice travels as a code (``advice_code``, a key of ``resources/wording.json``) so each reader gets
it in their language (``advice_in(lang)``); ``advice`` is its English text.
"""

from __future__ import annotations

from datetime import datetime

from aigc_desktop.platform.wording import say

RATE_LIMIT_CODE = 89999999


class AigcError(Exception):
    """Base of every error the platform layer raises on purpose."""

    advice_code: str = ""  # a key of resources/wording.json

    def __init__(self, summary: str, *, endpoint: str = "", advice: str = "", advice_code: str = "") -> None:
        super().__init__(summary)
        self.summary = summary
        self.endpoint = endpoint
        self._advice = advice
        if advice_code:
            self.advice_code = advice_code

    @property
    def advice(self) -> str:
        """The advice in English: given text, else the advice code's English wording."""
        return self._advice or (say(self.advice_code) if self.advice_code else "")

    @advice.setter
    def advice(self, text: str) -> None:
        self._advice = text

    def advice_in(self, lang: str | None) -> str:
        """The advice in ``lang`` when it came as a code; text given as such stays as it is."""
        if self.advice_code and not self._advice:
            return say(self.advice_code, lang)
        return self._advice

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
    advice_code = "advice.request_timeout"


class ConnectionFailed(TransportError):
    advice_code = "advice.connection_failed"


class TlsFailure(TransportError):
    advice_code = "advice.tls_failure"


class RequestCancelled(AigcError):
    """The user cancelled the call before it finished."""


class InvalidResponse(AigcError):
    """The server answered, but not with the platform's JSON envelope."""

    advice_code = "advice.invalid_response"

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

    advice_code = "advice.rate_limited"


class RefreshTooSoon(AigcError):
    """The local 3-hour guard refused a refresh; nothing was sent."""

    def __init__(self, next_allowed_at: datetime, *, endpoint: str = "") -> None:
        when = next_allowed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        super().__init__(
            f"Refresh refused locally: the platform allows one refresh per 3 hours; "
            f"next refresh allowed at {when}",
            endpoint=endpoint,
            advice_code="advice.refresh_too_soon",
        )
        self.next_allowed_at = next_allowed_at
