"""The launch: the main window's frame is painted before asyncio and the services load, then attached.

What a user sees first is the real window — title, menus, every pane in the navigation, status bar — and
the app fills it in; nothing pressed in between is lost or crashes the app.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.panes import PANES
from tests.ui.conftest import AppHarness

# Everything the frame must not wait for: the event-loop stack, HTTP, the keyring, the service layer.
NOT_BEFORE_THE_FRAME = (
    "asyncio",
    "qasync",
    "httpx",
    "aiohttp",
    "keyring",
    "aigc_desktop.ui.context",
    "aigc_desktop.services.session",
    "aigc_desktop.services.secrets",
    "aigc_desktop.platform.client",
    "aigc_desktop.platform.models",
)

PROBE = """
import json, sys
from PySide6 import QtCore
from aigc_desktop.ui.startup.frame import show_frame
window = show_frame(sandbox=sys.argv[1] == "sandbox")
print(json.dumps({
    "qt_namespace_built": "Qt" in QtCore.__dict__,
    "visible": window.isVisible(),
    "welcome": window.first_run is not None and window.first_run.isVisible(),
    "title": window.windowTitle(),
    "nav": [window.nav.item(row).text() for row in range(window.nav.count())],
    "menus": [action.text() for action in window.menuBar().actions()],
    "loaded": sorted(sys.modules),
}))
"""


@pytest.mark.parametrize("opening", ["sandbox", "newcomer"])
def test_the_frame_is_painted_before_asyncio_and_the_services_load(tmp_path: Path, opening: str) -> None:
    """``aigc-desktop --sandbox``, and a first start with no profile (its frame shows the welcome page)."""
    env = dict(
        os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen"
    )
    env.pop("QT_LOGGING_RULES", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, opening],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["visible"] and seen["title"] == "AIGC Desktop"
    assert seen["welcome"] == (opening == "newcomer")
    assert seen["nav"] == [spec.TITLE for spec in PANES]  # every pane listed, none built
    assert seen["menus"], "the menu bar is part of the first frame"
    early = [name for name in NOT_BEFORE_THE_FRAME if name in seen["loaded"]]
    assert not early, f"loaded before the first frame: {early}"
    # PySide6 builds the Python enums of the whole Qt namespace the first time any is used (~12 ms here):
    # a `from PySide6.QtCore import Qt` in a module the frame imports is enough to bring them back.
    assert not seen["qt_namespace_built"], "the frame used the Qt namespace's enums"


def test_actions_before_attach_wait_and_attach_shows_the_chosen_pane(
    app: AppHarness, qtbot: QtBot, settings: QSettings
) -> None:
    app.start_sandbox()  # a profile exists: the panes show, not the first-run page
    window = MainWindow(None, settings, defer=True)
    qtbot.addWidget(window)
    window.show()
    assert not window.attached and window.session_label.text() == "Starting…"
    window.menu_actions["sign_in"].trigger()  # a shortcut pressed while only the frame is there
    window.nav.setCurrentRow([spec.PANE_ID for spec in PANES].index("errors"))  # a click on the navigation
    assert all(window.panes.built(pane_id) is None for pane_id in window.panes)
    assert window.menu_actions["quit"].shortcut().isEmpty()  # keys come with the context...
    window.attach(app.ctx)
    assert window.menu_actions["quit"].shortcut().toString() == "Ctrl+Q"  # ...and work from then on
    assert window.menu_actions["pane:token"].shortcut().toString() == "Ctrl+1"
    errors = window.panes.built("errors")
    assert errors is not None and errors.isVisible()  # the click was kept and honoured
    assert window.current_pane_id() == "errors"
    assert "signed in" in window.session_label.text() or "not signed in" in window.session_label.text()
    assert not app.ctx.busy  # the early sign-in shortcut did not start anything behind the user's back


def test_the_frame_opens_on_the_page_the_app_will_show(
    app: AppHarness, qtbot: QtBot, settings: QSettings
) -> None:
    """No saved profile: the welcome page from the first frame on (not the panes, then the welcome page)."""
    newcomer = MainWindow(None, settings, defer=True)
    qtbot.addWidget(newcomer)
    assert newcomer.first_run.isVisibleTo(newcomer) and not newcomer.nav.isVisibleTo(newcomer)
    on_sandbox = MainWindow(None, settings, defer=True, first_run=False)  # `aigc-desktop --sandbox`
    qtbot.addWidget(on_sandbox)
    assert on_sandbox.nav.isVisibleTo(on_sandbox)
    app.start_sandbox()  # saves the sandbox profile
    returning = MainWindow(None, settings, defer=True)
    qtbot.addWidget(returning)
    assert returning.nav.isVisibleTo(returning)
    newcomer.attach(app.ctx)  # the profiles decide once the context is there
    assert newcomer.nav.isVisibleTo(newcomer) and not newcomer.first_run.isVisibleTo(newcomer)
    on_sandbox.attach(app.ctx)
    assert on_sandbox.nav.isVisibleTo(on_sandbox) and on_sandbox.root.indexOf(on_sandbox.first_run) == 0
