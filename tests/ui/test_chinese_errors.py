"""Platform errors in Chinese: banners and the Error codes pane speak the interface language.

The window is built after ``install_translator`` (as ``run_app`` does); English is restored afterwards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel

from aigc_desktop.platform.endpoints import ACCOUNT
from aigc_desktop.platform.exceptions import PlatformError, RequestTimeout
from aigc_desktop.ui import i18n
from aigc_desktop.ui.errors import describe_error
from tests.ui.conftest import AppHarness

Choose = Callable[[str], str]


def _form_label(label: QLabel) -> str:
    form = label.parentWidget().layout()
    assert isinstance(form, QFormLayout)
    name = form.labelForField(label)
    assert isinstance(name, QLabel)
    return name.text()


def test_error_codes_pane_in_chinese(chinese_window: AppHarness) -> None:
    pane = chinese_window.pane("errors")
    categories = {pane.tree.topLevelItem(i).text(0) for i in range(pane.tree.topLevelItemCount())}
    assert {"访问令牌", "限流", "AppKey 与签名"} <= categories
    assert pane.show_code(60112161)
    assert pane.detail_text.text() == "令牌刷新过于频繁，每 ‹N› 小时只能刷新一次"
    assert pane.detail_category.text() == "访问令牌"
    assert pane.detail_advice.text().startswith("请等到可刷新时间后再刷新")
    assert _form_label(pane.detail_text) == "说明："  # a full-width colon after a Chinese label
    pane.search.setText("签名校验")
    assert 60112160 in pane.visible_codes()
    pane.search.setText("Third-party system signature")  # the doc's English still finds it
    assert pane.visible_codes() == [60112160]
    pane.show_code(60112999)
    assert pane.detail_category.text() == "可能属于“访问令牌”（按错误码前缀推测）"
    assert pane.detail_advice.text().startswith("平台文档中没有此错误码")


def test_a_platform_error_banner_in_chinese(chinese_window: AppHarness) -> None:
    app = chinese_window
    app.start_sandbox()
    app.window.show_pane("quotas")
    app.ctx.model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
    app.ctx.run(app.ctx.model.load_account(), "Loading quotas…")
    app.wait(lambda: bool(app.window.banners.banners()))
    banner = app.window.banners.banners()[-1]
    assert banner.accessibleName() == "错误消息"
    assert banner.title_label.text() == "平台错误 89999999：您的访问过于频繁，请稍后重试"
    assert banner.advice_label.text().startswith("平台限制了调用频率")
    link = banner.lookup_button
    assert link is not None and link.text() == "查看 89999999"
    assert link.font().underline() and link.cursor().shape() == Qt.CursorShape.PointingHandCursor
    assert link.focusPolicy() & Qt.FocusPolicy.TabFocus
    link.setFocus()
    app.qtbot.keyClick(link, Qt.Key.Key_Space)  # a link opens from the keyboard too
    assert app.window.current_pane_id() == "errors"
    assert app.window.panes["errors"].detail_text.text() == "您的访问过于频繁，请稍后重试"


def test_a_chinese_server_message_is_shown_verbatim_beside_the_catalogue(chinese_window: AppHarness) -> None:
    said = "刷新token过于频繁，限制3小时间隔"
    view = describe_error(PlatformError(60112161, said, "", endpoint="/api/refresh", http_status=200))
    assert view.title == "平台错误 60112161：令牌刷新过于频繁，每 ‹N› 小时只能刷新一次"
    assert view.detail.startswith(f"服务端返回：{said}")
    assert view.advice.startswith("请等到可刷新时间后再刷新")
    english = describe_error(
        PlatformError(60112161, "Refresh token too frequent, limited to 3 hour intervals", "")
    )
    assert english.title == "平台错误 60112161：令牌刷新过于频繁，每 3 小时只能刷新一次"
    assert "服务端返回" not in english.detail  # it said nothing the catalogue does not


def test_other_errors_advice_in_chinese(chinese_window: AppHarness) -> None:
    assert (
        describe_error(RequestTimeout("timed out")).advice
        == "服务器未能及时响应。请检查网络，或在“设置”中调大读取超时。"
    )
    from aigc_desktop.services.session import MissingAppKey

    assert describe_error(MissingAppKey("no key")).advice == "请打开“账号配置”，编辑此账号配置并填写 AppKey。"
    warning = chinese_window.window.banners.show_message("warning", describe_error(RequestTimeout("x")))
    assert warning.accessibleName() == "警告消息"


def test_the_sandbox_profiles_name_is_shown_in_chinese(chinese_window: AppHarness) -> None:
    assert i18n.profile_display_name("Sandbox", True) == "沙箱"
    assert i18n.profile_display_name("Sandbox 2", True) == "沙箱 2"
    assert i18n.profile_display_name("Sandbox demo", True) == "Sandbox demo"  # renamed by the user: as stored
    assert i18n.profile_display_name("Sandbox", False) == "Sandbox"  # a real profile named so: as stored
