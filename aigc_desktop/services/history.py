"""Quota history: one snapshot per account load, in a local SQLite database (stdlib ``sqlite3``, WAL).

A snapshot holds the time, the profile id, the twelve resource numbers and the validity dates —
nothing secret. Sandbox snapshots carry ``sandbox = 1`` and every query names the flag, so a sandbox
profile's history is never mixed with a real profile's. Retention is bounded: snapshots older than
30 days are thinned to the last one of each UTC day, older than two years dropped.

Every call is blocking (disk I/O, and a lock wait of up to ``timeout_s``): the GUI must run them in an
executor (``loop.run_in_executor``), never on its own thread. One ``HistoryStore`` may be used from one
thread at a time (``check_same_thread=False`` lets that thread be an executor's worker).

Bad databases never lose history: one from a newer version raises ``HistoryNewerVersion`` and is left as
it is; a corrupt one is renamed aside (``history.sqlite3.corrupt-<time>``) before ``HistoryCorrupt`` is
raised, so the next open starts a new file; a locked one raises ``HistoryLocked``. Each message is one line.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sqlite3
import stat
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from aigc_desktop.platform.models import RESOURCE_CONFIG_FIELDS, Account

SCHEMA_VERSION = 1
FILE_NAME = "history.sqlite3"
THIN_AFTER = timedelta(days=30)
DROP_AFTER = timedelta(days=730)
DEFAULT_TIMEOUT_S = 2.0

#: The twelve numbers of ``resourceConfig``, in the doc's order (total before used, per quota).
FIELDS: tuple[str, ...] = RESOURCE_CONFIG_FIELDS

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS snapshot (
    profile_id TEXT NOT NULL,
    sandbox INTEGER NOT NULL CHECK (sandbox IN (0, 1)),
    taken_at REAL NOT NULL,
    effective_begin REAL,
    effective_end REAL,
    {", ".join(f"{name} INTEGER" for name in FIELDS)},
    PRIMARY KEY (profile_id, sandbox, taken_at)
) WITHOUT ROWID;
"""


class HistoryError(Exception):
    """The history database cannot be used; ``str()`` is one line saying why and what to do."""


class HistoryLocked(HistoryError):
    """Another program holds the database's write lock longer than the timeout."""


class HistoryCorrupt(HistoryError):
    """The file is not a readable SQLite database; it was moved to ``moved_to`` (nothing overwritten)."""

    def __init__(self, message: str, moved_to: Path | None) -> None:
        super().__init__(message)
        self.moved_to = moved_to


class HistoryNewerVersion(HistoryError):
    """The database was written by a newer version of the app; it is left untouched."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """One account load: when, whose, the twelve numbers (None where the platform sent none), validity."""

    profile_id: str
    taken_at: datetime
    values: dict[str, int | None]
    effective_begin: datetime | None = None
    effective_end: datetime | None = None
    sandbox: bool = False

    @classmethod
    def from_account(
        cls, profile_id: str, account: Account, taken_at: datetime, *, sandbox: bool = False
    ) -> Snapshot:
        values = dict(account.resource_config.values) if account.resource_config else {}
        basic = account.basic_info
        return cls(
            profile_id=profile_id,
            taken_at=taken_at,
            values={name: values.get(name) for name in FIELDS},
            effective_begin=platform_time(basic.effective_begin) if basic else None,
            effective_end=platform_time(basic.effective_end) if basic else None,
            sandbox=sandbox,
        )

    def used_total(self, used_field: str, total_field: str) -> tuple[int | None, int | None]:
        return self.values.get(used_field), self.values.get(total_field)


#: The platform writes its dates in China Standard Time without a zone (``platform-user-access.md``).
PLATFORM_TZ = timezone(timedelta(hours=8), "CST")


def platform_time(moment: datetime | None) -> datetime | None:
    """A platform date made zone-aware (naive ones are China Standard Time); aware ones pass through."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=PLATFORM_TZ)


def default_path() -> Path:
    """``history.sqlite3`` in the user data folder (platformdirs)."""
    import platformdirs  # only the app and the commands need the real location

    return Path(platformdirs.user_data_dir("AIGC Desktop", appauthor=False)) / FILE_NAME


def _ts(moment: datetime | None) -> float | None:
    return moment.timestamp() if moment is not None else None


def _dt(value: float | None) -> datetime | None:
    return datetime.fromtimestamp(value, UTC) if value is not None else None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class HistoryStore:
    """The open database. Use ``HistoryStore.open(path)``; close with ``close()`` or a ``with`` block."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    # --- opening ----------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None, *, timeout_s: float = DEFAULT_TIMEOUT_S) -> HistoryStore:
        """Open or create the database (folder 0700, file 0600); raises one of the ``HistoryError``s."""
        file = path if path is not None else default_path()
        try:
            _prepare_file(file)
        except OSError as exc:
            raise HistoryError(
                f"The history database {file} cannot be created: {exc.strerror or _one_line(exc)}"
            ) from None
        try:
            connection = sqlite3.connect(file, timeout=timeout_s, check_same_thread=False)
        except sqlite3.Error as exc:
            raise HistoryError(f"The history database {file} cannot be opened: {_one_line(exc)}") from None
        try:
            cls._initialise(connection, file)
        except HistoryError:
            connection.close()
            raise
        except sqlite3.OperationalError as exc:
            connection.close()
            if _is_locked(exc):
                raise _locked(file) from None
            raise HistoryError(f"The history database {file} cannot be opened: {_one_line(exc)}") from None
        except sqlite3.DatabaseError:
            connection.close()
            moved = _move_aside(file)
            raise HistoryCorrupt(
                f"The history database {file} was damaged; it was moved to {moved.name} "
                "and a new one will be started (nothing was overwritten)",
                moved,
            ) from None
        return cls(connection, file)

    @staticmethod
    def _initialise(connection: sqlite3.Connection, file: Path) -> None:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryNewerVersion(
                f"The history database {file} was written by a newer version of AIGC Desktop "
                f"(schema {version}; this version reads {SCHEMA_VERSION}); it was left unchanged — "
                "update the app to see this history"
            )
        connection.execute("PRAGMA journal_mode=WAL")
        integrity = connection.execute("PRAGMA quick_check").fetchone()[0]
        if integrity != "ok":
            raise sqlite3.DatabaseError(str(integrity))
        with connection:
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._db:
                yield self._db
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                raise _locked(self.path) from None
            raise HistoryError(
                f"The history database {self.path} refused a write: {_one_line(exc)}"
            ) from None
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"The history database {self.path} is damaged: {_one_line(exc)}") from None

    # --- writing ----------------------------------------------------------------------------

    def record(self, snapshot: Snapshot) -> None:
        """Store one snapshot (a second one at the very same instant replaces it), then prune that profile."""
        columns = ("profile_id", "sandbox", "taken_at", "effective_begin", "effective_end", *FIELDS)
        row = (
            snapshot.profile_id,
            int(snapshot.sandbox),
            snapshot.taken_at.timestamp(),
            _ts(snapshot.effective_begin),
            _ts(snapshot.effective_end),
            *(snapshot.values.get(name) for name in FIELDS),
        )
        marks = ", ".join("?" for _ in columns)
        with self._writing() as db:
            db.execute(f"INSERT OR REPLACE INTO snapshot ({', '.join(columns)}) VALUES ({marks})", row)
            self._prune(db, snapshot.profile_id, snapshot.sandbox, snapshot.taken_at)

    def prune(self, now: datetime) -> None:
        """Apply the retention rules to every profile (``record`` already does it for its profile)."""
        with self._writing() as db:
            keys = db.execute("SELECT DISTINCT profile_id, sandbox FROM snapshot").fetchall()
            for profile_id, sandbox in keys:
                self._prune(db, profile_id, bool(sandbox), now)

    @staticmethod
    def _prune(db: sqlite3.Connection, profile_id: str, sandbox: bool, now: datetime) -> None:
        drop_before = (now - DROP_AFTER).timestamp()
        thin_before = (now - THIN_AFTER).timestamp()
        db.execute(
            "DELETE FROM snapshot WHERE profile_id = ? AND sandbox = ? AND taken_at < ?",
            (profile_id, int(sandbox), drop_before),
        )
        # Older than 30 days: keep the last snapshot of each UTC day.
        db.execute(
            """DELETE FROM snapshot WHERE profile_id = ? AND sandbox = ? AND taken_at < ?
               AND taken_at < (SELECT MAX(s.taken_at) FROM snapshot s
                               WHERE s.profile_id = snapshot.profile_id AND s.sandbox = snapshot.sandbox
                               AND CAST(s.taken_at / 86400 AS INTEGER) = CAST(snapshot.taken_at / 86400 AS INTEGER))""",
            (profile_id, int(sandbox), thin_before),
        )

    def delete_profile(self, profile_id: str, *, sandbox: bool = False) -> int:
        """Forget a profile's history (offered when the profile is deleted); returns how many snapshots went."""
        with self._writing() as db:
            cursor = db.execute(
                "DELETE FROM snapshot WHERE profile_id = ? AND sandbox = ?", (profile_id, int(sandbox))
            )
            return cursor.rowcount

    # --- reading ----------------------------------------------------------------------------

    def snapshots(
        self, profile_id: str, *, sandbox: bool = False, since: datetime | None = None
    ) -> list[Snapshot]:
        """A profile's snapshots, oldest first (optionally only from ``since`` on)."""
        query = (
            f"SELECT taken_at, effective_begin, effective_end, {', '.join(FIELDS)} FROM snapshot "
            "WHERE profile_id = ? AND sandbox = ? AND taken_at >= ? ORDER BY taken_at"
        )
        try:
            rows = self._db.execute(
                query, (profile_id, int(sandbox), _ts(since) if since else float("-inf"))
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if _is_locked(exc):
                raise _locked(self.path) from None
            raise HistoryError(f"The history database {self.path} cannot be read: {_one_line(exc)}") from None
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"The history database {self.path} is damaged: {_one_line(exc)}") from None
        return [_snapshot(profile_id, sandbox, row) for row in rows]

    def profile_ids(self, *, sandbox: bool = False) -> list[str]:
        rows = self._db.execute(
            "SELECT DISTINCT profile_id FROM snapshot WHERE sandbox = ? ORDER BY profile_id", (int(sandbox),)
        ).fetchall()
        return [str(row[0]) for row in rows]

    def export_csv(self, profile_id: str, *, sandbox: bool = False) -> str:
        """A profile's history as CSV text: one row per snapshot, times in ISO 8601 UTC."""
        return snapshots_to_csv(self.snapshots(profile_id, sandbox=sandbox))

    def write_csv(self, path: Path, profile_id: str, *, sandbox: bool = False) -> Path:
        path.write_text(self.export_csv(profile_id, sandbox=sandbox), encoding="utf-8", newline="")
        return path


CSV_COLUMNS: tuple[str, ...] = (
    "taken_at",
    "profile_id",
    "sandbox",
    "effective_begin",
    "effective_end",
    *FIELDS,
)


def snapshots_to_csv(snapshots: Iterable[Snapshot]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for snap in snapshots:
        writer.writerow(
            [
                snap.taken_at.isoformat(),
                snap.profile_id,
                int(snap.sandbox),
                snap.effective_begin.isoformat() if snap.effective_begin else "",
                snap.effective_end.isoformat() if snap.effective_end else "",
                *("" if snap.values.get(name) is None else snap.values[name] for name in FIELDS),
            ]
        )
    return buffer.getvalue()


def _snapshot(profile_id: str, sandbox: bool, row: Sequence[object]) -> Snapshot:
    taken, begin, end, *numbers = row
    assert isinstance(taken, float | int)
    return Snapshot(
        profile_id=profile_id,
        taken_at=datetime.fromtimestamp(float(taken), UTC),
        values={
            name: value if isinstance(value, int) else None
            for name, value in zip(FIELDS, numbers, strict=True)
        },
        effective_begin=_dt(float(begin)) if isinstance(begin, float | int) else None,
        effective_end=_dt(float(end)) if isinstance(end, float | int) else None,
        sandbox=sandbox,
    )


def _prepare_file(file: Path) -> None:
    """Folder 0700 and an empty file 0600 before SQLite opens it (its -wal/-shm files copy the mode)."""
    file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        with contextlib.suppress(OSError):  # a folder we do not own keeps its mode
            os.chmod(file.parent, 0o700)
    descriptor = os.open(file, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(descriptor)
    if os.name == "posix" and stat.S_IMODE(file.stat().st_mode) != 0o600:
        os.chmod(file, 0o600)


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _locked(file: Path) -> HistoryLocked:
    return HistoryLocked(
        f"The history database {file} is locked by another program (another AIGC Desktop or a "
        "status/exporter command?); try again when it has finished"
    )


def _move_aside(file: Path) -> Path:
    """Rename the damaged file (and its -wal/-shm companions) to ``<name>.corrupt-<UTC time>``."""
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    target = file.with_name(f"{file.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = file.with_name(f"{file.name}.corrupt-{stamp}-{counter}")
    os.replace(file, target)
    for suffix in ("-wal", "-shm"):
        companion = file.with_name(file.name + suffix)
        if companion.exists():
            os.replace(companion, target.with_name(target.name + suffix))
    return target
