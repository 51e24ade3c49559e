"""Settings labels in one column, About naming the endpoint it is given, exports opening in Documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QFormLayout
from pytestqt.qtbot import QtBot

from aigc_desktop.platform.endpoints import PRODUCTION_BASE_URL
from aigc_desktop.services.app_settings import AppSettings
from aigc_desktop.ui.dialogs.about_dialog import AboutDialog
from aigc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from aigc_desktop.ui.widgets.file_dialogs import documents_folder, export_dialog


def test_the_settings_fields_of_every_group_start_in_one_column(qtbot: QtBot) -> None:
    dialog = SettingsDialog(AppSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    forms = dialog.findChildren(QFormLayout)
    assert len(forms) >= 3  # network, quotas, appearance
    starts = set()
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if item is None or form.itemAt(row, QFormLayout.ItemRole.LabelRole) is None:
                continue  # a note spanning the row
            geometry = item.geometry()  # a field may be a layout (CA bundle + Browse)
            parent = form.parentWidget()
            assert parent is not None
            starts.add(parent.mapTo(dialog, QPoint(geometry.left(), 0)).x())
    assert len(starts) == 1, f"fields start at {sorted(starts)}"


@pytest.mark.parametrize("endpoint", ["http://127.0.0.1:45678", "https://aigc.example.com"])
def test_about_names_the_endpoint_it_is_given(qtbot: QtBot, endpoint: str) -> None:
    dialog = AboutDialog(None, endpoint=endpoint)
    qtbot.addWidget(dialog)
    assert dialog.endpoint_label.text() == endpoint


def test_about_without_an_active_profile_names_no_fixed_address(qtbot: QtBot) -> None:
    dialog = AboutDialog(None)
    qtbot.addWidget(dialog)
    assert PRODUCTION_BASE_URL not in dialog.endpoint_label.text()
    assert dialog.endpoint_label.text()  # says that no profile is active


def test_export_dialogs_open_in_the_documents_folder(qtbot: QtBot, tmp_path: Path) -> None:
    QStandardPaths.setTestModeEnabled(True)  # Documents under a test location, never the user's
    try:
        documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
        documents.mkdir(parents=True, exist_ok=True)
        dialog = export_dialog(
            None, "Export deliveries", "callback-deliveries.json", "JSON files (*.json)", "json"
        )
        qtbot.addWidget(dialog)
        assert documents_folder() == documents
        assert Path(dialog.directory().absolutePath()) == documents
        assert dialog.selectedFiles() == [str(documents / "callback-deliveries.json")]
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        assert dialog.defaultSuffix() == "json"
    finally:
        QStandardPaths.setTestModeEnabled(False)


def test_without_a_documents_folder_exports_open_in_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: str(tmp_path / "gone"))
    assert documents_folder() == Path.home()
