"""Redaction of what the request log shows in memory, not only of what reaches the file.

The file has a last line of defence (an entry that still looks secret is withheld), so a test of the file alone
cannot see a field that skipped redaction; the pane shows the in-memory entries, so these are checked directly.
Each text field the pane shows carries a registered secret and a secret-shaped value the registry never saw.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from aigc_desktop.platform.call_record import CallRecord, LazyText
from aigc_desktop.platform.redaction import forget_secret, register_secret
from aigc_desktop.services.request_log import LogEntry, RequestLogStore

REGISTERED = "eyJhbGciOiJIUzI1NiJ9.registered-token-value.0123456789"
UNREGISTERED = "Zm9vYmFyYmF6cXV4.never-registered-token.9876543210"
SIGN = "0123456789abcdef0123456789abcdef"
APP_KEY = "AppKeyNeverRegistered0123456789ab"


@pytest.fixture(autouse=True)
def registered_secret() -> object:
    register_secret(REGISTERED)  # as the client does for every token it handles
    yield
    forget_secret(REGISTERED)


def leaky_fields() -> dict[str, object]:
    """Every text field of a row, each holding secrets (as a buggy client might hand them over)."""
    return {
        "path": f"/api/x/{REGISTERED}",
        "query": f"userId=4&token={UNREGISTERED}",
        "request": LazyText.of(json.dumps({"appId": "demo", "sign": SIGN, "appKey": APP_KEY})),
        "response": LazyText.of(json.dumps({"data": {"accessToken": UNREGISTERED, "note": REGISTERED}})),
        "error": f"HTTP 401 for Authorization: Bearer {UNREGISTERED} ({REGISTERED})",
        "base_url": f"https://user:{REGISTERED}@aigc.example",
    }


def shown_texts(entry: LogEntry) -> dict[str, str]:
    """What the pane shows of an entry: the row, the tooltip, the summary and both bodies."""
    return {
        "path": entry.path,
        "query": entry.query,
        "request": entry.request_body,
        "response": entry.response_body,
        "error": entry.error,
        "base_url": entry.base_url,
        "curl": entry.curl(),
    }


def assert_no_secret(entry: LogEntry) -> None:
    for name, text in shown_texts(entry).items():
        for secret in (REGISTERED, UNREGISTERED, SIGN, APP_KEY):
            assert secret not in text, f"{name} shows a secret: {text!r}"


def call_record() -> CallRecord:
    fields = leaky_fields()
    return CallRecord(
        time=datetime(2026, 5, 1, 12, 0, 0, tzinfo=UTC),
        endpoint="x",
        method="POST",
        path=str(fields["path"]),
        query=str(fields["query"]),
        http_status=401,
        platform_code=None,
        duration_ms=5.0,
        request=fields["request"],  # type: ignore[arg-type]
        response=fields["response"],  # type: ignore[arg-type]
        error=str(fields["error"]),
    )


def test_an_entry_made_from_a_call_shows_no_secret_in_any_field() -> None:
    entry = LogEntry.from_record(call_record(), str(leaky_fields()["base_url"]))
    assert_no_secret(entry)
    assert "HTTP 401" in entry.error and '"appId": "demo"' in entry.request_body  # the rest stays readable


def test_the_store_redacts_an_entry_handed_over_unredacted() -> None:
    """The store's own second pass: an entry built without redaction is redacted before it is kept."""
    raw = LogEntry(
        time="2026-05-01T12:00:00+00:00",
        method="POST",
        http_status=401,
        platform_code=None,
        duration_ms=5.0,
        **leaky_fields(),  # type: ignore[arg-type]
    )
    assert REGISTERED in raw.error  # really unredacted
    store = RequestLogStore(None)
    assert store.add(raw) is None  # in memory only: nothing on disk can hide a leak here
    (kept,) = store.entries()
    assert_no_secret(kept)
    store.close()


async def test_reloaded_entries_are_redacted_again(tmp_path: object) -> None:
    """A file written by an older, leakier version is redacted when it is read back."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "log.jsonl"
    fields = leaky_fields()
    line = {
        "time": "2026-05-01T12:00:00+00:00",
        "method": "POST",
        "path": fields["path"],
        "query": fields["query"],
        "http_status": 401,
        "platform_code": None,
        "duration_ms": 5.0,
        "request_body": fields["request"].text,  # type: ignore[attr-defined]
        "response_body": fields["response"].text,  # type: ignore[attr-defined]
        "error": fields["error"],
        "base_url": fields["base_url"],
    }
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    store = RequestLogStore(path)
    (loaded,) = await store.load()
    assert_no_secret(loaded)
    assert_no_secret(store.entries()[0])
    store.close()
