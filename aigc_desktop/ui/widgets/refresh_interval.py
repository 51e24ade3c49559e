"""The quota auto-refresh interval choice, shared by the quota pane and the Settings dialog."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from aigc_desktop.services.app_settings import QUOTA_REFRESH_CHOICES_S


def interval_text(seconds: int) -> str:
    """ "Off", "Every 30 s", "Every 5 min"."""
    if seconds == 0:
        return QCoreApplication.translate("RefreshInterval", "Off")
    if seconds < 60:
        return QCoreApplication.translate("RefreshInterval", "Every %1 s").replace("%1", str(seconds))
    return QCoreApplication.translate("RefreshInterval", "Every %1 min").replace("%1", str(seconds // 60))


def fill_interval_combo(combo: QComboBox) -> None:
    """One item per choice, with the interval in seconds as the item's data."""
    for seconds in QUOTA_REFRESH_CHOICES_S:
        combo.addItem(interval_text(seconds), seconds)
