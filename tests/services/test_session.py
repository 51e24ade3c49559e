"""Session against the real sandbox over loopback HTTP (plain asyncio loop, no Qt)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from aigc_desktop.platform.exceptions import InvalidConfiguration, PlatformError, RefreshTooSoon
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.preference_keys import KEY_PROFILES
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore, new_profile_id
from aigc_desktop.services.secrets import SERVICE_NAME, SecretKind, SecretStore
from aigc_desktop.services.session import MissingAppKey, Session
from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    server = SandboxServer()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def session(sandbox: SandboxServer) -> AsyncIterator[Session]:
    profiles = ProfileStore(DictBackend())
    profile = profiles.save(
        Profile(id=new_profile_id(), name="Sandbox", base_url=sandbox.base_url, app_id=sandbox.demo.app_id)
    )
    secrets = SecretStore()
    await secrets.probe()
    await secrets.set(profile.id, SecretKind.APP_KEY, sandbox.demo.app_key)
    session = Session(profile, profiles, secrets)
    yield session
    await session.aclose()


async def test_sign_in_saves_tokens_and_learns_user_id(
    session: Session, memory_keyring: MemoryKeyring
) -> None:
    state = await session.sign_in()
    pid = session.profile.id
    assert memory_keyring.entries[(SERVICE_NAME, f"{pid}/access_token")] == state.access_token
    assert memory_keyring.entries[(SERVICE_NAME, f"{pid}/refresh_token")] == state.refresh_token
    assert session.profile.user_id == 4
    assert timedelta(hours=7, minutes=59) < state.remaining() <= timedelta(hours=8)
    account = await session.load_account()
    assert account.resource_config is not None
    assert [u.used for u in account.resource_config.all_usages] == [2, 2, 11, 3, 4, 7]


async def test_refresh_is_guarded_and_a_refused_refresh_keeps_the_tokens(session: Session) -> None:
    await session.sign_in()
    first = await session.refresh()
    assert session.profile.last_refresh_at is not None
    assert timedelta(hours=2, minutes=59) < session.refresh_wait() <= timedelta(hours=3)
    with pytest.raises(RefreshTooSoon):
        await session.refresh()
    assert session.tokens == first
    with pytest.raises(PlatformError) as info:  # the sandbox enforces the rule too
        await session.refresh(force=True)
    assert info.value.code == 60112161
    assert session.tokens == first


async def test_sign_out_deletes_tokens(session: Session, memory_keyring: MemoryKeyring) -> None:
    await session.sign_in()
    await session.sign_out()
    assert session.tokens is None
    assert [user for _, user in memory_keyring.entries] == [f"{session.profile.id}/app_key"]


async def test_restart_restores_a_valid_session(session: Session) -> None:
    state = await session.sign_in()
    fresh = Session(session.profile, session._profiles, session._secrets)
    assert await fresh.restore()
    assert fresh.tokens is not None and fresh.tokens.access_token == state.access_token
    assert abs(fresh.tokens.expires_at - state.expires_at) < timedelta(seconds=1)


async def test_failed_sign_in_keeps_profile_and_reports_code(
    session: Session, sandbox: SandboxServer
) -> None:
    await session._secrets.set(session.profile.id, SecretKind.APP_KEY, "wrong-key-123456")
    with pytest.raises(PlatformError) as info:
        await session.sign_in()
    assert info.value.code != 0 and info.value.meaning
    assert session._profiles.get(session.profile.id) is not None
    assert session.tokens is None


async def test_missing_app_key_is_explained(session: Session) -> None:
    await session._secrets.delete(session.profile.id, SecretKind.APP_KEY)
    with pytest.raises(MissingAppKey, match="No AppKey is stored"):
        await session.sign_in()


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:99999", "http://[::1", "http://u:SecretPw9@127.0.0.1:8"]
)
async def test_a_stored_profile_with_a_malformed_base_url_fails_with_a_typed_error(
    base_url: str, memory_keyring: MemoryKeyring
) -> None:
    """Issue 15 item 6: a profile saved by an older version (never re-validated) ends in an AigcError,
    so the app shows a banner naming the base URL instead of "Something went wrong" and a crash report."""
    backend = DictBackend()
    backend.set(
        KEY_PROFILES, json.dumps([{"id": "old", "name": "Old", "base_url": base_url, "app_id": "demo"}])
    )
    profiles = ProfileStore(backend)
    profile = profiles.get("old")
    assert profile is not None and profile.base_url == base_url
    secrets = SecretStore(memory_keyring)
    await secrets.set("old", SecretKind.APP_KEY, "AppKey0123456789")
    session = Session(profile, profiles, secrets)
    with pytest.raises(InvalidConfiguration) as caught:
        await session.sign_in()
    assert caught.value.field == "base_url" and "SecretPw9" not in str(caught.value)
    await session.aclose()
