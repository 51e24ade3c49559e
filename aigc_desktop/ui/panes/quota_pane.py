"""Quota pane: the three quotas and three concurrency limits as bars, refresh, auto-refresh and export."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.platform.models import QUOTA_FIELDS, Account
from aigc_desktop.services.notifications import Thresholds
from aigc_desktop.services.quota_export import write_export
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.i18n import quota_label, quota_unit
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.countdown import format_local
from aigc_desktop.ui.widgets.quota_bar import QuotaBar
from aigc_desktop.ui.widgets.refresh_interval import fill_interval_combo


class QuotaPane(Pane):
    PANE_ID = "quotas"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Quotas"))  # marked for lupdate, translated by display_title()
    ICON = "SP_FileDialogDetailedView"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.account: Account | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(self._build_actions())
        self.bars: dict[str, QuotaBar] = {}
        for kind, title in (("quota", self.tr("Quotas")), ("concurrency", self.tr("Concurrency limits"))):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            for spec in QUOTA_FIELDS:
                if spec.kind == kind:
                    bar = QuotaBar(quota_label(spec), quota_unit(spec))
                    self.bars[spec.key] = bar
                    box_layout.addWidget(bar)
            layout.addWidget(box)
        widest = max(bar.title.sizeHint().width() for bar in self.bars.values())
        for bar in self.bars.values():
            bar.title.setFixedWidth(widest)  # the bars line up across both groups
        self.legend = QLabel()
        self.legend.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.legend)
        settings_store = ctx.app_settings
        self.apply_thresholds(settings_store.load().thresholds() if settings_store else Thresholds())
        ctx.settings_changed.connect(lambda chosen: self.apply_thresholds(chosen.thresholds()))
        layout.addStretch(1)

        self.auto_timer = QTimer(self)
        self.auto_timer.timeout.connect(self._auto_refresh)
        self.shortcut = QShortcut(QKeySequence("Ctrl+R"), self)
        self.shortcut.activated.connect(self.refresh)

        ctx.account_loaded.connect(self.show_account)
        ctx.signed_out.connect(lambda: self.show_account(None))
        ctx.profile_changed.connect(lambda _p: self.show_account(None))
        ctx.jobs_changed.connect(self._update_buttons)
        self.show_account(None)

    def apply_thresholds(self, thresholds: Thresholds) -> None:
        """Bars and legend follow the warning / critical shares chosen in Settings."""
        for bar in self.bars.values():
            bar.set_thresholds(thresholds)
        self.legend.setText(
            self.tr("Bars turn amber at %1 % and red at %2 % of the total.")
            .replace("%1", f"{thresholds.warning:g}")
            .replace("%2", f"{thresholds.critical:g}")
        )

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Reload quotas (Ctrl+R)"))
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
        self.updated_label = QLabel()
        self.updated_label.setAccessibleName(self.tr("Last updated"))
        row.addWidget(self.updated_label)
        return row

    # --- actions -----------------------------------------------------------------------------

    def refresh(self) -> None:
        session = self.ctx.session
        if session is None or not session.signed_in or self.ctx.busy:
            return
        self.ctx.run(self.ctx.load_account(), self.tr("Loading quotas…"))

    def _auto_changed(self) -> None:
        seconds = int(self.auto_combo.currentData() or 0)
        if seconds:
            self.auto_timer.start(seconds * 1000)
        else:
            self.auto_timer.stop()

    def _auto_refresh(self) -> None:
        if not self.ctx.busy:
            self.refresh()

    def choose_export(self, fmt: str) -> None:
        if self.account is None:
            return
        filters = self.tr("CSV files (*.csv)") if fmt == "csv" else self.tr("JSON files (*.json)")
        dialog = QFileDialog(self, self.tr("Export quotas"), f"quotas.{fmt}", filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()  # non-blocking: the loop keeps running while the dialog is up
        self.export_dialog = dialog

    def export_to(self, path: Path) -> asyncio.Task[Path] | None:
        """Write the export on a worker thread; ``.json`` -> JSON, otherwise CSV."""
        account = self.account
        if account is None:
            return None
        session = self.ctx.session
        loaded_at = session.account_loaded_at if session is not None else None

        async def write() -> Path:
            loop = asyncio.get_running_loop()
            written = await loop.run_in_executor(None, write_export, path, account, loaded_at)
            self.ctx.notice.emit("info", self.tr("Quotas exported to %1").replace("%1", str(written)))
            return written

        return self.ctx.run(write(), self.tr("Exporting quotas…"))

    # --- view --------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        session = self.ctx.session
        signed_in = session is not None and session.signed_in
        self.refresh_button.setEnabled(signed_in and not self.ctx.busy)
        has_data = self.account is not None and self.account.resource_config is not None
        self.export_csv_button.setEnabled(has_data)
        self.export_json_button.setEnabled(has_data)

    def show_account(self, account: Account | None) -> None:
        self.account = account
        config = account.resource_config if account is not None else None
        for spec in QUOTA_FIELDS:
            self.bars[spec.key].set_usage(config.usage(spec) if config is not None else None)
        session = self.ctx.session
        loaded = session.account_loaded_at if session is not None and account is not None else None
        self.updated_label.setText(
            self.tr("Last updated %1").replace("%1", format_local(loaded))
            if loaded
            else self.tr("Not loaded")
        )
        self._update_buttons()
