"""Non-blocking confirmation dialogs (``open()``, not ``exec()``), so the event loop keeps running."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(
    parent: QWidget, title: str, text: str, on_yes: Callable[[], None], *, yes_text: str = ""
) -> QMessageBox:
    """Ask, and call ``on_yes`` only when the user accepts; returns the (window-modal) box."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(
        yes_text or QCoreApplication.translate("confirm", "Yes"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("confirm")
    box.setTextFormat(Qt.TextFormat.PlainText)  # names in the question are shown as typed, never as markup
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

    def finished() -> None:
        if box.clickedButton() is yes:
            on_yes()

    box.finished.connect(finished)
    box.open()
    return box
