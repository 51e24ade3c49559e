"""Profiles: create / edit / delete through the form; secrets reach the keyring and never QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.profiles import BaseUrlPreset, ProfileStore
from aigc_desktop.services.secrets import SERVICE_NAME
from aigc_desktop.ui.settings import QSettingsBackend
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness


def _fill(qtbot: QtBot, pane: object, *, name: str, url: str, app_id: str, key: str) -> None:
    pane.preset_combo.setCurrentIndex(pane.preset_combo.findData(BaseUrlPreset.CUSTOM))
    for edit, text in (
        (pane.name_edit, name),
        (pane.base_url_edit, url),
        (pane.app_id_edit, app_id),
        (pane.app_key_edit, key),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def _accept_confirmation(qtbot: QtBot, pane: object) -> None:
    box = pane.findChild(QMessageBox, "confirm")
    assert box is not None and box.isVisible()
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)


def test_create_edit_delete_keeps_secrets_in_the_keyring_only(
    app: AppHarness, qtbot: QtBot, sandbox: SandboxServer, memory_keyring: MemoryKeyring, settings_path: Path
) -> None:
    window = app.window
    qtbot.mouseClick(window.first_run.add_button, Qt.MouseButton.LeftButton)
    pane = window.panes["profiles"]
    assert window.current_pane_id() == "profiles" and pane.is_new

    # Bad input gets a specific message next to the field; nothing is stored.
    _fill(qtbot, pane, name="Staging", url="not a url", app_id=sandbox.demo.app_id, key=sandbox.demo.app_key)
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    assert "must start with http:// or https://" in pane.error_label.text()
    assert app.ctx.model.profiles.list() == [] and memory_keyring.entries == {}

    _fill(
        qtbot,
        pane,
        name="Staging",
        url=sandbox.base_url,
        app_id=sandbox.demo.app_id,
        key=sandbox.demo.app_key,
    )
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session is not None)
    app.wait_idle()
    (profile,) = app.ctx.model.profiles.list()
    assert memory_keyring.entries == {(SERVICE_NAME, f"{profile.id}/app_key"): sandbox.demo.app_key}
    assert pane.app_key_edit.text() == ""  # the key does not linger in the widget
    assert pane.app_key_status.text() == "An AppKey is stored for this profile."
    assert window.profile_combo.currentText() == "Staging"

    # The stored key signs in (Token pane) and the settings file never sees a secret.
    token = app.pane("token")
    qtbot.mouseClick(token.sign_in_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.window.panes["quotas"].account is not None)
    app.wait_idle()
    access = app.ctx.model.session.tokens.access_token

    # Edit: rename, leave the AppKey empty to keep it.
    pane = app.pane("profiles")
    pane.name_edit.clear()
    qtbot.keyClicks(pane.name_edit, "Staging EU")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    app.wait_idle()
    assert [p.name for p in app.ctx.model.profiles.list()] == ["Staging EU"]
    assert memory_keyring.entries[(SERVICE_NAME, f"{profile.id}/app_key")] == sandbox.demo.app_key
    assert pane.list.item(0).text().startswith("Staging EU")

    app.settings.sync()
    ini = settings_path.read_text(encoding="utf-8")
    assert "Staging EU" in ini
    for secret in (sandbox.demo.app_key, access, app.ctx.model.session.tokens.refresh_token):
        assert secret not in ini

    # Delete: asks first, removes every keyring entry, back to the first-run page.
    qtbot.mouseClick(pane.delete_button, Qt.MouseButton.LeftButton)
    _accept_confirmation(qtbot, pane)
    app.wait(lambda: app.ctx.model.profiles.list() == [])
    app.wait_idle()
    assert memory_keyring.entries == {}
    assert app.ctx.model.session is None
    assert window.root.currentWidget() is window.first_run
    assert ProfileStore(QSettingsBackend(app.settings)).list() == []


def test_last_refresh_time_survives_a_restart(
    app: AppHarness, aio, qtbot: QtBot, sandbox: SandboxServer, settings, memory_keyring: MemoryKeyring
) -> None:
    qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
    pane = app.window.panes["profiles"]
    _fill(
        qtbot, pane, name="Remote", url=sandbox.base_url, app_id=sandbox.demo.app_id, key=sandbox.demo.app_key
    )
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session is not None)
    app.wait_idle()
    aio.run(app.ctx.model.sign_in())
    aio.run(app.ctx.model.refresh())
    app.close()
    app.window.close()

    # A second "run" over the same settings file and keyring.
    from tests.ui.conftest import AppHarness as Harness

    again = Harness(aio, qtbot, settings)
    aio.run(again.ctx.model.activate_profile(again.ctx.model.profiles.active_id))
    token = again.pane("token")
    token.tick()
    assert again.ctx.model.session.tokens is not None  # restored from the keyring
    assert not token.refresh_button.isEnabled()
    assert token.refresh_window_label.text().startswith("Next refresh allowed in 2 h 59 min")
    again.close()


def test_window_geometry_and_last_pane_are_restored(app: AppHarness, qtbot: QtBot, aio, settings) -> None:
    app.window.resize(760, 540)
    app.pane("quotas")
    app.window.close()
    from aigc_desktop.ui.main_window import MainWindow

    again = MainWindow(app.ctx, settings)
    qtbot.addWidget(again)
    again.show()
    assert again.current_pane_id() == "quotas"
    assert (again.width(), again.height()) == (760, 540)


def test_changing_the_active_profiles_url_reconnects(
    app: AppHarness, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
    pane = app.window.panes["profiles"]
    _fill(
        qtbot, pane, name="Moving", url=sandbox.base_url, app_id=sandbox.demo.app_id, key=sandbox.demo.app_key
    )
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session is not None)
    app.wait_idle()
    app.aio.run(app.ctx.model.sign_in())
    old_session = app.ctx.model.session
    pane = app.pane("profiles")
    pane.base_url_edit.clear()
    qtbot.keyClicks(pane.base_url_edit, "http://127.0.0.1:9")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session is not old_session and app.ctx.model.session is not None)
    app.wait_idle()
    assert app.ctx.model.session.profile.base_url == "http://127.0.0.1:9"
    assert not old_session.has_client  # the old client was closed
    assert app.ctx.model.session.tokens is None  # the old server's tokens are not carried over
    assert app.window.panes["quotas"].account is None  # old numbers are not shown for the new place


def test_every_problem_of_the_form_is_shown_at_once_in_field_order(app: AppHarness, qtbot: QtBot) -> None:
    qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
    pane = app.window.panes["profiles"]
    _fill(qtbot, pane, name="", url="ftp://example.com", app_id="has space", key=" padded")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    lines = pane.error_label.text().splitlines()
    assert len(lines) == 4
    assert lines[0] == "Give the profile a name"
    assert "http" in lines[1] and "spaces" in lines[2] and "leading or trailing spaces" in lines[3]
    marked = [field for field, widget in pane._fields.items() if widget.styleSheet()]
    assert marked == ["name", "base_url", "app_id", "app_key"]
    assert app.state.profiles == ()  # nothing saved


def test_test_sign_in_uses_the_forms_values_and_saves_nothing(
    app: AppHarness, qtbot: QtBot, sandbox: SandboxServer, memory_keyring: MemoryKeyring
) -> None:
    qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
    pane = app.window.panes["profiles"]
    _fill(qtbot, pane, name="Trial", url=sandbox.base_url, app_id=sandbox.demo.app_id, key="wrong-key-1234")
    qtbot.mouseClick(pane.test_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: "60112160" in pane.test_label.text())
    app.wait_idle()
    pane.app_key_edit.clear()
    qtbot.keyClicks(pane.app_key_edit, sandbox.demo.app_key)
    qtbot.mouseClick(pane.test_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: pane.test_label.text().startswith("Sign-in works"))
    app.wait_idle()
    assert sandbox.demo.user_name in pane.test_label.text()
    assert app.state.profiles == () and memory_keyring.entries == {}  # a test saves nothing
    assert app.state.tokens is None


def test_a_profile_name_with_markup_or_a_direction_override_is_plain_text(
    app: AppHarness, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    name = "<b>Bold</b> & co"
    app.aio.run(
        app.model.add_profile(name, base_url=sandbox.base_url, app_id=sandbox.demo.app_id, app_key="k-123456")
    )
    token = app.pane("token")
    assert app.window.session_label.textFormat() == Qt.TextFormat.PlainText
    assert app.window.session_label.text().startswith(name)
    assert token.status_label.textFormat() == Qt.TextFormat.PlainText
    assert app.window.profile_combo.currentText() == name
