"""``aigc-desktop sandbox`` as a real subprocess: URL line, a real request, clean stop on signals."""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from aigc_desktop.platform.signing import token_sign
from tests.sandbox._helpers import LOGIN, account_entry

COMMAND = [sys.executable, "-m", "aigc_desktop", "sandbox"]  # the real entry point: aigc-desktop sandbox
STANDALONE = [sys.executable, "-m", "aigc_desktop.commands.sandbox"]
URL_LINE = re.compile(r"^AIGC sandbox listening on (http://127\.0\.0\.1:(\d+))$")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:  # never leave a server behind, even when a test fails
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


def start(
    processes: list[subprocess.Popen[str]], *args: str, command: list[str] = COMMAND
) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8"
    )
    processes.append(process)
    return process


def read_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    match = URL_LINE.match(line)
    assert match, f"unexpected first line: {line!r}"
    return match.group(1)


def login_with(url: str, app_id: str, app_key: str) -> dict[str, object]:
    timestamp = "1700000000000"
    body = {
        "appId": app_id,
        "timestamp": timestamp,
        "sign": token_sign(app_id, timestamp, app_key),
        "grantType": "sign",
    }
    return dict(httpx.post(f"{url}{LOGIN}", json=body, trust_env=False, timeout=10).json())


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_demo_server_serves_and_stops_cleanly(
    processes: list[subprocess.Popen[str]], stop_signal: signal.Signals
) -> None:
    process = start(processes, "--port", "0")
    url = read_url(process)
    assert process.stdout is not None
    details = dict(process.stdout.readline().strip().split(": ", 1) for _ in range(3))
    app_id = details["demo AppID"]
    app_key = details["demo AppKey"].split()[0]
    assert details["demo userId"] == "4"
    assert login_with(url, app_id, app_key)["code"] == 0
    process.send_signal(stop_signal)
    assert process.wait(timeout=20) == 0
    assert process.stderr is not None
    log = process.stderr.read()
    assert LOGIN in log and app_key not in log
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/_sandbox/clock", trust_env=False, timeout=5)


def test_accounts_file_is_served_without_printing_keys(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    path = tmp_path / "accounts.json"
    path.write_text(json.dumps({"accounts": [account_entry(appId="file-app", appKey="FileKey123")]}), "utf-8")
    process = start(processes, "--accounts", str(path))
    url = read_url(process)
    assert login_with(url, "file-app", "FileKey123")["code"] == 0
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    assert process.stdout is not None
    assert "FileKey123" not in process.stdout.read()


def test_bad_accounts_file_exits_2_with_one_line(
    processes: list[subprocess.Popen[str]], tmp_path: Path
) -> None:
    path = tmp_path / "accounts.json"
    path.write_text(json.dumps({"accounts": [account_entry(status=7)]}), "utf-8")
    process = start(processes, "--accounts", str(path))
    _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert "bad accounts file" in lines[0] and "accounts[0].status" in lines[0]


def test_port_in_use_exits_2(processes: list[subprocess.Popen[str]]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = start(processes, "--port", str(port))
        out, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in err and len(err.strip().splitlines()) == 1
    assert "listening" not in out


def test_non_loopback_host_needs_allow_lan(processes: list[subprocess.Popen[str]]) -> None:
    process = start(processes, "--host", "0.0.0.0")
    _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "--allow-lan" in err and "not a loopback address" in err


def test_standalone_module_entry_point(processes: list[subprocess.Popen[str]]) -> None:
    process = start(processes, command=STANDALONE)
    url = read_url(process)
    assert httpx.get(f"{url}/_sandbox/clock", trust_env=False, timeout=10).status_code == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0


def test_bad_port_argument_exits_2(processes: list[subprocess.Popen[str]]) -> None:
    process = start(processes, "--port", "70000")
    _, err = process.communicate(timeout=30)
    assert process.returncode == 2
    assert "port must be 0-65535" in err
