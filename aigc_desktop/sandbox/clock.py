"""The sandbox's own clock: real time plus an offset that tests and demos can advance.

Token lifetimes (8 h), the 3 h refresh guard and account validity are all judged on this clock,
so a test can jump a day ahead without waiting. ``now()`` returns UNIX seconds like ``time.time``
so it can be handed to anything that expects that callable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

#: The platform runs in China Standard Time; its "yyyy-MM-dd HH:mm:ss" dates carry no zone.
PLATFORM_TZ = timezone(timedelta(hours=8), "CST")
PLATFORM_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
#: how far ahead of real time the clock may go: far beyond any token or validity period, and well
#: inside what dates can show (1e300 s ahead, every date of every answer failed)
MAX_OFFSET_S = 100 * 366 * 86400.0


class SandboxClock:
    """Wall-clock time shifted by an offset that only ever grows (time does not run backwards)."""

    def __init__(self, source: Callable[[], float] = time.time) -> None:
        self._source = source
        self._offset = 0.0

    @property
    def offset(self) -> float:
        """Seconds added to real time so far."""
        return self._offset

    def now(self) -> float:
        """Sandbox time in UNIX seconds."""
        return self._source() + self._offset

    def now_ms(self) -> int:
        """Sandbox time in UNIX milliseconds (the login timestamp unit)."""
        return int(self.now() * 1000)

    def now_datetime(self) -> datetime:
        """Sandbox time as an aware datetime in UTC."""
        return datetime.fromtimestamp(self.now(), UTC)

    def advance(self, seconds: float) -> float:
        """Jump ahead by ``seconds`` (>= 0, at most ``MAX_OFFSET_S`` ahead in all) and return the new time."""
        if not seconds >= 0:
            raise ValueError(f"the sandbox clock only moves forward; got {seconds} seconds")
        if self._offset + seconds > MAX_OFFSET_S:
            raise ValueError(f"the sandbox clock goes at most {MAX_OFFSET_S:.0f} s ahead; got {seconds} more")
        self._offset += seconds
        return self.now()


def format_platform_date(moment: float | datetime) -> str:
    """A moment as the platform writes dates: "yyyy-MM-dd HH:mm:ss" in China Standard Time."""
    value = moment if isinstance(moment, datetime) else datetime.fromtimestamp(moment, UTC)
    return value.astimezone(PLATFORM_TZ).strftime(PLATFORM_DATE_FORMAT)


def parse_platform_date(text: str) -> datetime:
    """Inverse of :func:`format_platform_date`; raises ValueError when ``text`` does not fit."""
    return datetime.strptime(text, PLATFORM_DATE_FORMAT).replace(tzinfo=PLATFORM_TZ)
