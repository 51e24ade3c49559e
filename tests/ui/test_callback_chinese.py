"""The callback workbench in Chinese: verdicts, near-miss explanations and AuthKey policy findings.

Their wording is made below the UI as message codes (``resources/messages/callbacks.json``); the widgets
render them in the interface's language.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.callbacks.grouping import DeliveryGroups
from aigc_desktop.callbacks.sender import CallbackSender
from aigc_desktop.callbacks.verify import CallbackVerifier
from aigc_desktop.platform.messages import msg
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.calculator_pane import CalculatorPane
from aigc_desktop.ui.widgets.delivery_detail import DeliveryDetailView
from tests.ui.test_callback_panes import CALLBACK_URL, EVENT, KEY, ctx
from tests.ui.test_delivery_table import delivery
from tests.ui.test_i18n import Choose

__all__ = ["ctx"]


def test_chinese_ui_explains_a_wrong_signature_in_chinese(
    ctx: AppContext, qtbot: QtBot, language: Choose
) -> None:
    assert language("zh_CN") == "zh_CN"
    pane = CalculatorPane(ctx)
    qtbot.addWidget(pane)
    pane.key_edit.edit.setText(KEY)
    body = CallbackSender().build_body(CALLBACK_URL + "/", KEY, EVENT)[0]  # signed with a trailing slash
    pane.body_edit.setPlainText(body.decode())
    qtbot.mouseClick(pane.check_button, Qt.MouseButton.LeftButton)
    assert pane.verdict_label.text() == "签名无效"
    shown = pane.verdict_view.toPlainText()
    assert "签名无效：签名与用这里配置的 AuthKey 计算的 md5(回调地址 + timestamp + AuthKey) 不一致" in shown
    assert "疑似原因：签名所用地址多了末尾斜杠。" in shown
    assert "发送端签名用的是 " in shown and "你配置的是 " in shown
    assert " — " not in shown and "likely cause" not in shown and "The sender" not in shown

    pane.key_edit.edit.setText("short")
    assert pane.policy_label.text().endswith(
        "太短：5 个字符，至少需要 16 个；需要一个大写字母（A-Z）；需要一个数字（0-9）"
    )


def test_chinese_delivery_detail_shows_the_chinese_verdict(qtbot: QtBot, language: Choose) -> None:
    language("zh_CN")
    wrong = CallbackVerifier("https://example.com/aigc/callback", "SomeOtherAuthKey2024abc")
    events = DeliveryGroups()
    group = events.add(delivery(wrong, 1, answered=401))
    view = DeliveryDetailView()
    qtbot.addWidget(view)
    view.show_group(group)
    text = view.toPlainText()
    assert "签名无效：签名与用这里配置的 AuthKey 计算的" in text
    assert "The signature does not match" not in text


def test_chinese_delivery_detail_says_why_a_request_was_refused(qtbot: QtBot, language: Choose) -> None:
    language("zh_CN")
    refused = replace(
        delivery(
            CallbackVerifier("https://example.com/aigc/callback", "SomeOtherAuthKey2024abc"), 1, answered=413
        ),
        verdict=None,
        body=b"",
        size=2_000_000,
        remark=msg("note.too_large", size=2_000_000, limit=1_048_576),
    )
    view = DeliveryDetailView()
    qtbot.addWidget(view)
    view.show_group(DeliveryGroups().add(refused))
    text = view.toPlainText()
    assert "消息体至少 2000000 字节，超出 1048576 字节的上限" in text
    assert "over the" not in text and " — " not in text
