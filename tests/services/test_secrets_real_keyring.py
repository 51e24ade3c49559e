"""SecretStore against a real Secret Service (CI runs the suite inside dbus-run-session + gnome-keyring)."""

from __future__ import annotations

import logging
import os
import signal
import uuid

import pytest

from aigc_desktop.services.secrets import CHUNK_SIZE, SecretKind, SecretStore, StoreStatus

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


def _secret_service_pid() -> int:
    """The process that owns org.freedesktop.secrets on this test's own session bus (its gnome-keyring)."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    bus = DBusAddress(
        "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus"
    )
    with open_dbus_connection(bus="SESSION") as connection:
        reply = connection.send_and_get_reply(
            new_method_call(bus, "GetConnectionUnixProcessID", "s", ("org.freedesktop.secrets",)), timeout=10
        )
    return int(reply.body[0])


async def test_secret_service_stopped_mid_session_means_session_only_with_the_key_kept(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Issue 15 item 14, for real: SIGSTOP the Secret Service after start-up, then save an AppKey."""
    from keyring.backends import SecretService

    store = SecretStore(SecretService.Keyring(), timeout_s=1.0)
    assert (await store.probe()).persistent
    seen: list[StoreStatus] = []
    store.add_status_observer(seen.append)
    profile_id = f"test-{uuid.uuid4().hex[:8]}"
    await store.set(profile_id, SecretKind.ACCESS_TOKEN, "token-saved-before-the-stop")
    pid = _secret_service_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        await store.set(profile_id, SecretKind.APP_KEY, "app-key-saved-while-stopped")  # does not raise
        assert not store.persistent
        assert "did not answer within 1 s" in store.status.reason and "this session" in store.status.reason
        assert seen == [store.status]
        assert await store.get(profile_id, SecretKind.APP_KEY) == "app-key-saved-while-stopped"
        assert await store.get(profile_id, SecretKind.ACCESS_TOKEN) == "token-saved-before-the-stop"
    finally:
        os.kill(pid, signal.SIGCONT)
    assert not any(record.levelno >= logging.ERROR or record.exc_info for record in caplog.records)
    # The daemon answers again; the store stays session-only (the banner says restart), and cleans up.
    again = SecretStore(SecretService.Keyring(), timeout_s=10.0)
    assert (await again.probe()).persistent
    await again.delete_profile(profile_id)
