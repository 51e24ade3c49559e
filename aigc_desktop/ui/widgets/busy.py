"""Status-bar indicator of running calls: what is running, a spinner bar and a Cancel button."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from aigc_desktop.ui.context import AppContext


class BusyIndicator(QWidget):
    """Visible only while ``ctx`` runs something; Cancel cancels every running call."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setAccessibleName(self.tr("Running operation"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Busy"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running operation"))
        self.cancel_button.clicked.connect(ctx.cancel_all)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        ctx.jobs_changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        labels = self._ctx.job_labels()
        self.setVisible(bool(labels))
        if labels:
            more = self.tr(" (+%1 more)").replace("%1", str(len(labels) - 1)) if len(labels) > 1 else ""
            self.label.setText(labels[-1] + more)
