"""Run-out forecasts and validity countdowns, pinned at their edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aigc_desktop.services.forecast import (
    MIN_SPAN,
    WINDOW,
    Outlook,
    Point,
    forecast,
    validity,
)

T0 = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)


def test_exactly_one_hour_apart_is_enough_history() -> None:
    result = forecast([Point(T0, 10, 100), Point(T0 + MIN_SPAN, 11, 100)], T0 + MIN_SPAN)
    assert result.outlook is Outlook.RUNS_OUT
    # 1 unit per hour, 89 left after the second point
    assert result.runs_out_at == T0 + MIN_SPAN + timedelta(hours=89)
    assert result.describe() == "at the last 14 days' rate, runs out around 2026-06-04"


def test_one_second_less_than_an_hour_is_not_enough() -> None:
    later = T0 + MIN_SPAN - timedelta(seconds=1)
    result = forecast([Point(T0, 10, 100), Point(later, 11, 100)], later)
    assert result.outlook is Outlook.NOT_ENOUGH_HISTORY
    assert result.describe() == "not enough history yet"


def test_a_single_snapshot_is_not_enough() -> None:
    assert forecast([Point(T0, 10, 100)], T0).outlook is Outlook.NOT_ENOUGH_HISTORY
    assert forecast([], T0).outlook is Outlook.NOT_ENOUGH_HISTORY


def test_zero_rate_is_not_at_this_rate() -> None:
    result = forecast([Point(T0, 10, 100), Point(T0 + timedelta(days=2), 10, 100)], T0 + timedelta(days=2))
    assert result.outlook is Outlook.NOT_AT_THIS_RATE and result.per_day == 0
    assert result.describe() == "not at this rate"


def test_falling_use_is_not_at_this_rate() -> None:
    now = T0 + timedelta(days=1)
    assert forecast([Point(T0, 50, 100), Point(now, 5, 100)], now).outlook is Outlook.NOT_AT_THIS_RATE


def test_already_used_up() -> None:
    now = T0 + timedelta(days=1)
    assert forecast([Point(T0, 50, 100), Point(now, 100, 100)], now).outlook is Outlook.USED_UP
    assert forecast([Point(now, 101, 100)], now).outlook is Outlook.USED_UP


def test_only_the_last_14_days_count() -> None:
    now = T0 + WINDOW + timedelta(days=1)
    old = Point(T0, 0, 1000)  # 15 days back: outside the window; would make the rate much lower
    edge = Point(now - WINDOW, 100, 1000)  # exactly 14 days back: inside
    last = Point(now, 240, 1000)  # 10 a day inside the window
    result = forecast([old, edge, last], now)
    assert result.per_day == 10
    assert result.runs_out_at == now + timedelta(days=76)


def test_validity_days_left_round_down() -> None:
    assert validity(T0 + timedelta(days=3), T0).days_left == 3  # type: ignore[union-attr]
    three_minus = validity(T0 + timedelta(days=3) - timedelta(seconds=1), T0)
    assert (
        three_minus is not None and three_minus.days_left == 2 and three_minus.describe() == "ends in 2 days"
    )
    today = validity(T0 + timedelta(hours=23), T0)
    assert today is not None and today.describe() == "ends today"
    one = validity(T0 + timedelta(days=1), T0)
    assert one is not None and one.describe() == "ends in 1 day"


def test_validity_at_and_past_the_end() -> None:
    at_end = validity(T0, T0)
    assert at_end is not None and not at_end.ended and at_end.days_left == 0
    past = validity(T0 - timedelta(seconds=1), T0)
    assert past is not None and past.ended and past.describe() == "ended"
    assert validity(None, T0) is None
