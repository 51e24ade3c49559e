"""The sandbox's request log: one record per request it handled (never bodies or headers).

The one body field kept is a login's ``timestamp`` (not a secret; the sign is): it shows which unit a client
sends, which the sandbox itself accepts either way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """What a test or the demo needs to know about one request.

    ``status`` is the HTTP status (0 when the connection was reset on purpose), ``code`` the
    platform's business code when the answer was an envelope, ``time`` the sandbox-clock arrival time
    (UNIX seconds), ``fault`` the injected fault kind, if any, and ``login_timestamp`` a login's
    ``timestamp`` field as received (digits), once it passed the digits check.
    """

    method: str
    path: str
    status: int
    time: float
    code: int | None = None
    fault: str | None = None
    duration_s: float = 0.0
    login_timestamp: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "method": self.method,
            "path": self.path,
            "status": self.status,
            "time": self.time,
            "code": self.code,
            "fault": self.fault,
            "durationSeconds": round(self.duration_s, 6),
            "loginTimestamp": self.login_timestamp,
        }
