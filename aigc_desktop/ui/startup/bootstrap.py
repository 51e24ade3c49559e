"""Bootstrap: the application model and its Qt adapter on a qasync loop (``event_loop``), in the painted frame.

On the way in, ``startup.frame`` has painted the window's frame before this module (asyncio, qasync,
the services, the model) was even imported; here the ``AppModel`` is made, its ``AppContext`` attached
to that window, the pane shown first is built, and the other panes, the tray, the keyring probe and
the sandbox or last profile follow. Order matters on the way out: the window closes, running calls
are cancelled, the receiver, the HTTP client and the embedded sandbox are closed — all while the loop
still runs — and only then does the loop stop.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
from collections.abc import Awaitable

import platformdirs

# The Qt-free modules load before the first PySide6 import: PySide6 reads the source of every
# module imported after it (looking for `from __feature__ import ...`).
# isort: split
from aigc_desktop.application.model import AppModel
from aigc_desktop.services import history
from aigc_desktop.services.app_settings import AppSettingsStore
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.request_log import RequestLogStore

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer

from aigc_desktop.ui import event_loop
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.error_hooks import configure_logging, install_error_hooks
from aigc_desktop.ui.gc_on_gui_thread import GuiThreadCollector
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import APPLICATION, QSettingsBackend
from aigc_desktop.ui.startup.first_paint import first_paint
from aigc_desktop.ui.startup.frame import LaunchOptions, build_frame, make_application

translate = QCoreApplication.translate  # lupdate reads translate("app", "...")
# ``--sandbox``: quotas grow by this share of their total per hour, so the history chart moves in a demo
SANDBOX_USAGE_GROWTH = 10.0


async def start_after_first_frame(window: MainWindow, painted: Awaitable[None], *, sandbox: bool) -> None:
    """Once the window is on screen: build the rest of it, then start the model (keyring, sandbox, profile)."""
    await painted
    window.finish_start_up()
    resume_gc()
    await window.ctx.model.start(sandbox=sandbox)
    settle_gc()


def resume_gc() -> GuiThreadCollector:
    """Collections back after the start-up (the entry point paused them, ``cli``), on the GUI thread only.

    What the start-up allocated lives as long as the window: frozen, later collections skip it. The
    collector stays automatic-off (``ui.gc_on_gui_thread``): a collection on a worker thread could
    destroy a Qt object there.
    """
    global _collector
    gc.freeze()
    if _collector is None:
        _collector = GuiThreadCollector()
    return _collector


_collector: GuiThreadCollector | None = None


def settle_gc() -> None:
    """One full collection once the start-up has settled, while the window waits for the user.

    ``resume_gc`` froze what the first paint built, which leaves the collector's count of long-lived
    objects at zero; the first burst of work after it (a sign-in, a flood of callbacks) would otherwise
    pay for a full collection of everything imported since (a stall the responsiveness benchmark shows). After this
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
    """The app until its window closes; ``window`` is the frame ``startup.frame`` painted (else made here)."""
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
        raise ValueError("the window needs its settings (startup.frame.build_frame gives it them)")
    preferences = AppSettingsStore(QSettingsBackend(settings))
    model = AppModel(
        ProfileStore(QSettingsBackend(settings)),
        client_factory=preferences.client_factory(),
        request_log=await open_request_log(),  # meanwhile the frame's actions wait for ``attach``
        history_path=history.default_path(),
        sandbox_usage_growth=SANDBOX_USAGE_GROWTH if args.sandbox else None,
    )
    model.set_quota_refresh(preferences.load().quota_refresh_s)
    ctx = AppContext(model)
    ctx.app_settings = preferences
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
    """Already painted: ``startup.frame`` showed the frame before ``run_app`` started."""


def run_window(window: MainWindow, args: LaunchOptions) -> int:
    """The rest of the app, in the frame ``startup.frame`` painted."""
    configure_logging(log_dir=platformdirs.user_log_dir(APPLICATION, appauthor=False))
    return int(event_loop.run(run_app(args, window)))
