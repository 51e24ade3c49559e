"""Settings reach the next client (timeouts, proxy mode), persist without secrets; About shows versions."""

from __future__ import annotations

import platform
from collections.abc import Iterator
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import QDialogButtonBox

from aigc_desktop import __version__
from aigc_desktop.platform.endpoints import ACCOUNT, PRODUCTION_BASE_URL
from aigc_desktop.platform.exceptions import RequestTimeout
from aigc_desktop.ui import theme
from aigc_desktop.ui.dialogs.about_dialog import AboutDialog
from aigc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from tests.ui.conftest import AppHarness


@pytest.fixture(autouse=True)
def _back_to_the_system_scheme() -> Iterator[None]:
    yield
    theme.ThemeController().apply(theme.SYSTEM)


def open_settings(app: AppHarness) -> SettingsDialog:
    app.window.menu_actions["settings"].trigger()
    dialog = app.window.dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    return dialog


def press_ok(app: AppHarness, dialog: SettingsDialog) -> None:
    app.qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_timeouts_apply_to_the_next_client(app: AppHarness) -> None:
    app.start_sandbox()
    assert app.ctx.model.session.client.config.read_timeout == 15.0
    dialog = open_settings(app)
    dialog.read_timeout.setValue(0.5)
    dialog.connect_timeout.setValue(2.0)
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("none"))
    press_ok(app, dialog)
    assert not dialog.isVisible()
    assert app.settings.value("app/read_timeout") == "0.5"
    assert app.ctx.model.session.client.config.read_timeout == 15.0  # the running client is left alone
    app.aio.run(app.ctx.model.activate_profile(app.ctx.model.session.profile.id))
    config = app.ctx.model.session.client.config
    assert (config.read_timeout, config.connect_timeout, config.trust_env) == (0.5, 2.0, False)
    # ... and the user notices: a 3-second answer now times out.
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "delay", 5, seconds=3)
    task = app.ctx.run(app.ctx.model.load_account(), "Loading quotas…")
    app.wait(task.done, timeout_ms=15_000)
    assert isinstance(task.exception(), RequestTimeout)
    assert any("No answer within 0.5 s" in banner.text() for banner in app.window.banners.banners())


def test_bad_values_keep_the_dialog_open_and_say_why(app: AppHarness) -> None:
    dialog = open_settings(app)
    dialog.proxy_mode.setCurrentIndex(dialog.proxy_mode.findData("custom"))
    assert dialog.proxy_url.isEnabled()
    dialog.proxy_url.setText("proxy.local:3128")
    press_ok(app, dialog)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert "http://" in dialog.error_label.text()
    dialog.warning_percent.setValue(97)
    dialog.proxy_url.setText("http://proxy.local:3128")
    press_ok(app, dialog)
    assert dialog.isVisible() and "critical" in dialog.error_label.text()
    dialog.reject()
    assert app.settings.value("app/proxy_url") is None  # nothing was saved


def test_language_theme_and_notifications_persist(app: AppHarness) -> None:
    dialog = open_settings(app)
    assert dialog.restart_note.text() == "applies after restart" and dialog.restart_note.isVisible()
    assert [dialog.language.itemText(i) for i in range(3)][1:] == ["English", "简体中文"]
    dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.notify_token.setChecked(False)
    dialog.warning_percent.setValue(70)
    press_ok(app, dialog)
    assert app.settings.value("ui/language") == "zh_CN"
    assert app.settings.value("ui/theme") == "dark" and theme.is_dark()
    assert app.window.menu_actions["theme:dark"].isChecked()
    assert app.window.tray.policy.token_alerts is False
    assert app.window.tray.policy.thresholds.warning == 70
    reopened = open_settings(app)
    assert reopened.language.currentData() == "zh_CN" and reopened.warning_percent.value() == 70
    reopened.reject()
    all_values = " ".join(str(app.settings.value(k)) for k in app.settings.allKeys())
    assert "appKey" not in all_values and "token" not in all_values.lower().replace("notify_token", "")


def test_quota_refresh_interval_reaches_the_quota_pane(app: AppHarness) -> None:
    dialog = open_settings(app)
    dialog.quota_refresh.setCurrentIndex(dialog.quota_refresh.findData(60))
    press_ok(app, dialog)
    quotas = app.pane("quotas")
    assert quotas.auto_combo.currentData() == 60 and quotas.auto_timer.isActive()


def test_about_shows_versions_endpoint_and_sandbox_docs(app: AppHarness) -> None:
    app.window.menu_actions["about"].trigger()
    dialog = app.window.dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    shown = {key: label.text() for key, label in dialog.version_labels.items()}
    assert shown == {
        "app": __version__,
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "python": platform.python_version(),
    }
    assert (
        PRODUCTION_BASE_URL not in dialog.endpoint_label.text()
    )  # not a fixed address: the active profile's
    assert "sandbox.md" in dialog.docs_label.text()
    assert QCoreApplication.translate("AboutDialog", "About AIGC Desktop") == dialog.windowTitle()
    dialog.reject()


def test_warning_thresholds_recolour_the_quota_bars(app: AppHarness) -> None:
    app.start_sandbox()
    quotas = app.pane("quotas")
    video = quotas.bars["videoDuration"]  # the sandbox's demo account has used 11 of 21 (52 %)
    app.wait(lambda: video.level == "normal")
    dialog = open_settings(app)
    dialog.warning_percent.setValue(50)
    dialog.critical_percent.setValue(60)
    press_ok(app, dialog)
    assert video.level == "warning"
    assert "50%" in quotas.legend.text() and "60%" in quotas.legend.text()


def test_settings_say_which_trust_is_in_use(app: AppHarness, tmp_path: Path) -> None:
    """Issue 16: TLS is verified with the OS trust store unless a custom CA bundle is chosen."""
    dialog = open_settings(app)
    assert dialog.ca_bundle.text() == ""
    assert dialog.trust_in_use.text() == "Operating system trust store"
    bundle = tmp_path / "corp.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    dialog.ca_bundle.setText(str(bundle))
    assert dialog.trust_in_use.text() == f"Custom CA bundle: {bundle}"
    dialog.ca_bundle.setText("  ")
    assert dialog.trust_in_use.text() == "Operating system trust store"
    dialog.reject()


def test_the_total_deadline_per_call_is_a_setting_the_next_client_obeys(app: AppHarness) -> None:
    """Issue 15 item 8: an answer trickled just fast enough to beat the read timeout still ends."""
    app.start_sandbox()
    dialog = open_settings(app)
    assert dialog.total_timeout.value() == 30.0
    dialog.read_timeout.setValue(20.0)
    dialog.total_timeout.setValue(10.0)  # shorter than the read timeout: refused, with the reason
    press_ok(app, dialog)
    assert dialog.isVisible() and "total deadline" in dialog.error_label.text()
    assert dialog.total_timeout.hasFocus() or dialog.focusWidget() is dialog.total_timeout
    dialog.read_timeout.setValue(1.0)
    dialog.total_timeout.setValue(1.0)
    press_ok(app, dialog)
    assert not dialog.isVisible() and app.settings.value("app/total_timeout") == "1.0"
    app.aio.run(app.ctx.model.activate_profile(app.ctx.model.session.profile.id))
    assert app.ctx.model.session.client.config.total_timeout == 1.0
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "slow_body", 1, seconds=3.2)  # 8 pieces, 0.4 s apart
    task = app.ctx.run(app.ctx.model.load_account(), "Loading quotas…")
    app.wait(task.done, timeout_ms=15_000)
    assert isinstance(task.exception(), RequestTimeout)
    assert any("total deadline" in banner.text() for banner in app.window.banners.banners())
