"""Journey: in the Chinese UI a failed sign-in (60112160) is explained in Chinese, advice included."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import AppHarness
from tests.ui.journeys import add_custom_profile, banner_texts

ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,'’-]+[A-Za-z]+){2,}")


def test_a_wrong_app_key_is_explained_in_chinese(chinese_window: AppHarness, qtbot: QtBot) -> None:
    app = chinese_window
    sandbox = app.aio.run(app.model.ensure_sandbox())
    qtbot.mouseClick(app.window.first_run.add_button, Qt.MouseButton.LeftButton)
    add_custom_profile(
        app, qtbot, name="Wrong key", url=sandbox.base_url, app_id=sandbox.demo.app_id, key="not-the-key-123"
    )
    app.wait(lambda: app.state.active is not None)
    token = app.pane("token")
    qtbot.mouseClick(token.sign_in_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: any("60112160" in text for text in banner_texts(app)))
    app.wait_idle()
    banner = app.window.banners.banners()[-1]
    assert banner.title_label.text().startswith("平台错误 60112160：")
    advice = banner.advice_label.text()
    assert advice and re.search(r"[\u4e00-\u9fff]", advice)
    assert not ENGLISH_RUN.search(advice), advice  # the advice is Chinese, not the English catalogue's
    assert not ENGLISH_RUN.search(banner.title_label.text())
