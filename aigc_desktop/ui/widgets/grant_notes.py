"""What a sign-in answer means for the user, worded for the token pane.

A grant without ``refreshToken`` cannot be refreshed: say so up front (the session ends with the access
token) instead of failing at the first refresh. A grant with ``permissions: []`` (real accounts answer so)
lists none: say that rather than show an empty table. Both read the model's ``TokenState``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def refresh_unavailable_text() -> str:
    """For tokens without a refresh token: a refresh cannot work, a new sign-in is needed at expiry."""
    return QCoreApplication.translate("GrantNotes", "Refresh unavailable: sign-in will be needed at expiry")


def permissions_listed_note(listed_none: bool) -> str:
    """A line for a sign-in answer whose ``permissions`` list is empty (or absent), else ""."""
    if not listed_none:
        return ""
    return QCoreApplication.translate(
        "GrantNotes", "The sign-in answer lists no permissions for this account."
    )
