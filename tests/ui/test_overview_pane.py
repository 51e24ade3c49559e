"""The Overview pane and the quota chart, driven with pytest-qt against several sandbox accounts, one failing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.usage_growth import UsageGrowth
from aigc_desktop.services.fleet import FleetLoader
from aigc_desktop.services.history import HistoryStore
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore
from aigc_desktop.services.secrets import SecretKind, SecretStore
from aigc_desktop.ui.panes.overview_pane import (
    COL_ERROR,
    COL_FIRST_QUOTA,
    COL_SIGN_IN,
    COL_VALIDITY,
    OverviewTable,
)
from aigc_desktop.ui.widgets.quota_chart import QuotaChart
from tests.monitoring.helpers import accounts, profile_for
from tests.ui.conftest import AsyncHelper


def _factory(profile: Profile) -> PlatformClient:
    return PlatformClient(ClientConfig(base_url=profile.base_url, trust_env=False, backoff_base=0.01))


class Fleet:
    def __init__(self, aio: AsyncHelper, tmp_path: Path) -> None:
        self.server = SandboxServer(accounts(3, disabled=1))
        aio.run(self.server.start())
        self.store = ProfileStore(DictBackend())
        self.secrets = SecretStore.session_only("test")
        for account in self.server.accounts:
            profile = self.store.save(profile_for(account, self.server.base_url, sandbox=True))
            aio.run(self.secrets.set(profile.id, SecretKind.APP_KEY, account.app_key))
        self.history = HistoryStore.open(tmp_path / "history.sqlite3")
        self.loader = FleetLoader(
            self.store,
            self.secrets,
            history=self.history,
            client_factory=_factory,
            clock=self.server.clock.now_datetime,
        )


@pytest.fixture
def fleet(aio: AsyncHelper, tmp_path: Path) -> Iterator[Fleet]:
    made = Fleet(aio, tmp_path)
    yield made
    aio.run(made.loader.aclose())
    aio.run(made.server.stop())
    made.history.close()


def _pane(fleet: Fleet, qtbot: QtBot, opened: list[str]) -> OverviewTable:
    pane = OverviewTable(
        fleet.loader, fleet.store.list, open_profile=opened.append, clock=fleet.server.clock.now_datetime
    )
    qtbot.addWidget(pane)
    pane.resize(1100, 300)
    pane.show()
    return pane


def test_refresh_all_fills_every_row_and_one_fails_alone(
    aio: AsyncHelper, qtbot: QtBot, fleet: Fleet
) -> None:
    opened: list[str] = []
    pane = _pane(fleet, qtbot, opened)
    assert pane.table.rowCount() == 3 and pane.summary.text() == "Not loaded"
    task = pane.refresh_all()
    assert task is not None and not pane.refresh_button.isEnabled()
    aio.wait_task(task)
    table = pane.table
    assert table.item(0, COL_SIGN_IN).text() == "Signed in"
    assert table.item(0, COL_VALIDITY).text() == "199 days left"  # 200 days less the seconds since
    assert table.item(0, COL_FIRST_QUOTA + 2).text() == "11 / 21 (52%)"
    assert table.item(0, COL_ERROR).text() == ""
    assert table.item(1, COL_ERROR).text().startswith("Platform error 60102129: ")
    assert table.item(1, COL_SIGN_IN).text() == "Not signed in"
    assert table.item(2, COL_FIRST_QUOTA).text() == "2 / 12 (17%)"
    assert pane.summary.text() == "1 of 3 profiles failed to load"
    assert pane.refresh_button.isEnabled()


def test_the_worst_quota_is_highlighted(aio: AsyncHelper, qtbot: QtBot, fleet: Fleet) -> None:
    fleet.server.update_resources({"genCharModelUsageQty": 11}, app_id="team-2")  # 11/12 beats 11/21
    pane = _pane(fleet, qtbot, [])
    aio.wait_task(pane.refresh_all())  # type: ignore[arg-type]
    bold = [pane.table.item(2, COL_FIRST_QUOTA + i).font().bold() for i in range(3)]
    assert bold == [True, False, False]
    bold_team0 = [pane.table.item(0, COL_FIRST_QUOTA + i).font().bold() for i in range(3)]
    assert bold_team0 == [False, False, True]


def test_double_click_opens_the_profile(aio: AsyncHelper, qtbot: QtBot, fleet: Fleet) -> None:
    opened: list[str] = []
    pane = _pane(fleet, qtbot, opened)
    rect = pane.table.visualItemRect(pane.table.item(2, 0))
    qtbot.mouseClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pane.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["p-team-2"]


def test_a_failing_refresh_keeps_the_last_numbers_and_shows_the_error(
    aio: AsyncHelper, qtbot: QtBot, fleet: Fleet
) -> None:
    pane = _pane(fleet, qtbot, [])
    aio.wait_task(pane.refresh_all())  # type: ignore[arg-type]
    fleet.server.faults.add("/api/2dvh/v1/user/config/resource", "rate_limit", count=100)
    aio.wait_task(pane.refresh_all())  # type: ignore[arg-type]
    assert pane.table.item(0, COL_FIRST_QUOTA + 2).text() == "11 / 21 (52%)"
    assert "89999999" in pane.table.item(0, COL_ERROR).text()


def test_auto_refresh_uses_the_quota_panes_intervals(qtbot: QtBot, fleet: Fleet) -> None:
    pane = _pane(fleet, qtbot, [])
    pane.auto_combo.setCurrentIndex(pane.auto_combo.findData(30))
    assert pane.auto_timer.isActive() and pane.auto_timer.interval() == 30_000
    pane.auto_combo.setCurrentIndex(pane.auto_combo.findData(0))
    assert not pane.auto_timer.isActive()


def test_chart_shows_use_over_time_and_a_forecast(
    aio: AsyncHelper, qtbot: QtBot, fleet: Fleet, tmp_path: Path
) -> None:
    fleet.server.state.usage_growth = UsageGrowth(percent_per_hour=1.0)
    profile = fleet.store.get("p-team-0")
    assert profile is not None
    chart = QuotaChart()
    qtbot.addWidget(chart)
    chart.resize(600, 320)
    chart.show()
    for _ in range(4):
        aio.run(fleet.loader.load(profile))
        fleet.server.clock.advance(6 * 3600)
    now = fleet.server.clock.now_datetime()
    chart.set_history(fleet.history.snapshots(profile.id, sandbox=True), now)
    chart.quota_combo.setCurrentIndex(chart.quota_combo.findData("videoDuration"))
    assert len(chart.plot.points) == 4
    assert [p.used for p in chart.plot.points] == [11, 12, 13, 14]
    assert chart.forecast_label.text().startswith("At the last 14 days' rate, runs out around ")
    assert chart.validity_label.text().startswith("Service validity ends in")
    chart.set_history(fleet.history.snapshots(profile.id, sandbox=True)[:1], now)
    assert chart.forecast_label.text() == "Not enough history yet"
    chart.set_history(fleet.history.snapshots(profile.id, sandbox=True), now)
    target = tmp_path / "history.csv"
    with qtbot.waitSignal(chart.exported, timeout=5000):
        chart.export_csv(target)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 5 and lines[0].startswith("taken_at,profile_id,sandbox")


def test_chart_export_failure_is_one_line(aio: AsyncHelper, qtbot: QtBot, tmp_path: Path) -> None:
    chart = QuotaChart()
    qtbot.addWidget(chart)
    with qtbot.waitSignal(chart.export_failed, timeout=5000) as caught:
        chart.export_csv(tmp_path / "missing-folder" / "x.csv")
    assert "\n" not in caught.args[0] and "Could not write" in caught.args[0]


def test_a_locked_history_is_reported_once_for_a_banner_and_rows_still_fill(
    aio: AsyncHelper, qtbot: QtBot, fleet: Fleet
) -> None:
    import sqlite3

    fleet.history.close()
    fleet.history = HistoryStore.open(fleet.history.path, timeout_s=0.05)
    fleet.loader._history = fleet.history
    holder = sqlite3.connect(fleet.history.path)
    holder.execute("BEGIN IMMEDIATE")
    pane = _pane(fleet, qtbot, [])
    reported: list[str] = []
    pane.history_failed.connect(reported.append)
    try:
        aio.wait_task(pane.refresh_all())  # type: ignore[arg-type]
    finally:
        holder.rollback()
        holder.close()
    assert len(reported) == 1 and "locked" in reported[0] and "\n" not in reported[0]
    assert pane.table.item(0, COL_FIRST_QUOTA + 2).text() == "11 / 21 (52%)"
    assert "locked" in pane.table.item(0, COL_ERROR).text()
