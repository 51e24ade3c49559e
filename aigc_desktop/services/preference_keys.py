"""Where the two preferences read before the main window's first frame are stored.

Kept apart from ``app_settings`` (which loads the whole preferences model) so the frame can read the
language and the theme without importing it.
"""

from __future__ import annotations

KEY_LANGUAGE = "ui/language"  # "system", "en" or "zh_CN"
KEY_THEME = "ui/theme"  # "system", "light" or "dark"
