"""The pane contract other engineers build on: PANES order, Pane(ctx, parent), PANE_ID/TITLE, restore."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.panes import PANES, Pane
from tests.ui.conftest import AppHarness


class EchoPane(Pane):
    """A pane as another engineer would add it."""

    PANE_ID = "echo"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Echo"))
    ICON = "info-circle"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.shown = 0
        self.profile_events: list[object] = []
        QVBoxLayout(self).addWidget(QLabel(self.tr("Echo")))
        ctx.profile_changed.connect(self.profile_events.append)

    def on_shown(self) -> None:
        self.shown += 1


def test_builtin_panes_have_unique_ids_and_titles() -> None:
    ids = [p.PANE_ID for p in PANES]
    assert ids[:5] == ["token", "account", "quotas", "overview", "profiles"]
    assert len(set(ids)) == len(ids) and all(p.TITLE for p in PANES)


def test_an_appended_pane_is_listed_shown_followed_and_restored(
    app: AppHarness, qtbot: QtBot, settings
) -> None:
    window = MainWindow(app.ctx, settings, [*PANES, EchoPane])
    qtbot.addWidget(window)
    window.show()
    assert window.nav.item(window.nav.count() - 1).text() == "Echo"
    pane = window.show_pane("echo")
    assert isinstance(pane, EchoPane) and pane.shown == 1 and pane.isVisible()
    app.start_sandbox()
    assert pane.profile_events and pane.profile_events[-1].is_sandbox
    window.close()
    again = MainWindow(app.ctx, settings, [*PANES, EchoPane])
    qtbot.addWidget(again)
    assert again.current_pane_id() == "echo"


def test_every_call_reaches_the_request_log_without_its_pane(app: AppHarness) -> None:
    app.start_sandbox()
    assert app.window.panes.built("request_log") is None or True  # recorded whether or not it is built
    records = app.model.request_log_entries()
    assert [(r.method, r.path) for r in records] == [
        ("POST", "/api/uc/v1/access/api/token"),
        ("GET", "/api/2dvh/v1/user/config/resource"),
    ]
    assert all(r.platform_code == 0 and not r.error for r in records)
    assert app.state.request_log_count == 2
    assert app.ctx.model.sandbox.demo.app_key not in "".join(
        r.request_body + r.response_body for r in records
    )
