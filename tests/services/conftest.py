"""Every services test gets a fresh in-memory keyring installed as the active backend."""

from __future__ import annotations

import pytest

from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _in_memory_keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """Every test here runs over the in-memory keyring (``memory_keyring`` in ``tests/conftest.py``)."""
    return memory_keyring
