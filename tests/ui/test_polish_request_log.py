"""Request log pane over a real sign-in: redacted bodies, Copy as curl, filters, clear, persistence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.platform.call_record import LazyText
from aigc_desktop.platform.endpoints import ACCOUNT, LOGIN
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.request_log import LogEntry, RequestLogStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import QSettingsBackend
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness, AsyncHelper


class LoggedApp(AppHarness):
    """The app as ``run_app`` builds it: the request log store is opened before the window."""

    def __init__(self, aio: AsyncHelper, qtbot: QtBot, settings: QSettings, log_path: Path) -> None:
        self.aio = aio
        self.qtbot = qtbot
        self.settings = settings
        self.store = RequestLogStore(log_path)
        aio.run(self.store.load())
        self.model = AppModel(
            ProfileStore(QSettingsBackend(settings)), SecretStore(timeout_s=2.0), request_log=self.store
        )
        self.ctx = AppContext(self.model)
        aio.run(self.model.probe_secrets())
        self.window = MainWindow(self.ctx, settings)
        qtbot.addWidget(self.window)
        self.window.show()
        self.errors: list[BaseException] = []
        self.ctx.error_reported.connect(self.errors.append)

    def close(self) -> None:
        super().close()
        self.aio.run(self.store.flush())
        self.store.close()


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "state" / "request_log.jsonl"


@pytest.fixture
def logged(
    aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, log_path: Path
) -> Iterator[LoggedApp]:
    harness = LoggedApp(aio, qtbot, settings, log_path)
    yield harness
    harness.close()


def row_of(pane, path: str) -> int:  # type: ignore[no-untyped-def]
    return next(r for r in range(pane.table.rowCount()) if pane.entry_at(r).path == path)


def test_a_sign_in_shows_with_redacted_bodies(logged: LoggedApp) -> None:
    logged.start_sandbox()
    pane = logged.pane("request_log")
    tokens = logged.ctx.model.session.tokens
    app_key = logged.ctx.model.sandbox.demo.app_key
    paths = [pane.table.item(r, 2).text() for r in range(pane.table.rowCount())]
    assert paths[0].startswith(ACCOUNT.path + "?userId=")  # newest first
    assert LOGIN.path in paths
    login_row = row_of(pane, LOGIN.path)
    assert pane.table.item(login_row, 1).text() == "POST"
    assert pane.table.item(login_row, 3).text() == "200" and pane.table.item(login_row, 4).text() == "0"
    pane.table.selectRow(login_row)
    request, response = pane.request_view.toPlainText(), pane.response_view.toPlainText()
    assert '"sign": "' in request and '"appId"' in request
    assert "accessToken" in response
    for secret in (tokens.access_token, tokens.refresh_token, app_key):
        assert secret not in request and secret not in response and secret not in pane.summary_label.text()


def test_copy_as_curl_has_placeholders_and_no_secret(logged: LoggedApp) -> None:
    logged.start_sandbox()
    pane = logged.pane("request_log")
    token = logged.ctx.model.session.tokens.access_token
    pane.table.selectRow(row_of(pane, ACCOUNT.path))
    logged.qtbot.mouseClick(pane.curl_button, Qt.MouseButton.LeftButton)
    command = QGuiApplication.clipboard().text()
    assert command.startswith("curl -X GET ")
    assert "$AIGC_TOKEN" in command and token not in command and token[:4] + "…" not in command
    pane.table.selectRow(row_of(pane, LOGIN.path))
    logged.qtbot.mouseClick(pane.curl_button, Qt.MouseButton.LeftButton)
    command = QGuiApplication.clipboard().text()
    assert '"$AIGC_SIGN"' in command and "…" not in command
    assert logged.ctx.model.sandbox.demo.app_key not in command and "appKey" not in command


def test_filter_by_path_and_by_outcome(logged: LoggedApp) -> None:
    logged.start_sandbox()
    logged.ctx.model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
    logged.ctx.run(logged.ctx.model.load_account(), "Loading quotas…")
    logged.wait_idle()
    pane = logged.pane("request_log")
    total = pane.table.rowCount()
    logged.qtbot.keyClicks(pane.path_filter, "access/api/token")
    assert [pane.entry_at(r).path for r in pane.visible_rows()] == [LOGIN.path]
    pane.path_filter.clear()
    pane.status_filter.setCurrentIndex(pane.status_filter.findData("failed"))
    failed = [pane.entry_at(r) for r in pane.visible_rows()]
    assert [e.platform_code for e in failed] == [89999999]
    logged.qtbot.keyClicks(pane.path_filter, "89999999")
    assert len(pane.visible_rows()) == 1
    pane.path_filter.clear()
    pane.status_filter.setCurrentIndex(0)
    assert len(pane.visible_rows()) == total


def test_persisted_without_secrets_reloaded_and_cleared(
    logged: LoggedApp, aio: AsyncHelper, qtbot: QtBot, settings: QSettings, log_path: Path
) -> None:
    logged.start_sandbox()
    tokens = logged.ctx.model.session.tokens
    app_key = logged.ctx.model.sandbox.demo.app_key
    shown = logged.pane("request_log").table.rowCount()
    aio.run(logged.store.flush())
    text = log_path.read_text(encoding="utf-8")
    assert text.count("\n") == shown
    for secret in (tokens.access_token, tokens.refresh_token, app_key):
        assert secret not in text
    # A restart: a new store and window read the same file.
    again = LoggedApp(aio, qtbot, settings, log_path)
    try:
        pane = again.pane("request_log")
        assert pane.table.rowCount() == shown
        logged_paths = {json.loads(line)["path"] for line in text.splitlines()}
        assert {pane.entry_at(r).path for r in range(shown)} == logged_paths
        qtbot.mouseClick(pane.clear_button, Qt.MouseButton.LeftButton)
        again.wait_idle()
        assert pane.table.rowCount() == 0 and pane.count_label.text() == "0 of 0 calls"
        assert log_path.read_text(encoding="utf-8") == ""
    finally:
        again.close()


def test_reload_is_bounded_at_500(
    aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring, log_path: Path
) -> None:
    log_path.parent.mkdir(parents=True)
    lines = [
        LogEntry(
            "2026-05-01T12:00:00+00:00",
            "GET",
            f"/api/{n}",
            "",
            200,
            0,
            1.0,
            LazyText.of(""),
            LazyText.of("{}"),
        ).to_line()
        for n in range(620)
    ]
    log_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    harness = LoggedApp(aio, qtbot, settings, log_path)
    try:
        pane = harness.pane("request_log")
        assert pane.table.rowCount() == 500
        assert pane.entry_at(0).path == "/api/619" and pane.entry_at(499).path == "/api/120"
    finally:
        harness.close()


def test_failed_calls_stand_out(logged: LoggedApp) -> None:
    from aigc_desktop.ui import theme

    logged.start_sandbox()
    logged.ctx.model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
    logged.ctx.run(logged.ctx.model.load_account(), "Loading quotas…")
    logged.wait_idle()
    pane = logged.pane("request_log")
    failed = pane.table.item(0, 4)
    assert failed.text() == "89999999"
    assert failed.foreground().color().name() == theme.colour("text.error")
    assert pane.table.item(1, 4).foreground().color().name() != theme.colour("text.error")


def test_headers_profile_column_and_export_of_the_shown_rows(
    logged: LoggedApp, tmp_path: Path, qtbot: QtBot
) -> None:
    logged.start_sandbox()
    tokens = logged.ctx.model.session.tokens
    pane = logged.pane("request_log")
    assert pane.table.rowCount() == 2
    assert {pane.table.item(row, 6).text() for row in range(2)} == {"Sandbox"}  # the profile column
    account_row = next(row for row in range(2) if "config/resource" in pane.table.item(row, 2).text())
    pane.table.selectRow(account_row)
    request = pane.request_view.toPlainText()
    assert "Authorization: Bearer $AIGC_TOKEN" in request
    assert tokens.access_token not in request and "User-Agent: AIGC-Desktop" in request
    assert "content-type: application/json" in pane.response_view.toPlainText().lower()
    pane.path_filter.setText("config")  # export what the filter shows: the account call only
    written = logged.aio.wait_task(pane.export_to(tmp_path / "calls.jsonl")).result()
    lines = written.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "/api/2dvh/v1/user/config/resource" in lines[0]
    exported = json.loads(lines[0])
    assert exported["profile"] == "Sandbox" and ["authorization", "Bearer $AIGC_TOKEN"] in [
        [name.lower(), value] for name, value in exported["request_headers"]
    ]
    assert tokens.access_token not in lines[0] and oct(written.stat().st_mode & 0o777) == "0o600"
