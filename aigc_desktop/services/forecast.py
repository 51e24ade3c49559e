"""Run-out forecasts and validity countdowns: pure functions over history points, no I/O.

A quota's forecast uses the snapshots of the last ``WINDOW`` (14 days): the rate is the change in
use between the oldest and newest of them divided by the time between them. Fewer than two snapshots
at least ``MIN_SPAN`` (one hour) apart is "not enough history yet"; a flat or falling use (a reset, a
refund) is "not at this rate"; a quota already used up says so instead of forecasting.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from aigc_desktop.platform.models import QUOTA_FIELDS, QuotaField
from aigc_desktop.services.history import Snapshot

WINDOW = timedelta(days=14)
MIN_SPAN = timedelta(hours=1)
_DAY_S = 86400.0


class Outlook(StrEnum):
    """What a forecast can say (the JSON schema of ``status`` uses these values)."""

    NOT_ENOUGH_HISTORY = "not_enough_history"
    NOT_AT_THIS_RATE = "not_at_this_rate"
    RUNS_OUT = "runs_out"
    USED_UP = "used_up"
    UNKNOWN = "unknown"  # the platform sent no total or no use


@dataclass(frozen=True, slots=True)
class Point:
    """One quota's use at one moment."""

    at: datetime
    used: int
    total: int


@dataclass(frozen=True, slots=True)
class Forecast:
    outlook: Outlook
    runs_out_at: datetime | None = None
    per_day: float | None = None  # units used per day over the window; None without enough history

    def describe(self) -> str:
        """English wording for the CLI (the GUI translates its own copy of these phrases)."""
        if self.outlook is Outlook.RUNS_OUT and self.runs_out_at is not None:
            return f"at the last 14 days' rate, runs out around {self.runs_out_at.date().isoformat()}"
        return {
            Outlook.NOT_ENOUGH_HISTORY: "not enough history yet",
            Outlook.NOT_AT_THIS_RATE: "not at this rate",
            Outlook.USED_UP: "used up",
            Outlook.UNKNOWN: "unknown",
            Outlook.RUNS_OUT: "runs out",
        }[self.outlook]


def forecast(points: Sequence[Point], now: datetime) -> Forecast:
    """The outlook of one quota from its points (any order); only the last 14 days before ``now`` count."""
    recent = sorted((p for p in points if now - WINDOW <= p.at <= now), key=lambda p: p.at)
    if not recent:
        return Forecast(Outlook.NOT_ENOUGH_HISTORY)
    last = recent[-1]
    if last.used >= last.total and (last.total > 0 or last.used > 0):
        return Forecast(Outlook.USED_UP)
    first = recent[0]
    span = (last.at - first.at).total_seconds()
    if span < MIN_SPAN.total_seconds():
        return Forecast(Outlook.NOT_ENOUGH_HISTORY)
    per_second = (last.used - first.used) / span
    per_day = per_second * _DAY_S
    if per_second <= 0:
        return Forecast(Outlook.NOT_AT_THIS_RATE, per_day=per_day)
    seconds_left = (last.total - last.used) / per_second
    if not math.isfinite(seconds_left) or seconds_left > timedelta.max.total_seconds() / 2:
        return Forecast(Outlook.NOT_AT_THIS_RATE, per_day=per_day)
    try:
        runs_out = last.at + timedelta(seconds=seconds_left)
    except OverflowError:
        return Forecast(Outlook.NOT_AT_THIS_RATE, per_day=per_day)
    return Forecast(Outlook.RUNS_OUT, runs_out_at=runs_out, per_day=per_day)


def points_for(snapshots: Sequence[Snapshot], spec: QuotaField) -> list[Point]:
    """One quota's points from history snapshots (snapshots without both numbers are skipped)."""
    points = []
    for snap in snapshots:
        used, total = snap.used_total(spec.used_field, spec.total_field)
        if used is not None and total is not None:
            points.append(Point(snap.taken_at, used, total))
    return points


def forecasts(snapshots: Sequence[Snapshot], now: datetime) -> dict[str, Forecast]:
    """Forecast per quota key (``kind == "quota"`` only: concurrency limits do not run out)."""
    result = {}
    for spec in QUOTA_FIELDS:
        if spec.kind != "quota":
            continue
        points = points_for(snapshots, spec)
        result[spec.key] = forecast(points, now) if points else Forecast(Outlook.UNKNOWN)
    return result


@dataclass(frozen=True, slots=True)
class Validity:
    """Service validity countdown: whole days left (0 on the last day; negative once ended)."""

    ends_at: datetime
    days_left: int

    @property
    def ended(self) -> bool:
        return self.days_left < 0

    def describe(self) -> str:
        if self.ended:
            return "ended"
        if self.days_left == 0:
            return "ends today"
        return f"ends in {self.days_left} day{'s' if self.days_left != 1 else ''}"


def validity(ends_at: datetime | None, now: datetime) -> Validity | None:
    """Days until ``ends_at``, rounded down (23 h left is 0, "ends today"; one second past is -1); None if unknown."""
    if ends_at is None:
        return None
    return Validity(ends_at, math.floor((ends_at - now).total_seconds() / _DAY_S))
