"""Journey: the request log holds the calls made before its pane was ever opened."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.startup.self_test import run_self_test
from tests.services.memory_keyring import MemoryKeyring


def test_calls_before_the_pane_was_built_are_listed_when_it_opens(
    aio, qtbot: QtBot, settings, memory_keyring: MemoryKeyring
) -> None:
    ctx = AppContext(AppModel.in_memory("test"))
    window = MainWindow(ctx, settings, defer=True, first_run=False)  # as the app: panes built on demand
    qtbot.addWidget(window)
    window.show()
    try:
        aio.run(ctx.model.start_sandbox_session())
        assert window.panes.built("request_log") is None
        pane = window.show_pane("request_log")
        rows = [pane.table.item(row, 2).text() for row in range(pane.table.rowCount())]
        assert rows[-1] == "/api/uc/v1/access/api/token"
        assert rows[0].startswith("/api/2dvh/v1/user/config/resource")
        assert pane.count_label.text() == "2 of 2 calls"
    finally:
        aio.run(ctx.aclose())


def test_a_self_test_records_its_calls_in_the_model(aio, capsys, monkeypatch) -> None:
    seen: list[AppModel] = []
    original = AppModel.in_memory.__func__  # type: ignore[attr-defined]

    def remember(cls: type[AppModel], *args: str, **options: object) -> AppModel:
        model = original(cls, *args, **options)
        seen.append(model)
        return model

    monkeypatch.setattr(AppModel, "in_memory", classmethod(remember))

    class Args:
        sandbox = False
        self_test = True
        base_url = None
        app_id = None

    assert aio.run(run_self_test(Args()), timeout_ms=30_000) == 0
    assert "self-test ok" in capsys.readouterr().out
    (model,) = seen
    assert [entry.path for entry in model.request_log_entries()] == [
        "/api/uc/v1/access/api/token",
        "/api/2dvh/v1/user/config/resource",
    ]
