"""Save dialogs for exports: they open in the user's documents folder, not the process's working directory.

A desktop launcher starts the app in ``/`` or the bundle's folder; a relative file name in a
``QFileDialog`` opened there. ``export_dialog`` joins the suggested name to the documents folder
(``QStandardPaths.DocumentsLocation``, else the home folder), sets save mode and the default suffix,
and leaves showing it (``open()``, non-blocking) to the caller.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def documents_folder() -> Path:
    """The user's documents folder when it exists, else the home folder."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def export_dialog(
    parent: QWidget | None, title: str, file_name: str, filters: str, suffix: str
) -> QFileDialog:
    """A save dialog for ``file_name`` in the documents folder, ``suffix`` added when the user types none."""
    dialog = QFileDialog(parent, title, str(documents_folder() / file_name), filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(suffix)
    return dialog
