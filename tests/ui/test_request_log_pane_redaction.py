"""What the request-log pane shows on screen, in memory, holds no secret: row cells, tooltip, summary, bodies.

A leaky call reaches the pane the way every call does: a client hands its record to the application model
(``AppModel.record_call``), whose request log the pane renders; the checks read the widgets' texts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.services.profiles import DictBackend, ProfileStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.request_log_pane import RequestLogPane
from tests.services.memory_keyring import MemoryKeyring
from tests.services.test_request_log_memory import (  # noqa: F401 (registered_secret is a fixture)
    APP_KEY,
    REGISTERED,
    SIGN,
    UNREGISTERED,
    call_record,
    registered_secret,
)
from tests.ui.conftest import AsyncHelper


@pytest.fixture
def pane(aio: AsyncHelper, memory_keyring: MemoryKeyring, qtbot: QtBot) -> Iterator[RequestLogPane]:
    context = AppContext(AppModel(ProfileStore(DictBackend()), SecretStore(timeout_s=2.0)))
    shown = RequestLogPane(context)
    qtbot.addWidget(shown)
    yield shown
    aio.run(context.aclose())


def table_texts(table: QTableWidget) -> list[str]:
    texts: list[str] = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                texts += [item.text(), item.toolTip()]
    return texts


@pytest.mark.usefixtures("registered_secret")
def test_the_pane_shows_no_secret_of_a_leaky_call(pane: RequestLogPane) -> None:
    pane.ctx.model.record_call(call_record())
    assert pane.table.rowCount() == 1
    pane.table.setCurrentCell(0, 0)
    on_screen = [
        *table_texts(pane.table),
        pane.summary_label.text(),
        pane.request_view.toPlainText(),
        pane.response_view.toPlainText(),
        *(entry.error for entry in pane.store.entries()),
    ]
    assert any("HTTP 401" in text for text in on_screen)  # the error is shown, redacted
    for text in on_screen:
        for secret in (REGISTERED, UNREGISTERED, SIGN, APP_KEY):
            assert secret not in text, text
