"""Await a window's first frame, so work the first frame does not need can start right after it.

``first_paint(window)`` is a future that is done once ``PaintWatcher`` (``paint_watch``) saw the
window's first frame, or after its fallback when no frame comes.
"""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QWidget

from aigc_desktop.ui.startup.paint_watch import PaintWatcher


def first_paint(window: QWidget) -> asyncio.Future[None]:
    """A future that is done after ``window``'s first frame (call before ``window.show()``)."""
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def done() -> None:
        if not future.done():
            future.set_result(None)

    PaintWatcher(window, done)
    return future
