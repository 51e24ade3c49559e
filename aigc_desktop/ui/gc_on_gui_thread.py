"""Python's cyclic garbage collector, run on the GUI thread only.

Left automatic, a collection starts in whichever thread happens to allocate when a threshold is
crossed: the keyring, request-log, history or near-miss worker threads. A Qt object that became
cyclic garbage (a dialog held by a lambda connected to its own signal, a loop's timer object) is then
destroyed on that thread; Qt cannot unregister its timers from there, and the next timer event is
delivered to freed memory (a crash in ``QTimerInfoList::activateTimers``). Anki runs its collector from
the main thread for the same reason. Here automatic collection is off and a timer on the GUI thread
collects whenever the collector's own thresholds say it would have.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

CHECK_MS = 500


class GuiThreadCollector(QObject):
    """While alive, automatic collection is off and collections happen here, on the GUI thread."""

    def __init__(self, parent: QObject | None = None, *, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.collections = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> int:
        """Collect the oldest generation whose count passed its threshold; returns it, or -1 for none."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        if counts[0] > thresholds[0]:
            generation = 0
            if counts[1] > thresholds[1]:
                generation = 1
                if counts[2] > thresholds[2]:
                    generation = 2
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1
        return generation
