"""Shared test set-up: Qt runs offscreen, and no test touches the user's real keyring or settings."""

from __future__ import annotations

import os
from collections.abc import Iterator

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A real keyring backend that keeps entries in a dict, installed as the active one for one test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    backend.release.set()
    keyring.set_keyring(previous)
