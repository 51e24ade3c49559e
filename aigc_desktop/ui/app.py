"""Bootstrap: QApplication on a qasync loop (``event_loop``), the services, the main window, and a clean shutdown.

On the way in, ``ui.launch`` has painted the window's frame before this module (asyncio, qasync, the
services) was even imported; here the context is attached to that window, the pane shown first is
built, and the other panes, the tray, the keyring probe and the sandbox or last profile follow.
Order matters on the way out: the window closes, running calls are cancelled, the HTTP client and
the embedded sandbox are closed — all while the loop still runs — and only then does the loop stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from collections.abc import Awaitable

import platformdirs

# The Qt-free modules load before the first PySide6 import: PySide6 reads the source of every
# module imported after it (looking for `from __feature__ import ...`), which costs start-up time.
# isort: split
from aigc_desktop.services.app_settings import AppSettingsStore
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.request_log import RequestLogStore
from aigc_desktop.services.secrets import SecretStore

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer

from aigc_desktop.ui import event_loop
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.error_hooks import configure_logging, install_error_hooks
from aigc_desktop.ui.first_paint import first_paint
from aigc_desktop.ui.launch import LaunchOptions, build_frame, make_application
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import APPLICATION, QSettingsBackend

translate = QCoreApplication.translate  # lupdate reads translate("app", "...")


async def start_up(ctx: AppContext, *, sandbox: bool) -> None:
    """Check the keyring (never a silent fallback), then open the sandbox or the last profile."""
    status = await ctx.secrets.probe()
    if not status.persistent:
        title = translate(
            "app", "No usable keyring: AppKeys and tokens are kept in memory for this session only."
        )
        ctx.notice.emit("warning", f"{title}\n{status.reason}")
    if sandbox:
        await ctx.start_sandbox_session()
    elif ctx.profiles.active_id:
        await ctx.activate_profile(ctx.profiles.active_id)
    elif ctx.profiles.list():
        await ctx.activate_profile(ctx.profiles.list()[0].id)


async def start_after_first_frame(window: MainWindow, painted: Awaitable[None], *, sandbox: bool) -> None:
    """Once the window is on screen: build the rest of it, then ``start_up`` (keyring, sandbox, profile)."""
    await painted
    window.finish_start_up()
    resume_gc()
    await start_up(window.ctx, sandbox=sandbox)
    settle_gc()


def resume_gc() -> None:
    """Collections back on after the start-up, if the entry point paused them (``cli``).

    What the start-up allocated lives as long as the window: frozen, later collections skip it.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def settle_gc() -> None:
    """One full collection once the start-up has settled, while the window waits for the user.

    ``resume_gc`` froze what the first paint built, which leaves the collector's count of long-lived
    objects at zero; the first burst of work after it (a sign-in, a flood of callbacks) would otherwise
    pay for a full collection of everything imported since (~40,000 objects, a ~15 ms stall). After this
    one, full collections wait until the long-lived heap has grown by a quarter, as they normally do.
    """
    gc.collect()


async def open_request_log() -> RequestLogStore:
    """The persisted request log, read off the GUI thread before the window shows it."""
    store = RequestLogStore(RequestLogStore.default_path())
    await store.load()
    return store


def _close_on_signals(window: MainWindow) -> None:
    """Ctrl+C / SIGTERM close the window, so the normal shutdown path (clients, sandbox) still runs."""

    def handler(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread, or not supported
                signal.signal(number, handler)


async def run_app(args: LaunchOptions, window: MainWindow | None = None) -> int:
    """The app until its window closes; ``window`` is the frame ``ui.launch`` painted (else made here)."""
    app = make_application()
    painted: Awaitable[None]
    if window is None:
        window = build_frame(sandbox=bool(args.sandbox))
        painted = first_paint(window)
        window.show()
    else:
        painted = _done()
    settings = window.settings
    if settings is None:
        raise ValueError("the window needs its settings (ui.launch.build_frame gives it them)")
    preferences = AppSettingsStore(QSettingsBackend(settings))
    ctx = AppContext(
        ProfileStore(QSettingsBackend(settings)), SecretStore(), client_factory=preferences.client_factory()
    )
    ctx.app_settings = preferences
    ctx.request_log = await open_request_log()  # meanwhile the frame's actions wait for ``attach``
    ctx.add_close_hook(ctx.request_log.flush)
    restore_hooks = install_error_hooks(ctx, asyncio.get_running_loop())
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    window.attach(ctx)
    _close_on_signals(window)
    if not window.isVisible():  # closed while the rest of the app was loading
        closed.set()
    label = (
        translate("app", "Starting the sandbox and signing in…")
        if args.sandbox
        else translate("app", "Starting…")
    )
    ctx.run(start_after_first_frame(window, painted, sandbox=bool(args.sandbox)), label)
    try:
        await closed.wait()
    finally:
        await ctx.aclose()
        restore_hooks()
    return 0


async def _done() -> None:
    """Already painted: ``ui.launch`` showed the frame before ``run_app`` started."""


def run_window(window: MainWindow, args: LaunchOptions) -> int:
    """The rest of the app, in the frame ``ui.launch`` painted."""
    configure_logging(log_dir=platformdirs.user_log_dir(APPLICATION, appauthor=False))
    return int(event_loop.run(run_app(args, window)))


def run_self_test_process(args: LaunchOptions) -> int:
    """``--self-test``: sign in on the sandbox (or ``--base-url``), load the account, print, exit."""
    from aigc_desktop.ui.self_test import run_self_test

    configure_logging(log_dir=None)
    make_application()
    return int(event_loop.run(run_self_test(args)))
