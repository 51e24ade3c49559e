"""Notifications in the app: quota crossings once, service end, token expiry — tray or, offscreen, banners."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QSystemTrayIcon

from aigc_desktop.services.notifications import Kind, Notification
from tests.ui.conftest import AppHarness


def banner_titles(app: AppHarness) -> list[str]:
    return [banner.view.title for banner in app.window.banners.banners()]


def test_notifications_go_to_the_tray_or_else_become_banners(app: AppHarness) -> None:
    tray = app.window.tray
    if QSystemTrayIcon.isSystemTrayAvailable():  # a real desktop: the icon and its menu exist
        assert tray.tray is not None and tray.tray.contextMenu() is not None
    else:
        assert tray.tray is None and not tray.uses_tray
    app.start_sandbox()
    app.ctx.model.sandbox.update_resources({"genVideoDurationUsageQty": 17})  # 17 / 21 = 81 %
    app.aio.run(app.ctx.model.load_account())
    assert [title for _level, title, _text in tray.history] == ["Video generation duration at 81%"]
    # shown once: as a tray message where the tray takes messages, else as a banner
    assert ("Video generation duration at 81%" in banner_titles(app)) is not tray.uses_tray


def test_quota_crossings_are_announced_once(app: AppHarness) -> None:
    app.start_sandbox()
    tray = app.window.tray
    app.ctx.model.sandbox.update_resources({"genVideoDurationUsageQty": 17})
    app.aio.run(app.ctx.model.load_account())
    app.aio.run(app.ctx.model.load_account())  # a refresh at the same level says nothing new
    app.ctx.model.sandbox.update_resources({"genVideoDurationUsageQty": 18})
    app.aio.run(app.ctx.model.load_account())
    assert len(tray.history) == 1
    app.ctx.model.sandbox.update_resources({"genVideoDurationUsageQty": 20})  # 95.2 %
    app.aio.run(app.ctx.model.load_account())
    assert [level for level, _t, _x in tray.history] == ["warning", "error"]
    assert tray.history[-1][1] == "Video generation duration at 95%"
    assert "More than 95%" in tray.history[-1][2]


def test_settings_thresholds_and_toggles_apply(app: AppHarness) -> None:
    app.start_sandbox()
    tray = app.window.tray
    from dataclasses import replace

    chosen = replace(app.window.app_settings.load(), warning_percent=50.0, notify_validity=False)
    app.ctx.settings_changed.emit(chosen)
    app.aio.run(app.ctx.model.load_account())  # 11 / 21 = 52 % and 7 / 11 = 64 % now cross 50 %
    assert sorted(title for _l, title, _t in tray.history) == [  # the others stay below 50 %
        "Maximum concurrent tasks for video generation at 64%",
        "Video generation duration at 52%",
    ]


def test_service_end_within_seven_days(app: AppHarness) -> None:
    app.start_sandbox()
    tray = app.window.tray
    end = app.ctx.model.session.account.basic_info.effective_end
    tray.policy.clock = lambda: end - timedelta(days=3)
    app.aio.run(app.ctx.model.load_account())
    app.aio.run(app.ctx.model.load_account())
    assert [title for _l, title, _t in tray.history] == ["The service validity ends in 3 days"]


def test_token_expiry_only_when_auto_renew_is_off(app: AppHarness) -> None:
    app.start_sandbox()
    tray = app.window.tray
    expires = app.ctx.model.session.tokens.expires_at
    auto_renew = app.pane("token").auto_renew
    auto_renew.setChecked(True)
    assert tray.check_token(now=expires - timedelta(minutes=5)) is None
    auto_renew.setChecked(False)
    found = tray.check_token(now=expires - timedelta(minutes=5))
    assert found is not None and found.kind is Kind.TOKEN
    assert tray.check_token(now=expires - timedelta(minutes=4)) is None  # once per token
    assert "The access token expires in 5 minutes" in banner_titles(app)


def test_words_for_an_ended_service(app: AppHarness) -> None:
    title, text = app.window.tray.words(
        Notification(Kind.VALIDITY, "error", "validity", remaining=timedelta(0))
    )
    assert title == "The service validity has ended" and "renewed" in text


def test_the_tray_menu_shows_signs_in_and_quits(app: AppHarness) -> None:
    """Built whether or not this desktop has a tray, so the menu is checked everywhere."""
    calls: list[str] = []
    icon = app.window.tray._make_tray(
        lambda: calls.append("show"), lambda: calls.append("sign in"), lambda: calls.append("quit")
    )
    try:
        menu = icon.contextMenu()
        assert [a.text() for a in menu.actions()] == ["Show AIGC Desktop", "Sign in", "Quit"]
        for action in menu.actions():
            action.trigger()
        assert calls == ["show", "sign in", "quit"]
    finally:
        icon.hide()
