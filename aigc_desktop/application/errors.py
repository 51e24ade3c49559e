"""Errors of the application's use cases: an action that cannot start (nothing was sent)."""

from __future__ import annotations

from aigc_desktop.services.secrets import KeyringTimeout, SecretStoreError
from aigc_desktop.services.session import MissingAppKey, MissingUserId, NotSignedIn, SessionError

__all__ = [
    "KeyringTimeout",
    "MissingAppKey",
    "MissingUserId",
    "NoProfileSelected",
    "NotSignedIn",
    "SecretStoreError",
    "SessionError",
]


class NoProfileSelected(SessionError):
    """A session action while no profile is active."""

    advice_code = "advice.no_profile_selected"
