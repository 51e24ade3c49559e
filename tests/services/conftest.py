"""Every services test gets a fresh in-memory keyring installed as the active backend."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()
    keyring.set_keyring(previous)
