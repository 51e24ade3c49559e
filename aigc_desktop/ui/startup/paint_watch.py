"""Know when a window's first frame is on screen, with Qt alone (no asyncio: ``startup.frame`` uses it first).

``PaintWatcher(window, done)`` calls ``done()`` once Qt has delivered the first paint event to ``window``
(a top-level window paints with its children, and the frame is flushed in the same pass) and the event
loop has gone round once more; a fallback timer calls it anyway when no frame comes (a minimised or
hidden window). It filters the window's own events only: an application-wide filter sent every event
of the start-up through Python and made the first frame measurably later (the start-up benchmark).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000


class PaintWatcher(QObject):
    """An event filter on ``window`` that lives until the window's first paint event (or the fallback)."""

    def __init__(self, window: QWidget, done: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._done = done
        self._fired = False
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._fired and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # after this pass has painted and flushed the frame
        return False

    def _fire(self) -> None:
        if self._fired:
            return
        self._fired = True
        self._window.removeEventFilter(self)
        self._done()
        self.deleteLater()
