"""The AuthKey policy report in words, and the refresh guard's refusal naming its endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aigc_desktop.platform.exceptions import RefreshTooSoon
from aigc_desktop.platform.refresh_guard import REFRESH_MIN_INTERVAL, check_refresh_allowed, refresh_wait
from aigc_desktop.platform.signing import check_auth_key_policy

LAST = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def test_policy_report_in_words() -> None:
    assert str(check_auth_key_policy("Abcdefgh12345678")) == "AuthKey meets the policy"
    assert str(check_auth_key_policy("abc")) == (
        "too short: 3 characters, needs at least 16; needs an upper-case letter (A-Z); needs a digit (0-9)"
    )


@pytest.mark.parametrize(
    ("key", "ok"), [("Abcdefgh1234567", False), ("Abcdefgh12345678", True), ("Ab1" + "x" * 29, True)]
)
def test_policy_length_edges(key: str, ok: bool) -> None:
    assert check_auth_key_policy(key).ok is ok
    assert check_auth_key_policy(key + "x" * (33 - len(key))).failures == (
        "too long: 33 characters, allows at most 32",
    )


def test_refusal_names_the_endpoint_it_guards() -> None:
    soon = LAST + REFRESH_MIN_INTERVAL - timedelta(seconds=1)
    with pytest.raises(RefreshTooSoon) as caught:
        check_refresh_allowed(LAST, soon, endpoint="/api/uc/v1/access/api/token/refresh")
    assert caught.value.endpoint == "/api/uc/v1/access/api/token/refresh"
    with pytest.raises(RefreshTooSoon) as unnamed:
        check_refresh_allowed(LAST, soon)
    assert unnamed.value.endpoint == ""


def test_wait_at_the_edges() -> None:
    second = timedelta(seconds=1)
    assert refresh_wait(LAST, LAST + REFRESH_MIN_INTERVAL - second) == second  # 2:59:59: one second to go
    assert refresh_wait(LAST, LAST + REFRESH_MIN_INTERVAL) == timedelta(0)  # 3:00:00: allowed
    check_refresh_allowed(LAST, LAST + REFRESH_MIN_INTERVAL)
