"""Details a user notices on the panes: thresholds, validity warnings, doc differences, assumed expiry,
auto-renew, export, Ctrl+R."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.platform.models import parse_account
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.ui.panes.account_pane import validity_state
from aigc_desktop.ui.widgets.countdown import PLATFORM_TZ
from aigc_desktop.ui.widgets.quota_bar import usage_level
from tests.ui.conftest import AppHarness


def _start(app: AppHarness, **demo_changes: object) -> SandboxServer:
    server: SandboxServer = app.aio.run(app.ctx.model.ensure_sandbox())
    for name, value in demo_changes.items():
        setattr(server.demo, name, value)
    app.start_sandbox()
    app.wait_idle()
    return server


def test_usage_levels_and_validity_states() -> None:
    assert [usage_level(p) for p in (None, 79.9, 80.0, 94.9, 95.0, 130.0)] == [
        "unknown",
        "normal",
        "warning",
        "warning",
        "critical",
        "critical",
    ]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert validity_state(now - timedelta(days=1), now + timedelta(days=90), now) == ("ok", 90)
    assert validity_state(now - timedelta(days=1), now + timedelta(days=29, hours=1), now) == ("warning", 29)
    assert validity_state(now - timedelta(days=9), now - timedelta(days=2), now)[0] == "error"
    assert validity_state(now + timedelta(days=2), now + timedelta(days=90), now) == ("error", None)


def test_quota_bars_turn_amber_and_red_near_the_limit(app: AppHarness, qtbot: QtBot) -> None:
    server = _start(app)
    server.update_resources({"genVideoDurationUsageQty": 17, "videoGenMaxConTasksUsageQty": 11})
    quotas = app.pane("quotas")
    before = quotas.account
    qtbot.keyClick(quotas, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Ctrl+R
    app.wait(lambda: quotas.account is not before)
    assert quotas.bars["videoDuration"].level == "warning"  # 17 / 21 = 81 %
    assert quotas.bars["videoConcurrency"].level == "critical"  # 11 / 11
    assert quotas.bars["avatarModel"].level == "normal"
    assert quotas.bars["videoConcurrency"].numbers.text().startswith("used 11 / total 11 tasks · 0 remaining")


def test_export_writes_csv_and_json_off_the_gui_thread(app: AppHarness, tmp_path: Path) -> None:
    _start(app)
    quotas = app.pane("quotas")
    assert quotas.export_csv_button.isEnabled()
    app.aio.wait_task(quotas.export_to(tmp_path / "q.csv"))
    app.aio.wait_task(quotas.export_to(tmp_path / "q.json"))
    rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    assert (rows[0]["key"], rows[0]["used"], rows[0]["total"]) == ("avatarModel", "2", "12")
    document = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert len(document["usages"]) == 6 and document["accountId"] == 4
    assert app.window.statusBar().currentMessage().startswith("Quotas exported to")


def test_validity_warning_and_doc_difference_note(app: AppHarness) -> None:
    soon = datetime.now(UTC) + timedelta(days=12, hours=1)
    _start(app, effective_end=soon)
    account = app.pane("account")
    assert account.days_label.text() == "12 days left — renew the service soon"
    assert account.days_label.property("level") == "warning"
    assert account.issues_label.isHidden()


def test_expired_service_window_is_an_error(app: AppHarness, qtbot: QtBot) -> None:
    past = datetime.now(UTC) - timedelta(days=3, hours=1)
    server: SandboxServer = app.aio.run(app.ctx.model.ensure_sandbox())
    server.demo.effective_end = past
    qtbot.mouseClick(app.window.first_run.sandbox_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: bool(app.window.banners.banners()))
    app.wait_idle()
    assert "Platform error 60102156: Account is not within the validity period" in (
        app.window.banners.banners()[0].text()
    )
    # The account pane states it too when an answer carries an expired window.
    account = app.pane("account")
    account.show_state(
        replace(
            app.state,
            account=parse_account(
                {
                    "basicInfo": {
                        "id": 4,
                        "company": "C",
                        "effectiveBeginDate": "2020-01-01 00:00:00",
                        "effectiveEndDate": past.astimezone(PLATFORM_TZ).strftime("%Y-%m-%d %H:%M:%S"),
                    }
                }
            ),
        )
    )
    assert account.days_label.property("level") == "error"
    assert account.days_label.text() == "Expired 3 days ago: the service is outside its validity window"


def test_doc_example_slip_shows_a_discreet_note(app: AppHarness) -> None:
    _start(app, doc_resource_example_slip=True)
    account = app.pane("account")
    assert account.issues_label.isVisible()
    assert "differed from the documentation" in account.issues_label.text()
    assert "basicInfo" in account.issues_label.text()


def test_missing_expires_in_is_labelled_assumed(app: AppHarness) -> None:
    _start(app, omit_expires_in=True)
    token = app.pane("token")
    token.tick()
    assert "(assumed 8 h: the platform did not send expiresIn)" in token.expiry_label.text()
    assert token.expiry_label.text().startswith("Expires in 7 h 59 min")


def test_auto_renew_signs_in_again_shortly_before_expiry(app: AppHarness) -> None:
    _start(app)
    token = app.pane("token")
    token.auto_renew.setChecked(True)
    assert app.state.auto_renew  # the check box sets the model's preference
    before = app.state.tokens
    assert not app.aio.run(app.model.renew_if_due())  # eight hours left: nothing to do
    assert app.state.tokens is before
    soon = before.expires_at - timedelta(minutes=2)
    assert app.aio.run(app.model.renew_if_due(now=soon))  # within five minutes: renewed
    assert app.state.tokens is not before and app.state.tokens.obtained_at > before.obtained_at
    token.auto_renew.setChecked(False)
    assert not app.aio.run(app.model.renew_if_due(now=soon))
    assert app.errors == []


def test_auto_refresh_interval_and_secret_copy(app: AppHarness, qtbot: QtBot) -> None:
    from PySide6.QtGui import QGuiApplication

    _start(app)
    quotas = app.pane("quotas")
    quotas.auto_combo.setCurrentIndex(quotas.auto_combo.findData(60))
    assert quotas.auto_timer.isActive() and quotas.auto_timer.interval() == 60_000
    quotas.auto_combo.setCurrentIndex(0)
    assert not quotas.auto_timer.isActive()

    field = app.pane("token").access_field
    field.CLIPBOARD_CLEAR_MS = 50
    assert not field.is_revealed()
    qtbot.mouseClick(field.reveal_button, Qt.MouseButton.LeftButton)
    assert field.displayed_text() == field.value()
    qtbot.mouseClick(field.reveal_button, Qt.MouseButton.LeftButton)
    assert field.displayed_text() != field.value()
    qtbot.mouseClick(field.copy_button, Qt.MouseButton.LeftButton)
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == field.value()
    app.wait(lambda: clipboard.text() == "", timeout_ms=2000)


def test_an_answer_without_refresh_token_and_permissions_is_explained_up_front(app: AppHarness) -> None:
    _start(app, omit_refresh_token=True, permissions="empty")
    token = app.pane("token")
    token.tick()
    assert token.refresh_window_label.text() == "Refresh unavailable: sign-in will be needed at expiry"
    assert not token.refresh_button.isEnabled() and not token.force_button.isEnabled()
    assert token.permissions_table.rowCount() == 0
    assert token.permissions_note.text() == "The sign-in answer lists no permissions for this account."
    assert not app.window.menu_actions["refresh"].isEnabled()


def test_the_accounts_callback_url_is_offered_to_the_calculator_and_the_receiver(app: AppHarness) -> None:
    url = "https://hooks.example.com/aigc/callback"
    server: SandboxServer = app.aio.run(app.ctx.model.ensure_sandbox())
    server.demo.callback_url = url
    app.start_sandbox()
    app.wait_idle()
    assert app.state.callback_urls == (url,)
    calculator, receiver = app.pane("callback_calculator"), app.pane("callback_receiver")
    assert url in calculator.suggested_callback_urls and url in receiver.suggested_callback_urls
    account = app.pane("account")
    calculator.url_edit.setText("https://typed.example.com/cb")
    account.callback_urls.use_as_signed_url.emit(url)  # "Use for signatures" on the Account pane
    assert app.state.signed_as_url == url
    assert calculator.url_edit.text() == url and receiver.signed_as_edit.text() == url


def test_video_duration_says_the_doc_gives_no_unit(app: AppHarness, tmp_path: Path) -> None:
    _start(app)
    quotas = app.pane("quotas")
    assert "(unit not given in the platform's doc)" in quotas.bars["videoDuration"].numbers.text()
    assert quotas.bars["avatarModel"].numbers.text().startswith("used 2 / total 12 models")
    task = quotas.export_to(tmp_path / "quotas.csv")
    app.aio.wait_task(task)
    rows = list(csv.DictReader((tmp_path / "quotas.csv").open(encoding="utf-8")))
    video = next(row for row in rows if "Video generation duration" in row.values())
    assert "unit not given in the platform's doc" in video.values()
