"""Collections happen on the GUI thread only: a worker thread never destroys a Qt object."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from typing import ClassVar

import pytest
from PySide6.QtCore import QObject

from aigc_desktop.ui.gc_on_gui_thread import GuiThreadCollector


@pytest.fixture
def low_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(10, 2, 2)
    yield
    gc.set_threshold(*saved)


class Cyclic(QObject):
    """A Qt object kept alive only by a cycle (as a dialog held by a lambda on its own signal)."""

    destroyed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self
        self.destroyed.connect(lambda: Cyclic.destroyed_on.append(threading.current_thread().name))


def test_cyclic_qt_garbage_is_destroyed_on_the_gui_thread_even_when_a_worker_allocates(
    qapp: object, low_thresholds: None
) -> None:
    collector = GuiThreadCollector()
    assert not gc.isenabled()
    Cyclic.destroyed_on.clear()
    for _ in range(5):
        Cyclic()

    def allocate() -> None:  # far past the thresholds: an automatic collection would start here
        junk = [[[] for _ in range(3)] for _ in range(2000)]
        del junk

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert Cyclic.destroyed_on == []  # nothing collected on the worker
    assert collector.check() >= 0  # the GUI thread's turn: over the thresholds, so it collects
    gc.collect()
    assert Cyclic.destroyed_on and set(Cyclic.destroyed_on) == {threading.main_thread().name}
    assert collector.collections >= 1


def test_below_the_thresholds_nothing_is_collected(qapp: object) -> None:
    collector = GuiThreadCollector()
    gc.collect()
    assert collector.check() == -1 and collector.collections == 0
