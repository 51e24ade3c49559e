"""Failures the user must see (code, meaning, advice) while the window keeps responding; Cancel works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.platform.endpoints import ACCOUNT
from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from tests.ui.conftest import AppHarness


def _signed_in(app: AppHarness) -> None:
    app.start_sandbox()
    app.wait_idle()


def test_rate_limit_shows_code_meaning_and_advice_in_the_banner(app: AppHarness, qtbot: QtBot) -> None:
    _signed_in(app)
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
    quotas = app.pane("quotas")
    before = quotas.account
    qtbot.mouseClick(quotas.refresh_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: bool(app.window.banners.banners()))
    app.wait_idle()
    text = app.window.banners.banners()[0].text()
    meaning = ErrorCatalogue.default().describe(89999999).meaning
    assert "Platform error 89999999" in text and meaning in text
    assert "Wait a minute" in text  # the advice
    assert quotas.account is before  # old numbers stay
    # The banner can be dismissed.
    banner = app.window.banners.banners()[0]
    qtbot.mouseClick(banner.close_button, Qt.MouseButton.LeftButton)
    assert app.window.banners.banners() == [] and app.window.banners.isHidden()
    # Still responsive: navigation works; the same failure again shows the banner again ...
    app.window.nav.setCurrentRow(0)
    assert app.window.current_pane_id() == "token"
    app.window.show_pane("quotas")
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
    qtbot.mouseClick(quotas.refresh_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: bool(app.window.banners.banners()))
    app.wait_idle()
    # ... and a successful refresh takes it away: the banner belonged to the failed state.
    qtbot.mouseClick(quotas.refresh_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: quotas.account is not before)
    assert app.window.banners.banners() == [] and app.window.banners.isHidden()


def test_html_500_is_reported_as_an_invalid_response(app: AppHarness, qtbot: QtBot) -> None:
    _signed_in(app)
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "http500_html", 10)
    qtbot.mouseClick(app.pane("account").reload_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: bool(app.window.banners.banners()), timeout_ms=20_000)
    text = app.window.banners.banners()[0].text()
    assert "HTTP 500" in text
    assert "Check the base URL" in text or "server" in text.lower()


def test_delay_fault_keeps_the_window_responsive_and_cancel_stops_the_call(
    app: AppHarness, qtbot: QtBot
) -> None:
    _signed_in(app)
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "delay", 1, seconds=60)
    quotas = app.pane("quotas")
    before = quotas.account
    qtbot.mouseClick(quotas.refresh_button, Qt.MouseButton.LeftButton)
    busy = app.window.busy
    app.wait(lambda: busy.isVisible())
    assert busy.label.text() == "Loading quotas…"
    assert not quotas.refresh_button.isEnabled()

    # While the call hangs, timers tick (the token countdown moves), the window repaints and takes input.
    token = app.window.panes["token"]
    countdown = token.expiry_label.text()
    app.wait(lambda: token.expiry_label.text() != countdown, timeout_ms=5000)
    painted = app.window.grab()
    assert not painted.isNull()
    profiles = app.pane("profiles")
    profiles.name_edit.clear()
    qtbot.keyClicks(profiles.name_edit, "typed while busy")
    assert profiles.name_edit.text() == "typed while busy"
    qtbot.mouseClick(app.window.busy.cancel_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: not busy.isVisible())
    assert not app.ctx.busy
    assert app.window.statusBar().currentMessage() == "Cancelled: Loading quotas…"
    assert quotas.account is before
    assert app.errors == []
