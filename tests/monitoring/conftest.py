"""Monitoring tests: an in-memory keyring, and the user data/config folders in a temporary place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _in_memory_keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """Every test here runs over the in-memory keyring (``memory_keyring`` in ``tests/conftest.py``)."""
    return memory_keyring


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("AIGC_APP_KEY", raising=False)
