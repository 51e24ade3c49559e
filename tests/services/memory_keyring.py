"""A real ``keyring`` backend that keeps entries in a dict, so tests never touch the user's keyring."""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    """Thread-safe (the store calls it from worker threads); ``hang`` makes every call block."""

    priority = 0.5  # type: ignore[assignment]  # never chosen automatically over a real backend

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}
        self.lock = threading.Lock()
        self.hang = threading.Event()  # set -> calls block until ``release`` is set
        self.release = threading.Event()
        self.calls = 0

    def _maybe_hang(self) -> None:
        self.calls += 1
        if self.hang.is_set():
            self.release.wait(30)

    def get_password(self, service: str, username: str) -> str | None:
        self._maybe_hang()
        with self.lock:
            return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_hang()
        with self.lock:
            self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._maybe_hang()
        with self.lock:
            if (service, username) not in self.entries:
                raise PasswordDeleteError(username)
            del self.entries[(service, username)]

    def values(self) -> list[str]:
        with self.lock:
            return list(self.entries.values())


class DroppingKeyring(MemoryKeyring):
    """Accepts writes and forgets them (what a misconfigured backend does)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        self._maybe_hang()
