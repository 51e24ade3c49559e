"""CLI twins: ``verify callback`` exit codes and output, ``listen`` as a real subprocess."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import Mapping
from pathlib import Path

import httpx
import pytest

from aigc_desktop.callbacks.sender import CallbackSender
from aigc_desktop.cli import main
from aigc_desktop.platform.signing import now_s

from .helpers import KEY, PREVIOUS, URL, signed_body


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY", KEY)
    monkeypatch.delenv("AIGC_AUTH_KEY_PREVIOUS", raising=False)


def _verify(path: Path, *extra: str) -> int:
    return main(["verify", "callback", "--url", URL, "--body", str(path), *extra])


def test_verify_valid_exits_0(keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(signed_body(timestamp=now_s()))
    assert _verify(body) == 0
    out = capsys.readouterr().out
    assert "verdict: VALID (current AuthKey)" in out and "age:" in out
    assert KEY not in out


def test_verify_invalid_shows_near_miss_and_exits_1(
    keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(signed_body(URL + "/", timestamp=now_s()))
    assert _verify(body) == 1
    out = capsys.readouterr().out
    assert "verdict: INVALID_SIGNATURE" in out
    assert f"The sender signed {URL}/ (with a trailing slash); you configured {URL}." in out


def test_verify_previous_key_from_env(
    keys: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY_PREVIOUS", PREVIOUS)
    body = tmp_path / "body.json"
    body.write_bytes(signed_body(key=PREVIOUS, timestamp=now_s()))
    assert _verify(body) == 0
    assert "VALID (previous AuthKey)" in capsys.readouterr().out


def test_verify_expired_with_tolerance(
    keys: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(signed_body(timestamp=now_s() - 1000))
    assert _verify(body) == 1
    assert "verdict: EXPIRED" in capsys.readouterr().out
    assert _verify(body, "--tolerance", "100000") == 0


def test_verify_reads_stdin(keys: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = tmp_path / "body.json"
    source.write_bytes(signed_body(timestamp=now_s()))
    with source.open("rb") as handle:
        monkeypatch.setattr(sys, "stdin", type("In", (), {"buffer": handle})())
        assert main(["verify", "callback", "--url", URL, "--body", "-"]) == 0


def test_verify_usage_errors_exit_2(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = tmp_path / "body.json"
    body.write_bytes(b"{}")
    monkeypatch.delenv("AIGC_AUTH_KEY", raising=False)
    assert _verify(body) == 2
    assert "set AIGC_AUTH_KEY" in capsys.readouterr().err
    monkeypatch.setenv("AIGC_AUTH_KEY", KEY)
    assert _verify(tmp_path / "missing.json") == 2
    assert "no such file" in capsys.readouterr().err
    assert _verify(tmp_path) == 2
    assert "directory" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        _verify(body, "--tolerance", "-5")
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["verify", "callback", "--url", "ftp://x", "--body", str(body)])
    assert exit_info.value.code == 2


def test_listen_bad_arguments_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY", KEY)
    assert main(["listen", "--host", "0.0.0.0", "--port", "0", "--callback-url", URL]) == 2
    assert "not a loopback address" in capsys.readouterr().err
    for bad in (["--port", "70000"], ["--port", "x"], ["--port", "0", "--body-limit", "0"]):
        with pytest.raises(SystemExit) as exit_info:
            main(["listen", "--callback-url", URL, *bad])
        assert exit_info.value.code == 2
    assert main(["listen", "--port", "0", "--callback-url", URL, "--no-auth-key"]) == 2
    assert "contradicts AIGC_AUTH_KEY" in capsys.readouterr().err
    monkeypatch.delenv("AIGC_AUTH_KEY")
    assert main(["listen", "--port", "0", "--callback-url", URL]) == 2
    assert "no AuthKey: set AIGC_AUTH_KEY" in capsys.readouterr().err


async def _start_listen(env: Mapping[str, str] | Mapping[bytes, bytes]) -> asyncio.subprocess.Process:
    """``aigc-desktop listen`` on a free port in a child process, its output piped, with ``env``."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aigc_desktop",
        "listen",
        "--port",
        "0",
        "--callback-url",
        URL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,  # type: ignore[arg-type]  # bytes keys and values are valid on POSIX
    )


async def _line(stream: asyncio.StreamReader) -> str:
    return (await asyncio.wait_for(stream.readline(), timeout=20)).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is POSIX")
async def test_listen_subprocess_end_to_end() -> None:
    env = {**os.environ, "AIGC_AUTH_KEY": KEY, "PYTHONUNBUFFERED": "1"}
    process = await _start_listen(env)
    try:
        assert process.stdout is not None
        first = await _line(process.stdout)
        match = re.fullmatch(
            rf"listening on (http://127\.0\.0\.1:\d+) \(signed-as {re.escape(URL)}\)\n", first
        )
        assert match, first
        async with CallbackSender(timeout_s=5.0, retry_delays_s=()) as sender:
            report = await sender.send(match[1] + "/cb", KEY, {"taskId": "t-9"}, signed_as_url=URL)
        assert report.delivered
        line = await _line(process.stdout)
        assert "127.0.0.1:" in line and "POST /cb" in line and "VALID attempt 1/3 -> 200" in line
        # A wrong signature retried by the platform: its retry is numbered too.
        wrong = signed_body(key="WrongKey2024abcdefXYZ", timestamp=now_s())
        async with httpx.AsyncClient(trust_env=False, timeout=5.0) as http:
            for _ in range(2):
                assert (await http.post(match[1] + "/cb", content=wrong)).status_code == 401
        summaries = []
        while len(summaries) < 2:
            line = await _line(process.stdout)
            if not line.startswith("    "):  # the reason and near misses are indented under it
                summaries.append(line)
        assert "INVALID_SIGNATURE attempt 1/3 -> 401" in summaries[0]
        assert "INVALID_SIGNATURE attempt 2/3 -> 401" in summaries[1]
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), timeout=20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.stderr is not None
    assert KEY not in (await process.stderr.read()).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX environments hold bytes")
async def test_listen_refuses_a_non_utf8_auth_key_at_start() -> None:
    env = {key.encode(): value.encode("utf-8", "surrogateescape") for key, value in os.environ.items()}
    env[b"AIGC_AUTH_KEY"] = b"Abcdefgh1234\xff5678"
    process = await _start_listen(env)
    try:
        out, err = await asyncio.wait_for(process.communicate(), timeout=20)
    finally:
        if process.returncode is None:  # it started listening: the bug
            process.kill()
            await process.wait()
    assert process.returncode == 2 and out == b""
    assert err.decode().splitlines() == [
        "aigc-desktop listen: error: $AIGC_AUTH_KEY is not valid UTF-8 text; set it to the AuthKey as plain text"
    ]
