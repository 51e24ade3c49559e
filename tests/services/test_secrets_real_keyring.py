"""SecretStore against a real Secret Service (CI runs the suite inside dbus-run-session + gnome-keyring)."""

from __future__ import annotations

import os
import uuid

import pytest

from aigc_desktop.services.secrets import CHUNK_SIZE, SecretKind, SecretStore

pytestmark = [
    pytest.mark.keyring_real,
    pytest.mark.skipif(not os.environ.get("AIGC_TEST_REAL_KEYRING"), reason="needs a real Secret Service"),
]


async def test_round_trip_chunks_and_profile_deletion_on_secret_service() -> None:
    from keyring.backends import SecretService

    store = SecretStore(SecretService.Keyring())
    status = await store.probe()
    assert status.persistent, status.reason
    profile_id = f"test-{uuid.uuid4().hex[:8]}"
    long_token = "t" * (CHUNK_SIZE * 2 + 5)
    try:
        await store.set(profile_id, SecretKind.APP_KEY, "real-keyring-app-key")
        await store.set(profile_id, SecretKind.ACCESS_TOKEN, long_token)
        again = SecretStore(SecretService.Keyring())
        assert await again.get(profile_id, SecretKind.APP_KEY) == "real-keyring-app-key"
        assert await again.get(profile_id, SecretKind.ACCESS_TOKEN) == long_token
    finally:
        await store.delete_profile(profile_id)
    assert await store.get(profile_id, SecretKind.APP_KEY) is None
    assert await store.get(profile_id, SecretKind.ACCESS_TOKEN) is None
