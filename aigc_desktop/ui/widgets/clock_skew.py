"""Status-bar label that warns when this computer's clock is off from the platform's.

Fed by ``ctx.call_recorded`` (each call's ``server_clock_offset_s``) through the Qt-free
``ClockSkewTracker``. Hidden while the clocks agree; while they do not, it shows the offset in the
status bar, and the start of each skew episode also raises one warning banner via ``ctx.notice``.
Attach it in ``MainWindow.__init__``::

    self.clock_skew = ClockSkewIndicator(ctx, self.statusBar())
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.services.clock_skew import (
    SKEW_ADVICE,
    ClockSkewTracker,
    describe_skew,
    format_offset,
)
from aigc_desktop.ui.context import AppContext


class ClockSkewIndicator(QLabel):
    """``Clock off by 2 min 5 s`` in the status bar while the smoothed offset is over the threshold."""

    def __init__(
        self,
        ctx: AppContext,
        status_bar: QStatusBar | None = None,
        parent: QWidget | None = None,
        *,
        tracker: ClockSkewTracker | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.tracker = tracker or ClockSkewTracker()
        self.notices = 0  # warnings raised so far (one per episode)
        self.setAccessibleName(self.tr("Clock skew"))
        self.setStyleSheet("color: #b26a00; font-weight: 600;")
        self.setVisible(False)
        ctx.call_recorded.connect(self.on_call)
        ctx.profile_changed.connect(self._profile_changed)
        if status_bar is not None:
            status_bar.addPermanentWidget(self)

    def on_call(self, record: CallRecord) -> None:
        reading = self.tracker.observe_record(record)
        if reading is None:
            return
        if reading.skewed:
            self.setText(self.tr("Clock off by %1").replace("%1", format_offset(reading.offset_s)))
            self.setToolTip(f"{describe_skew(reading.offset_s)}\n{SKEW_ADVICE}")
            self.setVisible(True)
        else:
            self.setVisible(False)
        if reading.episode_started:
            self.notices += 1
            title = self.tr("Your clock is off: %1").replace("%1", describe_skew(reading.offset_s))
            self._ctx.notice.emit("warning", f"{title}\n{SKEW_ADVICE}")

    def _profile_changed(self, _profile: object) -> None:
        self.tracker.reset()
        self.setVisible(False)
