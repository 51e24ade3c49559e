"""What every benchmark program shares: the line protocol with the runner, and stall statistics.

Protocol (one JSON object per stdout line, one word per stdin line): the program prints
``{"ready": true, ...}`` once it is up; then ``start`` starts the heartbeat (answered by
``{"started": true}``), ``stop`` ends it (answered by ``{"heartbeat": {...}}``) and ``quit`` (or end of
input) ends the program. Stdlib only, so it adds nothing to what a program measures.
"""

from __future__ import annotations

import asyncio
import json
import math
import sys
import threading
from typing import Any

CALLBACK_PATH = "/callback"
BENCH_AUTH_KEY = "BenchKey0123456789abcdefXYZ"  # a throwaway AuthKey for loopback benchmarks only
BENCH_PREVIOUS_KEY = "BenchOld0123456789abcdefUVW"  # its "previous" key, for rotation benchmarks
BENCH_WRONG_KEY = "BenchBad0123456789abcdefRST"  # signs what the receiver must refuse
WIDE_TOLERANCE_S = 3600  # room for thousands of distinct 10-digit timestamps


def emit(message: dict[str, Any]) -> None:
    """One protocol line on stdout."""
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


class CommandReader:
    """Reads stdin words on a daemon thread and hands them to the running loop (EOF counts as ``quit``)."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        threading.Thread(target=self._read, name="bench-stdin", daemon=True).start()

    def _read(self) -> None:
        for line in sys.stdin:
            self._loop.call_soon_threadsafe(self._queue.put_nowait, line.strip())
        self._loop.call_soon_threadsafe(self._queue.put_nowait, "quit")

    async def next(self) -> str:
        return await self._queue.get()


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list (0.0 for an empty one)."""
    if not sorted_values:
        return 0.0
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def stall_summary(stalls_ms: list[float]) -> dict[str, float]:
    """p50 / p99 / max of heartbeat lateness, in milliseconds."""
    ordered = sorted(stalls_ms)
    return {
        "beats": float(len(ordered)),
        "p50_ms": percentile(ordered, 0.50),
        "p99_ms": percentile(ordered, 0.99),
        "max_ms": ordered[-1] if ordered else 0.0,
    }


async def serve_commands(on_start: Any = None, on_stop: Any = None) -> None:
    """Answer ``start`` / ``stop`` until ``quit``; ``on_stop`` returns the heartbeat summary."""
    commands = CommandReader(asyncio.get_running_loop())
    while (word := await commands.next()) != "quit":
        if word == "start":
            if on_start is not None:
                on_start()
            emit({"started": True})
        elif word == "stop":
            emit({"heartbeat": on_stop() if on_stop is not None else {}})
