"""The request log store: bounded, persisted as JSON lines off the loop's thread, reloaded, never secret."""

from __future__ import annotations

import json
import stat
import threading
from datetime import UTC, datetime
from pathlib import Path

from aigc_desktop.platform.call_record import CallRecord, LazyText
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.redaction import register_secret
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.request_log import LogEntry, RequestLogStore, contains_secret

TOKEN = "eyJhbGciOiJIUzI1NiJ9.secret-access-token-value.abcdef123456"


def record(n: int = 0, *, request: str = "{}", response: str = "{}", path: str = "/api/x") -> CallRecord:
    return CallRecord(
        time=datetime(2026, 5, 1, 12, 0, n % 60, tzinfo=UTC),
        endpoint="x",
        method="POST",
        path=path,
        http_status=200,
        platform_code=0,
        duration_ms=12.5,
        request=LazyText.of(request),
        response=LazyText.of(response),
    )


async def test_entries_persist_and_reload(tmp_path: Path) -> None:
    path = tmp_path / "state" / "request_log.jsonl"
    store = RequestLogStore(path)
    for n in range(3):
        store.add(LogEntry.from_record(record(n), "http://127.0.0.1:1"))
    await store.flush()
    reopened = RequestLogStore(path)
    loaded = await reopened.load()
    assert [e.time for e in loaded] == [e.time for e in store.entries()]
    assert loaded[0].base_url == "http://127.0.0.1:1"
    store.close()
    reopened.close()


async def test_bounded_in_memory_and_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "request_log.jsonl"
    store = RequestLogStore(path, limit=500)
    for n in range(1234):
        store.add(LogEntry.from_record(record(n, path=f"/api/{n}")))
    await store.flush()
    assert len(store) == 500 and store.entries()[-1].path == "/api/1233"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) < 1000  # compacted: at most twice the limit between compactions
    reloaded = await RequestLogStore(path, limit=500).load()
    assert len(reloaded) == 500
    assert [e.path for e in reloaded[-2:]] == ["/api/1232", "/api/1233"]
    store.close()


async def test_writes_happen_on_the_worker_thread(tmp_path: Path, monkeypatch: object) -> None:
    store = RequestLogStore(tmp_path / "log.jsonl")
    threads: list[str] = []
    original = store._append

    def spy(line: str) -> None:
        threads.append(threading.current_thread().name)
        original(line)

    store._append = spy  # type: ignore[method-assign]
    store.add(LogEntry.from_record(record()))
    await store.flush()
    assert threads and threads[0].startswith("request-log") and threads[0] != threading.main_thread().name
    store.close()


async def test_secrets_never_reach_the_file(tmp_path: Path) -> None:
    register_secret(TOKEN)  # as the client does for every token it sees
    leaky = record(
        request=json.dumps({"appId": "demo", "sign": "0123456789abcdef0123456789abcdef", "appKey": "k" * 32}),
        response=json.dumps(
            {"data": {"accessToken": TOKEN, "refreshToken": TOKEN[::-1], "note": f"Bearer {TOKEN}"}}
        ),
    )
    path = tmp_path / "log.jsonl"
    store = RequestLogStore(path)
    store.add(LogEntry.from_record(leaky))
    await store.flush()
    text = path.read_text(encoding="utf-8")
    for secret in (TOKEN, TOKEN[::-1], "0123456789abcdef0123456789abcdef", "k" * 32):
        assert secret not in text
    assert not contains_secret(text)
    assert '\\"appId\\": \\"demo\\"' in text  # what is not secret stays readable
    store.close()


async def test_clear_empties_memory_and_file(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    store = RequestLogStore(path)
    store.add(LogEntry.from_record(record()))
    await store.clear()
    assert len(store) == 0 and path.read_text(encoding="utf-8") == ""
    assert await RequestLogStore(path).load() == []
    store.close()


async def test_broken_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    good = LogEntry.from_record(record()).to_line()
    path.write_text(f'{good}\nnot json\n{{"unexpected": 1}}\n{good}\n', encoding="utf-8")
    loaded = await RequestLogStore(path).load()
    assert len(loaded) == 2  # the two good lines; "not json" and the object without fields are skipped
    assert [entry.to_line() for entry in loaded] == [good, good]


def test_curl_uses_variables_for_token_and_sign() -> None:
    login = LogEntry.from_record(
        record(
            request=json.dumps({"appId": "demo", "timestamp": "1", "sign": "abcd…wxyz", "grantType": "sign"}),
            path="/api/uc/v1/access/api/token",
        ),
        "http://127.0.0.1:8",
    )
    command = login.curl()
    assert '"$AIGC_SIGN"' in command and "abcd" not in command and "wxyz" not in command
    assert "appKey" not in command.replace("$AIGC_APP_KEY", "")
    account = LogEntry(
        "2026-05-01T12:00:00+00:00",
        "GET",
        "/api/2dvh/v1/user/config/resource",
        "userId=4",
        200,
        0,
        3.0,
        LazyText.of(""),
        LazyText.of("{}"),
        base_url="http://127.0.0.1:8",
    )
    assert account.curl() == (
        "curl -X GET 'http://127.0.0.1:8/api/2dvh/v1/user/config/resource?userId=4' "
        '-H "Authorization: Bearer $AIGC_TOKEN"'
    )


async def test_a_real_sign_in_is_logged_without_secrets(tmp_path: Path) -> None:
    async with SandboxServer() as server:
        store = RequestLogStore(tmp_path / "log.jsonl")
        client = PlatformClient(ClientConfig(base_url=server.base_url))
        client.add_observer(lambda r: store.add(LogEntry.from_record(r, server.base_url)))
        grant = await client.login(server.demo.app_id, server.demo.app_key)
        await client.get_account(grant.access_token, server.demo.user_id)
        await client.aclose()
        await store.flush()
    text = (tmp_path / "log.jsonl").read_text(encoding="utf-8")
    assert text.count("\n") == 2
    for secret in (grant.access_token, grant.refresh_token, server.demo.app_key):
        assert secret and secret not in text
    store.close()


async def test_the_file_is_private_and_so_is_its_folder(tmp_path: Path) -> None:
    """Issue 15 item 12: company, base URL and account numbers are the user's alone (0600 in 0700)."""
    folder = tmp_path / "state"
    folder.mkdir(mode=0o755)
    path = folder / "request_log.jsonl"
    path.write_text("")  # left by an older version with the default umask
    path.chmod(0o644)
    store = RequestLogStore(path, limit=2)
    for n in range(5):  # past 2 x limit lines: the compacted file is private too
        store.add(LogEntry.from_record(record(n), "http://127.0.0.1:1"))
    await store.flush()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    await store.clear()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    store.add(LogEntry.from_record(record(9), "http://127.0.0.1:1"))
    exported = await store.export_to(tmp_path / "export.jsonl")
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert [json.loads(line)["time"] for line in exported.read_text().splitlines()] == [
        record(9).time.isoformat(timespec="milliseconds")
    ]
    store.close()


def test_credentials_in_a_stored_base_url_never_reach_the_entry_or_its_curl() -> None:
    """A base URL saved by an older version with ``user:password@`` and a token in its query."""
    entry = LogEntry.from_record(record(), "http://user:SecretPw9@127.0.0.1:8080?token=SecretTok9")
    assert entry.base_url == "http://127.0.0.1:8080?token=***"
    curl = entry.curl()
    assert "SecretPw9" not in curl and "SecretTok9" not in curl and "127.0.0.1:8080" in curl
    assert "SecretPw9" not in entry.to_line() and "SecretTok9" not in entry.to_line()
