"""Status-bar label that warns while this computer's clock is off from the platform's.

It renders the model's ``clock_skew`` reading (the model feeds every call's ``server_clock_offset_s``
to its ``ClockSkewTracker``, whichever pane is open); the start of each skew episode is a problem of
the model's state, so the banner comes and goes with it. Hidden while the clocks agree.
"""

from __future__ import annotations

from collections.abc import Set

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.services.clock_skew import format_offset
from aigc_desktop.ui.context import AppContext


class ClockSkewIndicator(QLabel):
    """``Clock off by 2 min 5 s`` in the status bar while the smoothed offset is over the threshold."""

    def __init__(
        self, ctx: AppContext, status_bar: QStatusBar | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Clock skew"))
        self.setStyleSheet("color: #b26a00; font-weight: 600;")
        ctx.state_changed.connect(self._changed)
        self.show_state(ctx.state)
        if status_bar is not None:
            status_bar.addPermanentWidget(self)

    def _changed(self, state: AppState, aspects: Set[str]) -> None:
        if Aspect.CLOCK in aspects:
            self.show_state(state)

    def show_state(self, state: AppState) -> None:
        reading = state.clock_skew
        if reading is None or not reading.skewed:
            self.setVisible(False)
            return
        self.setText(self.tr("Clock off by %1").replace("%1", format_offset(reading.offset_s)))
        direction = (
            self.tr("This computer's clock is %1 behind the platform's clock.")
            if reading.offset_s > 0
            else self.tr("This computer's clock is %1 ahead of the platform's clock.")
        )
        advice = self.tr(
            "Sign-in and callback signatures carry timestamps, so they can fail. "
            "Turn on automatic time synchronisation (NTP) in the system settings."
        )
        self.setToolTip(direction.replace("%1", format_offset(reading.offset_s)) + "\n" + advice)
        self.setVisible(True)
