"""``services.private_files``: what the app writes is 0600, its own folders 0700 (issue 15 item 12)."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from aigc_desktop.services.private_files import (
    make_private,
    make_private_dir,
    open_private,
    private_rotating_handler,
    write_private_text,
)

pytestmark = pytest.mark.skipif(not hasattr(__import__("os"), "fchmod"), reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_and_existing_files_become_0600_and_keep_or_replace_their_content(tmp_path: Path) -> None:
    new = write_private_text(tmp_path / "new.txt", "one")
    assert (mode(new), new.read_text()) == (0o600, "one")
    old = tmp_path / "old.txt"
    old.write_text("kept\n")
    old.chmod(0o666)
    with open_private(old, "a") as handle:
        handle.write("added\n")
    assert (mode(old), old.read_text()) == (0o600, "kept\nadded\n")
    with open_private(tmp_path / "bytes.bin", "wb") as handle:
        handle.write(b"\x00\xff")
    assert mode(tmp_path / "bytes.bin") == 0o600


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = write_private_text(tmp_path / "report.txt", "first")
    with pytest.raises(FileExistsError):
        open_private(target, "w", exclusive=True)
    assert target.read_text() == "first"


def test_the_apps_own_folders_become_0700_and_make_private_tightens_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True, mode=0o755)
    assert mode(make_private_dir(folder)) == 0o700
    loose = tmp_path / "settings.ini"
    loose.write_text("x=1")
    loose.chmod(0o644)
    make_private(loose)
    make_private(tmp_path / "absent.ini")  # absent is fine
    assert mode(loose) == 0o600


def test_the_log_file_and_every_rotated_copy_are_private(tmp_path: Path) -> None:
    handler = private_rotating_handler(tmp_path / "logs" / "app.log", max_bytes=200, backup_count=2)
    logger = logging.getLogger("test.private_files")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for number in range(20):
            logger.warning("line %d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    files = sorted((tmp_path / "logs").iterdir())
    assert [f.name for f in files] == ["app.log", "app.log.1", "app.log.2"]
    assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    assert mode(tmp_path / "logs") == 0o700
