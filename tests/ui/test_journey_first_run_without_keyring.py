"""Journey: first run with no usable keyring → Add your account — the pane agrees with the banner."""

from __future__ import annotations

import keyring
from keyring.backends import null
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness
from tests.ui.journeys import banner_texts


def test_add_your_account_without_a_keyring_says_session_only(
    aio, qtbot: QtBot, settings, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(null.Keyring())
    app = AppHarness(aio, qtbot, settings)  # the window was built before the keyring was probed
    try:
        aio.run(app.model.start(sandbox=False))
        assert any("No usable keyring" in text for text in banner_texts(app))
        qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
        pane = app.pane("profiles")
        assert pane.storage_label.text().startswith("Session only: AppKeys and tokens are kept in memory")
        assert "stored in the system keyring" not in pane.storage_label.text()
    finally:
        app.close()
