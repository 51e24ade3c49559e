"""What the receiver records per request: enough to inspect, group retries, export and replay it.

Headers that can carry credentials are redacted when the record is made, so nothing downstream (history,
export, curl) can leak them. The body is kept as received (it carries the signature, never the AuthKey),
except that of a refused request: only its first bytes are kept (``body_complete`` is then False).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from aigc_desktop.callbacks.verify import Verdict
from aigc_desktop.platform.messages import Message, render

REDACTED = "[redacted]"
_SECRET_HEADER_WORDS = ("authorization", "cookie", "token", "secret", "key", "password", "signature", "auth")


@dataclass(frozen=True, slots=True)
class ForwardResult:
    """How passing a valid delivery on to the user's own endpoint went."""

    url: str
    status_code: int | None
    elapsed_s: float
    error: str | None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One request the receiver handled, with its verdict and the status it answered."""

    id: int
    received_at: datetime
    peer: str
    method: str
    path: str  # raw path and query, as requested
    request_url: str  # scheme://Host-header + path, as the sender addressed it
    headers: tuple[tuple[str, str], ...]
    body: bytes
    size: int  # bytes received (or announced, for a body refused as too large)
    verdict: Verdict | None  # None when the request was refused before verification (405, 413, 408)
    answered_status: int | None  # None when the client went away before an answer
    forward: ForwardResult | None = None
    remark: Message | None = (
        None  # what else happened: "simulated HTTP 500", "stalled 35 s", "body over 1 MiB"
    )

    @property
    def note(self) -> str:
        """What else happened, in English ("" when nothing did)."""
        return render(self.remark) if self.remark is not None else ""

    def note_in(self, language: str) -> str:
        return render(self.remark, language) if self.remark is not None else ""

    @property
    def group_key(self) -> tuple[int, str] | None:
        """(timestamp, signature): retries of one event share it."""
        return self.verdict.group_key if self.verdict else None

    @property
    def body_complete(self) -> bool:
        """Whether ``body`` is all that was received (a refused request keeps only its first bytes)."""
        return len(self.body) == self.size

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return ""


@lru_cache(maxsize=512)  # a pure function of the name, asked for every header of every delivery
def is_secret_header(name: str) -> bool:
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_HEADER_WORDS)


def redact_headers(headers: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Headers with credential-like values replaced (Authorization, Cookie, X-Api-Key, ...)."""
    return tuple((name, REDACTED if is_secret_header(name) else value) for name, value in headers)
