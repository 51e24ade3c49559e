"""No usable keyring -> explicit session-only mode with a banner; a hanging keyring never freezes the UI."""

from __future__ import annotations

from pathlib import Path

import keyring
from keyring.backends import null
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.services.secrets import SecretKind
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness


def test_null_backend_shows_a_banner_and_keeps_secrets_in_memory(
    aio, qtbot: QtBot, settings, settings_path: Path, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(null.Keyring())
    app = AppHarness(aio, qtbot, settings)
    try:
        aio.run(app.model.start(sandbox=True))
        app.wait_idle()
        texts = [b.text() for b in app.window.banners.banners()]
        assert any("No usable keyring" in t and "No OS keyring was found" in t for t in texts)
        assert not any("keyring.backends" in t for t in texts)  # never keyring's class names
        assert "secrets: this session only" in app.window.session_label.text()
        assert app.ctx.model.session.tokens is not None  # signed in from memory
        assert app.window.panes["profiles"].storage_label.text().startswith("Session only")
        app.settings.sync()
        ini = settings_path.read_text(encoding="utf-8")
        assert app.ctx.model.sandbox.demo.app_key not in ini
        assert app.ctx.model.session.tokens.access_token not in ini
        assert memory_keyring.entries == {}
    finally:
        app.close()


def test_a_keyring_hanging_mid_session_keeps_the_key_in_memory_and_says_so_while_the_window_responds(
    app: AppHarness, qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    """Issue 15 item 14: the save that meets the hang still saves the profile with its AppKey (in memory)."""
    app.ctx.model.secrets._timeout_s = 0.5
    qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
    pane = app.window.panes["profiles"]
    qtbot.keyClicks(pane.name_edit, "Locked")
    qtbot.keyClicks(pane.app_id_edit, "app-1")
    qtbot.keyClicks(pane.app_key_edit, "secret-key-123456")
    memory_keyring.hang.set()
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    assert app.window.busy.isVisible()
    qtbot.keyClicks(pane.callback_edit, "x")  # input still accepted
    assert pane.callback_edit.text() == "x"
    app.wait(lambda: bool(app.window.banners.banners()))
    text = app.window.banners.banners()[0].text()
    assert "No usable keyring" in text and "did not answer within 0.5 s" in text
    assert "Secrets are now kept in memory for this session" in text
    app.wait_idle()
    saved = [p for p in app.ctx.model.profiles.list() if p.name == "Locked"]
    assert len(saved) == 1 and not app.ctx.model.secrets.persistent
    key = app.aio.run(app.ctx.model.secrets.get(saved[0].id, SecretKind.APP_KEY))
    assert key == "secret-key-123456"  # kept, in memory
    assert not any("Unexpected error" in banner.text() for banner in app.window.banners.banners())
    memory_keyring.release.set()
