"""The Reveal / Copy button pair every masked secret field shows (explicit, never automatic)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolButton

CLIPBOARD_CLEAR_MS = 45_000  # a copied secret does not linger on the clipboard


def reveal_copy_buttons(accessible_name: str) -> tuple[QToolButton, QToolButton]:
    """A checkable Reveal button and a Copy button, named for screen readers; the caller connects them."""
    reveal = QToolButton()
    reveal.setText(QCoreApplication.translate("RevealCopy", "Reveal"))
    reveal.setCheckable(True)
    reveal.setAccessibleName(
        QCoreApplication.translate("RevealCopy", "Reveal %1").replace("%1", accessible_name)
    )
    copy = QToolButton()
    copy.setText(QCoreApplication.translate("RevealCopy", "Copy"))
    copy.setAccessibleName(QCoreApplication.translate("RevealCopy", "Copy %1").replace("%1", accessible_name))
    copy.setToolTip(
        QCoreApplication.translate("RevealCopy", "Copy to the clipboard (cleared again after 45 s)")
    )
    return reveal, copy


def copy_secret(value: str, clear_after_ms: int = CLIPBOARD_CLEAR_MS) -> None:
    """Put ``value`` on the clipboard, and clear it after ``clear_after_ms`` if it still holds it."""
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(value)

    def clear() -> None:
        if clipboard.text() == value:
            clipboard.clear()

    QTimer.singleShot(clear_after_ms, clear)
