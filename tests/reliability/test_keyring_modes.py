"""Keyring edge cases: locked Secret Service, no backend, null backend, very long secrets.

Never silent, never a hang: a locked keyring ends in session-only mode with a reason (or a clear
error for a read), within the store's timeout; a forced fail/null backend is named in the reason,
both in-process and from ``aigc-desktop --keyring-check``; long values are split below the
~1,280-character limit some keyrings have and joined again, on the real Secret Service.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.core
import pytest

from aigc_desktop.services.secrets import CHUNK_SIZE, SERVICE_NAME, SecretKind, SecretStore

REAL = bool(os.environ.get("AIGC_TEST_REAL_KEYRING"))
needs_real_keyring = pytest.mark.skipif(
    not REAL, reason="needs a real Secret Service (AIGC_TEST_REAL_KEYRING)"
)
WINDOWS_LIMIT = 1280
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_KEYRING_BACKEND"}
    env.update(extra)
    return env


# --- a locked keyring ---------------------------------------------------------------------------


@needs_real_keyring
@pytest.mark.keyring_real
@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon",
)
def test_locked_keyring_means_session_only_with_a_reason_and_clear_read_errors(tmp_path: Path) -> None:
    """In a private D-Bus session (the suite's own keyring is never locked), lock the collection."""
    script = (
        "printf 'locked-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
        f'exec "{sys.executable}" "{HERE / "locked_keyring_probe.py"}"'
    )
    env = _clean_env(XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    (tmp_path / "data").mkdir()
    done = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        capture_output=True,
        text=True,
        timeout=90,  # the bound on everything; the store's own timeout is 2 s per call
        env=env,
        cwd=ROOT,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines, (done.stdout, done.stderr)
    result = json.loads(lines[-1].removeprefix("RESULT "))
    assert result["unlocked_persistent"] is True and result["locked"] is True
    # Reading a stored key from the locked keyring: a clear error, not a hang and not a silent None.
    assert str(result["get"]).startswith(("SecretStoreError", "KeyringTimeout")), result
    assert "unlock" in str(result["get"]).lower() or "did not answer" in str(result["get"])
    # The start-up probe: explicit session-only mode with the reason.
    assert result["probe_persistent"] is False
    assert "locked" in str(result["probe_reason"]).lower() or "did not answer" in str(result["probe_reason"])
    # --keyring-check says the same, and exits 1.
    assert result["check_status"] == 1
    assert str(result["check_line"]).startswith(
        "keyring: none usable; secrets would be kept for this session only"
    )
    assert result["secret_in_output"] is False


# --- no backend, null backend -------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
def test_keyring_check_subprocess_names_a_forced_unusable_backend(backend: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "aigc_desktop", "--keyring-check"],
        capture_output=True,
        text=True,
        timeout=60,
        env=_clean_env(PYTHON_KEYRING_BACKEND=backend),
        check=False,
    )
    assert done.returncode == 1, done
    line = done.stdout.strip()
    assert line.count("\n") == 0
    assert line.startswith("keyring: none usable; secrets would be kept for this session only")
    assert f"PYTHON_KEYRING_BACKEND={backend} selects a keyring backend that keeps nothing" in line


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


@pytest.mark.parametrize("backend", ["keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"])
async def test_forced_backend_in_process_means_session_only_and_secrets_still_work(
    backend: str, monkeypatch: pytest.MonkeyPatch, restore_keyring: None
) -> None:
    """Through keyring's own start-up: the environment variable picks the backend, the app notices."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", backend)
    keyring.core.init_backend()  # what a fresh process does at first use
    store = SecretStore(timeout_s=2.0)  # no explicit backend: keyring's choice, resolved off-thread
    status = await store.probe()
    assert not status.persistent and status.backend_name == "memory"
    assert f"PYTHON_KEYRING_BACKEND={backend} selects" in status.reason
    await store.set("p", SecretKind.ACCESS_TOKEN, "SessionOnlyToken-0123456789")
    assert await store.get("p", SecretKind.ACCESS_TOKEN) == "SessionOnlyToken-0123456789"
    assert store.status.reason == status.reason  # still saying why, for the banner


# --- long secrets on the real Secret Service ---------------------------------------------------


@pytest.fixture
def real_store() -> Iterator[tuple[SecretStore, object, str]]:
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    profile_id = f"rel-{uuid.uuid4().hex[:8]}"
    store = SecretStore(backend, timeout_s=10.0)
    yield store, backend, profile_id
    for kind in SecretKind:  # best effort clean-up of this test's entries only
        for suffix in ["", *(f"#{i}" for i in range(12))]:
            try:
                backend.delete_password(SERVICE_NAME, f"{profile_id}/{kind.value}{suffix}")
            except Exception:
                continue


@needs_real_keyring
@pytest.mark.keyring_real
@pytest.mark.parametrize("length", [CHUNK_SIZE, CHUNK_SIZE + 1, WINDOWS_LIMIT + 1, 5000])
async def test_long_secrets_are_split_below_the_limit_and_joined_on_secret_service(
    real_store: tuple[SecretStore, object, str], length: int
) -> None:
    store, backend, profile_id = real_store
    assert (await store.probe()).persistent
    value = ("Tök€n-" * (length // 6 + 1))[:length]  # multi-byte characters: split by characters
    await store.set(profile_id, SecretKind.REFRESH_TOKEN, value)
    raw = {  # what really sits in the Secret Service
        name: backend.get_password(SERVICE_NAME, f"{profile_id}/refresh_token{name}")  # type: ignore[attr-defined]
        for name in ["", *(f"#{i}" for i in range(6))]
    }
    stored = {name: text for name, text in raw.items() if text is not None}
    assert all(len(text) <= WINDOWS_LIMIT for text in stored.values())
    assert (len(stored) > 1) == (length > CHUNK_SIZE)
    fresh = SecretStore(backend, timeout_s=10.0)  # type: ignore[arg-type]  # another run of the app
    assert await fresh.get(profile_id, SecretKind.REFRESH_TOKEN) == value

    await store.set(profile_id, SecretKind.REFRESH_TOKEN, "short-token-value")  # a long one replaced
    leftovers = [
        name for name in (f"#{i}" for i in range(6))
        if backend.get_password(SERVICE_NAME, f"{profile_id}/refresh_token{name}") is not None  # type: ignore[attr-defined]
    ]  # fmt: skip
    assert leftovers == []  # no stale chunk stays behind
    assert await fresh.get(profile_id, SecretKind.REFRESH_TOKEN) == "short-token-value"
    await store.delete(profile_id, SecretKind.REFRESH_TOKEN)
    assert await fresh.get(profile_id, SecretKind.REFRESH_TOKEN) is None
