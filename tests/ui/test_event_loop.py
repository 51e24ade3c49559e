"""The app's event loop: asyncio's call_soon contract on Qt, with the GUI still served between batches."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from aigc_desktop.ui.event_loop import BatchingEventLoop
from tests.ui.conftest import AsyncHelper


def test_callbacks_run_in_order_and_cancelled_ones_never(aio: AsyncHelper, qtbot: QtBot) -> None:
    loop = aio.loop
    assert isinstance(loop, BatchingEventLoop)
    ran: list[int] = []
    handles = [loop.call_soon(ran.append, n) for n in range(50)]
    handles[7].cancel()
    qtbot.waitUntil(lambda: len(ran) == 49)
    assert ran == [n for n in range(50) if n != 7]


def test_a_failing_callback_is_reported_and_the_rest_still_run(aio: AsyncHelper, qtbot: QtBot) -> None:
    loop = aio.loop
    reported: list[dict[str, Any]] = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context))
    ran: list[str] = []

    def broken() -> None:
        raise ValueError("callback bug")

    loop.call_soon(ran.append, "before")
    loop.call_soon(broken)
    loop.call_soon(ran.append, "after")
    qtbot.waitUntil(lambda: len(ran) == 2)
    assert ran == ["before", "after"]
    assert isinstance(reported[0]["exception"], ValueError)


def test_a_busy_chain_of_callbacks_does_not_starve_qt_timers(aio: AsyncHelper, qtbot: QtBot) -> None:
    """A callback that keeps re-queueing itself must leave room for Qt's own events (paint, input, timers)."""
    loop = aio.loop
    spins = 0
    running = True

    def spin() -> None:
        nonlocal spins
        spins += 1
        if running:
            loop.call_soon(spin)

    loop.call_soon(spin)
    fired: list[int] = []
    QTimer.singleShot(0, lambda: fired.append(spins))
    try:
        qtbot.waitUntil(lambda: bool(fired), timeout=5000)
    finally:
        running = False
    assert fired[0] < 1000  # the timer fired while the chain was still going


def test_tasks_and_futures_complete_as_on_asyncio(aio: AsyncHelper) -> None:
    async def worker(n: int) -> int:
        await asyncio.sleep(0)
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        asyncio.get_running_loop().call_soon(future.set_result, n * n)
        return await future

    async def main() -> list[int]:
        return list(await asyncio.gather(*(worker(n) for n in range(20))))

    assert aio.run(main()) == [n * n for n in range(20)]


def test_a_long_batch_gives_qt_a_turn_within_its_budget(aio: AsyncHelper, qtbot: QtBot) -> None:
    """Twenty callbacks of 1 ms each queued at once: a Qt timer still fires before the last of them runs."""
    loop = aio.loop
    order: list[str] = []

    def busy(n: int) -> None:
        until = time.perf_counter() + 0.001  # work, not waiting: the loop cannot run anything meanwhile
        while time.perf_counter() < until:
            pass
        order.append(f"callback {n}")

    def first() -> None:  # the batch has started: only a cut-short batch lets this timer in before the end
        QTimer.singleShot(0, lambda: order.append("qt timer"))
        busy(0)

    loop.call_soon(first)
    for n in range(1, 20):
        loop.call_soon(busy, n)
    qtbot.waitUntil(lambda: len(order) == 21)
    assert order.index("qt timer") < 20
    assert [item for item in order if item != "qt timer"] == [f"callback {n}" for n in range(20)]  # in order
