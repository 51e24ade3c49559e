"""``aigc-desktop --self-test`` as a real subprocess (offscreen): success, and a failure with the code."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aigc_desktop.sandbox import SandboxServer


class ThreadedSandbox:
    """The sandbox on its own loop in a thread, so a child process can talk to it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.server = SandboxServer()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_until_complete(self.server.start())
        self.ready.set()
        self.loop.run_forever()
        self.loop.run_until_complete(self.server.stop())
        self.loop.close()

    def __enter__(self) -> SandboxServer:
        self.thread.start()
        assert self.ready.wait(10)
        return self.server

    def __exit__(self, *_: object) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture
def threaded_sandbox() -> Iterator[SandboxServer]:
    with ThreadedSandbox() as server:
        yield server


def _run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "AIGC_APP_KEY"}
    environment.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),  # nothing may land in the real home; checked below
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "aigc_desktop", "--self-test", *args],
        capture_output=True,
        text=True,
        timeout=90,
        env=environment,
        check=False,
    )


def _files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_self_test_on_the_embedded_sandbox_passes(tmp_path: Path) -> None:
    result = _run([], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("self-test ok")
    assert "Demo Company (Sandbox)" in result.stdout
    assert "DemoAppKey0123456789abcdef" not in result.stdout + result.stderr
    assert _files_under(tmp_path) == []  # no settings, no log, no secrets written


def test_self_test_with_a_wrong_key_prints_the_platform_code_and_fails(
    tmp_path: Path, threaded_sandbox: SandboxServer
) -> None:
    result = _run(
        ["--base-url", threaded_sandbox.base_url, "--app-id", threaded_sandbox.demo.app_id],
        tmp_path,
        AIGC_APP_KEY="definitely-the-wrong-key",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("self-test failed"))
    assert "Platform error 60" in line  # a documented user-access code with its meaning
    assert "self-test ok" not in result.stdout
    assert "definitely-the-wrong-key" not in result.stdout + result.stderr


def test_self_test_against_a_closed_port_reports_the_transport_error(tmp_path: Path) -> None:
    result = _run(["--base-url", "http://127.0.0.1:9", "--app-id", "x"], tmp_path, AIGC_APP_KEY="k" * 20)
    assert result.returncode == 1
    assert "self-test failed" in result.stdout
    assert "reach" in result.stdout.lower() or "connect" in result.stdout.lower()


def test_self_test_remote_needs_app_id_and_key(tmp_path: Path) -> None:
    result = _run(["--base-url", "http://127.0.0.1:9"], tmp_path)
    assert result.returncode == 1
    assert "--base-url needs --app-id" in result.stdout
