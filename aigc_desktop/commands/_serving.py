"""What long-running commands share without importing the sandbox (and aiohttp): a port argument, stop signals."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from collections.abc import Callable


def port_arg(text: str) -> int:
    """argparse type for ``--port``: 0 (any free port) to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"port must be 0-65535, got {value}")
    return value


def install_stop_handlers(stop: asyncio.Event) -> Callable[[], None]:
    """SIGINT/SIGTERM set ``stop``; returns a function that restores the previous handlers."""
    loop = asyncio.get_running_loop()
    signals = [signal.SIGINT, signal.SIGTERM]
    try:
        for sig in signals:
            loop.add_signal_handler(sig, stop.set)
    except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
        previous = {sig: signal.getsignal(sig) for sig in signals}
        for sig in signals:
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))

        def restore_plain() -> None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

        return restore_plain

    def restore_loop() -> None:
        for sig in signals:
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)

    return restore_loop
