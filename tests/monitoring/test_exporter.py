"""`aigc-desktop exporter`: metrics text parsed by prometheus-client's own parser, against sandbox accounts."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from aigc_desktop.cli import main
from aigc_desktop.commands.exporter import Exporter
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.profiles import DictBackend, ProfileStore
from aigc_desktop.services.profiles_file import app_keys, load_profiles_file
from aigc_desktop.services.secrets import SecretKind, SecretStore
from tests.monitoring.helpers import accounts


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(accounts(3, disabled=1)) as running:
        yield running


def write_profiles(path: Path, server: SandboxServer) -> Path:
    blocks = [
        f'[[profile]]\nname = "{a.app_id}"\nbase_url = "{server.base_url}"\napp_id = "{a.app_id}"\n'
        f'app_key_env = "KEY_{a.app_id.replace("-", "_").upper()}"\n'
        for a in server.accounts
    ]
    path.write_text("\n".join(blocks), encoding="utf-8")
    return path


async def start_exporter(server: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Exporter:
    for account in server.accounts:
        monkeypatch.setenv(f"KEY_{account.app_id.replace('-', '_').upper()}", account.app_key)
    entries = load_profiles_file(write_profiles(tmp_path / "profiles.toml", server))
    store = ProfileStore(DictBackend())
    secrets = SecretStore.session_only("test")
    for profile_id, key in app_keys(entries).items():
        await secrets.set(profile_id, SecretKind.APP_KEY, key)
    for entry in entries:
        store.save(entry.profile)
    return Exporter(store, [e.profile for e in entries], secrets, interval_s=10)


async def scrape(port: int) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    async with httpx.AsyncClient(trust_env=False) as client:
        answer = await client.get(f"http://127.0.0.1:{port}/metrics")
    assert answer.status_code == 200
    found: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            found.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return found


async def test_metrics_from_several_accounts_one_failing(
    server: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = await start_exporter(server, tmp_path, monkeypatch)
    port = exporter.start("127.0.0.1", 0)
    try:
        before = await scrape(port)
        assert "aigc_up" not in before  # nothing loaded yet: nothing invented
        await exporter.poll_once()
        metrics = await scrape(port)
    finally:
        await exporter.aclose()
    up = metrics["aigc_up"]
    assert up == {(("profile", "team-0"),): 1.0, (("profile", "team-1"),): 0.0, (("profile", "team-2"),): 1.0}
    used = metrics["aigc_quota_used"]
    assert used[(("profile", "team-0"), ("quota", "videoDuration"))] == 11
    assert metrics["aigc_quota_total"][(("profile", "team-0"), ("quota", "videoDuration"))] == 21
    assert len([k for k in used if k[0] == ("profile", "team-0")]) == 6
    assert not any(k[0] == ("profile", "team-1") for k in used)  # a failing profile has no numbers
    end = metrics["aigc_account_validity_end_timestamp_seconds"][(("profile", "team-0"),)]
    assert end == server.accounts[0].effective_end.timestamp()
    assert (("profile", "team-0"),) in metrics["aigc_last_success_timestamp_seconds"]


async def test_a_scrape_never_calls_the_platform_and_a_poll_per_interval(
    server: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = await start_exporter(server, tmp_path, monkeypatch)
    port = exporter.start("127.0.0.1", 0)
    stop = asyncio.Event()
    polled = asyncio.Event()
    poll_once = exporter.poll_once

    async def poll_and_tell():  # type: ignore[no-untyped-def]
        results = await poll_once()
        polled.set()
        return results

    exporter.poll_once = poll_and_tell  # type: ignore[method-assign]
    loop_task = asyncio.ensure_future(exporter.run_until(stop))
    try:
        await asyncio.wait_for(polled.wait(), 10)
        calls = len(server.requests)
        for _ in range(20):
            await scrape(port)
        assert len(server.requests) == calls
        assert exporter.polls == 1  # the next poll waits for the 10 s interval
    finally:
        stop.set()
        await loop_task
        await exporter.aclose()


async def test_a_failed_poll_keeps_the_last_good_numbers_and_reports_down(
    server: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = await start_exporter(server, tmp_path, monkeypatch)
    port = exporter.start("127.0.0.1", 0)
    try:
        await exporter.poll_once()
        server.faults.add("*", "http503", count=1000)
        await exporter.poll_once()
        metrics = await scrape(port)
    finally:
        await exporter.aclose()
    assert metrics["aigc_up"][(("profile", "team-0"),)] == 0
    assert metrics["aigc_quota_used"][(("profile", "team-0"), ("quota", "videoDuration"))] == 11


async def test_logs_name_profiles_and_codes_never_secrets(
    server: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    exporter = await start_exporter(server, tmp_path, monkeypatch)
    caplog.set_level(logging.DEBUG)
    try:
        await exporter.poll_once()
    finally:
        await exporter.aclose()
    text = caplog.text
    assert "team-1" in text and "60102129" in text
    for account in server.accounts:
        assert account.app_key not in text


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        status = main(["exporter", *args])
    except SystemExit as exc:
        status = int(exc.code or 0)
    return status, capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("[[profile]\nname=", "invalid TOML"),
        (
            '[[profile]]\nname = "a"\nbase_url = "http://x"\napp_id = "a"\napp_key = "secret"\n',
            "never read from this file",
        ),
        ('[[profile]]\nname = "a"\nbase_url = "ftp://x"\napp_id = "a"\napp_key_env = "K"\n', "base_url"),
        (
            '[[profile]]\nname = "a"\nbase_url = "http://x"\napp_id = "a"\napp_key_env = "1BAD"\n',
            "not an environment variable name",
        ),
        (
            '[[profile]]\nname = "a"\nbase_url = "http://x"\napp_id = "a"\napp_key_env = "UNSET_KEY_FOR_TEST"\n',
            "UNSET_KEY_FOR_TEST",
        ),
        ('[[profile]]\nname = "a"\nbase_url = "http://x"\napp_id = "a"\n', "app_key_env"),
        ('title = "x"\n', "unknown top-level key"),
        (
            '[[profile]]\nname = "a"\nbase_url = "http://x"\napp_id = "a"\napp_key_env = "K"\n'
            '[[profile]]\nname = "A"\nbase_url = "http://y"\napp_id = "b"\napp_key_env = "K"\n',
            "already used",
        ),
    ],
)
def test_bad_profiles_files_exit_2_with_one_line(
    content: str,
    needle: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("K", "some-key")
    monkeypatch.delenv("UNSET_KEY_FOR_TEST", raising=False)
    path = tmp_path / "profiles.toml"
    path.write_text(content, encoding="utf-8")
    status, err = run_cli(["--profiles", str(path), "--port", "0"], capsys)
    assert status == 2 and err.count("\n") == 1 and needle in err
    assert "some-key" not in err


def test_unreadable_profiles_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run_cli(["--profiles", str(tmp_path / "missing.toml")], capsys)
    assert status == 2 and "no such file" in err
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00bad")
    status, err = run_cli(["--profiles", str(binary)], capsys)
    assert status == 2 and "not UTF-8" in err and err.count("\n") == 1


def test_a_port_in_use_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("K", "some-key")
    path = tmp_path / "profiles.toml"
    path.write_text(
        '[[profile]]\nname = "a"\nbase_url = "http://127.0.0.1:9"\napp_id = "a"\napp_key_env = "K"\n'
    )
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, err = run_cli(["--profiles", str(path), "--port", str(port)], capsys)
    assert status == 2 and err.count("\n") == 1 and f"cannot listen on 127.0.0.1:{port}" in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--host", "0.0.0.0"], "not a loopback address"),
        (["--interval", "9.9"], "--interval"),
        (["--port", "65536"], "--port"),
    ],
)
def test_usage_errors(args: list[str], needle: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run_cli(args, capsys)
    assert status == 2 and needle in err and err.count("\n") == 1


def _shipped_docs() -> tuple[str, str]:
    docs = Path(__file__).resolve().parents[2] / "docs" / "monitoring"
    return (
        (docs / "grafana-dashboard.json").read_text(encoding="utf-8"),
        (docs / "alert-rules.yml").read_text(encoding="utf-8"),
    )


async def test_shipped_alert_rules_and_dashboard_use_only_metrics_the_exporter_serves(
    server: SandboxServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json
    import re

    exporter = await start_exporter(server, tmp_path, monkeypatch)
    port = exporter.start("127.0.0.1", 0)
    try:
        await exporter.poll_once()
        served = set(await scrape(port))
    finally:
        await exporter.aclose()
    dashboard, rules = _shipped_docs()
    json.loads(dashboard)
    for text in (dashboard, rules):
        used = set(re.findall(r"\baigc_[a-z_]+", text)) - {"aigc_accounts"}
        assert used and used <= served, used - served
    expected = {
        "aigc_quota_used",
        "aigc_quota_total",
        "aigc_account_validity_end_timestamp_seconds",
        "aigc_up",
        "aigc_last_success_timestamp_seconds",
    }
    assert expected <= served
