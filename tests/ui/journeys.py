"""Steps the journey tests share: what a user clicks and types, through the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.services.profiles import BaseUrlPreset
from tests.ui.conftest import AppHarness


def try_the_sandbox(app: AppHarness, qtbot: QtBot) -> None:
    """First run: "Try the sandbox", then wait until token, account and quotas are loaded."""
    qtbot.mouseClick(app.window.first_run.sandbox_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.state.account is not None)
    app.wait_idle()


def add_custom_profile(app: AppHarness, qtbot: QtBot, *, name: str, url: str, app_id: str, key: str) -> None:
    """Profiles → New → Custom URL, fill the form, Save."""
    pane = app.pane("profiles")
    qtbot.mouseClick(pane.new_button, Qt.MouseButton.LeftButton)
    pane.preset_combo.setCurrentIndex(pane.preset_combo.findData(BaseUrlPreset.CUSTOM))
    for edit, text in (
        (pane.name_edit, name),
        (pane.base_url_edit, url),
        (pane.app_id_edit, app_id),
        (pane.app_key_edit, key),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: any(p.name == name for p in app.state.profiles))
    app.wait_idle()


def choose_profile(app: AppHarness, name: str) -> None:
    """Pick a profile in the window's profile selector, as a user does."""
    combo = app.window.profile_combo
    index = combo.findText(name)
    assert index >= 0, f"{name!r} is not in the profile selector"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    app.wait(lambda: app.state.active is not None and app.state.active.name == name)
    app.wait_idle()


def banner_texts(app: AppHarness) -> list[str]:
    return [banner.text() for banner in app.window.banners.banners()]
