"""The Qt-free reader of the GUI's settings file agrees with what real QSettings wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from aigc_desktop.services.profiles import Profile, ProfileStore
from aigc_desktop.services.qt_ini import QtIniBackend, SettingsFileError, default_settings_path

VALUES = {
    "profiles/list": json.dumps([{"id": "ab12", "name": 'Team, 中文 "q"', "base_url": "http://x:1/a=b;c"}]),
    "token_meta/ab12": '{"a": 1}',
    "ui/language": "zh_CN",
    "@odd": "@start",
    "sp ace/ke y": "  leading and trailing  ",
    "x/controls": "a\tb\nc\x01d\\e",  # \x01 then a hex digit: Qt escapes the digit too
    "x/unicode": "é中文ÿ",
    "x/empty": "",
}


def test_every_value_reads_back_as_qsettings_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    for key, value in VALUES.items():
        settings.setValue(key, value)
    settings.sync()
    backend = QtIniBackend(path)
    assert {key: backend.get(key) for key in VALUES} == VALUES
    assert backend.get("missing/key") is None


def test_profiles_load_and_writes_never_reach_the_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    profile = Profile(id="p1", name="Ünïcode, team", base_url="https://aigc.softsugar.com", app_id="app-1")
    settings.setValue("profiles/list", json.dumps([profile.to_json()]))
    settings.setValue("profiles/active", "p1")
    settings.sync()
    before = path.read_bytes()
    store = ProfileStore(QtIniBackend(path))
    assert store.list() == [profile] and store.active_id == "p1"
    store.set_token_meta("p1", None)
    store.active_id = None
    assert store.active_id is None  # in memory for this run
    assert path.read_bytes() == before


def test_the_default_location_is_where_qsettings_puts_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert default_settings_path() == tmp_path / "cfg" / "SenseTime AIGC" / "AIGC Desktop.ini"


def test_a_settings_file_that_is_not_text_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(b"[profiles]\nlist=\xff\xfe")
    with pytest.raises(SettingsFileError) as caught:
        QtIniBackend(path)
    assert "not UTF-8" in str(caught.value) and "\n" not in str(caught.value)


def test_no_settings_file_means_no_profiles(tmp_path: Path) -> None:
    assert ProfileStore(QtIniBackend(tmp_path / "absent.ini")).list() == []
