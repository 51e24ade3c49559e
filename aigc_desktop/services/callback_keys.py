"""The per-profile callback AuthKeys (current and previous) in the ``SecretStore``, and their rotation.

The doc's rotation keeps two keys alive for a while: the receiver accepts both until the platform
has switched to the new one. Keys stay in the keyring (or memory); this module never logs or shows them.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field

from aigc_desktop.platform.signing import AUTH_KEY_MAX_LENGTH, AUTH_KEY_MIN_LENGTH
from aigc_desktop.services.secrets import SecretKind, SecretStore

GENERATED_KEY_LENGTH = 24
_ALPHABET = string.ascii_letters + string.digits


class CallbackKeyError(ValueError):
    """A key change that cannot be made; the text says why."""


@dataclass(frozen=True, slots=True)
class AuthKeys:
    """The keys a receiver should accept; never printed (repr says only which are set)."""

    current: str | None = field(default=None, repr=False)
    previous: str | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"AuthKeys(current={'set' if self.current else None}, previous={'set' if self.previous else None})"

    @property
    def rotating(self) -> bool:
        """True while the previous key is still accepted (between "rotate" and "retire")."""
        return bool(self.previous)

    def secrets(self) -> list[str]:
        """Both keys, for scrubbing exports."""
        return [key for key in (self.current, self.previous) if key]


def generate_auth_key(length: int = GENERATED_KEY_LENGTH) -> str:
    """A random key that meets the doc's policy: 16-32 characters with upper, lower case and a digit."""
    if not AUTH_KEY_MIN_LENGTH <= length <= AUTH_KEY_MAX_LENGTH:
        raise CallbackKeyError(f"an AuthKey has {AUTH_KEY_MIN_LENGTH}-{AUTH_KEY_MAX_LENGTH} characters")
    while True:
        key = "".join(secrets.choice(_ALPHABET) for _ in range(length))
        if any(c.isupper() for c in key) and any(c.islower() for c in key) and any(c.isdigit() for c in key):
            return key


class CallbackKeyStore:
    """Load, save, rotate and retire one profile's AuthKeys (two keyring entries per profile)."""

    def __init__(self, store: SecretStore) -> None:
        self._store = store

    async def load(self, profile_id: str) -> AuthKeys:
        current = await self._store.get(profile_id, SecretKind.AUTH_KEY)
        previous = await self._store.get(profile_id, SecretKind.AUTH_KEY_PREVIOUS)
        return AuthKeys(current or None, previous or None)

    async def set_current(self, profile_id: str, key: str) -> AuthKeys:
        """Replace the current key without rotating (first set-up, or fixing a typo); empty clears it."""
        keys = await self.load(profile_id)
        key = key.strip()
        if not key and keys.previous:
            raise CallbackKeyError("retire the previous AuthKey before clearing the current one")
        await self._store.set(profile_id, SecretKind.AUTH_KEY, key)
        return AuthKeys(key or None, keys.previous)

    async def rotate(self, profile_id: str, new_key: str) -> AuthKeys:
        """Make ``new_key`` current and keep the old current key as previous (the receiver accepts both)."""
        new_key = new_key.strip()
        if not new_key:
            raise CallbackKeyError("enter or generate the new AuthKey first")
        keys = await self.load(profile_id)
        if new_key in (keys.current, keys.previous):
            raise CallbackKeyError("the new AuthKey must differ from the current and the previous one")
        previous = keys.current or keys.previous
        # Write the previous key first: if the second write fails, the old key is still accepted.
        if previous:
            await self._store.set(profile_id, SecretKind.AUTH_KEY_PREVIOUS, previous)
        await self._store.set(profile_id, SecretKind.AUTH_KEY, new_key)
        return AuthKeys(new_key, previous)

    async def retire_previous(self, profile_id: str) -> AuthKeys:
        """Stop accepting the previous key: the last step of a rotation."""
        await self._store.delete(profile_id, SecretKind.AUTH_KEY_PREVIOUS)
        keys = await self.load(profile_id)
        return AuthKeys(keys.current, None)
