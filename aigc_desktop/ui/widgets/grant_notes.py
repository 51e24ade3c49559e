"""What a sign-in answer means for the user, worded for the token pane.

A grant without ``refreshToken`` cannot be refreshed: say so up front (the session ends with the access
token) instead of failing at the first refresh. A grant with ``permissions: []`` (real accounts answer so)
lists none: say that rather than show an empty table.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from aigc_desktop.platform.models import TokenGrant


def refresh_unavailable_note(grant: TokenGrant | None) -> str:
    """ "Refresh unavailable: sign-in will be needed at expiry" for a grant without a refresh token, else ""."""
    if grant is None or grant.refresh_available:
        return ""
    return QCoreApplication.translate("GrantNotes", "Refresh unavailable: sign-in will be needed at expiry")


def permissions_note(grant: TokenGrant | None) -> str:
    """A line for a sign-in answer whose ``permissions`` list is empty (or absent), else ""."""
    if grant is None or grant.permissions:
        return ""
    return QCoreApplication.translate(
        "GrantNotes", "The sign-in answer lists no permissions for this account."
    )
