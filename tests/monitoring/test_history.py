"""The quota history database: snapshots, retention at its edges, sandbox apart, bad databases never lose data."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from aigc_desktop.services.history import (
    CSV_COLUMNS,
    DROP_AFTER,
    FIELDS,
    SCHEMA_VERSION,
    THIN_AFTER,
    HistoryCorrupt,
    HistoryLocked,
    HistoryNewerVersion,
    HistoryStore,
    Snapshot,
    default_path,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def snap(at: datetime, used: int = 1, *, profile: str = "p1", sandbox: bool = False) -> Snapshot:
    values: dict[str, int | None] = {name: 10 for name in FIELDS}
    values["genCharModelUsageQty"] = used
    return Snapshot(profile, at, values, NOW - timedelta(days=100), NOW + timedelta(days=50), sandbox)


@pytest.fixture
def db(tmp_path: Path) -> HistoryStore:
    store = HistoryStore.open(tmp_path / "h" / "history.sqlite3")
    yield store
    store.close()


def test_snapshot_round_trip_keeps_every_number_and_date(db: HistoryStore) -> None:
    db.record(snap(NOW, used=7))
    (back,) = db.snapshots("p1")
    assert back.taken_at == NOW and back.values["genCharModelUsageQty"] == 7
    assert back.values["genCharModelTotalQty"] == 10 and len(back.values) == 12
    assert back.effective_end == NOW + timedelta(days=50)


def test_default_location_is_the_user_data_folder_with_private_modes(tmp_path: Path) -> None:
    path = default_path()
    assert str(path).startswith(str(tmp_path / "data")), path
    with HistoryStore.open() as store:
        store.record(snap(NOW))
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        for companion in path.parent.glob("history.sqlite3-*"):
            assert stat.S_IMODE(companion.stat().st_mode) == 0o600, companion


def test_database_is_in_wal_mode(db: HistoryStore) -> None:
    with sqlite3.connect(db.path) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sandbox_history_is_never_mixed_with_a_real_profile(db: HistoryStore) -> None:
    db.record(snap(NOW, used=1, sandbox=False))
    db.record(snap(NOW + timedelta(hours=1), used=9, sandbox=True))
    assert [s.values["genCharModelUsageQty"] for s in db.snapshots("p1")] == [1]
    assert [s.values["genCharModelUsageQty"] for s in db.snapshots("p1", sandbox=True)] == [9]
    assert db.delete_profile("p1", sandbox=True) == 1
    assert len(db.snapshots("p1")) == 1


def test_delete_profile_forgets_only_that_profile(db: HistoryStore) -> None:
    db.record(snap(NOW, profile="a"))
    db.record(snap(NOW, profile="b"))
    assert db.delete_profile("a") == 1
    assert db.snapshots("a") == [] and len(db.snapshots("b")) == 1


def test_snapshots_newer_than_30_days_are_all_kept(db: HistoryStore) -> None:
    edge = NOW - THIN_AFTER
    for minutes in range(0, 60 * 5, 60):  # five on the day exactly 30 days back, from the edge on
        db.record(snap(edge + timedelta(minutes=minutes)))
    db.prune(NOW)
    assert len(db.snapshots("p1")) == 5


def test_older_than_30_days_keeps_the_last_snapshot_of_each_day(db: HistoryStore) -> None:
    day = datetime(2026, 4, 10, tzinfo=UTC)  # > 30 days before NOW
    for hour in (1, 5, 23):
        db.record(snap(day + timedelta(hours=hour), used=hour))
    db.record(
        snap(NOW - THIN_AFTER - timedelta(seconds=1), used=50)
    )  # one second past the edge, alone that day
    db.prune(NOW)
    kept = [(s.taken_at, s.values["genCharModelUsageQty"]) for s in db.snapshots("p1")]
    assert kept == [(day + timedelta(hours=23), 23), (NOW - THIN_AFTER - timedelta(seconds=1), 50)]


def test_two_years_is_the_limit(db: HistoryStore) -> None:
    db.record(snap(NOW - DROP_AFTER))  # exactly two years: kept
    db.record(snap(NOW - DROP_AFTER - timedelta(seconds=1)))  # one second older: dropped
    db.prune(NOW)
    assert [s.taken_at for s in db.snapshots("p1")] == [NOW - DROP_AFTER]


def test_csv_export_has_a_header_and_one_row_per_snapshot(db: HistoryStore, tmp_path: Path) -> None:
    db.record(snap(NOW, used=3))
    db.record(snap(NOW + timedelta(hours=2), used=4))
    lines = db.write_csv(tmp_path / "out.csv", "p1").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == list(CSV_COLUMNS)
    assert len(lines) == 3 and lines[1].startswith("2026-06-01T12:00:00+00:00,p1,0,")


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    with HistoryStore.open(path) as store:
        store.record(snap(NOW))
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(HistoryNewerVersion) as caught:
        HistoryStore.open(path)
    assert "\n" not in str(caught.value) and "newer version" in str(caught.value)
    assert path.read_bytes() == before


def test_a_corrupt_file_is_moved_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    garbage = b"this is not a database, but it is somebody's data" * 100
    path.write_bytes(garbage)
    with pytest.raises(HistoryCorrupt) as caught:
        HistoryStore.open(path)
    moved = caught.value.moved_to
    assert moved is not None and moved.read_bytes() == garbage
    assert "\n" not in str(caught.value) and moved.name in str(caught.value)
    with HistoryStore.open(path) as fresh:  # the next open starts a new database
        fresh.record(snap(NOW))
        assert len(fresh.snapshots("p1")) == 1


def test_a_locked_database_is_a_one_line_error_and_keeps_what_was_there(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path, timeout_s=0.05)
    store.record(snap(NOW, used=1))
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(HistoryLocked) as caught:
            store.record(snap(NOW + timedelta(hours=1), used=2))
        assert "\n" not in str(caught.value) and "locked" in str(caught.value)
    finally:
        holder.rollback()
        holder.close()
    store.record(snap(NOW + timedelta(hours=2), used=3))
    assert [s.values["genCharModelUsageQty"] for s in store.snapshots("p1")] == [1, 3]
    store.close()
