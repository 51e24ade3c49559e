"""First-run page: shown while no profile exists, with the two ways to get started."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

# Centred by stretches and a style-sheet alignment rather than ``Qt.AlignmentFlag``: a newcomer's first
# frame shows this page, and the first use of the ``Qt`` namespace builds all its enums.
_CENTRED_TEXT = "qproperty-alignment: AlignCenter;"


def _centred(widget: QWidget) -> QBoxLayout:
    """A row holding ``widget`` at its own width, in the middle."""
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row


class FirstRunPage(QWidget):
    """ "Try the sandbox" (a living demo on this computer) or "Add your account"."""

    try_sandbox = Signal()
    add_account = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        title = QLabel(self.tr("Welcome to AIGC Desktop"))
        title.setStyleSheet(f"font-size: 20pt; font-weight: 600; {_CENTRED_TEXT}")
        text = QLabel(
            self.tr(
                "Sign in to the SenseTime AIGC platform, watch your tokens and quotas, and debug callbacks. "
                "Try everything on a local sandbox first, or add the AppID and AppKey you were given."
            )
        )
        text.setStyleSheet(_CENTRED_TEXT)
        text.setWordWrap(True)
        text.setFixedWidth(560)
        self.sandbox_button = QPushButton(self.tr("Try the sandbox"))
        self.sandbox_button.setAccessibleName(self.tr("Try the sandbox"))
        self.sandbox_button.setMinimumWidth(260)
        self.sandbox_button.setDefault(True)
        self.sandbox_button.clicked.connect(self.try_sandbox)
        self.add_button = QPushButton(self.tr("Add your account"))
        self.add_button.setAccessibleName(self.tr("Add your account"))
        self.add_button.setMinimumWidth(260)
        self.add_button.clicked.connect(self.add_account)
        layout.addStretch(1)
        layout.addLayout(_centred(title))
        layout.addLayout(_centred(text))
        layout.addSpacing(8)
        layout.addLayout(_centred(self.sandbox_button))
        layout.addLayout(_centred(self.add_button))
        layout.addStretch(1)
