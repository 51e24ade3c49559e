"""First-run page: shown while no profile exists, with the two ways to get started."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class FirstRunPage(QWidget):
    """ "Try the sandbox" (a living demo on this computer) or "Add your account"."""

    try_sandbox = Signal()
    add_account = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.setSpacing(14)
        title = QLabel(self.tr("Welcome to AIGC Desktop"))
        title.setStyleSheet("font-size: 20pt; font-weight: 600;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr(
                "Sign in to the SenseTime AIGC platform, watch your tokens and quotas, and debug callbacks. "
                "Try everything on a local sandbox first, or add the AppID and AppKey you were given."
            )
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        layout.addWidget(title)
        layout.addWidget(text, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.sandbox_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
