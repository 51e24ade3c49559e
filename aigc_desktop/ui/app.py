"""Bootstrap: QApplication on a qasync loop (``event_loop``), the services, the main window, and a clean shutdown.

On the way in, the window is shown with only what its first frame needs (the pane shown first);
the other panes, the tray, the keyring probe and the sandbox or last profile follow the first frame.
Order matters on the way out: the window closes, running calls are cancelled, the HTTP client and
the embedded sandbox are closed — all while the loop still runs — and only then does the loop stop.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import signal
import sys
from collections.abc import Awaitable

import platformdirs

# The Qt-free modules load before the first PySide6 import: PySide6 reads the source of every
# module imported after it (looking for `from __feature__ import ...`), which costs start-up time.
# isort: split
from aigc_desktop.platform.resources import resources_dir
from aigc_desktop.services.app_settings import AppSettingsStore
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.request_log import RequestLogStore
from aigc_desktop.services.secrets import SecretStore

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from aigc_desktop.ui import event_loop
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.error_hooks import configure_logging, install_error_hooks
from aigc_desktop.ui.first_paint import first_paint
from aigc_desktop.ui.i18n import install_translator
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import APPLICATION, ORGANIZATION, QSettingsBackend, default_settings

translate = QCoreApplication.translate  # lupdate reads translate("app", "...")


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0]])  # never hand argv to Qt: it is ours alone
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setQuitOnLastWindowClosed(False)  # we quit ourselves, after closing clients
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # Wayland matches the window to the menu entry and icon
    app.setWindowIcon(app_icon())
    return app


DESKTOP_FILE_NAME = "com.softsugar.AigcDesktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon at every size shipped in ``resources/icons``."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resources_dir() / "icons" / f"aigc-desktop-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


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


def resume_gc() -> None:
    """Collections back on after the start-up, if the entry point paused them (``run_gui``).

    What the start-up allocated lives as long as the window: frozen, later collections skip it.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


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


async def run_app(args: argparse.Namespace) -> int:
    app = make_application()
    settings = default_settings()
    install_translator(app, settings)  # before any widget is built; the self-test stays English
    preferences = AppSettingsStore(QSettingsBackend(settings))
    ctx = AppContext(
        ProfileStore(QSettingsBackend(settings)), SecretStore(), client_factory=preferences.client_factory()
    )
    ctx.app_settings = preferences
    ctx.request_log = await open_request_log()
    ctx.add_close_hook(ctx.request_log.flush)
    restore_hooks = install_error_hooks(ctx, asyncio.get_running_loop())
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    window = MainWindow(ctx, settings, defer=True)
    painted = first_paint(window)
    window.show()
    _close_on_signals(window)
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


def run_gui(args: argparse.Namespace) -> int:
    """Entry point from ``aigc_desktop.cli``: the window, or ``--self-test``."""
    gc.disable()  # until the window is up (``resume_gc``): the start-up allocates long-lived objects
    if args.self_test:
        from aigc_desktop.ui.self_test import run_self_test

        configure_logging(log_dir=None)
        make_application()
        return int(event_loop.run(run_self_test(args)))
    if args.base_url or args.app_id:
        print("aigc-desktop: --base-url and --app-id are used only with --self-test", file=sys.stderr)
        return 2
    configure_logging(log_dir=platformdirs.user_log_dir(APPLICATION, appauthor=False))
    make_application()
    return int(event_loop.run(run_app(args)))
