"""QSettings behind the services' ``KeyValueBackend`` protocol, plus the window-state keys.

Only non-secret values pass through here; the Profiles pane hands secrets to the SecretStore.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "SenseTime AIGC"
APPLICATION = "AIGC Desktop"

KEY_GEOMETRY = "window/geometry"
KEY_LAST_PANE = "window/last_pane"


def default_settings() -> QSettings:
    """The user's settings file (INI everywhere, so it can be inspected and never lands in the registry)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class QSettingsBackend:
    """``KeyValueBackend`` over a QSettings object; values are strings."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def get(self, key: str) -> str | None:
        value = self._settings.value(key)
        return value if isinstance(value, str) else None

    def set(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()

    def remove(self, key: str) -> None:
        self._settings.remove(key)
        self._settings.sync()
