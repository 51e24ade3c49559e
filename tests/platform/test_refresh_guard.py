"""The local 3-hour refresh guard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aigc_desktop.platform.exceptions import RefreshTooSoon
from aigc_desktop.platform.refresh_guard import (
    REFRESH_MIN_INTERVAL,
    check_refresh_allowed,
    next_refresh_allowed_at,
    refresh_wait,
)

LAST = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_interval_is_three_hours() -> None:
    assert timedelta(hours=3) == REFRESH_MIN_INTERVAL
    assert next_refresh_allowed_at(LAST) == datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_refused_within_three_hours_with_the_next_allowed_time() -> None:
    with pytest.raises(RefreshTooSoon) as caught:
        check_refresh_allowed(LAST, LAST + timedelta(hours=2, minutes=59, seconds=59))
    assert caught.value.next_allowed_at == LAST + REFRESH_MIN_INTERVAL
    assert "one refresh per 3 hours" in caught.value.summary
    assert caught.value.advice


def test_allowed_at_three_hours_when_forced_or_without_history() -> None:
    check_refresh_allowed(LAST, LAST + REFRESH_MIN_INTERVAL)
    check_refresh_allowed(LAST, LAST + timedelta(minutes=1), force=True)
    check_refresh_allowed(None, LAST)


def test_wait_counts_down_to_zero() -> None:
    assert refresh_wait(LAST, LAST + timedelta(hours=1)) == timedelta(hours=2)
    assert refresh_wait(LAST, LAST + timedelta(hours=5)) == timedelta(0)
    assert refresh_wait(None) == timedelta(0)


def test_naive_times_are_local_and_never_raise() -> None:
    naive_last = datetime.now() - timedelta(hours=1)
    with pytest.raises(RefreshTooSoon):
        check_refresh_allowed(naive_last, datetime.now(UTC))
    check_refresh_allowed(naive_last - timedelta(hours=3), None)
