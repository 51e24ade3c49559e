"""A read-only secret: masked by default, with explicit Reveal and Copy buttons."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from aigc_desktop.platform.redaction import mask_secret
from aigc_desktop.ui.widgets.reveal_copy import CLIPBOARD_CLEAR_MS, copy_secret, reveal_copy_buttons


def masked(value: str, *, show_ends: bool) -> str:
    """Tokens keep their first/last four characters so two can be told apart; keys vanish entirely."""
    if not value:
        return ""
    if show_ends and len(value) >= 16:
        return mask_secret(value).replace("…", "•" * 8)
    return "•" * 12


class SecretField(QWidget):
    """Shows a secret masked; the value itself stays in memory only."""

    copied = Signal()
    CLIPBOARD_CLEAR_MS = CLIPBOARD_CLEAR_MS  # a field may shorten it (the tests do)

    def __init__(
        self, accessible_name: str, *, show_ends: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._value = ""
        self._show_ends = show_ends
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit()
        self.edit.setReadOnly(True)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setPlaceholderText(self.tr("(none)"))
        self.reveal_button, self.copy_button = reveal_copy_buttons(accessible_name)
        self.reveal_button.toggled.connect(self._render)
        self.copy_button.clicked.connect(self.copy)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.reveal_button)
        layout.addWidget(self.copy_button)
        self._render()

    def value(self) -> str:
        return self._value

    def set_value(self, value: str | None) -> None:
        new = value or ""
        if new == self._value:
            return
        self._value = new
        self.reveal_button.setChecked(False)  # a new secret always starts hidden
        self._render()

    def is_revealed(self) -> bool:
        return self.reveal_button.isChecked()

    def displayed_text(self) -> str:
        return self.edit.text()

    def copy(self) -> None:
        """Copy the secret; the clipboard is cleared again after a while if it still holds it."""
        if not self._value:
            return
        copy_secret(self._value, self.CLIPBOARD_CLEAR_MS)
        self.copied.emit()

    def _render(self) -> None:
        has_value = bool(self._value)
        self.reveal_button.setEnabled(has_value)
        self.copy_button.setEnabled(has_value)
        shown = self._value if self.is_revealed() else masked(self._value, show_ends=self._show_ends)
        self.edit.setText(shown)
        self.edit.setCursorPosition(0)
