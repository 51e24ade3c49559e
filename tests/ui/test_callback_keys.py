"""The per-profile AuthKey service: load, set, rotate, retire, and generated keys that meet the policy."""

from __future__ import annotations

import pytest

from aigc_desktop.platform.signing import check_auth_key_policy
from aigc_desktop.services.callback_keys import (
    AuthKeys,
    CallbackKeyError,
    CallbackKeyStore,
    generate_auth_key,
)
from aigc_desktop.services.secrets import SecretKind, SecretStore
from tests.services.memory_keyring import MemoryKeyring

OLD = "OldKey2024abcdefXYZ"
NEW = "NewKey2025ghijklUVW"


@pytest.fixture
def backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def keys(backend: MemoryKeyring) -> CallbackKeyStore:
    return CallbackKeyStore(SecretStore(backend, timeout_s=2.0))


def stored(backend: MemoryKeyring) -> dict[str, str]:
    return {username: value for (_service, username), value in backend.entries.items()}


async def test_rotation_moves_current_to_previous_then_retires_it(
    keys: CallbackKeyStore, backend: MemoryKeyring
) -> None:
    assert await keys.load("p1") == AuthKeys()
    await keys.set_current("p1", OLD)
    rotated = await keys.rotate("p1", NEW)
    assert (rotated.current, rotated.previous) == (NEW, OLD) and rotated.rotating
    assert stored(backend) == {f"p1/{SecretKind.AUTH_KEY}": NEW, f"p1/{SecretKind.AUTH_KEY_PREVIOUS}": OLD}
    retired = await keys.retire_previous("p1")
    assert (retired.current, retired.previous) == (NEW, None)
    assert stored(backend) == {f"p1/{SecretKind.AUTH_KEY}": NEW}
    assert await keys.load("p2") == AuthKeys()  # per profile


async def test_refusals_say_why(keys: CallbackKeyStore) -> None:
    await keys.set_current("p1", OLD)
    with pytest.raises(CallbackKeyError, match="must differ"):
        await keys.rotate("p1", OLD)
    with pytest.raises(CallbackKeyError, match="enter or generate"):
        await keys.rotate("p1", "  ")
    await keys.rotate("p1", NEW)
    with pytest.raises(CallbackKeyError, match="retire the previous"):
        await keys.set_current("p1", "")


def test_keys_never_show_in_repr_and_generated_keys_meet_the_policy() -> None:
    assert OLD not in repr(AuthKeys(OLD, NEW)) and NEW not in repr(AuthKeys(OLD, NEW))
    generated = {generate_auth_key() for _ in range(50)}
    assert len(generated) == 50
    assert all(check_auth_key_policy(key).ok and len(key) == 24 for key in generated)
    with pytest.raises(CallbackKeyError):
        generate_auth_key(8)
