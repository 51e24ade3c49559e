"""The rules of saving a profile that are not about one field's syntax (those live in ``services.profiles``)."""

from __future__ import annotations

from aigc_desktop.services.profiles import Profile, ProfileValidationError


def check_app_key_input(app_key: str, *, is_new: bool, is_sandbox: bool) -> None:
    """An AppKey typed into the form: never padded; required for a new profile (the sandbox brings its own)."""
    if app_key != app_key.strip():
        raise ProfileValidationError("app_key", "The AppKey has leading or trailing spaces; copy it again.")
    if is_new and not app_key and not is_sandbox:
        raise ProfileValidationError("app_key", "Enter the AppKey the operations team gave you.")


def forgets_tokens(before: Profile | None, after: Profile) -> bool:
    """A changed base URL or AppID points the profile somewhere else: its tokens mean nothing there."""
    return before is not None and (before.base_url, before.app_id) != (after.base_url, after.app_id)
