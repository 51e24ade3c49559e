"""Issue 15, tried as an attacker or an unlucky user would: the app refuses at once, in one line, and keeps going.

Commands run as real subprocesses (bounded by a 2 GiB address-space limit and a timeout, so the old
unbounded reads fail the test instead of the machine); the sandbox and the client talk over real
loopback HTTP. What each case did is recorded for ``docs/reliability.md`` (``hardening.py``).
"""

from __future__ import annotations

import asyncio
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from aigc_desktop.platform.call_record import CallRecord, LazyText
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.endpoints import ACCOUNT
from aigc_desktop.platform.exceptions import InvalidConfiguration, RequestTimeout
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.clock import MAX_OFFSET_S
from aigc_desktop.sandbox.routes_control import MAX_CALLBACKS_IN_FLIGHT
from aigc_desktop.sandbox.routes_platform import LOGIN_PATH
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore, ProfileValidationError
from aigc_desktop.services.request_log import LogEntry
from aigc_desktop.services.secrets import SecretKind, SecretStore, StoreStatus
from tests.reliability import hardening
from tests.services.memory_keyring import MemoryKeyring

ROOT = Path(__file__).resolve().parents[2]
AUTH_KEY = "GoodAuthKey12345"
MEMORY_LIMIT = 2 * 1024**3  # the old reads grew to 7.6 GB and 22 GB; this ends them in MemoryError
NOT_UTF8 = b"ab\xff\xfecd"


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mib: float  # the child's own peak RSS

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def _env(**extra: str | bytes) -> dict[bytes, bytes]:
    env = {
        key.encode(): value.encode()
        for key, value in os.environ.items()
        if not key.startswith("AIGC_") and key.lower() not in {"http_proxy", "https_proxy", "all_proxy"}
    }
    env[b"QT_QPA_PLATFORM"] = b"offscreen"
    for key, value in extra.items():
        env[key.encode()] = value if isinstance(value, bytes) else value.encode()
    return env


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# Runs ``aigc_desktop`` as ``python -m`` would, then writes the process's own peak RSS (VmHWM: per process
# image, unlike the rusage of a child forked from this big test process) to the file named first.
_MEASURED_RUN = """
import runpy, sys
peak_file = sys.argv[1]
sys.argv = ["aigc-desktop", *sys.argv[2:]]
try:
    runpy.run_module("aigc_desktop", run_name="__main__", alter_sys=True)
finally:
    with open("/proc/self/status") as status, open(peak_file, "w") as out:
        out.write(next(line for line in status if line.startswith("VmHWM:")).split()[1])
"""


def run_cli(
    args: Sequence[str | bytes], *, stdin: object = subprocess.DEVNULL, env: Mapping[bytes, bytes]
) -> Run:
    """``python -m aigc_desktop ARGS`` in a subprocess: exit code, output, duration and its own peak RSS."""
    with tempfile.NamedTemporaryFile() as peak_file:
        started = time.monotonic()
        process = subprocess.Popen(  # our own interpreter and module
            [
                sys.executable.encode(),
                b"-c",
                _MEASURED_RUN.encode(),
                peak_file.name.encode(),
                *(a if isinstance(a, bytes) else a.encode() for a in args),
            ],
            stdin=stdin,  # type: ignore[arg-type]
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            preexec_fn=_limit_memory,  # no threads are started before this in the child
        )
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        seconds = time.monotonic() - started
        peak_kib = Path(peak_file.name).read_text() or "0"
    return Run(
        process.returncode,
        out.decode(errors="replace"),
        err.decode(errors="replace"),
        seconds,
        int(peak_kib) / 1024,
    )


def _one_line_usage_error(run: Run, *words: str) -> str:
    assert run.code == 2, run
    assert len(run.err_lines) == 1 and "Traceback" not in run.err, run.err
    for word in words:
        assert word in run.err, run.err
    return run.err_lines[0]


# --- item 2: bounded reads ----------------------------------------------------------------------


def test_verify_body_from_dev_zero_stops_at_the_receiver_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        run = run_cli(
            ["verify", "callback", "--url", "http://127.0.0.1/cb", "--body", "/dev/zero"],
            stdin=zero,
            env=_env(AIGC_AUTH_KEY=AUTH_KEY),
        )
    line = _one_line_usage_error(run, "larger than 1048576 bytes")
    hardening.record(
        "02a",
        "2",
        "`verify callback --body /dev/zero` (was 7.6 GB in 4 s)",
        f"exit {run.code} after {run.seconds:.2f} s, peak RSS {run.peak_mib:.0f} MiB: `{line}`",
    )


@pytest.mark.parametrize(
    ("kind", "args", "variable"),
    [
        ("token", ["sign", "token", "--app-id", "demo"], "AppKey"),
        ("callback", ["sign", "callback", "--url", "http://127.0.0.1/cb"], "AuthKey"),
    ],
)
def test_sign_key_from_dev_zero_stops_after_4_kib(kind: str, args: list[str], variable: str) -> None:
    with open("/dev/zero", "rb") as zero:
        run = run_cli(args, stdin=zero, env=_env())
    line = _one_line_usage_error(run, f"the {variable} on standard input is longer than 4096 bytes")
    hardening.record(
        f"02b-{kind}",
        "2",
        f"`sign {kind}` with the key on stdin `< /dev/zero` (was 22 GB in 15 s)",
        f"exit {run.code} after {run.seconds:.2f} s, peak RSS {run.peak_mib:.0f} MiB: `{line}`",
    )


# --- item 7: non-UTF-8 secrets and arguments -----------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "extra", "stdin", "words"),
    [
        (
            "AIGC_APP_KEY",
            ["sign", "token", "--app-id", "demo"],
            {"AIGC_APP_KEY": NOT_UTF8},
            None,
            "AIGC_APP_KEY",
        ),
        (
            "AIGC_AUTH_KEY (sign)",
            ["sign", "callback", "--url", "http://127.0.0.1/cb"],
            {"AIGC_AUTH_KEY": NOT_UTF8},
            None,
            "AIGC_AUTH_KEY",
        ),
        (
            "AIGC_AUTH_KEY (verify)",
            ["verify", "callback", "--url", "http://127.0.0.1/cb", "--body", "-"],
            {"AIGC_AUTH_KEY": NOT_UTF8},
            b"{}",
            "AIGC_AUTH_KEY",
        ),
        (
            "--url (sign)",
            ["sign", "callback", "--url", b"http://127.0.0.1/\xff"],
            {"AIGC_AUTH_KEY": AUTH_KEY},
            None,
            "--url",
        ),
        (
            "--url (verify)",
            ["verify", "callback", "--url", b"http://127.0.0.1/\xff", "--body", "-"],
            {"AIGC_AUTH_KEY": AUTH_KEY},
            b"{}",
            "--url",
        ),
        (
            "--app-id (sign)",
            ["sign", "token", "--app-id", NOT_UTF8],
            {"AIGC_APP_KEY": "AppKey0123456789"},
            None,
            "--app-id",
        ),
        ("key on stdin", ["sign", "token", "--app-id", "demo"], {}, NOT_UTF8 + b"\n", "not valid UTF-8"),
        (
            "AIGC_APP_KEY (--self-test)",
            ["--self-test", "--base-url", "http://127.0.0.1:9", "--app-id", "demo"],
            {"AIGC_APP_KEY": NOT_UTF8},
            None,
            "AIGC_APP_KEY",
        ),
        (
            "--app-id (--self-test)",
            ["--self-test", "--base-url", "http://127.0.0.1:9", "--app-id", NOT_UTF8],
            {"AIGC_APP_KEY": "AppKey0123456789"},
            None,
            "--app-id",
        ),
    ],
)
def test_non_utf8_secrets_and_arguments_are_one_line_usage_errors(
    name: str,
    args: list[str | bytes],
    extra: dict[str, str | bytes],
    stdin: bytes | None,
    words: str,
    tmp_path: Path,
) -> None:
    if stdin is None:
        run = run_cli(args, env=_env(**extra))
    else:
        source = tmp_path / "stdin"
        source.write_bytes(stdin)
        with source.open("rb") as handle:
            run = run_cli(args, stdin=handle, env=_env(**extra))
    line = _one_line_usage_error(run, words, "UTF-8")
    hardening.record(f"07-{name}", "7", f"non-UTF-8 {name}", f"exit {run.code}: `{line}`")


# --- items 3 and 6: base URLs --------------------------------------------------------------------


def test_self_test_refuses_credentials_in_the_base_url_as_a_usage_error() -> None:
    run = run_cli(
        ["--self-test", "--base-url", "http://user:SecretPw9@127.0.0.1:9", "--app-id", "demo"],
        env=_env(AIGC_APP_KEY="AppKey0123456789"),
    )
    line = _one_line_usage_error(run, "--base-url", "user name or password")
    assert "SecretPw9" not in run.out + run.err
    hardening.record("03a", "3", "`--self-test --base-url http://user:pw@127.0.0.1:P`", f"exit 2: `{line}`")


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:99999", "http://127.0.0.1:-1", "http://[::1", "ftp://127.0.0.1/"]
)
def test_self_test_with_a_malformed_base_url_fails_in_one_line(base_url: str) -> None:
    run = run_cli(
        ["--self-test", "--base-url", base_url, "--app-id", "demo"], env=_env(AIGC_APP_KEY="AppKey0123456789")
    )
    assert run.code == 1, run
    assert run.out.startswith("self-test failed: base_url: ") and run.out.count("\n") == 1, run.out
    assert "Traceback" not in run.err and "ExceptionGroup" not in run.out + run.err
    hardening.record(
        f"06a-{base_url}", "6", f"`--self-test --base-url {base_url}`", f"exit 1: `{run.out.strip()}`"
    )


@pytest.mark.parametrize(
    ("base_url", "words"),
    [
        ("http://127.0.0.1:99999", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:-1", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:0", "port must be a number from 1 to 65535"),
        ("http://[::1", "Invalid IPv6 URL"),
        ("ftp://127.0.0.1", "must start with http:// or https://"),
        ("http://user:SecretPw9@127.0.0.1:8080", "user name or password"),
        ("http://127.0.0.1:8080/?token=SecretTok9", "query"),
    ],
)
def test_malformed_base_urls_are_typed_errors_in_the_client_and_field_errors_in_profiles(
    base_url: str, words: str
) -> None:
    with pytest.raises(InvalidConfiguration, match=words) as caught:
        PlatformClient(ClientConfig(base_url=base_url))
    assert caught.value.field == "base_url" and "SecretPw9" not in str(caught.value)
    store = ProfileStore(DictBackend())
    with pytest.raises(ProfileValidationError, match=words) as refused:
        store.save(Profile(id="p1", name="Bad", base_url=base_url, app_id="demo"))
    assert refused.value.field == "base_url" and store.list() == []
    assert "SecretPw9" not in refused.value.message and "SecretTok9" not in refused.value.message
    hardening.record(
        f"06b-{base_url}",
        "3, 6",
        f"base URL `{_masked(base_url)}`",
        f"`InvalidConfiguration`; profile field error: {refused.value.message}",
    )


def _masked(text: str) -> str:
    """The test's own secret values shown as *** in the doc (the rest of the input as given)."""
    return text.replace("SecretPw9", "***").replace("SecretTok9", "***")


def test_a_stored_base_url_with_credentials_never_reaches_the_request_log_or_curl() -> None:
    """A base URL saved by an older version, before profiles refused credentials."""
    stored = "http://user:SecretPw9@127.0.0.1:8080?token=SecretTok9"
    record = CallRecord(
        time=datetime(2026, 12, 5, tzinfo=UTC),
        endpoint="account",
        method="GET",
        path=ACCOUNT.path,
        http_status=200,
        platform_code=0,
        duration_ms=1.0,
        request=LazyText.of(""),
        response=LazyText.of("{}"),
        query="userId=4",
    )
    entry = LogEntry.from_record(record, stored)
    curl = entry.curl()
    for text in (entry.to_line(), curl):
        assert "SecretPw9" not in text and "SecretTok9" not in text
    hardening.record(
        "03c", "3", f"request log and its curl copy for a stored base URL `{_masked(stored)}`", f"`{curl}`"
    )


async def test_the_sandbox_log_shows_no_credential_of_a_callback_url(tmp_path: Path) -> None:
    """The sandbox's stderr printed ``http://u:SecretPw9@…/x?token=SecretTok9`` (httpx's own INFO line)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aigc_desktop",
        "sandbox",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=_env(),  # type: ignore[arg-type]
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        first = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        base = first.strip().rsplit(" ", 1)[-1]
        target = f"{base.replace('http://', 'http://u:SecretPw9@')}/x?token=SecretTok9&userId=4"
        async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
            answer = await client.post(
                f"{base}/_sandbox/callbacks",
                json={"url": target, "authKey": AUTH_KEY, "retryDelaysSeconds": [0, 0], "timeoutSeconds": 5},
            )
        assert answer.status_code == 200 and len(answer.json()["attempts"]) == 3
    finally:
        process.terminate()
        _, err = await asyncio.wait_for(process.communicate(), 30)
    text = err.decode()
    assert "HTTP Request: POST" in text and "/x?token=***&userId=4" in text, text  # the line is there...
    assert "SecretPw9" not in text and "SecretTok9" not in text  # ...without the credentials
    line = next(line for line in text.splitlines() if "HTTP Request" in line)
    hardening.record(
        "03b",
        "3",
        "sandbox stderr for a callback to `http://u:pw@…/x?token=…`",
        f"`{line.split(' ', 2)[-1]}`",
    )


# --- item 8: a deadline per call -----------------------------------------------------------------


async def test_a_trickled_login_ends_at_the_total_deadline() -> None:
    """slow_body: pauses shorter than the read timeout, so only the total deadline can end the call."""
    async with SandboxServer() as server:
        server.faults.add(LOGIN_PATH, "slow_body", 1, seconds=3.2)  # 8 pieces, 0.4 s apart
        config = ClientConfig(base_url=server.base_url, read_timeout=1.0, total_timeout=1.0, trust_env=False)
        async with PlatformClient(config) as client:
            started = time.monotonic()
            with pytest.raises(RequestTimeout, match="total deadline") as caught:
                await client.login(server.demo.app_id, server.demo.app_key)
            took = time.monotonic() - started
    hardening.record(
        "08",
        "8",
        "login against `slow_body` trickled over 3.2 s, read timeout 1 s, total deadline 1 s (was: success after 40 s with a 15 s read timeout)",
        f"`RequestTimeout` after {took:.2f} s: {caught.value.summary}",
    )


# --- items 9 and 10: the sandbox's controls ------------------------------------------------------


@pytest.fixture
async def sandbox() -> AsyncIterator[tuple[SandboxServer, httpx.AsyncClient]]:
    server = SandboxServer()
    async with server, httpx.AsyncClient(base_url=server.base_url, trust_env=False, timeout=30) as client:
        yield server, client


async def test_absurd_clock_advance_is_refused_and_changes_nothing(
    sandbox: tuple[SandboxServer, httpx.AsyncClient],
) -> None:
    server, client = sandbox
    answer = await client.post("/_sandbox/clock", json={"advanceSeconds": 1e300})
    assert answer.status_code == 400 and "100 years" in answer.json()["error"]
    assert server.clock.offset == 0
    assert (await client.get("/_sandbox/clock")).status_code == 200
    assert (await client.post("/_sandbox/clock", json={"advanceSeconds": MAX_OFFSET_S})).status_code == 200
    assert (await client.post("/_sandbox/clock", json={"advanceSeconds": 1})).status_code == 400  # one past
    assert server.clock.offset == MAX_OFFSET_S
    assert (await client.get("/_sandbox/clock")).status_code == 200
    hardening.record(
        "09a",
        "9",
        '`POST /_sandbox/clock {"advanceSeconds": 1e300}`',
        f"HTTP {answer.status_code}, clock unchanged: {answer.json()['error']}",
    )


async def test_deeply_nested_login_body_is_the_platforms_invalid_input(
    sandbox: tuple[SandboxServer, httpx.AsyncClient],
) -> None:
    _server, client = sandbox
    body = "[" * 100_000 + "]" * 100_000
    answer = await client.post(LOGIN_PATH, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json()["code"] == 99999996
    control = await client.post(
        "/_sandbox/faults", content=body, headers={"Content-Type": "application/json"}
    )
    assert control.status_code == 400 and "nested deeper" in control.json()["error"]
    hardening.record(
        "09b",
        "9",
        "a login body of 10^5 nested arrays (was a plain-text 500)",
        f"HTTP {answer.status_code}, {answer.text}",
    )


async def test_controls_refuse_cross_site_and_non_json_requests(
    sandbox: tuple[SandboxServer, httpx.AsyncClient],
) -> None:
    server, client = sandbox
    body = '{"advanceSeconds": 3600}'
    evil = await client.post(
        "/_sandbox/clock",
        content=body,
        headers={"Content-Type": "application/json", "Origin": "http://evil.example"},
    )
    plain = await client.post("/_sandbox/clock", content=body, headers={"Content-Type": "text/plain"})
    assert (evil.status_code, plain.status_code) == (403, 415)
    assert server.clock.offset == 0
    local = await client.post(
        "/_sandbox/clock",
        content=body,
        headers={"Content-Type": "application/json", "Origin": "http://127.0.0.1:8080"},
    )
    assert local.status_code == 200 and server.clock.offset == 3600
    hardening.record(
        "10a",
        "10",
        "control POST with `Origin: http://evil.example` / as `text/plain`",
        f"HTTP {evil.status_code} / HTTP {plain.status_code}, nothing changed",
    )


async def test_a_callback_to_the_sandboxs_own_controls_is_refused(
    sandbox: tuple[SandboxServer, httpx.AsyncClient],
) -> None:
    server, client = sandbox
    port = server.base_url.rsplit(":", 1)[1]
    for target in (
        f"{server.base_url}/_sandbox/callbacks",
        f"http://localhost:{port}/_sandbox/clock",
        f"http://127.0.0.1:{port}/%5Fsandbox/faults",
        f"http://127.0.0.1:{port}/x/../_sandbox/requests",
    ):
        server.requests.clear()
        answer = await client.post("/_sandbox/callbacks", json={"url": target, "authKey": AUTH_KEY})
        assert answer.status_code == 400 and "own controls" in answer.json()["error"], target
        assert len(server.requests) == 1  # only the refused request itself: nothing was amplified
    hardening.record(
        "10b",
        "10",
        "`/_sandbox/callbacks` aimed at the sandbox's own controls (was 174 logged requests from one)",
        "HTTP 400, 1 request logged",
    )


async def test_callbacks_in_flight_are_bounded(sandbox: tuple[SandboxServer, httpx.AsyncClient]) -> None:
    _server, client = sandbox
    stall = asyncio.Event()
    all_connected = asyncio.Event()
    connections = 0

    async def never_answers(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal connections
        connections += 1
        if connections >= MAX_CALLBACKS_IN_FLIGHT:
            all_connected.set()
        await stall.wait()
        writer.close()

    silent = await asyncio.start_server(never_answers, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    body = {
        "url": f"http://127.0.0.1:{port}/cb",
        "authKey": AUTH_KEY,
        "retryDelaysSeconds": [0, 0],
        "timeoutSeconds": 30,
    }
    try:
        pending = [
            asyncio.ensure_future(client.post("/_sandbox/callbacks", json=body))
            for _ in range(MAX_CALLBACKS_IN_FLIGHT)
        ]
        await asyncio.wait_for(all_connected.wait(), 30)  # every one of them is being delivered now
        extra = await client.post("/_sandbox/callbacks", json=body)
        assert extra.status_code == 429 and "at a time" in extra.json()["error"]
        stall.set()
        answers = await asyncio.gather(*pending)
        assert [a.status_code for a in answers] == [200] * MAX_CALLBACKS_IN_FLIGHT
        after = await client.post("/_sandbox/callbacks", json=body)  # the slots are free again
        assert after.status_code == 200
    finally:
        stall.set()
        silent.close()
        await silent.wait_closed()
    hardening.record(
        "10c",
        "10",
        f"callback number {MAX_CALLBACKS_IN_FLIGHT + 1} while {MAX_CALLBACKS_IN_FLIGHT} are being delivered",
        f"HTTP {extra.status_code} at once; accepted again once they end",
    )


# --- item 13: profile names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "name", "words"),
    [
        ("200,000 characters", "x" * 200_000, "at most 64 characters"),
        ("65 characters", "x" * 65, "at most 64 characters"),
        ("NUL", "Prod\x00", "control characters"),
        ("an escape", "Prod\x1b[31m", "control characters"),
        ("a lone surrogate", "Prod\ud800", "invalid characters"),
        ("U+202E (right-to-left override)", "\u202edorP", "U+202E"),
        ("U+2066 (left-to-right isolate)", "Prod\u2066", "U+2066"),
    ],
)
def test_hostile_profile_names_are_field_errors(label: str, name: str, words: str) -> None:
    store = ProfileStore(DictBackend())
    with pytest.raises(ProfileValidationError, match=re.escape(words)) as refused:
        store.save(Profile(id="p1", name=name, base_url="https://aigc.softsugar.com", app_id="demo"))
    assert refused.value.field == "name" and store.list() == []
    hardening.record(f"13-{label}", "13", f"profile name: {label}", f"field `name`: {refused.value.message}")


def test_profile_names_at_the_limit_and_in_any_script_are_kept() -> None:
    store = ProfileStore(DictBackend())
    for name in ("x" * 64, "生产环境 · Production", "بيئة الإنتاج", "Prod 🚀"):
        assert (
            store.save(
                Profile(id=name[:8], name=name, base_url="https://aigc.softsugar.com", app_id="demo")
            ).name
            == name
        )


# --- item 14: the keyring hangs mid-session ------------------------------------------------------


async def test_keyring_hang_mid_session_keeps_the_key_in_memory_and_says_so() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend, timeout_s=0.3)
    await store.probe()
    told: list[StoreStatus] = []
    store.add_status_observer(told.append)
    backend.hang.set()
    try:
        started = time.monotonic()
        await store.set("p1", SecretKind.APP_KEY, "AppKeySavedDuringTheHang")
        took = time.monotonic() - started
        assert await store.get("p1", SecretKind.APP_KEY) == "AppKeySavedDuringTheHang"
    finally:
        backend.release.set()
    assert len(told) == 1 and not told[0].persistent
    hardening.record(
        "14",
        "14",
        "the keyring stops answering after start-up (a backend that hangs; the same with a SIGSTOPped real "
        "Secret Service in `tests/services/test_secrets_real_keyring.py`), then a profile is saved with its "
        "AppKey (was: `KeyringTimeout`, profile saved without its key, a traceback, keyring mode kept)",
        f"saved after {took:.2f} s (one 0.3 s timeout), key kept in memory, observers told once: {told[0].reason}",
    )
