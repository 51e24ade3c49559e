"""Panes are listed from light specs and built on first use; a deferred window builds the rest later."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.panes import PANES, Pane, pane_classes
from tests.ui.conftest import AppHarness


def test_every_spec_matches_its_pane_class() -> None:
    classes = pane_classes()  # load() raises when a spec and its class disagree
    assert [c.PANE_ID for c in classes] == [s.PANE_ID for s in PANES]
    assert all(issubclass(c, Pane) for c in classes)


def test_a_deferred_window_builds_the_shown_pane_then_the_rest(app: AppHarness, qtbot: QtBot) -> None:
    app.start_sandbox()  # a profile: the panes show, not the first-run page
    window = MainWindow(app.ctx, app.settings, defer=True)
    qtbot.addWidget(window)
    window.show()
    built = [pane_id for pane_id in window.panes if window.panes.built(pane_id) is not None]
    assert built == [window.current_pane_id()] == ["token"]
    assert window.tray is None and window.clock_skew is None
    assert window.nav.count() == len(PANES)  # every pane is listed without being built
    errors = window.show_pane("errors")
    assert errors is not None and window.panes.built("errors") is errors and errors.isVisible()
    window.finish_start_up()
    assert all(window.panes.built(pane_id) is not None for pane_id in window.panes)
    assert window.tray is not None and window.clock_skew is not None
    app.aio.run(app.ctx.model.load_account())
    assert window.panes["quotas"].account is not None  # type: ignore[attr-defined]


def test_no_pane_is_built_behind_the_first_run_page(app: AppHarness, qtbot: QtBot) -> None:
    window = MainWindow(app.ctx, app.settings, defer=True)
    qtbot.addWidget(window)
    window.show()
    assert window.root.currentIndex() == 0  # no profile yet
    assert all(window.panes.built(pane_id) is None for pane_id in window.panes)
    assert window.current_pane_id() == "token"  # selected, built when the panes show
    app.start_sandbox()  # the sandbox profile replaces the first-run page
    token = window.panes.built("token")
    assert window.root.currentIndex() == 1 and token is not None and token.isVisible()


def test_the_pane_map_builds_on_lookup_only(app: AppHarness, qtbot: QtBot) -> None:
    window = MainWindow(app.ctx, app.settings, defer=True)
    qtbot.addWidget(window)
    assert "request_log" in window.panes and window.panes.built("request_log") is None
    assert list(window.panes) == [spec.PANE_ID for spec in PANES]
    assert len(list(window.panes.values())) == len(PANES)  # values() builds every pane
    assert all(window.panes.built(pane_id) is not None for pane_id in window.panes)
