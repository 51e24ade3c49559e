"""Secrets (AppKey, tokens, AuthKeys) in the OS keyring, or explicitly in memory only.

Every keyring call runs on a daemon thread with a timeout, so a locked or absent Secret Service
can never freeze the window or block quitting. When no usable keyring exists (null/fail backend,
e.g. forced by ``PYTHON_KEYRING_BACKEND``, or a probe that errors or hangs) the store switches to
session-only mode with a human reason: secrets live in memory and vanish on quit. There is never
a plaintext fallback file.

A keyring that stops answering mid-session (a Secret Service that hangs after start-up) switches the
store to session-only mode too: the store remembers every secret it read or wrote this session, so
the value being saved and everything read before stay available, and observers registered with
``add_status_observer`` hear of the change (the app shows it in a banner).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets as _random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from aigc_desktop.platform.redaction import register_secret

if TYPE_CHECKING:  # keyring itself is imported on the worker thread that first needs it
    from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

_NO_KEYRING_HINT = (
    " (on Linux a Secret Service such as GNOME Keyring or KWallet must be running and unlocked;"
    " then restart the app)"
)

SERVICE_NAME = "aigc-desktop"
DEFAULT_TIMEOUT_S = 5.0
# Windows Credential Manager holds at most ~1,280 characters per secret; split longer ones.
CHUNK_SIZE = 1200
_CHUNK_MARKER = "aigc-desktop-chunked:v1:"
_UNUSABLE_BACKENDS = ("keyring.backends.null", "keyring.backends.fail")

T = TypeVar("T")
StatusObserver = Callable[["StoreStatus"], None]


class SecretKind(StrEnum):
    """What a stored secret is; part of the keyring username ``{profile_id}/{kind}``."""

    APP_KEY = "app_key"
    ACCESS_TOKEN = "access_token"
    REFRESH_TOKEN = "refresh_token"
    AUTH_KEY = "auth_key"
    AUTH_KEY_PREVIOUS = "auth_key_previous"


class SecretStoreError(Exception):
    """The keyring refused or failed an operation; the message says which and why."""


class KeyringTimeout(SecretStoreError):
    """The keyring did not answer in time (often a locked or absent Secret Service)."""


@dataclass(frozen=True, slots=True)
class StoreStatus:
    """Where secrets go right now, and why, for the banner and the Profiles pane."""

    persistent: bool
    backend_name: str
    reason: str = ""  # English, for the log
    reason_code: str = ""  # a key of resources/wording.json, worded per language by reason_in()
    reason_values: tuple[tuple[str, str], ...] = ()

    def reason_in(self, lang: str | None) -> str:
        """The reason in ``lang`` (the banner's second line); the English ``reason`` when it has no code."""
        if not self.reason_code:
            return self.reason
        from aigc_desktop.platform.wording import say

        return say(self.reason_code, lang, **dict(self.reason_values))


def _username(profile_id: str, kind: SecretKind, part: int | None = None) -> str:
    base = f"{profile_id}/{kind.value}"
    return base if part is None else f"{base}#{part}"


def _system_keyring() -> KeyringBackend:
    """keyring's own choice of backend; imports keyring off the GUI thread and after first paint."""
    import keyring

    return keyring.get_keyring()


def backend_is_unusable(backend: KeyringBackend) -> bool:
    """True for backends that drop writes or always fail (null, fail), also inside a chainer."""
    module = type(backend).__module__
    if module.startswith(_UNUSABLE_BACKENDS):
        return True
    children = getattr(backend, "backends", None)
    if isinstance(children, list):
        return not children or all(backend_is_unusable(child) for child in children)
    return False


# What users call the keyrings keyring's backends talk to (its class names are never shown to them).
_PRODUCT_NAMES = {
    "keyring.backends.SecretService": "Secret Service (GNOME Keyring, KWallet)",
    "keyring.backends.libsecret": "Secret Service (libsecret)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.macOS": "macOS Keychain",
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.chainer": "system keyring",
    "keyring.backends.null": "no keyring",
    "keyring.backends.fail": "no keyring",
}


def _backend_name(backend: KeyringBackend) -> str:
    """The keyring's name as a user knows it (``macOS Keychain``), not keyring's class path."""
    module = type(backend).__module__
    found = next((name for prefix, name in _PRODUCT_NAMES.items() if module.startswith(prefix)), None)
    return found or type(backend).__name__


async def _off_thread(func: Callable[[], T], timeout_s: float, what: str) -> T:
    """Run a blocking call on a daemon thread; a hung call times out and never blocks exit."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def worker() -> None:
        try:
            result = func()
        except BaseException as exc:  # handed over to the awaiting coroutine
            with contextlib.suppress(RuntimeError):  # the loop may already be closed
                loop.call_soon_threadsafe(deliver, None, exc)
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(deliver, result, None)

    threading.Thread(target=worker, name=f"keyring-{what}", daemon=True).start()
    try:
        return await asyncio.wait_for(future, timeout_s)
    except TimeoutError:
        raise KeyringTimeout(
            f"The keyring did not answer within {timeout_s:g} s while trying to {what}. "
            "It may be locked or its service may not be running."
        ) from None


class SecretStore:
    """Per-profile secrets; one keyring entry per ``(profile_id, SecretKind)``."""

    def __init__(
        self, backend: KeyringBackend | None = None, *, timeout_s: float = DEFAULT_TIMEOUT_S
    ) -> None:
        # Without an explicit backend, keyring's own choice is made later, off the GUI thread
        # (choosing can talk to D-Bus and hang on a broken session).
        self._backend: KeyringBackend | None = backend
        self._resolved = backend is not None
        self._resolving: asyncio.Future[None] | None = None
        self._timeout_s = timeout_s
        # in session-only mode the secrets themselves; in keyring mode a copy of every entry read or
        # written this session, kept so a keyring that hangs later loses nothing already known
        self._memory: dict[str, str] = {}
        self._status = StoreStatus(True, _backend_name(backend) if backend is not None else "system keyring")
        self._observers: list[StatusObserver] = []

    @classmethod
    def session_only(cls, reason: str, reason_code: str = "") -> SecretStore:
        """A store that never touches the keyring (self-test, or when the user has none).

        ``reason_code`` (a key of ``resources/wording.json``) words the reason per language.
        """
        store = cls.__new__(cls)
        store._backend = None
        store._resolved = True
        store._resolving = None
        store._timeout_s = DEFAULT_TIMEOUT_S
        store._memory = {}
        store._status = StoreStatus(False, "memory", reason, reason_code)
        store._observers = []
        return store

    @property
    def status(self) -> StoreStatus:
        return self._status

    @property
    def persistent(self) -> bool:
        return self._status.persistent

    def add_status_observer(self, observer: StatusObserver) -> Callable[[], None]:
        """Call ``observer(status)`` whenever ``status`` changes; returns a function that removes it.

        Called on the event loop's thread. The app uses it to show (or update) the keyring banner
        when the keyring stops answering mid-session and secrets become session-only.
        """
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def _set_status(self, status: StoreStatus) -> None:
        if status == self._status:
            return
        self._status = status
        for observer in list(self._observers):
            try:
                observer(status)
            except Exception:
                log.exception("a secret-store status observer failed")

    def _switch_to_memory(self, reason: str, code: str = "", **values: object) -> None:
        if self._backend is None and not self._status.persistent:
            return  # already session-only (several calls may time out together)
        log.warning("Secrets are kept for this session only: %s", reason)
        self._backend = None
        self._resolved = True
        pairs = tuple((name, str(value)) for name, value in values.items())
        self._set_status(StoreStatus(False, "memory", reason, code, pairs))

    async def _resolve(self) -> None:
        """Pick keyring's active backend on a worker thread, once; concurrent callers share the wait."""
        if self._resolved:
            return
        if self._resolving is None:
            self._resolving = asyncio.ensure_future(self._pick_backend())
        await asyncio.shield(self._resolving)  # a cancelled caller must not cancel the shared pick

    async def _pick_backend(self) -> None:
        """Failure or a hang here means session-only mode, with the reason."""
        try:
            backend = await _off_thread(_system_keyring, self._timeout_s, "start")
        except KeyringTimeout as exc:
            self._switch_to_memory(str(exc), "keyring.start_timeout", seconds=f"{self._timeout_s:g}")
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            self._switch_to_memory(
                f"the keyring could not start: {error}", "keyring.start_failed", error=error
            )
        else:
            self._backend = backend
            self._set_status(StoreStatus(True, _backend_name(backend)))
        self._resolved = True

    async def probe(self) -> StoreStatus:
        """Check the keyring really stores things; otherwise switch to session-only mode with a reason."""
        await self._resolve()
        backend = self._backend
        if backend is None:
            return self._status
        name = _backend_name(backend)
        if backend_is_unusable(backend):
            forced = os.environ.get("PYTHON_KEYRING_BACKEND")
            code = "keyring.forced_backend" if forced else "keyring.no_backend"
            reason = (
                f"PYTHON_KEYRING_BACKEND={forced} selects a keyring backend that keeps nothing"
                if forced
                else f"no OS keyring was found{_NO_KEYRING_HINT}"
            )
            self._switch_to_memory(reason, code, backend=name, forced=forced)
            return self._status
        username = f"__probe__/{_random.token_hex(6)}"
        value = _random.token_hex(12)

        from keyring.errors import KeyringLocked  # loaded with the backend

        def round_trip() -> bool:
            from keyring.errors import PasswordDeleteError

            backend.set_password(SERVICE_NAME, username, value)
            try:
                return backend.get_password(SERVICE_NAME, username) == value
            finally:
                with contextlib.suppress(PasswordDeleteError):
                    backend.delete_password(SERVICE_NAME, username)

        try:
            stored = await _off_thread(round_trip, self._timeout_s, "check that it works")
        except KeyringTimeout as exc:
            self._switch_to_memory(str(exc), "keyring.probe_timeout", seconds=f"{self._timeout_s:g}")
        except KeyringLocked:
            self._switch_to_memory(
                f"the keyring {name} is locked; unlock it (for example by signing in to the desktop "
                "session or opening your keyring manager) and restart the app to keep secrets between sessions",
                "keyring.locked",
                backend=name,
            )
        except Exception as exc:
            error = f"{type(exc).__name__}: {exc}"
            self._switch_to_memory(
                f"the keyring {name} failed a test write: {error}",
                "keyring.write_failed",
                backend=name,
                error=error,
            )
        else:
            if not stored:
                self._switch_to_memory(
                    f"the keyring {name} silently dropped a test write", "keyring.write_dropped", backend=name
                )
        return self._status

    # --- raw entries ------------------------------------------------------------------------

    async def _call(self, func: Callable[[], T], what: str) -> T:
        """Run a keyring call off the thread; ``KeyringTimeout`` means the keyring hangs: switch first.

        The caller then falls back to memory (``_memory_fallback``), so a hang mid-session costs one
        timeout, not one per call, and never loses the value being saved.
        """
        from keyring.errors import KeyringError  # loaded with the backend: a dictionary look-up

        try:
            return await _off_thread(func, self._timeout_s, what)
        except KeyringTimeout as exc:
            self._switch_to_memory(
                f"{exc} Secrets are now kept in memory for this session; restart the app once the "
                "keyring answers again to keep them between sessions",
                "keyring.stopped_answering",
                seconds=f"{self._timeout_s:g}",
            )
            raise
        except SecretStoreError:
            raise
        except KeyringError as exc:
            raise SecretStoreError(f"The keyring refused to {what}: {exc}") from None

    async def _get_raw(self, username: str) -> str | None:
        await self._resolve()
        backend = self._backend
        if backend is None:
            return self._memory.get(username)
        try:
            value = await self._call(lambda: backend.get_password(SERVICE_NAME, username), "read a secret")
        except KeyringTimeout:
            if username in self._memory:  # known from earlier this session: nothing lost
                return self._memory[username]
            raise  # never a silent "nothing stored" for a value only the hung keyring knows
        self._remember(username, value)
        return value

    async def _set_raw(self, username: str, value: str) -> None:
        await self._resolve()
        backend = self._backend
        self._remember(username, value)
        if backend is None:
            return
        with contextlib.suppress(KeyringTimeout):  # kept in memory above; the store is session-only now
            await self._call(lambda: backend.set_password(SERVICE_NAME, username, value), "save a secret")

    async def _delete_raw(self, username: str) -> None:
        await self._resolve()
        backend = self._backend
        self._memory.pop(username, None)
        if backend is None:
            return

        def delete() -> None:
            from keyring.errors import PasswordDeleteError

            with contextlib.suppress(PasswordDeleteError):  # already absent is fine
                backend.delete_password(SERVICE_NAME, username)

        with contextlib.suppress(KeyringTimeout):  # forgotten in memory above; session-only now
            await self._call(delete, "delete a secret")

    def _remember(self, username: str, value: str | None) -> None:
        """Keep ``_memory`` in step with the keyring (the fallback should the keyring hang later)."""
        if value is None:
            self._memory.pop(username, None)
        else:
            self._memory[username] = value

    # --- public API -------------------------------------------------------------------------

    async def get(self, profile_id: str, kind: SecretKind) -> str | None:
        """The secret, or None when none is stored; chunked values are joined transparently."""
        head = await self._get_raw(_username(profile_id, kind))
        if head is None or not head.startswith(_CHUNK_MARKER):
            if head:
                register_secret(head, partial=kind in _PARTIAL_KINDS)
            return head
        count = int(head.removeprefix(_CHUNK_MARKER))
        parts = [await self._get_raw(_username(profile_id, kind, i)) for i in range(count)]
        if any(part is None for part in parts):
            raise SecretStoreError(
                f"The stored {kind.value} is incomplete (a chunk is missing); enter it again."
            )
        value = "".join(part for part in parts if part is not None)
        register_secret(value, partial=kind in _PARTIAL_KINDS)
        return value

    async def set(self, profile_id: str, kind: SecretKind, value: str) -> None:
        """Store ``value`` (split into chunks above ``CHUNK_SIZE`` characters); empty deletes."""
        if not value:
            await self.delete(profile_id, kind)
            return
        register_secret(value, partial=kind in _PARTIAL_KINDS)
        await self.delete(profile_id, kind)
        if len(value) <= CHUNK_SIZE:
            await self._set_raw(_username(profile_id, kind), value)
            return
        chunks = [value[i : i + CHUNK_SIZE] for i in range(0, len(value), CHUNK_SIZE)]
        for index, chunk in enumerate(chunks):
            await self._set_raw(_username(profile_id, kind, index), chunk)
        await self._set_raw(_username(profile_id, kind), f"{_CHUNK_MARKER}{len(chunks)}")

    async def delete(self, profile_id: str, kind: SecretKind) -> None:
        """Remove the secret and any chunks; absent entries are fine."""
        username = _username(profile_id, kind)
        try:
            head = await self._get_raw(username)
        except KeyringTimeout:  # the store is session-only now: what it knows is in memory
            head = self._memory.get(username)
        if head is not None and head.startswith(_CHUNK_MARKER):
            for index in range(int(head.removeprefix(_CHUNK_MARKER))):
                await self._delete_raw(_username(profile_id, kind, index))
        if head is not None:
            await self._delete_raw(username)

    async def delete_profile(self, profile_id: str) -> None:
        """Remove every secret of a profile (used when the profile is deleted)."""
        for kind in SecretKind:
            await self.delete(profile_id, kind)


_PARTIAL_KINDS = frozenset({SecretKind.ACCESS_TOKEN, SecretKind.REFRESH_TOKEN})
