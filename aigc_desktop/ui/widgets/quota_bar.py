"""One used/total pair as a bar with used / total / remaining / percent, coloured near the limit."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QStyle, QStyleOptionProgressBar, QWidget

from aigc_desktop.platform.models import QuotaUsage
from aigc_desktop.services.notifications import Thresholds
from aigc_desktop.ui import theme

_LEVEL_NAMES = ("normal", "warning", "critical")


def usage_level(percent: float | None, thresholds: Thresholds | None = None) -> str:
    """``normal`` / ``warning`` (>= 80% by default) / ``critical`` (>= 95%) / ``unknown``."""
    if percent is None:
        return "unknown"
    return _LEVEL_NAMES[(thresholds or Thresholds()).level_of(percent)]


class LevelBar(QProgressBar):
    """A progress bar whose text is readable over the chunk and over the empty groove alike.

    A style sheet colours the chunk, and Qt then draws the whole text in one colour: black on the
    dark green chunk was 4.1:1, white on the empty groove would vanish. The style draws the bar
    without text; the text is drawn twice here, clipped at the chunk's edge: ``chunk_text`` over the
    chunk (4.5:1 or more against each level's colour, ``resources/theme.json``), the palette's text
    colour over the rest.
    """

    chunk_text = "#000000"

    def chunk_edge(self) -> int:
        """The x where the chunk ends (the contents' left edge when empty)."""
        option = QStyleOptionProgressBar()
        self.initStyleOption(option)
        contents = self.style().subElementRect(QStyle.SubElement.SE_ProgressBarContents, option, self)
        span = self.maximum() - self.minimum()
        share = (self.value() - self.minimum()) / span if span > 0 else 0.0
        return contents.left() + round(contents.width() * min(max(share, 0.0), 1.0))

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOptionProgressBar()
        self.initStyleOption(option)
        text = option.text if self.isTextVisible() else ""
        option.textVisible = False
        painter = QPainter(self)
        self.style().drawControl(QStyle.ControlElement.CE_ProgressBar, option, painter, self)
        if text:
            whole = self.rect()
            edge = self.chunk_edge()
            centred = Qt.AlignmentFlag.AlignCenter
            painter.setClipRect(QRect(whole.left(), whole.top(), edge - whole.left(), whole.height()))
            painter.setPen(QColor(self.chunk_text))
            painter.drawText(whole, centred, text)
            painter.setClipRect(QRect(edge, whole.top(), whole.right() - edge + 1, whole.height()))
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            painter.drawText(whole, centred, text)
        painter.end()


class QuotaBar(theme.FollowsScheme, QWidget):
    """The label, the bar under it, the numbers under the bar: long platform terms fit any width."""

    def __init__(self, label: str, unit: str, parent: QWidget | None = None, *, unit_note: str = "") -> None:
        super().__init__(parent)
        self.unit = unit
        self.unit_note = unit_note  # e.g. "unit not given in the platform's doc": never a guessed unit
        self.level = "unknown"
        self.thresholds = Thresholds()
        self._usage: QuotaUsage | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setHorizontalSpacing(12)
        layout.setVerticalSpacing(2)
        self.title = QLabel(label)
        self.title.setWordWrap(True)
        self.bar = LevelBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.bar.setAccessibleName(label)
        self.numbers = QLabel()
        self.numbers.setAccessibleName(self.tr("%1 numbers").replace("%1", label))
        self.numbers.setStyleSheet("color: palette(placeholder-text);")
        self.numbers.setWordWrap(True)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.bar, 1, 0)
        layout.addWidget(self.numbers, 2, 0)
        layout.setColumnStretch(0, 1)
        self.follow_scheme()
        self.set_usage(None)

    def set_thresholds(self, thresholds: Thresholds) -> None:
        """Colour by the user's warning / critical shares (Settings), re-rendering what is shown."""
        self.thresholds = thresholds
        self.set_usage(self._usage)

    def set_usage(self, usage: QuotaUsage | None) -> None:
        self._usage = usage
        percent = usage.percent if usage is not None else None
        self.level = usage_level(percent, self.thresholds)
        if usage is None or not usage.known or percent is None:
            self.bar.setValue(0)
            self.bar.setFormat(self.tr("unknown"))
            self.numbers.setText(
                self.tr("not loaded") if usage is None else self.tr("the platform sent no value")
            )
        else:
            self.bar.setValue(int(min(percent, 100.0) * 10))
            self.bar.setFormat(f"{percent:.1f}%")
            unit = f" {self.unit}" if self.unit else (f" ({self.unit_note})" if self.unit_note else "")
            self.numbers.setText(
                self.tr("used %1 / total %2%3 · %4 remaining · %5%")
                .replace("%1", str(usage.used))
                .replace("%2", str(usage.total))
                .replace("%3", unit)
                .replace("%4", str(usage.remaining))
                .replace("%5", f"{percent:.1f}")
            )
        self._apply_colours()
        self.bar.setToolTip(self.numbers.text())

    def _apply_colours(self) -> None:
        """The chunk colour of the level, from the light or dark accents (``ui/theme.py``)."""
        colour = theme.colour(f"quota.{self.level}")
        border = theme.colour("quota.border")
        self.bar.chunk_text = theme.colour(f"quota.{self.level}.text")
        self.picked_for_scheme()
        self.bar.setStyleSheet(
            f"QProgressBar {{ border: 1px solid {border}; border-radius: 3px; text-align: center; }}"
            f"QProgressBar::chunk {{ background-color: {colour}; border-radius: 2px; }}"
        )
