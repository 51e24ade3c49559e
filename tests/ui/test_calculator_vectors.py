"""The signature calculator pane against the access doc's fixed callback vector, driven like a user would."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.services.profiles import DictBackend, ProfileStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.calculator_pane import CalculatorPane
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AsyncHelper
from tests.vectors import DOC_AUTH_KEY, DOC_CALLBACK_TIMESTAMP, DOC_CALLBACK_URL, DOC_SIGNATURE, one_off


@pytest.fixture
def pane(aio: AsyncHelper, memory_keyring: MemoryKeyring, qtbot: QtBot) -> Iterator[CalculatorPane]:
    context = AppContext(AppModel(ProfileStore(DictBackend()), SecretStore(timeout_s=2.0)))
    calculator = CalculatorPane(context)
    qtbot.addWidget(calculator)
    calculator.url_edit.setText(DOC_CALLBACK_URL)
    calculator.key_edit.edit.setText(DOC_AUTH_KEY)
    yield calculator
    aio.run(context.aclose())


def test_typed_doc_vector_shows_the_doc_signature(pane: CalculatorPane, qtbot: QtBot) -> None:
    qtbot.keyClicks(pane.timestamp_edit, str(DOC_CALLBACK_TIMESTAMP))
    assert pane.signature_edit.text() == DOC_SIGNATURE
    qtbot.keyClick(pane.timestamp_edit, Qt.Key.Key_Backspace)  # one digit less: another signature
    assert pane.signature_edit.text() not in ("", DOC_SIGNATURE)


def paste_and_check(pane: CalculatorPane, qtbot: QtBot, signature: str) -> tuple[str, str]:
    body = {"taskId": "t-1", "timestamp": DOC_CALLBACK_TIMESTAMP, "signature": signature}
    pane.body_edit.setPlainText(json.dumps(body))
    qtbot.mouseClick(pane.check_button, Qt.MouseButton.LeftButton)
    return pane.verdict_label.text(), pane.verdict_view.toPlainText()


def test_pasted_doc_body_matches_and_is_only_too_old(pane: CalculatorPane, qtbot: QtBot) -> None:
    verdict, details = paste_and_check(pane, qtbot, DOC_SIGNATURE)
    assert verdict == "EXPIRED"  # the doc's example is from 2023; the signature itself matched
    assert "the signature itself is valid" in details
    assert DOC_AUTH_KEY not in details


@pytest.mark.parametrize("index", [31, 0])
def test_pasted_body_one_character_off_is_invalid(pane: CalculatorPane, qtbot: QtBot, index: int) -> None:
    verdict, details = paste_and_check(pane, qtbot, one_off(DOC_SIGNATURE, index))
    assert verdict == "INVALID"
    assert f"Expected for this timestamp with the URL and AuthKey above: {DOC_SIGNATURE}" in details
