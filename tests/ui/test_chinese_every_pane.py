"""Every pane in Simplified Chinese, signed in on the sandbox: no run of three or more English words.

What may stay English: product names and identifiers (AppID, AppKey, AuthKey, MD5, HTTP, JSON, CSV, curl,
URLs, field names, error codes) and the sandbox's demo data (its company, user and role names). Anything
else a Chinese-first user reads — labels, buttons, headers, placeholders, tooltips-free texts, banners —
is Chinese.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from aigc_desktop.ui.panes import PANES
from tests.ui.conftest import AppHarness

ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z.]*(?:[ \t,'’/-]+[A-Za-z][A-Za-z.]*){2,}")
URL = re.compile(r"\b(?:https?|wss?)://\S+")
# Identifiers and product names a Chinese UI keeps as they are (issue 19's list, plus the platform's names).
ALLOWED = re.compile(
    r"\b(?:AppID|AppKey|AuthKey|MD5|HTTP|JSON|CSV|curl|AIGC|Desktop|TTS|WebSocket|Bearer|Authorization|"
    r"Qt|PySide6|NTP|TLS|CA|URL|ID|POST|GET|SenseTime|softsugar|com|appId|appKey|userId|sign|timestamp|"
    r"grantType|accessToken|refreshToken|expiresIn|callbackUrl|liveCallbackUrl|Content-Type|application|"
    r"json|keyring|Secret|Service|memory)\b"
)


def _texts(root: QWidget) -> list[str]:
    """What a user can read in ``root``: labels, buttons, titles, headers, cells, items, placeholders."""
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            found.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            for column in range(widget.columnCount()):
                header = widget.horizontalHeaderItem(column)
                found.append(header.text() if header is not None else "")
        elif isinstance(widget, QTreeWidget):
            header = widget.headerItem()
            found += [header.text(c) for c in range(widget.columnCount())]
    return found


def _english_runs(text: str, demo: set[str]) -> list[str]:
    text = URL.sub(" ", text)
    for value in demo:
        text = text.replace(value, " ")
    text = ALLOWED.sub(" ", text)
    return [run for run in ENGLISH_RUN.findall(text) if len(run.split()) >= 3]


def test_the_detector_finds_english_and_spares_identifiers() -> None:
    assert _english_runs("Sign in to see the exact request.", set()) == ["Sign in to see the exact request."]
    assert _english_runs("签名 md5(URL + timestamp + AuthKey) 与 AppID、AppKey", set()) == []
    assert _english_runs("企业：Demo Company Ltd", {"Demo Company Ltd"}) == []


def test_no_english_left_in_the_chinese_ui(chinese_window: AppHarness, qtbot: QtBot) -> None:
    app = chinese_window
    app.start_sandbox()
    app.aio.run(app.model.refresh())  # every token-pane line: countdowns, refresh window
    demo = app.model.sandbox.demo
    demo_data = {demo.company, demo.user_name, "Virtual Human Application", "Enterprise", "sandbox-demo-app"}
    found: dict[str, list[str]] = {}
    for spec in PANES:
        pane = app.window.show_pane(spec.PANE_ID)
        QApplication.processEvents()
        runs = [run for text in _texts(pane) if text for run in _english_runs(text, demo_data)]
        if runs:
            found[spec.PANE_ID] = sorted(set(runs))
    chrome = [t for t in [*_texts(app.window.menuBar()), app.window.session_label.text()] if t]
    runs = [run for text in chrome for run in _english_runs(text, demo_data)]
    if runs:
        found["window"] = runs
    assert not found, "\n".join(f"{pane}: {runs}" for pane, runs in found.items())
