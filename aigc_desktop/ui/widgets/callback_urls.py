"""The account's configured callback URLs (``user.callbackUrl`` / ``user.liveCallbackUrl``).

A callback signature is md5(URL + timestamp + AuthKey) over the exact URL configured on the platform,
so these are offered as the receiver's signed-as URL and the calculator's URL: each row has Copy and
"Use for signatures", which emits ``use_as_signed_url(url)``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QToolButton, QWidget

from aigc_desktop.platform.models import User


class CallbackUrlsView(QWidget):
    """One row per configured URL (label, read-only text, Copy, Use); a note when none is configured."""

    use_as_signed_url = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName(self.tr("Configured callback URLs"))
        self._grid.addWidget(self.empty_label, 0, 0, 1, 4)
        self.url_edits: list[QLineEdit] = []
        self.copy_buttons: list[QToolButton] = []
        self.use_buttons: list[QToolButton] = []
        self._rows: list[QWidget] = []
        self.set_user(None)

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(edit.text() for edit in self.url_edits)

    def set_user(self, user: User | None) -> None:
        """Show the callback URLs ``user`` is configured with (None: not signed in)."""
        labels = [self.tr("Callback URL"), self.tr("Live callback URL")]
        values = [user.callback_url, user.live_callback_url] if user is not None else []
        self.set_urls(
            [(label, url) for label, url in zip(labels, values, strict=False) if url and url.strip()]
        )
        if user is None:
            self.empty_label.setText(self.tr("Sign in to see the callback URLs configured for this account."))

    def set_urls(self, rows: list[tuple[str, str]]) -> None:
        """(label, URL) rows; an empty list says that the account has none configured."""
        for widget in self._rows:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self._rows, self.url_edits, self.copy_buttons, self.use_buttons = [], [], [], []
        self.empty_label.setVisible(not rows)
        self.empty_label.setText(self.tr("No callback URL is configured for this account."))
        for index, (label, url) in enumerate(rows, start=1):
            name = QLabel(label)
            edit = QLineEdit(url)
            edit.setReadOnly(True)
            edit.setAccessibleName(label)
            edit.setCursorPosition(0)
            copy = QToolButton()
            copy.setText(self.tr("Copy"))
            copy.setAccessibleName(self.tr("Copy %1").replace("%1", label))
            copy.clicked.connect(lambda _=False, text=url: QGuiApplication.clipboard().setText(text))
            use = QToolButton()
            use.setText(self.tr("Use for signatures"))
            use.setAccessibleName(self.tr("Use %1 as the signed-as URL").replace("%1", label))
            use.setToolTip(
                self.tr("A callback signature covers this exact URL: use it in the receiver and calculator")
            )
            use.clicked.connect(lambda _=False, text=url: self.use_as_signed_url.emit(text))
            for column, widget in enumerate((name, edit, copy, use)):
                self._grid.addWidget(widget, index, column)
                self._rows.append(widget)
            self.url_edits.append(edit)
            self.copy_buttons.append(copy)
            self.use_buttons.append(use)
