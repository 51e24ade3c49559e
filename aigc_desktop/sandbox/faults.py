"""Injected faults: make the next N requests to a path misbehave in a chosen way.

Faults queue per path in the order they were added; each answers ``count`` requests and is then used
up. The path ``"*"`` matches every platform path (controls under ``/_sandbox/`` are never faulted);
a fault on the exact path is used before a ``"*"`` fault.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum

from aigc_desktop.sandbox.json_body import finite_number

WILDCARD_PATH = "*"


class FaultKind(StrEnum):
    """What a faulted request gets instead of (or before) its normal answer."""

    DELAY = "delay"  # wait `seconds`, then answer normally
    HTTP500_HTML = "http500_html"  # HTTP 500 with an HTML page
    MALFORMED_JSON = "malformed_json"  # 200 application/json, truncated JSON
    EMPTY_BODY = "empty_body"  # 200 application/json, no body at all
    RESET = "reset"  # the TCP connection is aborted without an answer
    RATE_LIMIT = "rate_limit"  # 200 with code 89999999
    WRONG_CONTENT_TYPE = "wrong_content_type"  # the normal answer, labelled text/plain
    OVERSIZED_BODY = "oversized_body"  # a valid JSON envelope of several MiB
    UNKNOWN_CODE = "unknown_code"  # 200 with the undocumented code 77777777
    HTTP502 = "http502"  # gateway errors with an HTML page
    HTTP503 = "http503"
    HTTP504 = "http504"
    TOKEN_EXPIRED = "token_expired"  # 200 with code 60112505, as if the token expired mid-session
    SLOW_BODY = "slow_body"  # the normal answer, its body trickled out over `seconds`
    HTTP401_HTML = "http401_html"  # a gateway's 401 HTML page (an auth proxy in front of the platform)
    HTTP403_HTML = "http403_html"  # a gateway's 403 HTML page (a WAF or an IP allow-list)
    HTTP429 = "http429"  # HTTP 429 Too Many Requests from a gateway, plain text
    BAD_JSON_SHAPE = "bad_json_shape"  # 200 application/json, valid JSON that is not the envelope
    REFRESH_TOO_SOON = "refresh_too_soon"  # 200 with code 60112161 (the platform's 3-hour refresh rule)


KIND_NAMES: tuple[str, ...] = tuple(kind.value for kind in FaultKind)
#: kinds that need ``seconds`` (how long the answer takes)
TIMED_KINDS = frozenset({FaultKind.DELAY, FaultKind.SLOW_BODY})
MAX_COUNT = 1_000_000


class FaultError(ValueError):
    """A fault request that cannot be honoured; the text says why."""


@dataclass(slots=True)
class Fault:
    """One queued fault and how many more requests it will answer."""

    path: str
    kind: FaultKind
    remaining: int
    seconds: float | None = None

    def to_json(self) -> dict[str, object]:
        return {"path": self.path, "kind": self.kind.value, "count": self.remaining, "seconds": self.seconds}


def parse_kind(kind: str | FaultKind) -> FaultKind:
    """The kind named by ``kind``, or FaultError listing the valid names."""
    try:
        return FaultKind(kind)
    except ValueError:
        raise FaultError(f"unknown fault kind {kind!r}; valid kinds: {', '.join(KIND_NAMES)}") from None


class FaultPlan:
    """Per-path queues of faults; the server takes one per request."""

    def __init__(self) -> None:
        self._queues: dict[str, deque[Fault]] = {}

    def add(self, path: str, kind: str | FaultKind, count: int = 1, seconds: float | None = None) -> None:
        """Fault the next ``count`` requests to ``path``; ``count`` 0 clears that path instead."""
        if not isinstance(path, str) or not (path == WILDCARD_PATH or path.startswith("/")):
            raise FaultError(f"fault path must start with '/' or be '*'; got {path!r}")
        if path.startswith("/_sandbox"):
            raise FaultError("the /_sandbox/ controls cannot be faulted")
        fault_kind = parse_kind(kind)
        if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= MAX_COUNT:
            raise FaultError(f"fault count must be a whole number >= 0 and <= {MAX_COUNT}; got {count!r}")
        if count == 0:
            self.clear(path)
            return
        if fault_kind in TIMED_KINDS:
            if seconds is None:
                raise FaultError(
                    f"a {fault_kind.value!r} fault needs 'seconds' (how long the answer takes to arrive)"
                )
            number = finite_number(seconds)
            if number is None or not 0 <= number <= 3600:
                raise FaultError(f"'seconds' must be a number from 0 to 3600; got {str(seconds)[:40]}")
            seconds = number
        elif seconds is not None:
            raise FaultError(
                f"'seconds' only applies to 'delay' and 'slow_body' faults, not {fault_kind.value!r}"
            )
        self._queues.setdefault(path, deque()).append(Fault(path, fault_kind, count, seconds))

    def clear(self, path: str | None = None) -> None:
        """Forget the faults of ``path``, or all faults when ``path`` is None."""
        if path is None:
            self._queues.clear()
        else:
            self._queues.pop(path, None)

    def take(self, path: str) -> Fault | None:
        """The fault that applies to this request to ``path`` (using one of its count), or None."""
        if path.startswith("/_sandbox"):
            return None
        for key in (path, WILDCARD_PATH):
            queue = self._queues.get(key)
            if not queue:
                continue
            fault = queue[0]
            fault.remaining -= 1
            if fault.remaining <= 0:
                queue.popleft()
                if not queue:
                    del self._queues[key]
            return Fault(fault.path, fault.kind, fault.remaining, fault.seconds)
        return None

    def pending(self) -> list[Fault]:
        """Every queued fault, for the control API and the GUI."""
        return [fault for queue in self._queues.values() for fault in queue]
