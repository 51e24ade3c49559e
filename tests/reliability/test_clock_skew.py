"""Clock skew: the tracker's smoothing and episodes, real Date headers from the sandbox, and the widget.

The sandbox's ``skewDateHeader`` knob makes its Date header follow its (advanced) clock, so the client
measures a server that is minutes ahead, exactly as a user with a slow local clock would.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.clock_skew import (
    SKEW_WARNING_S,
    ClockSkewTracker,
    format_offset,
)
from aigc_desktop.ui.widgets.clock_skew import ClockSkewIndicator
from tests.reliability.gui import GuiApp, client_factory
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AsyncHelper


def test_no_date_header_means_no_reading() -> None:
    tracker = ClockSkewTracker()
    assert tracker.observe(None) is None and tracker.offset_s is None and not tracker.skewed


def test_one_odd_answer_is_smoothed_away() -> None:
    tracker = ClockSkewTracker()
    readings = [tracker.observe(offset) for offset in (0, 1, -1, 0, 400)]
    assert all(r is not None and not r.skewed and not r.episode_started for r in readings)
    assert tracker.offset_s == 0


def test_a_sustained_offset_starts_one_episode_and_a_fixed_clock_ends_it() -> None:
    tracker = ClockSkewTracker()
    started = [r.episode_started for r in (tracker.observe(125.0) for _ in range(6)) if r]
    assert started == [True, False, False, False, False, False]  # warned once, not on every call
    assert tracker.skewed and tracker.offset_s == 125.0
    ends = [r.episode_ended for r in (tracker.observe(0.0) for _ in range(3)) if r]
    assert ends == [False, False, True]  # the median crosses back only once most answers agree
    assert not tracker.skewed
    again = tracker.observe(-200.0), tracker.observe(-200.0), tracker.observe(-200.0)
    assert [r.episode_started for r in again if r] == [False, False, True]  # a new episode warns again


def test_threshold_is_a_minute_and_exclusive() -> None:
    assert SKEW_WARNING_S == 60
    tracker = ClockSkewTracker()
    assert not tracker.observe(60.0).skewed  # type: ignore[union-attr]
    assert tracker.observe(61.0).skewed  # type: ignore[union-attr]  # median of (60, 61)


def test_words() -> None:
    assert format_offset(125) == "2 min 5 s" and format_offset(-45) == "45 s"
    assert format_offset(3 * 3600 + 120) == "3 h 2 min" and format_offset(7200) == "2 h"


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        ClockSkewTracker(threshold_s=0)
    with pytest.raises(ValueError):
        ClockSkewTracker(window=0)


async def test_sandbox_date_header_skew_reaches_the_tracker_through_the_client() -> None:
    tracker = ClockSkewTracker()
    async with SandboxServer() as server:
        config = ClientConfig(base_url=server.base_url, trust_env=False)
        async with PlatformClient(config) as client:
            records: list[CallRecord] = []
            client.add_observer(records.append)
            client.add_observer(tracker.observe_record)
            grant = await client.login(server.demo.app_id, server.demo.app_key)
            offset = records[-1].server_clock_offset_s
            assert not tracker.skewed and offset is not None and abs(offset) <= 2
            server.clock.advance(150)
            server.skew_date_header = True
            for _ in range(3):
                await client.get_account(grant.access_token, server.demo.user_id)
    assert tracker.skewed
    assert 147 <= (tracker.offset_s or 0) <= 152
    assert 147 <= (records[-1].server_clock_offset_s or 0) <= 152


@pytest.fixture
def gui(
    aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> Iterator[GuiApp]:
    app = GuiApp(aio, qtbot, settings, client_factory(read_timeout=5.0))
    yield app
    app.close()


def test_indicator_shows_the_offset_and_the_warning_lasts_as_long_as_the_episode(gui: GuiApp) -> None:
    indicator = ClockSkewIndicator(gui.ctx, gui.window.statusBar())
    gui.aio.run(gui.ctx.model.start_sandbox_session())  # sign-in + account: two answers with a real Date
    gui.wait_idle()

    def warnings() -> list[str]:
        return [t for t in gui.banner_texts() if "behind the platform's clock" in t]

    assert indicator.isHidden() and warnings() == []
    sandbox = gui.ctx.model.sandbox
    sandbox.clock.advance(190)
    sandbox.skew_date_header = True
    for _ in range(4):
        gui.aio.run(gui.ctx.model.load_account())
    assert indicator.isVisible()
    # 190 s ahead, measured through a Date header of 1 s resolution
    assert indicator.text() in {
        "Clock off by 3 min 9 s",
        "Clock off by 3 min 10 s",
        "Clock off by 3 min 11 s",
    }
    assert "behind the platform's clock" in indicator.toolTip() and "NTP" in indicator.toolTip()
    assert len(warnings()) == 1 and "signatures" in warnings()[0] and "NTP" in warnings()[0]

    sandbox.skew_date_header = False  # the user fixed the clock (the server agrees again)
    for _ in range(5):
        gui.aio.run(gui.ctx.model.load_account())
    assert indicator.isHidden() and warnings() == []  # the banner went with the skew

    sandbox.skew_date_header = True  # and it drifted again: a new episode, a new warning
    for _ in range(5):
        gui.aio.run(gui.ctx.model.load_account())
    assert indicator.isVisible() and len(warnings()) == 1
    assert gui.errors == []
