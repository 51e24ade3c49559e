"""The main window's frame, painted before the rest of the app is imported.

The first frame is what a desktop tool is first judged by, and most of what the app imports is not
needed to draw it (asyncio, qasync, httpx, the services and the application model). So this module
imports only Qt and the few modules the frame needs (settings, translator, theme, menus, the
navigation list), shows the ``MainWindow`` frame and runs Qt's own loop until it is painted; then
``startup.bootstrap`` attaches the app to the same window — no second window, no swap.
``tests/ui/test_launch.py`` keeps asyncio and the services out of the frame.
"""

from __future__ import annotations

import sys
from typing import Protocol

# The Qt-free modules load before the first PySide6 import: PySide6 reads the source of every module
# imported after it (looking for `from __feature__ import ...`).
# isort: split
from aigc_desktop.platform.resources import resources_dir
from aigc_desktop.services import preference_keys  # noqa: F401  (read by the frame's modules below)
from aigc_desktop.services.xcb_check import exit_if_xcb_libraries_missing

# isort: split
from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from aigc_desktop.ui.i18n import install_translator
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import APPLICATION, ORGANIZATION, default_settings
from aigc_desktop.ui.startup.paint_watch import PaintWatcher


class LaunchOptions(Protocol):
    """What the GUI reads of the command line (``cli.GuiOptions`` or an argparse namespace)."""

    @property
    def sandbox(self) -> bool: ...

    @property
    def self_test(self) -> bool: ...

    @property
    def base_url(self) -> str | None: ...

    @property
    def app_id(self) -> str | None: ...


DESKTOP_FILE_NAME = "com.softsugar.AigcDesktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        exit_if_xcb_libraries_missing()  # before Qt's own abort, which names the wrong package
        app = QApplication([sys.argv[0]])  # never hand argv to Qt: it is ours alone
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setQuitOnLastWindowClosed(False)  # we quit ourselves, after closing clients
    app.setDesktopFileName(DESKTOP_FILE_NAME)  # Wayland matches the window to the menu entry and icon
    app.setWindowIcon(app_icon())
    return app


def app_icon() -> QIcon:
    """The application icon at every size shipped in ``resources/icons``."""
    icon = QIcon()
    for size in ICON_SIZES:
        path = resources_dir() / "icons" / f"aigc-desktop-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def build_frame(*, sandbox: bool = False) -> MainWindow:
    """The application, its translator and the main window's frame (not shown yet).

    ``sandbox``: the app opens on the sandbox, so the frame shows the panes, not the welcome page.
    """
    app = make_application()
    settings = default_settings()
    install_translator(app, settings)  # before any widget is built: widgets translate once
    return MainWindow(None, settings, defer=True, first_run=False if sandbox else None)


def show_frame(*, sandbox: bool = False) -> MainWindow:
    """The main window's frame, on screen and painted (or, minimised or hidden, after a second).

    Runs Qt's own loop, so call it before an asyncio loop runs (``run_gui`` does).
    """
    window = build_frame(sandbox=sandbox)
    painted = QEventLoop()
    PaintWatcher(window, painted.quit)
    window.show()
    # clicks wait until the window can act on them (``MainWindow.attach``)
    painted.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    return window
