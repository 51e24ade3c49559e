"""About: the versions people quote in a bug report, the platform endpoint and where the sandbox is documented."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from aigc_desktop import __version__
from aigc_desktop.platform.resources import resources_dir


def sandbox_docs_url() -> QUrl | None:
    """docs/sandbox.md next to the resources (a checkout, or a bundle that ships docs); None otherwise."""
    try:
        base = resources_dir().parent
    except FileNotFoundError:
        return None
    for candidate in (base / "docs" / "sandbox.md", base / "_resources" / "docs" / "sandbox.md"):
        if candidate.is_file():
            return QUrl.fromLocalFile(str(candidate))
    return None


def versions() -> dict[str, str]:
    return {
        "app": __version__,
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "python": platform.python_version(),
    }


class AboutDialog(QDialog):
    """Versions, the platform endpoint and the sandbox docs, all selectable for copying."""

    def __init__(self, parent: QWidget | None = None, endpoint: str = "") -> None:
        """``endpoint``: the active profile's platform base URL (the sandbox's while it is active); empty when
        no profile is active. Never a fixed address: it said aigc.softsugar.com while the sandbox answered."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("About AIGC Desktop"))
        self.setAccessibleName(self.tr("About AIGC Desktop"))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)  # scales with font and DPI
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("AIGC Desktop"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        icon = QGuiApplication.windowIcon()
        if not icon.isNull():
            logo = QLabel()
            logo.setPixmap(icon.pixmap(64, 64))
            logo.setAccessibleName(self.tr("Application icon"))
            layout.addWidget(logo)
        layout.addWidget(title)
        blurb = QLabel(self.tr("Administration and debugging for the SenseTime AIGC platform."))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)
        form = QFormLayout()
        found = versions()
        self.version_labels: dict[str, QLabel] = {}
        rows = (
            ("app", self.tr("AIGC Desktop")),
            ("qt", self.tr("Qt")),
            ("pyside6", self.tr("PySide6")),
            ("python", self.tr("Python")),
        )
        for key, name in rows:
            label = self._selectable(found[key], self.tr("%1 version").replace("%1", name))
            self.version_labels[key] = label
            form.addRow(self.tr("%1:").replace("%1", name), label)
        self.endpoint_label = self._selectable(
            endpoint or self.tr("none: no profile is active"), self.tr("Platform endpoint")
        )
        form.addRow(self.tr("Platform endpoint:"), self.endpoint_label)
        url = sandbox_docs_url()
        docs_text = self.tr("The sandbox (docs/sandbox.md)")
        self.docs_label = QLabel(f'<a href="{url.toString()}">{docs_text}</a>' if url else docs_text)
        self.docs_label.setOpenExternalLinks(True)
        self.docs_label.setToolTip(
            url.toLocalFile() if url else self.tr("docs/sandbox.md in the source tree")
        )
        self.docs_label.setAccessibleName(self.tr("Sandbox documentation link"))
        form.addRow(self.tr("Sandbox:"), self.docs_label)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        layout.addWidget(buttons)

    def _selectable(self, text: str, name: str) -> QLabel:
        from PySide6.QtCore import Qt

        label = QLabel(text)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(name)
        return label
