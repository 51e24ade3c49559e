"""The dialog shown for an unexpected error: the redacted report, and what to do with it.

Non-modal (``show()``, never ``exec()``): the event loop keeps running, running calls finish, and
the user can keep working. One dialog at a time; later errors replace the report it shows and
are counted. "Copy report" puts the redacted text on the clipboard, "Open log folder" opens the
folder holding ``crash-*.txt`` and the log file, "Dismiss" closes it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

UrlOpener = Callable[[QUrl], bool]


class CrashDialog(QDialog):
    """Shows one redacted crash report; ``show_report`` updates it for later errors."""

    def __init__(
        self,
        log_dir: Path | None,
        parent: QWidget | None = None,
        *,
        open_url: UrlOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self._log_dir = log_dir
        self._open_url = open_url
        self.errors_shown = 0
        self.setWindowTitle(self.tr("AIGC Desktop — unexpected error"))
        self.setModal(False)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app alive on quit
        self.resize(640, 420)

        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.title)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.saved_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.saved_label)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setAccessibleName(self.tr("Crash report"))
        self.report_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.report_view, 1)

        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("Copy report"))
        self.open_folder_button = QPushButton(self.tr("Open log folder"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.dismiss_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.copy_button.clicked.connect(self.copy_report)
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.dismiss_button.clicked.connect(self.close)
        self.open_folder_button.setEnabled(log_dir is not None)
        layout.addWidget(buttons)

    @property
    def report(self) -> str:
        return self.report_view.toPlainText()

    def show_report(self, summary: str, report: str, saved_to: Path | None) -> None:
        """Show (or update) the dialog with an already redacted report; never blocks."""
        self.errors_shown += 1
        title = self.tr("Something went wrong: %1").replace("%1", summary)
        if self.errors_shown > 1:
            title += "  " + self.tr("(%1 errors so far; showing the latest)").replace(
                "%1", str(self.errors_shown)
            )
        self.title.setText(title)
        if saved_to is not None:
            self.saved_label.setText(
                self.tr("The report (no keys or tokens in it) was saved to %1").replace("%1", str(saved_to))
            )
        elif self._log_dir is None:
            self.saved_label.setText(self.tr("Not saved (no log folder in this mode); copy it instead."))
        else:
            self.saved_label.setText(self.tr("The report could not be saved; copy it instead."))
        self.report_view.setPlainText(report)
        self.show()
        self.raise_()

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report)

    def open_log_folder(self) -> None:
        if self._log_dir is not None:
            self._log_dir.mkdir(parents=True, exist_ok=True)
            self._open_url(QUrl.fromLocalFile(str(self._log_dir)))
