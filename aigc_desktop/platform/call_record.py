"""What the client remembers about each call: a request-log entry and the login request preview.

Both hold only redacted text, so the UI may show, copy or export them freely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType
from typing import Any

from aigc_desktop.platform.redaction import mask_secret, redact_json

MAX_RECORDED_BODY_CHARS = 8192


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One client call (all of its attempts), as the request log shows it."""

    time: datetime
    endpoint: str
    method: str
    path: str
    http_status: int | None
    platform_code: int | None
    duration_ms: float
    request_body: str
    response_body: str
    error: str = ""
    attempts: int = 1
    server_clock_offset_s: float | None = (
        None  # server Date minus local time; large values explain sign failures
    )
    query: str = ""  # e.g. "userId=4" (never secret: tokens travel in headers)

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
