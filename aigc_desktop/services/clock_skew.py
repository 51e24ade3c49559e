"""Clock skew between this computer and the platform, from each answer's ``Date`` header.

Sign-in signatures (``md5(appId + timestamp + appKey)``) and callback signatures carry timestamps, so
a local clock that is minutes off makes signatures fail in ways that look like wrong keys. Every
``CallRecord`` carries ``server_clock_offset_s`` (server Date minus local time, 1 s resolution); this
tracker smooths the last few with a median (one slow answer or proxy does not count) and reports an
*episode* when the smoothed offset passes the threshold, so the UI warns once, not on every call.
Qt-free.
"""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass

from aigc_desktop.platform.call_record import CallRecord

SKEW_WARNING_S = 60.0  # the platform does not document a window; a minute already breaks signatures
DEFAULT_WINDOW = 5
_CLEAR_FRACTION = 0.75  # hysteresis: the episode ends only once the offset is well inside the threshold


@dataclass(frozen=True, slots=True)
class SkewReading:
    """The tracker's view after one observed offset."""

    offset_s: float  # smoothed: server clock minus local clock (positive = this computer is behind)
    samples: int
    skewed: bool
    episode_started: bool = False  # this reading began a skew episode (warn now)
    episode_ended: bool = False  # this reading ended one (the clock was fixed)


def format_offset(offset_s: float) -> str:
    """``2 min 5 s`` / ``45 s`` / ``3 h 2 min`` (magnitude only)."""
    seconds = round(abs(offset_s))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


class ClockSkewTracker:
    """Smoothed offset over the last ``window`` answers that had a Date header."""

    def __init__(self, threshold_s: float = SKEW_WARNING_S, window: int = DEFAULT_WINDOW) -> None:
        if threshold_s <= 0:
            raise ValueError("the skew threshold must be a positive number of seconds")
        if window < 1:
            raise ValueError("the smoothing window must hold at least one sample")
        self.threshold_s = threshold_s
        self._samples: deque[float] = deque(maxlen=window)
        self._skewed = False

    @property
    def offset_s(self) -> float | None:
        """The smoothed offset, or None before any answer had a usable Date header."""
        return statistics.median(self._samples) if self._samples else None

    @property
    def skewed(self) -> bool:
        return self._skewed

    def reset(self) -> None:
        """Forget everything (another profile may talk to another server)."""
        self._samples.clear()
        self._skewed = False

    def observe(self, offset_s: float | None) -> SkewReading | None:
        """Add one offset; None (no Date header, or a failed call) changes nothing and returns None."""
        if offset_s is None:
            return None
        self._samples.append(float(offset_s))
        smoothed = statistics.median(self._samples)
        started = ended = False
        if not self._skewed and abs(smoothed) > self.threshold_s:
            self._skewed = started = True
        elif self._skewed and abs(smoothed) <= self.threshold_s * _CLEAR_FRACTION:
            self._skewed = False
            ended = True
        return SkewReading(smoothed, len(self._samples), self._skewed, started, ended)

    def observe_record(self, record: CallRecord) -> SkewReading | None:
        """Add the offset a client call measured (its ``server_clock_offset_s``)."""
        return self.observe(record.server_clock_offset_s)
