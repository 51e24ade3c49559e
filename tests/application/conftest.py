"""The application model without Qt: a real sandbox on loopback, an in-memory keyring backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from aigc_desktop.application.model import AppModel
from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.services.profiles import DictBackend, ProfileStore
from aigc_desktop.services.secrets import SecretStore
from tests.services.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def _in_memory_keyring(memory_keyring: MemoryKeyring) -> MemoryKeyring:
    """Every test here runs over the in-memory keyring (``memory_keyring`` in ``tests/conftest.py``)."""
    return memory_keyring


class Recorder:
    """Every (state, aspects) the model published, in order."""

    def __init__(self) -> None:
        self.changes: list[tuple[AppState, frozenset[Aspect]]] = []

    def __call__(self, state: AppState, aspects: frozenset[Aspect]) -> None:
        self.changes.append((state, aspects))

    def aspects(self) -> set[Aspect]:
        return set().union(*(aspects for _, aspects in self.changes))


@pytest.fixture
async def model(memory_keyring: MemoryKeyring) -> AsyncIterator[AppModel]:
    app = AppModel(ProfileStore(DictBackend()), SecretStore(timeout_s=2.0))
    yield app
    await app.aclose()


@pytest.fixture
def recorder(model: AppModel) -> Recorder:
    seen = Recorder()
    model.subscribe(seen)
    return seen
