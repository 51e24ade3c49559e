"""The "Sandbox" profile that points at the embedded sandbox; its base URL changes every run.

Takes plain values (no sandbox import), so the services layer stays independent of the sandbox.
"""

from __future__ import annotations

from dataclasses import replace

from aigc_desktop.services.profiles import SANDBOX_PROFILE_NAME, Profile, ProfileStore, new_profile_id
from aigc_desktop.services.secrets import SecretKind, SecretStore


def _free_name(profiles: ProfileStore, wanted: str) -> str:
    taken = {p.name.casefold() for p in profiles.list()}
    if wanted.casefold() not in taken:
        return wanted
    index = 2
    while f"{wanted} {index}".casefold() in taken:
        index += 1
    return f"{wanted} {index}"


async def ensure_sandbox_profile(
    profiles: ProfileStore,
    secrets: SecretStore,
    *,
    base_url: str,
    app_id: str,
    app_key: str,
    user_id: int,
    profile_id: str | None = None,
) -> Profile:
    """Create or update a sandbox profile (``profile_id``, else the first one) and store the demo AppKey."""
    existing = profiles.get(profile_id) if profile_id else profiles.find_sandbox()
    if existing is None:
        profile = Profile(
            id=new_profile_id(),
            name=_free_name(profiles, SANDBOX_PROFILE_NAME),
            base_url=base_url,
            app_id=app_id,
            user_id=user_id,
            is_sandbox=True,
        )
    else:
        profile = replace(existing, base_url=base_url, app_id=app_id, user_id=user_id)
    new_run = existing is None or existing.base_url != base_url
    if new_run:
        # A new sandbox run starts with fresh state: earlier tokens and refresh times mean nothing to it.
        profile = replace(profile, last_refresh_at=None)
    saved = profiles.save(profile)
    if new_run:
        profiles.set_token_meta(saved.id, None)
    await secrets.set(saved.id, SecretKind.APP_KEY, app_key)
    return saved
