"""What the client remembers about each call: a request-log entry and the login request preview.

Both give out only redacted text, so the UI may show, copy or export them freely. Bodies are redacted
when first read, not when the call ends: most records are never opened, and rendering every body
was the largest part of the client's cost over plain httpx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from aigc_desktop.platform.redaction import mask_secret, redact_json

MAX_RECORDED_BODY_CHARS = 8192


class LazyText:
    """Text made by a function the first time it is read, then kept (and the function dropped).

    Safe to read from two threads: both may run the function (it must be pure), and ``_text`` is
    always set before ``_make`` is cleared, so a reader that finds no function finds the text.
    """

    __slots__ = ("_make", "_text")

    def __init__(self, make: Callable[[], str]) -> None:
        self._make: Callable[[], str] | None = make
        self._text: str | None = None

    @classmethod
    def of(cls, text: str) -> LazyText:
        """Text that is already known."""
        known = cls.__new__(cls)
        known._make, known._text = None, text
        return known

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            make = self._make
            if make is None:  # another thread finished it between our two reads
                return self._text or ""
            text = make()
            self._text = text
            self._make = None
        return text

    def __str__(self) -> str:  # so a log call can pass it as an argument and pay only when emitted
        return self.text

    def __repr__(self) -> str:
        return f"LazyText({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyText):
            return self.text == other.text
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.text)


class BodyTexts:
    """``request_body`` and ``response_body``: the texts of a record's ``request`` / ``response`` LazyText."""

    __slots__ = ()
    request: LazyText
    response: LazyText

    @property
    def request_body(self) -> str:
        return self.request.text

    @property
    def response_body(self) -> str:
        return self.response.text


@dataclass(frozen=True, slots=True)
class CallRecord(BodyTexts):
    """One client call (all of its attempts), as the request log shows it."""

    time: datetime
    endpoint: str
    method: str
    path: str
    http_status: int | None
    platform_code: int | None
    duration_ms: float
    request: LazyText  # redacted JSON (or text) of the request body, rendered when first read
    response: LazyText  # the same for the answer, clipped at MAX_RECORDED_BODY_CHARS
    error: str = ""
    attempts: int = 1
    server_clock_offset_s: float | None = (
        None  # server Date minus local time; large values explain sign failures
    )
    query: str = ""  # e.g. "userId=4" (never secret: tokens travel in headers)
    # as sent and as answered (names lower-case); secrets in them are masked by whoever shows them
    request_headers: Mapping[str, str] = field(default_factory=dict)
    response_headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error and self.platform_code == 0


@dataclass(frozen=True, slots=True)
class RequestPreview:
    """The last login request as sent, with the sign masked (the AppKey is never part of a request)."""

    method: str
    url: str
    headers: MappingProxyType[str, str]
    body: MappingProxyType[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def build(cls, method: str, url: str, headers: dict[str, str], body: dict[str, Any]) -> RequestPreview:
        shown_headers = {
            name: (_mask_authorization(value) if name.lower() == "authorization" else value)
            for name, value in headers.items()
        }
        return cls(method, url, MappingProxyType(shown_headers), MappingProxyType(redact_json(body)))


def _mask_authorization(value: str) -> str:
    scheme, _, credential = value.partition(" ")
    return f"{scheme} {mask_secret(credential)}" if credential else mask_secret(value)


def clip(text: str, limit: int = MAX_RECORDED_BODY_CHARS) -> str:
    """Bodies in the log are bounded; the tail is replaced by a marker saying how much was cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [{len(text) - limit} more characters]"
