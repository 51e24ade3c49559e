"""A quota's use over time, its run-out forecast and the validity countdown, with CSV export.

Drawn with QPainter (no plotting library: PySide6-Essentials has no QtCharts, and matplotlib or
pyqtgraph would add tens of MB to the bundle; this adds one module). Import this module only when the
chart is first shown. ``set_history(snapshots, now)`` takes the profile's history (read off the GUI
thread by the caller); ``export_csv(path)`` writes it on a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.platform.models import QUOTA_FIELDS, QuotaField
from aigc_desktop.services.forecast import Forecast, Outlook, Point, forecast, points_for, validity
from aigc_desktop.services.history import Snapshot, snapshots_to_csv
from aigc_desktop.ui import theme
from aigc_desktop.ui.i18n import quota_label

_QUOTAS = tuple(spec for spec in QUOTA_FIELDS if spec.kind == "quota")


class _Plot(QWidget):
    """Used (line) against total (dashed) over time; axes labelled with the first and last dates."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[Point] = []
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_points(self, points: list[Point]) -> None:
        self.points = sorted(points, key=lambda p: p.at)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        area = QRectF(self.rect()).adjusted(48, 10, -12, -24)
        painter.setPen(QPen(QColor(theme.colour("quota.border")), 1))
        painter.drawRect(area)
        if len(self.points) < 1:
            painter.setPen(text_colour)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No history yet"))
            return
        first, last = self.points[0].at.timestamp(), self.points[-1].at.timestamp()
        span = max(last - first, 1.0)
        top = max(max(p.total for p in self.points), max(p.used for p in self.points), 1)

        def at(moment: float, value: float) -> QPointF:
            x = area.left() + (moment - first) / span * area.width() if last > first else area.center().x()
            return QPointF(x, area.bottom() - value / top * area.height())

        total_path, used_path = QPainterPath(), QPainterPath()
        for index, point in enumerate(self.points):
            stamp = point.at.timestamp()
            for path, value in ((total_path, point.total), (used_path, point.used)):
                (path.moveTo if index == 0 else path.lineTo)(at(stamp, value))
        painter.setPen(QPen(QColor(theme.colour("quota.unknown")), 1.5, Qt.PenStyle.DashLine))
        painter.drawPath(total_path)
        painter.setPen(QPen(QColor(theme.colour("quota.normal")), 2))
        painter.drawPath(used_path)
        for point in self.points:
            painter.drawEllipse(at(point.at.timestamp(), point.used), 2.5, 2.5)
        painter.setPen(text_colour)
        painter.drawText(QRectF(0, area.top() - 6, 44, 14), Qt.AlignmentFlag.AlignRight, f"{top:,}")
        painter.drawText(QRectF(0, area.bottom() - 8, 44, 14), Qt.AlignmentFlag.AlignRight, "0")
        label_rect = QRectF(area.left(), area.bottom() + 4, area.width(), 16)
        painter.drawText(
            label_rect, Qt.AlignmentFlag.AlignLeft, self.points[0].at.astimezone().strftime("%m-%d %H:%M")
        )
        painter.drawText(
            label_rect, Qt.AlignmentFlag.AlignRight, self.points[-1].at.astimezone().strftime("%m-%d %H:%M")
        )


class QuotaChart(QWidget):
    """Pick a quota; see its use over time, the forecast, the validity countdown; export the history."""

    exported = Signal(str)  # the path written
    export_failed = Signal(str)  # one line

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quota-chart")
        self.snapshots: list[Snapshot] = []
        self.now: datetime | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.quota_combo = QComboBox()
        self.quota_combo.setAccessibleName(self.tr("Quota shown in the chart"))
        for spec in _QUOTAS:
            self.quota_combo.addItem(quota_label(spec), spec.key)
        self.quota_combo.currentIndexChanged.connect(self._redraw)
        row.addWidget(self.quota_combo)
        row.addStretch(1)
        self.export_button = QPushButton(self.tr("Export history CSV…"))
        self.export_button.setAccessibleName(self.tr("Export the quota history as CSV"))
        self.export_button.clicked.connect(self.choose_export)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.plot = _Plot()
        self.plot.setAccessibleName(self.tr("Quota use over time"))
        layout.addWidget(self.plot, 1)
        self.forecast_label = QLabel()
        self.forecast_label.setAccessibleName(self.tr("Forecast"))
        self.forecast_label.setWordWrap(True)
        layout.addWidget(self.forecast_label)
        self.validity_label = QLabel()
        self.validity_label.setAccessibleName(self.tr("Service validity"))
        layout.addWidget(self.validity_label)
        self.set_history([], None)

    @property
    def spec(self) -> QuotaField:
        key = self.quota_combo.currentData()
        return next(spec for spec in _QUOTAS if spec.key == key)

    def set_history(self, snapshots: Sequence[Snapshot], now: datetime | None) -> None:
        self.snapshots = list(snapshots)
        self.now = now
        self.export_button.setEnabled(bool(self.snapshots))
        self._redraw()

    def _redraw(self) -> None:
        points = points_for(self.snapshots, self.spec)
        self.plot.set_points(points)
        now = self.now
        self.forecast_label.setText(self.forecast_text(forecast(points, now) if now and points else None))
        last_end = next((s.effective_end for s in reversed(self.snapshots) if s.effective_end), None)
        left = validity(last_end, now) if now else None
        if left is None:
            self.validity_label.setText("")
        elif left.ended:
            self.validity_label.setText(self.tr("Service validity has ended"))
        elif left.days_left == 0:
            self.validity_label.setText(self.tr("Service validity ends today"))
        elif left.days_left == 1:
            self.validity_label.setText(self.tr("Service validity ends in 1 day"))
        else:
            self.validity_label.setText(
                self.tr("Service validity ends in %1 days").replace("%1", str(left.days_left))
            )

    def forecast_text(self, value: Forecast | None) -> str:
        if value is None or value.outlook is Outlook.NOT_ENOUGH_HISTORY:
            return self.tr("Not enough history yet")
        if value.outlook is Outlook.RUNS_OUT and value.runs_out_at is not None:
            return self.tr("At the last 14 days' rate, runs out around %1").replace(
                "%1", value.runs_out_at.astimezone().date().isoformat()
            )
        if value.outlook is Outlook.USED_UP:
            return self.tr("Used up")
        if value.outlook is Outlook.NOT_AT_THIS_RATE:
            return self.tr("Not at this rate")
        return self.tr("Unknown")

    def choose_export(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Export quota history"), "quota-history.csv", self.tr("CSV files (*.csv)")
        )
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv")
        dialog.fileSelected.connect(lambda path: self.export_csv(Path(path)))
        dialog.open()
        self.export_dialog = dialog

    def export_csv(self, path: Path) -> asyncio.Task[None]:
        """Write the shown profile's history as CSV on a worker thread; ``exported`` / ``export_failed`` tell."""
        text = snapshots_to_csv(self.snapshots)

        async def write() -> None:
            loop = asyncio.get_running_loop()
            try:
                await loop.run_in_executor(None, lambda: path.write_text(text, encoding="utf-8", newline=""))
            except OSError as exc:
                self.export_failed.emit(
                    self.tr("Could not write %1: %2")
                    .replace("%1", str(path))
                    .replace("%2", exc.strerror or str(exc))
                )
                return
            self.exported.emit(str(path))

        return asyncio.ensure_future(write())
