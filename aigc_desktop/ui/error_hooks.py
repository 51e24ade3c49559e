"""One landing place for errors nobody caught: ``sys.excepthook`` and the asyncio loop's handler.

Both forward to ``AppContext.report_error`` (a visible banner + a redacted log line), so a failure in
a slot or a forgotten task is never silent and never kills the window.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aigc_desktop.platform.redaction import install_redaction
from aigc_desktop.ui.context import AppContext

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]


def install_error_hooks(ctx: AppContext, loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    """Route uncaught errors to ``ctx``; returns a function that restores the previous hooks."""
    previous_hook: ExceptHook = sys.excepthook

    def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            previous_hook(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        ctx.report_error(exc)

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, asyncio.CancelledError):
            return
        if not isinstance(exc, BaseException):
            exc = RuntimeError(str(context.get("message", "unknown event-loop error")))
        ctx.report_error(exc)

    sys.excepthook = excepthook
    loop.set_exception_handler(loop_handler)

    def restore() -> None:
        sys.excepthook = previous_hook
        loop.set_exception_handler(None)

    return restore


def configure_logging(*, log_dir: str | None) -> None:
    """Warnings to stderr and, for normal runs, everything from INFO to a rotating file; all redacted."""
    from logging.handlers import RotatingFileHandler
    from pathlib import Path

    root = logging.getLogger()
    root.setLevel(logging.INFO)
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(formatter)
    install_redaction(console)
    root.addHandler(console)
    if log_dir:
        try:
            Path(log_dir).mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(
                Path(log_dir) / "aigc-desktop.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
            )
        except OSError as exc:
            log.warning("cannot write the log file in %s: %s", log_dir, exc)
            return
        handler.setFormatter(formatter)
        install_redaction(handler)
        root.addHandler(handler)
