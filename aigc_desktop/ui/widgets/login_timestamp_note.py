"""The sign preview's warning on a login timestamp that is not 13-digit milliseconds.

The decision is Qt-free (``platform.signing.login_timestamp_unit``); this only words it in the
interface language, as ``aigc-desktop sign token`` does on stderr.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from aigc_desktop.platform.signing import login_timestamp_unit


def login_timestamp_warning(timestamp: str | int) -> str:
    """A warning for the sign preview, or "" for a 13-digit (milliseconds) timestamp."""
    text = str(timestamp).strip()
    unit = login_timestamp_unit(text)
    if unit == "milliseconds" or not text:
        return ""
    if unit == "seconds":
        return QCoreApplication.translate(
            "LoginTimestamp",
            "10 digits: this timestamp is in seconds. The platform accepts it (its FAQ signs one), "
            "but the access doc asks for 13-digit milliseconds.",
        )
    return QCoreApplication.translate(
        "LoginTimestamp", "A login timestamp has 13 digits (UNIX milliseconds); this one is %1."
    ).replace("%1", repr(text) if not text.isdigit() else f"{len(text)} digits")
