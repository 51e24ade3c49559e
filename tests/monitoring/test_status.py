"""`aigc-desktop status`: saved profiles from the GUI's settings file, JSON schema, exit codes 0/1/2."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from aigc_desktop.cli import main
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.history import FIELDS, HistoryStore, Snapshot
from aigc_desktop.services.profiles import Profile
from aigc_desktop.services.secrets import SERVICE_NAME
from tests.monitoring.helpers import accounts, profile_for, threaded_sandbox, write_qt_settings
from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with threaded_sandbox(SandboxServer(accounts(3, disabled=2))) as server:
        yield server


@pytest.fixture
def saved(sandbox: SandboxServer, tmp_path: Path, memory_keyring: MemoryKeyring) -> list[Profile]:
    """The three accounts saved as the app saves them: settings file + AppKeys in the keyring."""
    profiles = [profile_for(a, sandbox.base_url) for a in sandbox.accounts]
    settings = tmp_path / "config" / "SenseTime AIGC" / "AIGC Desktop.ini"
    settings.parent.mkdir(parents=True)
    write_qt_settings(settings, profiles, active=profiles[0].id)
    for profile, account in zip(profiles, sandbox.accounts, strict=True):
        memory_keyring.set_password(SERVICE_NAME, f"{profile.id}/app_key", account.app_key)
    return profiles


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    status = main(["status", "--json", *args])
    captured = capsys.readouterr()
    return status, json.loads(captured.out), captured.err


def test_active_profile_by_default_all_well(saved: list[Profile], capsys: pytest.CaptureFixture[str]) -> None:
    status, doc, err = run_json([], capsys)
    assert status == 0 and err == ""
    assert doc["schema"] == 1 and doc["exitCode"] == 0
    (team0,) = doc["profiles"]
    assert team0["name"] == "Team 0" and team0["ok"] and team0["error"] is None
    assert team0["validity"]["daysLeft"] in (199, 200) and not team0["validity"]["ended"]
    video = next(q for q in team0["quotas"] if q["key"] == "videoDuration")
    assert (video["used"], video["total"], video["percent"]) == (11, 21, 52.38)
    assert video["forecast"]["outlook"] == "not_enough_history"
    assert len(team0["quotas"]) == 6


def test_a_profile_that_cannot_be_read_exits_2_and_the_others_still_report(
    saved: list[Profile], capsys: pytest.CaptureFixture[str]
) -> None:
    status, doc, err = run_json(["--all"], capsys)
    assert status == 2 and doc["exitCode"] == 2
    by_name = {p["name"]: p for p in doc["profiles"]}
    assert by_name["Team 0"]["ok"] and by_name["Team 1"]["ok"]
    assert by_name["Team 2"]["error"]["code"] == 60102129
    assert err.count("\n") == 1 and "Team 2" in err


def test_warn_at_is_inclusive(saved: list[Profile], capsys: pytest.CaptureFixture[str]) -> None:
    # the highest quota of Team 0 is video duration at 11/21 = 52.38 %
    status, doc, _ = run_json(["--profile", "Team 0", "--warn-at", "52.38"], capsys)
    assert status == 1 and any("Video generation duration" in w for w in doc["profiles"][0]["warnings"])
    status, _, _ = run_json(["--profile", "Team 0", "--warn-at", "52.39"], capsys)
    assert status == 0


def test_expiry_days_edge(saved: list[Profile], capsys: pytest.CaptureFixture[str]) -> None:
    status, doc, _ = run_json(["--profile", "Team 1", "--expiry-days", "200"], capsys)
    assert status == 1 and "validity" in doc["profiles"][0]["warnings"][0]
    status, _, _ = run_json(["--profile", "Team 1", "--expiry-days", "199"], capsys)
    assert status == 0


def test_history_gives_a_forecast(saved: list[Profile], capsys: pytest.CaptureFixture[str]) -> None:
    now = datetime.now(UTC)
    with HistoryStore.open() as store:  # two days ago the video quota stood at 9 of 21 (1 a day since)
        values: dict[str, int | None] = {name: 0 for name in FIELDS}
        values |= {"genVideoDurationTotalQty": 21, "genVideoDurationUsageQty": 9}
        store.record(Snapshot(saved[0].id, now - timedelta(days=2), values))
    status, doc, _ = run_json(["--profile", "Team 0"], capsys)
    video = next(q for q in doc["profiles"][0]["quotas"] if q["key"] == "videoDuration")
    assert status == 0 and video["forecast"]["outlook"] == "runs_out"
    runs_out = datetime.fromisoformat(video["forecast"]["runsOutAt"])
    assert timedelta(days=9) < runs_out - now < timedelta(days=11)  # 10 left at 1 a day
    with HistoryStore.open() as store:
        assert len(store.snapshots(saved[0].id)) == 2  # this run was recorded too


def test_human_table(saved: list[Profile], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--all"]) == 2
    out = capsys.readouterr().out
    assert "Team 0" in out and "11 / 21" in out and "ERROR 60102129" in out
    assert "ends in" in out


def test_base_url_and_app_id_with_the_key_from_the_environment(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    account = sandbox.accounts[1]
    monkeypatch.setenv("AIGC_APP_KEY", account.app_key)
    status, doc, _ = run_json(["--base-url", sandbox.base_url, "--app-id", account.app_id], capsys)
    assert status == 0 and doc["profiles"][0]["appId"] == "team-1"
    assert account.app_key not in json.dumps(doc)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--profile", "Nope"], "no saved profile named 'Nope'"),
        (["--warn-at", "0"], "--warn-at"),
        (["--warn-at", "100.01"], "--warn-at"),
        (["--expiry-days", "-1"], "--expiry-days"),
        (["--base-url", "http://127.0.0.1:9", "--app-id", "x"], "AIGC_APP_KEY"),
        (["--app-id", "x"], "go together"),
        (["--all", "--base-url", "http://x", "--app-id", "y"], "cannot be combined"),
        (["--all", "--profile", "Team 0"], "not allowed with"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    saved: list[Profile], args: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        status = main(["status", *args])
    except SystemExit as exc:  # argparse's own checks
        status = int(exc.code or 0)
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and needle in err


def test_no_saved_profiles_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status"]) == 2
    assert "no saved profiles" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["newer", "corrupt", "locked"])
def test_a_bad_history_database_exits_2_and_loses_nothing(
    saved: list[Profile], damage: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        store.record(Snapshot(saved[0].id, datetime.now(UTC) - timedelta(days=1), dict.fromkeys(FIELDS, 1)))
    holder = None
    if damage == "newer":
        with sqlite3.connect(path) as raw:
            raw.execute("PRAGMA user_version = 99")
    elif damage == "corrupt":
        path.write_bytes(b"garbage" * 1000)
        for companion in tmp_path.glob("history.sqlite3-*"):
            companion.unlink()
    else:
        holder = sqlite3.connect(path, timeout=0)
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
    before = path.read_bytes()
    try:
        status = main(["status", "--json", "--history-db", str(path)])
    finally:
        if holder is not None:
            holder.rollback()
            holder.close()
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "history database" in err
    if damage == "corrupt":
        (moved,) = tmp_path.glob("history.sqlite3.corrupt-*")
        assert moved.read_bytes() == before
    else:
        with sqlite3.connect(path) as raw:
            assert raw.execute("SELECT COUNT(*) FROM snapshot").fetchone()[0] == 1


def test_a_failing_profile_prints_exactly_one_line_on_stderr_from_a_real_process(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = dict(
        os.environ,
        AIGC_APP_KEY="SecretKey0123456789xyz",
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "aigc_desktop", "status", "--base-url", "http://127.0.0.1:9", "--app-id", "x"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Could not connect to 127.0.0.1:9" in result.stderr
    assert "SecretKey0123456789xyz" not in result.stderr + result.stdout


def test_all_leaves_out_the_embedded_sandbox_profile(
    sandbox: SandboxServer, tmp_path: Path, memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    real = profile_for(sandbox.accounts[0], sandbox.base_url)
    embedded = Profile(
        id="sbx", name="Sandbox", base_url="http://127.0.0.1:9", app_id="demo", is_sandbox=True
    )
    settings = tmp_path / "config" / "SenseTime AIGC" / "AIGC Desktop.ini"
    settings.parent.mkdir(parents=True)
    write_qt_settings(settings, [real, embedded])
    memory_keyring.set_password(SERVICE_NAME, f"{real.id}/app_key", sandbox.accounts[0].app_key)
    status, doc, _ = run_json(["--all"], capsys)
    assert status == 0 and [p["name"] for p in doc["profiles"]] == ["Team 0"]
    status, doc, _ = run_json(["--profile", "Sandbox"], capsys)
    assert status == 2 and doc["profiles"][0]["sandbox"] is True
