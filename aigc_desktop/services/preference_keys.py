"""Where the values read before the main window's first frame are stored.

Kept apart from ``app_settings`` and ``profiles`` (which load whole models) so the frame can read the
language, the theme and whether any profile exists without importing them.
"""

from __future__ import annotations

KEY_LANGUAGE = "ui/language"  # "system", "en" or "zh_CN"
KEY_THEME = "ui/theme"  # "system", "light" or "dark"
KEY_PROFILES = "profiles/list"  # JSON list of the saved profiles (``profiles.ProfileStore``)


def has_saved_profiles(value: object) -> bool:
    """Whether the stored ``KEY_PROFILES`` value lists at least one profile (a cheap look, no parsing)."""
    return isinstance(value, str) and value.strip() not in ("", "[]")
