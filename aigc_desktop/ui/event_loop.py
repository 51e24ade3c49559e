"""The app's asyncio loop: qasync's Qt loop, with ``call_soon`` callbacks run in batches.

qasync turns every ``call_soon`` (each task step, each future callback, each transport wake-up) into its
own Qt timer: a timer started, a timer event dispatched into Python, the timer killed. Under load that
bookkeeping, not the app's work, was the largest cost: the callback receiver served about 0.65x of the
same server on a plain asyncio loop. Here ``call_soon`` appends to a ready queue, as asyncio's own loop
does, and one zero-delay Qt timer runs every callback queued before it fired. Callbacks queued while a
batch runs go to the next batch, and a batch stops after ``BATCH_BUDGET_S`` of work with the rest queued
in order, so painting, input and Qt's own timers still get their turn at least every few milliseconds.

Timers (``call_later`` with a delay), socket notifiers and the thread-safe hand-over stay qasync's.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections import deque
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

T = TypeVar("T")

# Longest run of callbacks between two turns of Qt's own events: a quarter of a 60 Hz frame.
BATCH_BUDGET_S = 0.004


class BatchingEventLoop(qasync.QEventLoop):
    """``qasync.QEventLoop`` whose ``call_soon`` queues callbacks and runs them a batch per Qt event."""

    def __init__(self, app: QApplication | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(app, *args, **kwargs)
        self._ready: deque[asyncio.Handle] = deque()
        self._batch_scheduled = False

    def call_soon(
        self, callback: Callable[..., object], *args: Any, context: contextvars.Context | None = None
    ) -> asyncio.Handle:
        """Queue ``callback(*args)`` for the next batch (same contract as ``asyncio``'s ``call_soon``)."""
        if not callable(callback):
            raise TypeError(f"callback must be callable: {type(callback).__name__}")
        handle = asyncio.Handle(callback, args, self, context=context)
        self._ready.append(handle)
        if not self._batch_scheduled:
            self._batch_scheduled = True
            super().call_later(0, self._run_batch)
        return handle

    def _run_batch(self) -> None:
        """Run the callbacks queued so far, oldest first, for at most ``BATCH_BUDGET_S``.

        Later callbacks, and those left when the budget ran out, wait for the next batch, in order.
        """
        self._batch_scheduled = False
        ready = self._ready
        deadline = time.monotonic() + BATCH_BUDGET_S
        try:
            for _ in range(len(ready)):
                handle = ready.popleft()
                if not handle.cancelled():
                    handle._run()  # reports a callback's exception to the loop's handler, as asyncio does
                if time.monotonic() > deadline:
                    break
        finally:
            if ready and not self._batch_scheduled:  # the budget, or a BaseException, cut the batch short
                self._batch_scheduled = True
                super().call_later(0, self._run_batch)


def run(main: Coroutine[Any, Any, T]) -> T:
    """Run ``main`` on a ``BatchingEventLoop`` of the existing ``QApplication`` (like ``qasync.run``)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create the QApplication first (ui.startup.frame.make_application)")
    with asyncio.Runner(loop_factory=lambda: BatchingEventLoop(app)) as runner:
        return runner.run(main)
