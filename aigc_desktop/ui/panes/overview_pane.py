"""Overview: every saved profile in one table — sign-in, token expiry, validity, quotas, last error.

**Refresh all** loads the profiles concurrently, a few at a time, through ``services.fleet.FleetLoader``;
each row fills in as its load ends and fails on its own with its platform code. The worst quota of a
row is highlighted. Double-click on a row opens that profile through ``open_profile``.
Auto-refresh offers the quota pane's intervals.

Qt-only glue: the loading, signing in and history recording are the application model's
(``AppModel.refresh_all`` over ``services.fleet``). ``OverviewTable`` is the widget, built with explicit
dependencies (tests hand in a loader of their own); ``OverviewPane`` puts it in the window on the model.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.platform.models import QUOTA_FIELDS, QuotaUsage
from aigc_desktop.services.fleet import LoadResult
from aigc_desktop.services.forecast import validity
from aigc_desktop.services.history import platform_time
from aigc_desktop.services.profiles import Profile
from aigc_desktop.ui import theme
from aigc_desktop.ui.i18n import profile_display_name, quota_label
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.countdown import format_local
from aigc_desktop.ui.widgets.quota_bar import usage_level
from aigc_desktop.ui.widgets.refresh_interval import fill_interval_combo

if TYPE_CHECKING:
    from aigc_desktop.ui.context import AppContext

_QUOTAS = tuple(spec for spec in QUOTA_FIELDS if spec.kind == "quota")
COL_PROFILE, COL_SIGN_IN, COL_TOKEN, COL_VALIDITY = 0, 1, 2, 3
COL_FIRST_QUOTA = 4
COL_UPDATED = COL_FIRST_QUOTA + len(_QUOTAS)
COL_ERROR = COL_UPDATED + 1


def worst_usage(result: LoadResult) -> QuotaUsage | None:
    """The quota (not concurrency) with the highest share used; None when none is known."""
    config = result.account.resource_config if result.account else None
    known = [u for u in (config.quotas if config else ()) if u.percent is not None]
    return max(known, key=lambda u: u.percent or 0.0) if known else None


class Loader(Protocol):
    """What loads the rows: ``FleetLoader`` itself, or the application model's use case."""

    def load_all(
        self, profiles: Iterable[Profile], on_result: Callable[[LoadResult], object] | None = None
    ) -> Awaitable[list[LoadResult]]: ...


class OverviewTable(QWidget):
    """The table of every saved profile. ``refresh_all()`` returns the loading task (tests await it)."""

    profile_opened = Signal(str)  # the id of the profile double-clicked
    refreshed = Signal()  # a Refresh all finished (every row has its result)
    history_failed = Signal(str)  # one line: the history database refused a snapshot (show it as a banner)

    def __init__(
        self,
        loader: Loader,
        list_profiles: Callable[[], list[Profile]],
        *,
        open_profile: Callable[[str], object] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.loader = loader
        self.list_profiles = list_profiles
        self.clock = clock
        self.results: dict[str, LoadResult] = {}
        self.task: asyncio.Task[list[LoadResult]] | None = None
        self.loading = False
        self._last_history_error: str | None = None
        if open_profile is not None:
            self.profile_opened.connect(open_profile)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(self._build_actions())
        self.table = QTableWidget(0, COL_ERROR + 1)
        self.table.setAccessibleName(self.tr("Profiles overview"))
        headers = [self.tr("Profile"), self.tr("Sign-in"), self.tr("Token expires"), self.tr("Validity")]
        headers += [quota_label(spec) for spec in _QUOTAS]
        headers += [self.tr("Last updated"), self.tr("Last error")]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the table fits its width: no
        header.setSectionResizeMode(COL_PROFILE, QHeaderView.ResizeMode.ResizeToContents)  # sideways
        header.setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 6)  # scrolling; full
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column in range(self.table.columnCount()):  # header texts are in the tooltips
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setToolTip(item.text())
        self.table.cellDoubleClicked.connect(self._open_row)
        layout.addWidget(self.table, 1)
        self.auto_timer = QTimer(self)
        self.auto_timer.timeout.connect(self._auto_refresh)
        self.show_profiles()

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh all"))
        self.refresh_button.setAccessibleName(self.tr("Refresh all profiles"))
        self.refresh_button.clicked.connect(self.refresh_all)
        row.addWidget(self.refresh_button)
        row.addWidget(QLabel(self.tr("Auto-refresh:")))
        self.auto_combo = QComboBox()
        self.auto_combo.setAccessibleName(self.tr("Auto-refresh interval"))
        fill_interval_combo(self.auto_combo)
        self.auto_combo.currentIndexChanged.connect(self._auto_changed)
        row.addWidget(self.auto_combo)
        row.addStretch(1)
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Overview summary"))
        row.addWidget(self.summary)
        return row

    # --- actions -----------------------------------------------------------------------------

    def refresh_all(self) -> asyncio.Task[list[LoadResult]] | None:
        """Load every saved profile (a few at a time); a refresh already running is not doubled."""
        if self.task is not None and not self.task.done():
            return self.task
        profiles = self.show_profiles()
        if not profiles:
            return None
        self.refresh_button.setEnabled(False)
        self.loading = True
        self.summary.setText(self.tr("Loading %1 profiles…").replace("%1", str(len(profiles))))

        async def load() -> list[LoadResult]:
            try:
                return await self.loader.load_all(profiles, on_result=self.show_result)
            finally:
                self.loading = False
                self.refresh_button.setEnabled(True)
                self._summarise()
                self.refreshed.emit()

        self.task = asyncio.ensure_future(load())
        return self.task

    def _auto_changed(self) -> None:
        seconds = int(self.auto_combo.currentData() or 0)
        if seconds:
            self.auto_timer.start(seconds * 1000)
        else:
            self.auto_timer.stop()

    def _auto_refresh(self) -> None:
        if self.task is None or self.task.done():
            self.refresh_all()

    def _open_row(self, row: int, _column: int) -> None:
        item = self.table.item(row, COL_PROFILE)
        if item is not None:
            self.profile_opened.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    # --- view --------------------------------------------------------------------------------

    def row_of(self, profile_id: str) -> int:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, COL_PROFILE)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == profile_id:
                return row
        return -1

    def show_profiles(self) -> list[Profile]:
        """One row per saved profile (keeps the last results of profiles still saved)."""
        profiles = self.list_profiles()
        ids = {p.id for p in profiles}
        self.results = {k: v for k, v in self.results.items() if k in ids}
        self.table.setRowCount(len(profiles))
        for row, profile in enumerate(profiles):
            name = QTableWidgetItem(profile_display_name(profile.name, profile.is_sandbox))
            name.setData(Qt.ItemDataRole.UserRole, profile.id)
            name.setToolTip(f"{profile.app_id} — {profile.base_url}")
            self.table.setItem(row, COL_PROFILE, name)
            previous = self.results.get(profile.id)
            if previous is not None:
                self._fill(row, previous)
            else:
                for column in range(COL_SIGN_IN, COL_ERROR + 1):
                    self.table.setItem(row, column, QTableWidgetItem("—" if column != COL_ERROR else ""))
        self._summarise()
        return profiles

    def show_result(self, result: LoadResult) -> None:
        """Fill one row as its load ends; a failed load keeps the row's last numbers and shows the error."""
        shown = result.keeping_numbers_of(self.results.get(result.profile.id))
        self.results[result.profile.id] = shown
        if result.history_error and result.history_error != self._last_history_error:
            self._last_history_error = result.history_error
            self.history_failed.emit(result.history_error)
        row = self.row_of(result.profile.id)
        if row >= 0:
            self._fill(row, shown)

    def _fill(self, row: int, result: LoadResult) -> None:
        now = self.clock()
        sign_in = self.tr("Signed in") if result.signed_in else self.tr("Not signed in")
        self._set(row, COL_SIGN_IN, sign_in)
        self._set(row, COL_TOKEN, format_local(result.token_expires_at))
        basic = result.account.basic_info if result.account else None
        left = validity(platform_time(basic.effective_end) if basic else None, now)
        if left is None:
            validity_text = "—"
        elif left.ended:
            validity_text = self.tr("Ended")
        else:
            validity_text = (
                self.tr("1 day left")
                if left.days_left == 1
                else self.tr("%1 days left").replace("%1", str(left.days_left))
            )
        self._set(row, COL_VALIDITY, validity_text)
        config = result.account.resource_config if result.account else None
        worst = worst_usage(result)
        for offset, spec in enumerate(_QUOTAS):
            usage = config.usage(spec) if config else None
            if usage is None or not usage.known:
                text = "—"
            else:
                text = f"{usage.used:,} / {usage.total:,} ({usage.percent:.0f}%)"
            item = self._set(row, COL_FIRST_QUOTA + offset, text)
            if worst is not None and usage is not None and usage.spec.key == worst.spec.key:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
                colour = QColor(theme.colour(f"quota.{usage_level(worst.percent)}"))
                item.setForeground(QBrush(colour))
                item.setToolTip(self.tr("The most used quota of this profile"))
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, self.tr("most used"))
        self._set(row, COL_UPDATED, format_local(result.loaded_at))
        error = ""
        if result.error:
            error = result.error
            if result.error_code is not None and str(result.error_code) not in error:
                error = f"{result.error_code}: {error}"  # the code always shows
        elif result.history_error:
            error = result.history_error
        item = self._set(row, COL_ERROR, error)
        item.setToolTip(error)
        if result.error:
            item.setForeground(QBrush(QColor(theme.colour("text.error"))))

    def _set(self, row: int, column: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        self.table.setItem(row, column, item)
        return item

    def _summarise(self) -> None:
        if self.loading:
            return
        failed = sum(1 for r in self.results.values() if r.error)
        total = self.table.rowCount()
        if not total:
            self.summary.setText(self.tr("No saved profiles yet"))
        elif not self.results:
            self.summary.setText(self.tr("Not loaded"))
        elif failed:
            self.summary.setText(
                self.tr("%1 of %2 profiles failed to load")
                .replace("%1", str(failed))
                .replace("%2", str(total))
            )
        else:
            loaded = len(self.results)
            self.summary.setText(
                self.tr("1 profile loaded")
                if loaded == 1
                else self.tr("%1 profiles loaded").replace("%1", str(loaded))
            )


class OverviewPane(Pane):
    """Every saved profile at once; double-click opens one (it becomes the active profile)."""

    PANE_ID = "overview"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Overview"))
    ICON = "layout-dashboard"
    WATCHES = frozenset({Aspect.PROFILES, Aspect.OVERVIEW})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table_view = OverviewTable(
            ctx.model, lambda: list(ctx.state.profiles), open_profile=self.open_profile
        )
        self.table_view.history_failed.connect(lambda text: ctx.notice.emit("warning", text))
        layout.addWidget(self.table_view)

    def show_state(self, state: AppState) -> None:
        """Rows for the saved profiles, each with the model's latest load of it (from any pane)."""
        self.table_view.show_profiles()
        for result in state.overview.values():
            if self.table_view.results.get(result.profile.id) is not result:
                self.table_view.show_result(result)

    def open_profile(self, profile_id: str) -> None:
        self.ctx.run(self.ctx.model.activate_profile(profile_id), self.tr("Switching profile…"))
        self.ctx.navigate.emit("token")
