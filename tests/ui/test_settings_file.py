"""The settings file is the user's alone: 0600 in a 0700 folder, whoever writes it first (issue 15 item 12)."""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import QSettings

from aigc_desktop.ui.settings import QSettingsBackend, default_settings, make_settings_private


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_settings_file_is_created_private_before_qt_writes_it(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    try:
        settings = default_settings()
        QSettingsBackend(settings)  # what the app builds right after the first paint
    finally:  # back to a throwaway folder of its own for the tests that follow
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "after"))
    path = Path(settings.fileName())
    assert path.is_relative_to(tmp_path) and mode(path) == 0o600 and mode(path.parent) == 0o700
    settings.setValue("window/geometry", "x")  # written by Qt itself (not through the backend)
    settings.sync()
    assert (
        mode(path) == 0o600
        and QSettings(str(path), QSettings.Format.IniFormat).value("window/geometry") == "x"
    )


def test_a_settings_file_left_open_by_an_older_version_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "org" / "app.ini"
    path.parent.mkdir(mode=0o755)
    path.write_text("[profiles]\nlist=[]\n")
    path.chmod(0o644)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    make_settings_private(settings)
    assert (mode(path), mode(path.parent)) == (0o600, 0o700)
    path.chmod(0o644)
    QSettingsBackend(settings).set("app/theme", "dark")  # every write through the backend checks again
    assert mode(path) == 0o600
