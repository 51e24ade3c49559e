"""Run inside a private ``dbus-run-session`` with an unlocked gnome-keyring: store a secret, lock the
collection, then see what the app does. Prints one JSON line (``RESULT {...}``) for the test to read.

Never run against a user's session: ``test_keyring_modes.py`` starts it in its own D-Bus session with
its own keyring folder.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time

import secretstorage
from keyring.backends import SecretService

from aigc_desktop.services.secrets import SecretKind, SecretStore, SecretStoreError

TIMEOUT_S = 2.0
KEY = "LockedKeyringAppKey-31c7e9"


async def main() -> dict[str, object]:
    result: dict[str, object] = {}
    store = SecretStore(SecretService.Keyring(), timeout_s=TIMEOUT_S)
    result["unlocked_persistent"] = (await store.probe()).persistent
    await store.set("locked-test", SecretKind.APP_KEY, KEY)

    connection = secretstorage.dbus_init()
    collection = secretstorage.get_default_collection(connection)
    collection.lock()
    result["locked"] = collection.is_locked()

    started = time.monotonic()
    reader = SecretStore(SecretService.Keyring(), timeout_s=TIMEOUT_S)
    try:
        value = await asyncio.wait_for(reader.get("locked-test", SecretKind.APP_KEY), TIMEOUT_S * 3)
        result["get"] = "returned the key" if value == KEY else f"returned {value!r}"
    except SecretStoreError as exc:
        result["get"] = f"{type(exc).__name__}: {exc}"
    result["get_seconds"] = time.monotonic() - started

    started = time.monotonic()
    status = await asyncio.wait_for(
        SecretStore(SecretService.Keyring(), timeout_s=TIMEOUT_S).probe(), TIMEOUT_S * 3
    )
    result["probe_seconds"] = time.monotonic() - started
    result["probe_persistent"] = status.persistent
    result["probe_reason"] = status.reason

    return result


def keyring_check(result: dict[str, object]) -> None:
    """``aigc-desktop --keyring-check`` in the same locked session."""
    check = subprocess.run(
        [sys.executable, "-m", "aigc_desktop", "--keyring-check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    result["check_status"] = check.returncode
    result["check_line"] = check.stdout.strip()
    result["secret_in_output"] = KEY in check.stdout + check.stderr


if __name__ == "__main__":
    outcome = asyncio.run(main())
    keyring_check(outcome)
    print("RESULT " + json.dumps(outcome), flush=True)
