"""One landing place for errors nobody caught: ``sys.excepthook`` and the asyncio loop's handler.

Both forward to ``AppContext.report_error`` (a visible banner + a redacted log line), so a failure in
a slot or a forgotten task is never silent and never kills the window. Errors that are bugs rather
than expected failures (anything but the platform's, the keyring's and validation errors) also get
a crash report: redacted text (type, message, traceback without locals, versions) written to
``crash-<timestamp>.txt`` in the log folder and shown in a non-modal ``CrashDialog``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import platform
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, qVersion
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from shiboken6 import isValid

from aigc_desktop import __version__
from aigc_desktop.application.errors import SecretStoreError
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.platform.redaction import install_redaction, redact_text
from aigc_desktop.services.private_files import make_private_dir, open_private, private_rotating_handler
from aigc_desktop.services.profiles import ProfileValidationError
from aigc_desktop.ui.context import AppContext

if TYPE_CHECKING:  # the dialog (and importlib.metadata) load only when a crash is reported
    from aigc_desktop.ui.widgets.crash_dialog import CrashDialog, UrlOpener

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], Any]

CRASH_FILE_PREFIX = "crash-"
MAX_CRASH_FILES = 20  # older reports are deleted so a loop of errors cannot fill the disk
MAX_REPORTS_PER_RUN = 50  # after this many, errors still show but no more files are written
_EXPECTED = (AigcError, SecretStoreError, ProfileValidationError, asyncio.CancelledError)
_VERSIONED = ("PySide6-Essentials", "qasync", "httpx", "aiohttp", "keyring", "platformdirs")


_configured_log_dir: Path | None = None  # set by configure_logging: where the log file (and reports) go


def default_log_dir() -> Path | None:
    """The log folder ``configure_logging`` set up (platformdirs' user log folder in the app), or None.

    None (self-test, tests) means crash reports are shown but not written.
    """
    return _configured_log_dir


def is_unexpected(exc: BaseException) -> bool:
    """True for bugs (a crash report is due); False for failures the banner already explains."""
    return not isinstance(exc, _EXPECTED)


def _versions() -> list[str]:
    from importlib import metadata

    lines = [
        f"AIGC Desktop {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"Qt {qVersion()}",
        f"OS {platform.platform()}",
    ]
    for name in _VERSIONED:
        try:
            lines.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return lines


def build_crash_report(exc: BaseException, *, now: datetime | None = None) -> str:
    """The redacted crash report: time, versions, type, message and the traceback (never locals).

    Registered secrets and secret-looking fields are masked, and the home folder is shown as ``~``.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    frames = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))  # no capture_locals
    text = "\n".join(
        [
            "AIGC Desktop crash report",
            f"Time: {moment.strftime('%Y-%m-%d %H:%M:%S')} UTC",
            *_versions(),
            "",
            f"Error: {type(exc).__module__}.{type(exc).__qualname__}: {exc}",
            "",
            frames.rstrip(),
            "",
        ]
    )
    home = str(Path.home())
    if len(home) > 1:
        text = text.replace(home, "~")
    return redact_text(text)


def write_crash_report(report: str, log_dir: Path, *, now: datetime | None = None) -> Path:
    """Write ``crash-<UTC timestamp>.txt`` (owner-only where the OS allows) and prune old ones."""
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    make_private_dir(log_dir)
    stem = f"{CRASH_FILE_PREFIX}{moment.strftime('%Y%m%d-%H%M%S-%f')}"
    path = log_dir / f"{stem}.txt"
    suffix = 1
    while True:
        try:  # created owner-only (0600 where the OS has modes), never overwriting another report
            handle = open_private(path, "w", exclusive=True)
            break
        except FileExistsError:
            path = log_dir / f"{stem}-{suffix}.txt"
            suffix += 1
    with handle:
        handle.write(report)
    old = sorted(log_dir.glob(f"{CRASH_FILE_PREFIX}*.txt"))[:-MAX_CRASH_FILES]
    for stale in old:
        with contextlib.suppress(OSError):
            stale.unlink()
    return path


class CrashReporter(QObject):
    """Turns unexpected errors reported to the context into a saved report and the crash dialog."""

    def __init__(
        self,
        ctx: AppContext,
        log_dir: Path | None,
        *,
        parent_window: QWidget | None = None,
        open_url: UrlOpener | None = None,
    ) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self.log_dir = log_dir
        self._parent_window = parent_window
        self._open_url = open_url
        self.dialog: CrashDialog | None = None
        self.reports: list[Path] = []
        self._written = 0
        ctx.error_reported.connect(self.on_error)

    def detach(self) -> None:
        self._ctx.error_reported.disconnect(self.on_error)

    def on_error(self, exc: BaseException) -> None:
        if not is_unexpected(exc):
            return
        try:
            report = build_crash_report(exc)
        except Exception:  # the reporter itself must never raise into the excepthook
            report = redact_text(f"AIGC Desktop crash report\n\nError: {type(exc).__name__}: {exc}\n")
        saved: Path | None = None
        if self.log_dir is not None and self._written < MAX_REPORTS_PER_RUN:
            try:
                saved = write_crash_report(report, self.log_dir)
                self._written += 1
                self.reports.append(saved)
            except OSError as error:
                log.warning("cannot write the crash report in %s: %s", self.log_dir, error)
        summary = redact_text(f"{type(exc).__name__}: {exc}")
        dialog = self._dialog()
        dialog.show_report(summary, report, saved)

    def _dialog(self) -> CrashDialog:
        from aigc_desktop.ui.widgets.crash_dialog import CrashDialog

        if self.dialog is None or not isValid(self.dialog):  # its parent window may have been deleted
            parent = self._parent_window or _main_window()
            kwargs = {"open_url": self._open_url} if self._open_url is not None else {}
            self.dialog = CrashDialog(self.log_dir, parent, **kwargs)
        return self.dialog


def _main_window() -> QWidget | None:
    """The window the dialog belongs to: the active one, else the visible main window, else none."""
    active = QApplication.activeWindow()
    if active is not None:
        return active
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    return windows[0] if windows else None


class ErrorHooks:
    """What ``install_error_hooks`` returns: call it to restore the previous hooks."""

    def __init__(self, restore: Callable[[], None], reporter: CrashReporter | None) -> None:
        self._restore = restore
        self.reporter = reporter

    def __call__(self) -> None:
        self._restore()


def install_error_hooks(
    ctx: AppContext,
    loop: asyncio.AbstractEventLoop,
    *,
    crash_reports: bool = True,
    log_dir: Path | str | None = None,
    parent_window: QWidget | None = None,
    open_url: UrlOpener | None = None,
) -> ErrorHooks:
    """Route uncaught errors to ``ctx`` (and bugs to the crash dialog); call the result to restore.

    ``log_dir`` is where crash reports go (default: the folder ``configure_logging`` gave the log file;
    without one, reports are shown and can be copied, but not written).
    """
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

    reporter: CrashReporter | None = None
    if crash_reports:
        folder = Path(log_dir) if log_dir is not None else default_log_dir()
        reporter = CrashReporter(ctx, folder, parent_window=parent_window, open_url=open_url)

    sys.excepthook = excepthook
    loop.set_exception_handler(loop_handler)

    def restore() -> None:
        sys.excepthook = previous_hook
        loop.set_exception_handler(None)
        if reporter is not None:
            reporter.detach()

    return ErrorHooks(restore, reporter)


def configure_logging(*, log_dir: str | None) -> None:
    """Warnings to stderr and, for normal runs, everything from INFO to a rotating file; all redacted.

    The log file and its rotated copies are 0600 in a 0700 folder (``services.private_files``).
    """
    global _configured_log_dir
    _configured_log_dir = Path(log_dir) if log_dir else None
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
            handler = private_rotating_handler(
                Path(log_dir) / "aigc-desktop.log", max_bytes=1_000_000, backup_count=3
            )
        except OSError as exc:
            log.warning("cannot write the log file in %s: %s", log_dir, exc)
            _configured_log_dir = None
            return
        handler.setFormatter(formatter)
        install_redaction(handler)
        root.addHandler(handler)
