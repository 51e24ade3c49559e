"""Quota pane: the three quotas and three concurrency limits as bars, refresh, auto-refresh and export."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.platform.models import QUOTA_FIELDS, Account
from aigc_desktop.services.notifications import Thresholds
from aigc_desktop.services.quota_export import write_export
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.i18n import current_language, quota_label, quota_unit, quota_unit_note
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.countdown import format_local
from aigc_desktop.ui.widgets.file_dialogs import export_dialog
from aigc_desktop.ui.widgets.quota_bar import QuotaBar
from aigc_desktop.ui.widgets.refresh_interval import fill_interval_combo

if TYPE_CHECKING:
    from aigc_desktop.ui.widgets.quota_chart import QuotaChart


class QuotaPane(Pane):
    PANE_ID = "quotas"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Quotas"))  # marked for lupdate, translated by display_title()
    ICON = "gauge"
    WATCHES = frozenset(
        {Aspect.PROFILES, Aspect.SESSION, Aspect.ACCOUNT, Aspect.PREFERENCES, Aspect.HISTORY, "jobs"}
    )

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._shown: Account | None = None
        self.chart: QuotaChart | None = None  # built when the pane is first shown (its module loads then)
        self._history_task: asyncio.Task[None] | None = None
        self._history_shown: tuple[str, int] | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 0)
        outer.addLayout(self._build_actions())
        self.updated_label = QLabel()
        self.updated_label.setAccessibleName(self.tr("Last updated"))
        self.updated_label.setStyleSheet("color: palette(placeholder-text);")
        outer.addWidget(self.updated_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 12)
        self.bars: dict[str, QuotaBar] = {}
        for kind, title in (
            ("quota", self.tr("Quotas")),
            ("concurrency", self.tr("Maximum concurrent tasks")),
        ):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            for spec in QUOTA_FIELDS:
                if spec.kind == kind:
                    bar = QuotaBar(quota_label(spec), quota_unit(spec), unit_note=quota_unit_note(spec))
                    self.bars[spec.key] = bar
                    box_layout.addWidget(bar)
            layout.addWidget(box)
        self.legend = QLabel()
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.legend)
        settings_store = ctx.app_settings
        self.apply_thresholds(settings_store.load().thresholds() if settings_store else Thresholds())
        ctx.settings_changed.connect(lambda chosen: self.apply_thresholds(chosen.thresholds()))
        self.history_box = QGroupBox(self.tr("Use over time"))
        self.history_layout = QVBoxLayout(self.history_box)
        layout.addWidget(self.history_box)
        layout.addStretch(1)

        self.auto_timer = QTimer(self)
        self.auto_timer.timeout.connect(self._auto_refresh)
        self.shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        self.shortcut.activated.connect(self.refresh)

        self.show_state(ctx.state)

    def apply_thresholds(self, thresholds: Thresholds) -> None:
        """Bars and legend follow the warning / critical shares chosen in Settings."""
        for bar in self.bars.values():
            bar.set_thresholds(thresholds)
        self.legend.setText(
            self.tr("Bars turn amber at %1% and red at %2% of the total.")
            .replace("%1", f"{thresholds.warning:g}")
            .replace("%2", f"{thresholds.critical:g}")
        )

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Refresh quotas (Ctrl+R)"))
        self.refresh_button.setAccessibleName(self.tr("Refresh quotas"))
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button)
        row.addWidget(QLabel(self.tr("Auto-refresh:")))
        self.auto_combo = QComboBox()
        self.auto_combo.setAccessibleName(self.tr("Auto-refresh interval"))
        fill_interval_combo(self.auto_combo)
        self.auto_combo.currentIndexChanged.connect(self._auto_changed)
        row.addWidget(self.auto_combo)
        self.export_csv_button = QPushButton(self.tr("Export CSV…"))
        self.export_csv_button.setAccessibleName(self.tr("Export quotas as CSV"))
        self.export_csv_button.clicked.connect(lambda: self.choose_export("csv"))
        self.export_json_button = QPushButton(self.tr("Export JSON…"))
        self.export_json_button.setAccessibleName(self.tr("Export quotas as JSON"))
        self.export_json_button.clicked.connect(lambda: self.choose_export("json"))
        row.addWidget(self.export_csv_button)
        row.addWidget(self.export_json_button)
        row.addStretch(1)
        return row

    # --- actions -----------------------------------------------------------------------------

    def refresh(self) -> None:
        if not self.ctx.state.signed_in or self.ctx.busy:
            return
        self.ctx.run(self.ctx.model.load_account(), self.tr("Loading quotas…"))

    def _auto_changed(self) -> None:
        self.ctx.model.set_quota_refresh(int(self.auto_combo.currentData() or 0))

    def _apply_interval(self, seconds: int) -> None:
        index = self.auto_combo.findData(seconds)
        if index >= 0 and index != self.auto_combo.currentIndex():
            self.auto_combo.blockSignals(True)
            self.auto_combo.setCurrentIndex(index)
            self.auto_combo.blockSignals(False)
        if not seconds:
            self.auto_timer.stop()
        elif self.auto_timer.interval() != seconds * 1000 or not self.auto_timer.isActive():
            self.auto_timer.start(seconds * 1000)

    def _auto_refresh(self) -> None:
        if not self.ctx.busy:
            self.refresh()

    def choose_export(self, fmt: str) -> None:
        if self.ctx.state.account is None:
            return
        filters = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("JSON files (*.json)")
        dialog = export_dialog(self, self.tr("Export quotas"), f"quotas.{fmt}", filters, fmt)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()  # non-blocking: the loop keeps running while the dialog is up
        self.export_dialog = dialog

    def export_to(self, path: Path) -> asyncio.Task[Path] | None:
        """Write the export on a worker thread; ``.json`` -> JSON, otherwise CSV."""
        account = self.ctx.state.account
        if account is None:
            return None
        loaded_at = self.ctx.state.account_loaded_at

        async def write() -> Path:
            loop = asyncio.get_running_loop()
            lang = current_language()
            written = await loop.run_in_executor(None, write_export, path, account, loaded_at, lang)
            self.ctx.notice.emit("info", self.tr("Quotas exported to %1").replace("%1", str(written)))
            return written

        return self.ctx.run(write(), self.tr("Exporting quotas…"))

    # --- view --------------------------------------------------------------------------------

    @property
    def account(self) -> Account | None:
        """The account snapshot this pane shows now (rendered from the model's state)."""
        return self._shown

    def show_state(self, state: AppState) -> None:
        self.refresh_button.setEnabled(state.signed_in and not self.ctx.busy)
        account = self._shown = state.account
        config = account.resource_config if account is not None else None
        self.export_csv_button.setEnabled(config is not None)
        self.export_json_button.setEnabled(config is not None)
        for spec in QUOTA_FIELDS:
            self.bars[spec.key].set_usage(config.usage(spec) if config is not None else None)
        loaded = state.account_loaded_at if account is not None else None
        self.updated_label.setText(
            self.tr("Last updated %1").replace("%1", format_local(loaded))
            if loaded
            else self.tr("Not loaded")
        )
        self._apply_interval(state.quota_refresh_s)
        if self.chart is not None:
            self._load_history(state)

    def on_shown(self) -> None:
        if self.chart is None:
            from aigc_desktop.ui.widgets.quota_chart import QuotaChart  # loaded with the first view of it

            self.chart = QuotaChart()
            self.chart.setMinimumHeight(200)
            self.chart.exported.connect(
                lambda path: self.ctx.notice.emit(
                    "info", self.tr("History exported to %1").replace("%1", path)
                )
            )
            self.chart.export_failed.connect(lambda text: self.ctx.notice.emit("warning", text))
            self.history_layout.addWidget(self.chart)
        super().on_shown()

    def _load_history(self, state: AppState) -> None:
        """Read the active profile's quota history off the loop's thread, when it changed."""
        profile = state.active
        key = (profile.id, state.history_version) if profile is not None else None
        if key == self._history_shown:
            return
        self._history_shown = key
        if self._history_task is not None and not self._history_task.done():
            self._history_task.cancel()

        async def load() -> None:
            snapshots = await self.ctx.model.history_of(profile) if profile is not None else []
            if self.chart is not None:
                self.chart.set_history(snapshots, datetime.now(UTC))

        self._history_task = asyncio.ensure_future(load())
