"""The fault matrix: every client call x every sandbox fault, what is expected, and what was observed.

``FAULTS`` says what each fault should end in per call (error type, attempts, words the user reads);
the tests record what really happened in ``RESULTS``, and ``render_markdown`` turns the observations
into ``docs/reliability.md`` (written at the end of a run when ``AIGC_WRITE_RELIABILITY_DOC=1``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from aigc_desktop.platform.exceptions import (
    AigcError,
    ConnectionFailed,
    InvalidResponse,
    PlatformError,
    RateLimited,
    RefreshTooSoon,
    RequestTimeout,
)
from tests.reliability import hardening

CALLS = ("login", "refresh", "logout", "get_account")
GET_CALLS = frozenset({"get_account"})  # the only GET: the one call the client may repeat
READ_TIMEOUT_S = 0.4  # the matrix client's read timeout; delay/slow_body faults stall longer
TOTAL_TIMEOUT_S = 1.0  # the matrix client's deadline per call; slow_body_total trickles for longer
MAX_RETRIES = 2
LOCAL_GUARD = "refresh_too_soon_local"


@dataclass(frozen=True, slots=True)
class FaultCase:
    """One row: a sandbox fault kind (or the local refresh guard) and what every call should do."""

    name: str
    kind: str | None  # sandbox fault kind; None for the local guard (nothing is sent)
    description: str
    error: type[AigcError]
    words: str  # must appear in the text the banner shows
    seconds: float | None = None
    retried_on_get: bool = False  # GET repeats it (1 + MAX_RETRIES attempts); POST never does
    calls: tuple[str, ...] = CALLS
    error_by_call: dict[str, type[AigcError]] = field(default_factory=dict)

    def expected_error(self, call: str) -> type[AigcError]:
        return self.error_by_call.get(call, self.error)

    def expected_attempts(self, call: str) -> int:
        if self.kind is None:
            return 0
        return 1 + MAX_RETRIES if self.retried_on_get and call in GET_CALLS else 1


FAULTS: tuple[FaultCase, ...] = (
    FaultCase(
        "delay",
        "delay",
        "no answer until long after the read timeout",
        RequestTimeout,
        "No answer within",
        seconds=30,
    ),
    FaultCase(
        "slow_body",
        "slow_body",
        "headers at once, then the body trickles with pauses longer than the read timeout",
        RequestTimeout,
        "No answer within",
        seconds=8,
    ),
    FaultCase(
        "slow_body_total",
        "slow_body",
        "the body trickles for 1.6 s with pauses (0.2 s) shorter than the read timeout: only the total "
        "deadline ends it",
        RequestTimeout,
        "total deadline",
        seconds=1.6,
    ),
    FaultCase(
        "reset",
        "reset",
        "the TCP connection is aborted without an answer",
        ConnectionFailed,
        "reset or closed",
        retried_on_get=True,
    ),
    FaultCase("http500_html", "http500_html", "HTTP 500 with an HTML page", InvalidResponse, "HTTP 500"),
    FaultCase(
        "http502", "http502", "HTTP 502 gateway page", InvalidResponse, "HTTP 502", retried_on_get=True
    ),
    FaultCase(
        "http503", "http503", "HTTP 503 gateway page", InvalidResponse, "HTTP 503", retried_on_get=True
    ),
    FaultCase(
        "http504", "http504", "HTTP 504 gateway page", InvalidResponse, "HTTP 504", retried_on_get=True
    ),
    FaultCase("http401_html", "http401_html", "a gateway's 401 HTML page", InvalidResponse, "HTTP 401"),
    FaultCase("http403_html", "http403_html", "a gateway's 403 HTML page (WAF)", InvalidResponse, "HTTP 403"),
    FaultCase("http429", "http429", "HTTP 429 Too Many Requests, plain text", RateLimited, "89999999"),
    FaultCase("malformed_json", "malformed_json", "truncated JSON", InvalidResponse, "truncated JSON"),
    FaultCase("empty_body", "empty_body", "HTTP 200, no body", InvalidResponse, "empty body"),
    FaultCase(
        "bad_json_shape",
        "bad_json_shape",
        "valid JSON that is not the platform envelope",
        InvalidResponse,
        "not the platform envelope",
    ),
    FaultCase(
        "wrong_content_type",
        "wrong_content_type",
        "the normal answer labelled text/plain",
        InvalidResponse,
        "wrong content type",
    ),
    FaultCase(
        "oversized_body", "oversized_body", "a valid envelope of 6 MiB", InvalidResponse, "response too large"
    ),
    FaultCase("rate_limit", "rate_limit", "code 89999999", RateLimited, "Platform error 89999999"),
    FaultCase("unknown_code", "unknown_code", "undocumented code 77777777", PlatformError, "77777777"),
    FaultCase(
        "token_expired",
        "token_expired",
        "code 60112505 mid-session",
        PlatformError,
        "Platform error 60112505",
    ),
    FaultCase(
        "refresh_too_soon",
        "refresh_too_soon",
        "the platform's 60112161 (one refresh per 3 hours)",
        PlatformError,
        "Platform error 60112161",
    ),
    FaultCase(
        LOCAL_GUARD,
        None,
        "a second refresh within 3 hours: the client's guard refuses before sending",
        RefreshTooSoon,
        "Refresh not sent",
        calls=("refresh",),
    ),
)
FAULTS_BY_NAME = {case.name: case for case in FAULTS}


@dataclass(frozen=True, slots=True)
class Observation:
    """What one matrix cell really did."""

    error: str
    attempts: int
    message: str


RESULTS: dict[tuple[str, str], Observation] = {}
NOTES: dict[str, str] = {}  # extra observed lines for the doc (e.g. receiver fuzz memory)


def cells() -> list[tuple[FaultCase, str]]:
    return [(case, call) for case in FAULTS for call in case.calls]


def complete() -> bool:
    return all((case.name, call) in RESULTS for case, call in cells())


def _cell(case: FaultCase, call: str) -> str:
    if call not in case.calls:
        return "n/a"
    seen = RESULTS.get((case.name, call))
    if seen is None:
        return "not run"
    tries = (
        "not sent" if seen.attempts == 0 else f"{seen.attempts} attempt{'s' if seen.attempts != 1 else ''}"
    )
    return f"`{seen.error}` · {tries}"


# Everything after this line in docs/reliability.md is kept when the doc is regenerated: figures the
# benchmark suite measured (``python -m benchmarks``), which a test run does not.
KEPT_MARKER = "<!-- Kept when regenerated: figures from the benchmark suite. -->"


def render_markdown() -> str:
    """``docs/reliability.md`` from the observations of this run."""
    header = "| fault | " + " | ".join(f"`{call}`" for call in CALLS) + " |"
    rule = "|---|" + "---|" * len(CALLS)
    rows = [
        f"| `{case.name}` — {case.description} | " + " | ".join(_cell(case, c) for c in CALLS) + " |"
        for case in FAULTS
    ]
    messages = []
    for case in FAULTS:
        call = "get_account" if "get_account" in case.calls else case.calls[0]
        seen = RESULTS.get((case.name, call))
        if seen is not None:
            text = seen.message.replace("\n", " / ").replace("|", "\\|")
            messages.append(f"| `{case.name}` ({call}) | {text} |")
    notes = [f"- {line}" for _key, line in sorted(NOTES.items())]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    return "\n".join(
        [
            "# Reliability: the fault matrix",
            "",
            "<!-- Generated by tests/reliability (AIGC_WRITE_RELIABILITY_DOC=1 python -m pytest tests/reliability,",
            "     or python tests/reliability/make_matrix_doc.py). Do not edit by hand. -->",
            "",
            f"Observed on {stamp} against the sandbox on loopback: each cell is the typed error the call raised",
            "and how many requests reached the sandbox (`server.requests`). The client's policy: POST calls",
            "(login, refresh, logout) are never repeated, since they may have had an effect; the GET of",
            f"`get_account` is repeated after a reset connection or a 502/503/504, at most {MAX_RETRIES} times,",
            f"with jittered backoff. Read timeout in these runs: {READ_TIMEOUT_S:g} s; total deadline of a",
            f"call (every attempt and wait included): {TOTAL_TIMEOUT_S:g} s.",
            "",
            "Every cell is also checked through `services.session.Session`: a failed sign-in keeps the",
            "profile, the stored AppKey and the previous tokens; a failed refresh keeps the old tokens (in",
            "memory and in the keyring) and the refresh time; a failed account load keeps the tokens and the",
            "last account; a failed sign-out still forgets the tokens locally (by design) and keeps the",
            "profile and AppKey. After each fault, a new sign-in and account load succeed.",
            "",
            header,
            rule,
            *rows,
            "",
            "## What the user reads (banner text, rendered by `aigc_desktop.ui.errors`)",
            "",
            "| fault | banner |",
            "|---|---|",
            *messages,
            "",
            *hardening.render(),
            *(["## Other observations", "", *notes, ""] if notes else []),
        ]
    )
