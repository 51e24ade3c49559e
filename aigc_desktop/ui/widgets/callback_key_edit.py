"""An editable AuthKey field: masked while typing, with explicit Reveal and Copy (the key stays in memory)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from aigc_desktop.ui.widgets.reveal_copy import CLIPBOARD_CLEAR_MS, copy_secret, reveal_copy_buttons


class KeyEdit(QWidget):
    """A password-style line edit plus Reveal and Copy; ``changed`` carries the new key."""

    changed = Signal(str)
    copied = Signal()
    CLIPBOARD_CLEAR_MS = CLIPBOARD_CLEAR_MS  # a field may shorten it (the tests do)

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(accessible_name)
        self.edit.textChanged.connect(self._text_changed)
        self.reveal_button, self.copy_button = reveal_copy_buttons(accessible_name)
        self.reveal_button.toggled.connect(self._reveal)
        self.copy_button.clicked.connect(self.copy)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.copy_button)
        self._text_changed(self.edit.text())

    def value(self) -> str:
        return self.edit.text()

    def set_value(self, value: str | None) -> None:
        """Set programmatically; a new key always starts hidden."""
        self.reveal_button.setChecked(False)
        self.edit.setText(value or "")

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def is_revealed(self) -> bool:
        return self.edit.echoMode() == QLineEdit.EchoMode.Normal

    def copy(self) -> None:
        """Copy the key; the clipboard is cleared again after a while if it still holds it."""
        value = self.edit.text()
        if not value:
            return
        copy_secret(value, self.CLIPBOARD_CLEAR_MS)
        self.copied.emit()

    def _reveal(self, on: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    def _text_changed(self, text: str) -> None:
        self.copy_button.setEnabled(bool(text))
        self.changed.emit(text)
