"""Files the app writes are the user's alone: 0600 files in 0700 folders on POSIX.

The app log, the request log, the settings file and every export hold company names, base URLs and
account numbers: with the default umask they were 0644, readable by every user of the machine. Every
file the app writes goes through ``open_private`` (or a helper built on it), which creates it 0600 and
also tightens a file an older version left open; the app's own folders get 0700. A folder the user
chose for an export is theirs and is left as it is. On Windows the modes mean nothing and are skipped
(a user's profile folder is private there already).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

FILE_MODE = 0o600
DIR_MODE = 0o700
_POSIX = os.name == "posix"
_FLAGS = {"w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND}


def make_private_dir(folder: Path) -> Path:
    """Create ``folder`` (and parents) if needed and make it 0700: only for the app's own folders."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    if _POSIX:
        os.chmod(folder, DIR_MODE)
    return folder


def make_private(path: Path | str) -> None:
    """Tighten an existing file to 0600 (a file another library wrote, e.g. QSettings); absent is fine."""
    if _POSIX:
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, FILE_MODE)


def open_private(
    path: Path | str,
    mode: str = "w",
    *,
    exclusive: bool = False,
    encoding: str | None = "utf-8",
    errors: str | None = None,
) -> IO[Any]:
    """Open ``path`` for writing (``"w"``, ``"a"``, ``"wb"``, ``"ab"``) as a 0600 file.

    ``exclusive`` refuses an existing file (``FileExistsError``), for files that must never overwrite
    another. An existing file keeps its content (``"a"``) but loses any group or other permission.
    """
    binary = "b" in mode
    flags = _FLAGS[mode.replace("b", "")]
    if exclusive:
        flags = (flags & ~os.O_TRUNC) | os.O_EXCL
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if _POSIX:
            os.fchmod(descriptor, FILE_MODE)
        if binary:
            return os.fdopen(descriptor, mode)
        return os.fdopen(descriptor, mode, encoding=encoding, errors=errors)
    except BaseException:
        os.close(descriptor)
        raise


def write_private_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` as a 0600 file, replacing what was there; returns ``path``."""
    with open_private(path, "w") as handle:
        handle.write(text)
    return path


def private_rotating_handler(path: Path, *, max_bytes: int, backup_count: int) -> RotatingFileHandler:
    """A ``RotatingFileHandler`` whose files (the current one and each rotated one) are 0600."""
    from logging.handlers import RotatingFileHandler  # loaded only when a log file is configured

    class _PrivateRotatingFileHandler(RotatingFileHandler):
        def _open(self) -> Any:
            return open_private(self.baseFilename, "a", encoding=self.encoding, errors=self.errors)

    make_private_dir(path.parent)
    return _PrivateRotatingFileHandler(path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
