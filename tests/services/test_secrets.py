"""SecretStore: keyring round trips, chunking, deletion, session-only mode and timeouts."""

from __future__ import annotations

import time

import pytest
from keyring.backends import fail, null

from aigc_desktop.services.secrets import (
    CHUNK_SIZE,
    SERVICE_NAME,
    KeyringTimeout,
    SecretKind,
    SecretStore,
    StoreStatus,
)
from tests.services.memory_keyring import DroppingKeyring, MemoryKeyring


async def test_round_trip_uses_service_and_profile_kind_username(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert (await store.probe()).persistent
    await store.set("p1", SecretKind.APP_KEY, "key-abcdef-123456")
    assert memory_keyring.entries == {(SERVICE_NAME, "p1/app_key"): "key-abcdef-123456"}
    assert await store.get("p1", SecretKind.APP_KEY) == "key-abcdef-123456"
    assert await store.get("p1", SecretKind.ACCESS_TOKEN) is None


async def test_long_secret_is_split_into_chunks_and_joined(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    value = "".join(chr(ord("a") + i % 26) for i in range(3 * CHUNK_SIZE + 17))
    await store.set("p1", SecretKind.ACCESS_TOKEN, value)
    stored = memory_keyring.entries
    assert all(len(v) <= CHUNK_SIZE for v in stored.values())
    assert len(stored) == 5  # four chunks and the head entry
    assert await store.get("p1", SecretKind.ACCESS_TOKEN) == value
    await store.set("p1", SecretKind.ACCESS_TOKEN, "short-token-value")
    assert list(stored.values()) == ["short-token-value"]  # old chunks removed


async def test_delete_profile_removes_every_entry_of_that_profile_only(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    for kind in SecretKind:
        await store.set(
            "p1", kind, f"{kind.value}-secret-" + "x" * (2000 if kind is SecretKind.AUTH_KEY else 5)
        )
    await store.set("p2", SecretKind.APP_KEY, "other-profile-key")
    await store.delete_profile("p1")
    assert list(memory_keyring.entries) == [(SERVICE_NAME, "p2/app_key")]


@pytest.mark.parametrize("backend", [null.Keyring(), fail.Keyring()], ids=["null", "fail"])
async def test_unusable_backend_switches_to_session_only_with_reason(backend: object) -> None:
    store = SecretStore(backend)  # type: ignore[arg-type]
    status = await store.probe()
    assert not status.persistent
    assert type(backend).__module__ not in status.reason  # a user never reads keyring's class paths
    await store.set("p1", SecretKind.APP_KEY, "kept-in-memory")
    assert await store.get("p1", SecretKind.APP_KEY) == "kept-in-memory"


async def test_forced_backend_is_named_in_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    status = await SecretStore(null.Keyring()).probe()
    assert "PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring" in status.reason


async def test_backend_that_drops_writes_is_detected() -> None:
    store = SecretStore(DroppingKeyring())
    status = await store.probe()
    assert not status.persistent
    assert "silently dropped" in status.reason


async def test_hanging_keyring_probe_times_out_into_session_mode() -> None:
    backend = MemoryKeyring()
    backend.hang.set()
    store = SecretStore(backend, timeout_s=0.2)
    started = time.monotonic()
    status = await store.probe()
    backend.release.set()
    assert time.monotonic() - started < 15  # gave up long before the hung call's 30 s
    assert not status.persistent
    assert "did not answer within 0.2 s" in status.reason


async def test_hanging_keyring_call_raises_clear_timeout() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend, timeout_s=0.2)  # a given backend needs no probe: only the hung call is timed
    backend.hang.set()
    with pytest.raises(KeyringTimeout, match=r"did not answer within 0\.2 s while trying to read a secret"):
        await store.get("p1", SecretKind.APP_KEY)
    backend.release.set()


async def test_session_only_store_never_touches_the_keyring(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore.session_only("self-test")
    await store.set("p1", SecretKind.APP_KEY, "in-memory-secret")
    assert await store.get("p1", SecretKind.APP_KEY) == "in-memory-secret"
    assert memory_keyring.calls == 0
    assert store.status.reason == "self-test"


async def test_backend_is_chosen_once_off_thread_even_for_concurrent_first_calls(
    memory_keyring: MemoryKeyring,
) -> None:
    import asyncio

    store = SecretStore()  # no backend given: keyring's choice, made lazily
    assert store.status.backend_name == "system keyring"
    await asyncio.gather(
        store.set("p1", SecretKind.APP_KEY, "first-secret-value"),
        store.set("p2", SecretKind.APP_KEY, "second-secret-value"),
    )
    assert store.persistent
    assert sorted(memory_keyring.values()) == ["first-secret-value", "second-secret-value"]


async def test_a_keyring_hanging_mid_session_switches_to_memory_keeping_every_known_secret(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 15 item 14: the save that meets the hang still keeps its key; observers hear of the switch."""
    backend = MemoryKeyring()
    store = SecretStore(backend, timeout_s=0.2)
    assert (await store.probe()).persistent
    seen: list[StoreStatus] = []
    store.add_status_observer(seen.append)
    await store.set("p1", SecretKind.ACCESS_TOKEN, "token-saved-before-the-hang")
    backend.entries[("aigc-desktop", "p1/refresh_token")] = "refresh-read-before-the-hang"
    assert await store.get("p1", SecretKind.REFRESH_TOKEN) == "refresh-read-before-the-hang"
    backend.hang.set()
    try:
        await store.set("p1", SecretKind.APP_KEY, "app-key-saved-during-the-hang")  # no exception
        assert not store.persistent and "did not answer within 0.2 s" in store.status.reason
        assert seen == [store.status]  # told once, with the new status
        calls = backend.calls
        assert await store.get("p1", SecretKind.APP_KEY) == "app-key-saved-during-the-hang"
        assert await store.get("p1", SecretKind.ACCESS_TOKEN) == "token-saved-before-the-hang"
        assert await store.get("p1", SecretKind.REFRESH_TOKEN) == "refresh-read-before-the-hang"
        await store.delete("p1", SecretKind.REFRESH_TOKEN)
        assert await store.get("p1", SecretKind.REFRESH_TOKEN) is None
        assert backend.calls == calls  # session-only now: the hung keyring is not asked again
    finally:
        backend.release.set()
    assert [r.levelname for r in caplog.records if r.name == "aigc_desktop.services.secrets"] == ["WARNING"]
    assert not any(r.exc_info for r in caplog.records)


async def test_a_status_observer_can_be_removed_and_a_failing_one_does_not_stop_the_switch() -> None:
    backend = MemoryKeyring()
    store = SecretStore(backend, timeout_s=0.2)
    await store.probe()
    seen: list[StoreStatus] = []

    def broken(_status: StoreStatus) -> None:
        raise RuntimeError("observer bug")

    store.add_status_observer(broken)
    remove = store.add_status_observer(seen.append)
    remove()
    kept: list[StoreStatus] = []
    store.add_status_observer(kept.append)
    backend.hang.set()
    try:
        await store.set("p1", SecretKind.APP_KEY, "app-key-0123456789")
    finally:
        backend.release.set()
    assert seen == [] and len(kept) == 1 and not kept[0].persistent
