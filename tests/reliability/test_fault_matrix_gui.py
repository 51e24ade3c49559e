"""A representative subset of the fault matrix in the real window: it stays responsive, the banner explains.

While each fault plays out (a stall past the read timeout, a trickling body, gateway errors and resets
that the GET retries with backoff), a QTimer heartbeat keeps ticking and a click posted through the
event queue is handled; then the banner shows what the user must read.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aigc_desktop.platform import endpoints
from tests.reliability.gui import GuiApp, Heartbeat, button, client_factory, post_click
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AsyncHelper

CASES = [
    # (fault kind, seconds, path, pane, button, banner words, requests expected)
    ("delay", 30, endpoints.LOGIN.path, "token", "sign_in_button", "No answer within 2.5 s", 1),
    ("slow_body", 40, endpoints.ACCOUNT.path, "quotas", "refresh_button", "No answer within 2.5 s", 1),
    ("http503", None, endpoints.ACCOUNT.path, "account", "reload_button", "HTTP 503", 3),
    ("reset", None, endpoints.ACCOUNT.path, "quotas", "refresh_button", "reset or closed", 3),
]


@pytest.fixture
def gui(
    aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> Iterator[GuiApp]:
    app = GuiApp(aio, qtbot, settings, client_factory(read_timeout=2.5, backoff=0.6))
    app.aio.run(app.ctx.model.start_sandbox_session())
    app.wait_idle()
    yield app
    app.close()


@pytest.mark.parametrize(
    ("kind", "seconds", "path", "pane_id", "button_name", "words", "expected_requests"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_window_stays_responsive_while_a_fault_plays_out(
    gui: GuiApp,
    kind: str,
    seconds: float | None,
    path: str,
    pane_id: str,
    button_name: str,
    words: str,
    expected_requests: int,
) -> None:
    sandbox = gui.ctx.model.sandbox
    tokens_before = gui.ctx.model.session.tokens if gui.ctx.model.session else None
    assert tokens_before is not None
    sandbox.faults.add(path, kind, 10, seconds=seconds)
    sandbox.requests.clear()
    heartbeat = Heartbeat(interval_ms=20)
    try:
        button(gui.pane(pane_id), button_name).click()
        gui.wait(lambda: gui.ctx.busy)

        # While the call is stuck: the timer keeps firing and a posted click is handled.
        start = heartbeat.ticks
        gui.wait(lambda: heartbeat.ticks >= start + 5)
        assert gui.ctx.busy, "the fault ended before the window could be checked"
        profiles = gui.pane("profiles")
        new_button = button(profiles, "new_button")
        clicks: list[bool] = []
        new_button.clicked.connect(lambda: clicks.append(True))
        post_click(new_button)
        gui.wait(lambda: bool(clicks))
        assert gui.ctx.busy

        # Then the banner says what happened, in the user's words.
        gui.wait(lambda: any(words in text for text in gui.banner_texts()), timeout_ms=20_000)
        gui.wait_idle()
    finally:
        heartbeat.stop()
    faulted = 10 - sum(f.remaining for f in sandbox.faults.pending() if f.path == path)
    assert faulted == expected_requests
    session = gui.ctx.model.session
    assert session is not None and session.tokens is tokens_before  # nothing lost
    assert len(gui.errors) == 1
