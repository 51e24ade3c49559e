"""Sign-in through the real window against the in-process sandbox: tokens, account and quotas."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from aigc_desktop.platform.models import QUOTA_FIELDS
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.secrets import SERVICE_NAME
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness


def _sign_in_with_sandbox(app: AppHarness, qtbot: QtBot) -> None:
    assert app.window.root.currentWidget() is app.window.first_run
    qtbot.mouseClick(app.window.first_run.sandbox_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.window.panes["quotas"].account is not None)
    app.wait_idle()


def test_try_the_sandbox_fills_token_account_and_quota_panes(
    app: AppHarness, qtbot: QtBot, memory_keyring: MemoryKeyring, settings_path
) -> None:
    _sign_in_with_sandbox(app, qtbot)
    sandbox: SandboxServer = app.ctx.model.sandbox
    demo = sandbox.demo
    token = app.window.panes["token"]
    access = app.ctx.model.session.tokens.access_token

    # Token pane: masked token, live countdown, user and roles, the request as sent (sign masked).
    assert token.access_field.value() == access
    assert access not in token.access_field.displayed_text() and "•" in token.access_field.displayed_text()
    assert token.expiry_label.text().startswith("Expires in 7 h 59 min")
    assert token.user_labels["name"].text() == demo.user_name
    assert token.roles_table.rowCount() >= 1
    request = token.request_view.toPlainText()
    assert request.startswith(f"POST {sandbox.base_url}/api/uc/v1/access/api/token")
    assert '"appId": "sandbox-demo-app"' in request
    assert demo.app_key not in request
    sign_line = next(line for line in request.splitlines() if '"sign"' in line)
    assert "…" in sign_line or "***" in sign_line  # masked, not the 32 hex characters

    # Account pane: the sandbox's company and validity window.
    account = app.window.panes["account"]
    assert account.company_label.text() == demo.company
    days = (demo.effective_end - datetime.now(UTC)).days
    assert account.days_label.text() == f"{days} days left"
    assert account.app_key_field.value() == demo.app_key
    assert demo.app_key not in account.app_key_field.displayed_text()

    # Quota pane: the sandbox's numbers, labels from resources/quota_fields.json.
    quotas = app.window.panes["quotas"]
    for spec in QUOTA_FIELDS:
        used = demo.resource_config[spec.used_field]
        total = demo.resource_config[spec.total_field]
        bar = quotas.bars[spec.key]
        assert bar.title.text() == spec.label
        assert bar.numbers.text().startswith(f"used {used} / total {total}")
        assert f"{total - used} remaining" in bar.numbers.text()
    assert quotas.updated_label.text().startswith("Last updated")

    # Tokens went to the keyring, never to the settings file.
    pid = app.ctx.model.session.profile.id
    assert memory_keyring.entries[(SERVICE_NAME, f"{pid}/access_token")] == access
    app.settings.sync()
    ini = settings_path.read_text(encoding="utf-8")
    assert access not in ini and demo.app_key not in ini
    assert app.errors == []


def test_sign_out_clears_state_and_keyring(
    app: AppHarness, qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    _sign_in_with_sandbox(app, qtbot)
    token = app.pane("token")
    qtbot.mouseClick(token.sign_out_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session.tokens is None)
    app.wait_idle()
    assert token.access_field.value() == "" and token.refresh_field.value() == ""
    assert token.status_label.text() == "Not signed in"
    assert not token.sign_out_button.isEnabled() and not token.refresh_button.isEnabled()
    assert app.window.panes["quotas"].account is None
    assert app.window.panes["account"].basic_box.isHidden()
    pid = app.ctx.model.session.profile.id
    assert [user for _, user in memory_keyring.entries] == [f"{pid}/app_key"]
    assert any(r.path == "/api/uc/v1/web/logout" for r in app.ctx.model.sandbox.requests)


def test_refresh_disables_the_action_with_a_countdown(app: AppHarness, qtbot: QtBot) -> None:
    _sign_in_with_sandbox(app, qtbot)
    token = app.pane("token")
    assert token.refresh_button.isEnabled() and not token.force_button.isEnabled()
    assert token.refresh_window_label.text().startswith("A refresh is allowed now")
    before = app.ctx.model.session.tokens
    qtbot.mouseClick(token.refresh_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session.tokens is not before)
    app.wait_idle()
    token.tick()
    assert not token.refresh_button.isEnabled()
    assert token.refresh_button.toolTip().startswith("Next refresh allowed in 2 h 59 min")
    assert token.refresh_window_label.text().startswith("Next refresh allowed in 2 h 59 min")
    assert token.force_button.isEnabled()
    assert app.errors == []


def test_forced_refresh_asks_first_and_a_refusal_keeps_the_tokens(app: AppHarness, qtbot: QtBot) -> None:
    _sign_in_with_sandbox(app, qtbot)
    token = app.pane("token")
    qtbot.mouseClick(token.refresh_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.ctx.model.session.profile.last_refresh_at is not None)
    app.wait_idle()
    kept = app.ctx.model.session.tokens.access_token
    token.tick()
    qtbot.mouseClick(token.force_button, Qt.MouseButton.LeftButton)
    box = token.findChild(QMessageBox, "confirm")
    assert box is not None and box.isVisible()
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    app.wait(lambda: bool(app.window.banners.banners()))
    text = app.window.banners.banners()[0].text()
    assert "Platform error 60112161" in text
    assert app.ctx.model.session.tokens.access_token == kept
    assert token.access_field.value() == kept


def test_failed_sign_in_shows_the_code_and_keeps_the_profile(
    app: AppHarness, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    from aigc_desktop.services.profiles import Profile, new_profile_id
    from aigc_desktop.services.secrets import SecretKind

    profile = app.ctx.model.profiles.save(
        Profile(id=new_profile_id(), name="Wrong key", base_url=sandbox.base_url, app_id=sandbox.demo.app_id)
    )
    app.aio.run(app.ctx.model.secrets.set(profile.id, SecretKind.APP_KEY, "not-the-right-key"))
    app.aio.run(app.ctx.model.activate_profile(profile.id))
    token = app.pane("token")
    app.wait(token.sign_in_button.isEnabled)
    qtbot.mouseClick(token.sign_in_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: bool(app.window.banners.banners()))
    app.wait_idle()
    text = app.window.banners.banners()[0].text()
    assert text.startswith("Platform error 60")  # a documented sign-in code, with its meaning
    assert "not-the-right-key" not in text
    assert token.status_label.text() == "Not signed in" and token.access_field.value() == ""
    assert app.ctx.model.profiles.get(profile.id) is not None
    assert token.request_view.toPlainText().startswith("POST ")  # the refused request is still shown
