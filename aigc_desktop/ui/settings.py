"""QSettings behind the services' ``KeyValueBackend`` protocol, plus the window-state keys.

Only non-secret values pass through here; the Profiles pane hands secrets to the SecretStore.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "SenseTime AIGC"
APPLICATION = "AIGC Desktop"

KEY_GEOMETRY = "window/geometry"
KEY_LAST_PANE = "window/last_pane"


def default_settings() -> QSettings:
    """The user's settings file (INI everywhere, so it can be inspected and never lands in the registry).

    Made private (0600 in a 0700 folder) by the first ``QSettingsBackend`` over it, right after the
    window's first paint: nothing writes the file before that.
    """
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


def make_settings_private(settings: QSettings) -> None:
    """Make the settings file 0600 (created empty if absent) and its folder 0700; never raises.

    Created private before QSettings first writes it (QSettings keeps the mode of the file it
    replaces), and tightened if an older version left it open.
    """
    from aigc_desktop.services.private_files import make_private, make_private_dir, open_private

    path = Path(settings.fileName())
    try:
        make_private_dir(path.parent)
        if path.exists():
            make_private(path)
        else:
            open_private(path, "a").close()
    except OSError:
        pass  # a read-only home: QSettings reports its own errors when it writes


class QSettingsBackend:
    """``KeyValueBackend`` over a QSettings object; values are strings."""

    def __init__(self, settings: QSettings) -> None:
        from aigc_desktop.services.private_files import make_private  # not on the first paint's path

        self._settings = settings
        self._path = settings.fileName()
        self._make_private = make_private
        make_settings_private(settings)

    def get(self, key: str) -> str | None:
        value = self._settings.value(key)
        return value if isinstance(value, str) else None

    def set(self, key: str, value: str) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()
        self._make_private(self._path)  # in case the file was first written here

    def remove(self, key: str) -> None:
        self._settings.remove(key)
        self._settings.sync()
        self._make_private(self._path)
