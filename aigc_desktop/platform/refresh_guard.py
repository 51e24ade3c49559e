"""The platform's rule "at most one token refresh per 3 hours", enforced locally.

A refresh the platform would refuse (60112161) is refused here before anything is sent, so the
user sees when the next refresh is allowed. Pure functions: the client and the UI countdown share them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from aigc_desktop.platform.exceptions import RefreshTooSoon

REFRESH_MIN_INTERVAL = timedelta(hours=3)


def _aware(moment: datetime) -> datetime:
    """Naive datetimes are taken as local time, so comparisons never raise TypeError."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def next_refresh_allowed_at(last_refresh_at: datetime) -> datetime:
    """The first moment a refresh is allowed after one made at ``last_refresh_at``."""
    return _aware(last_refresh_at) + REFRESH_MIN_INTERVAL


def refresh_wait(last_refresh_at: datetime | None, now: datetime | None = None) -> timedelta:
    """How long until a refresh is allowed (zero when it is allowed now)."""
    if last_refresh_at is None:
        return timedelta(0)
    current = _aware(now) if now is not None else datetime.now(UTC)
    return max(next_refresh_allowed_at(last_refresh_at) - current, timedelta(0))


def check_refresh_allowed(
    last_refresh_at: datetime | None, now: datetime | None = None, force: bool = False, *, endpoint: str = ""
) -> None:
    """Raise ``RefreshTooSoon`` when the last refresh was less than 3 hours ago (unless ``force``)."""
    if force or last_refresh_at is None:
        return
    if refresh_wait(last_refresh_at, now) > timedelta(0):
        raise RefreshTooSoon(next_refresh_allowed_at(last_refresh_at), endpoint=endpoint)
