"""Journey: sign out after a refresh — the refresh countdown stops instead of ticking on a dead session."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import AppHarness
from tests.ui.journeys import try_the_sandbox


def test_after_sign_out_no_countdown_ticks(app: AppHarness, qtbot: QtBot) -> None:
    try_the_sandbox(app, qtbot)
    token = app.pane("token")
    qtbot.mouseClick(token.refresh_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: token.refresh_window_label.text().startswith("Next refresh allowed in 2 h 59 min"))
    assert not token.refresh_button.isEnabled()
    assert token.refresh_button.toolTip().startswith("Next refresh allowed in 2 h 59 min")
    app.wait_idle()
    qtbot.mouseClick(token.sign_out_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.state.tokens is None)
    app.wait_idle()
    with qtbot.waitSignal(app.ctx.tick, timeout=3000):  # a tick of the app's clock after the sign-out
        pass
    assert token.refresh_button.text() == "Refresh access token" and token.refresh_button.toolTip() == ""
    assert not token.refresh_button.isEnabled() and not token.force_button.isEnabled()
    assert token.refresh_window_label.text() == "" and token.expiry_label.text() == ""
    assert token.status_label.text() == "Not signed in"
