"""Shared test set-up: Qt runs offscreen, and no test touches the user's real keyring or settings."""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Iterator

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from aigc_desktop.callbacks import verify
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


@pytest.fixture(autouse=True, scope="session")
def _collections_on_the_main_thread() -> Iterator[None]:
    """As the app (``ui.gc_on_gui_thread``): no automatic collection, which could start on a worker thread
    and destroy a Qt object there; each test's garbage is collected on the main thread after it."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _unlimited_diagnosis_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """The near-miss search's per-second CPU budget is real time: on a slow or busy machine a test's
    second search in the same second would be skipped. Tests of the budget set their own."""
    monkeypatch.setattr(verify, "DIAGNOSIS_BUDGET_S", math.inf)


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()
