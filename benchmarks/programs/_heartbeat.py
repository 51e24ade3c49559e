"""A 5 ms Qt heartbeat on the GUI loop: how late each beat fires is how long the loop was stalled."""

from __future__ import annotations

import time

from _common import stall_summary
from PySide6.QtCore import QObject, Qt, QTimer


class Heartbeat(QObject):
    """Records, per beat, the time past the interval since the previous beat (a stall), in ms."""

    def __init__(self, interval_ms: int = 5) -> None:
        super().__init__()
        self.interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._beat)
        self._last: float | None = None
        self._stalls: list[float] = []

    def start(self) -> None:
        self._stalls = []
        self._last = None
        self._timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self._stalls.append(max(0.0, (now - self._last) * 1000.0 - self.interval_ms))
        self._last = now

    def stop(self) -> dict[str, float]:
        self._timer.stop()
        return stall_summary(self._stalls)
