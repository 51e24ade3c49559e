"""The notification rules with plain numbers: once per crossing, service end within 7 days, token within 10 min."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aigc_desktop.services.notifications import (
    TOKEN_WARNING,
    VALIDITY_WARNING,
    Kind,
    Notification,
    NotificationPolicy,
    QuotaReading,
    Thresholds,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def reading(percent: float | None, key: str = "videoDuration") -> list[QuotaReading]:
    return [QuotaReading(key, "Video generation duration", percent)]


def test_each_threshold_fires_once_per_crossing_not_on_every_refresh() -> None:
    policy = NotificationPolicy()
    assert policy.check_quotas(reading(50)) == []
    first = policy.check_quotas(reading(81))
    assert [(n.kind, n.level, n.threshold) for n in first] == [(Kind.QUOTA, "warning", 80.0)]
    assert policy.check_quotas(reading(82)) == []  # still above 80: already said
    assert policy.check_quotas(reading(90)) == []
    second = policy.check_quotas(reading(96))
    assert [(n.level, n.threshold) for n in second] == [("error", 95.0)]
    assert policy.check_quotas(reading(99)) == []
    assert policy.check_quotas(reading(100)) == []


def test_falling_below_rearms_the_crossing() -> None:
    policy = NotificationPolicy()
    assert len(policy.check_quotas(reading(85))) == 1
    assert policy.check_quotas(reading(40)) == []  # usage reset (e.g. a new period)
    assert len(policy.check_quotas(reading(85))) == 1


def test_a_jump_straight_past_95_says_critical_once() -> None:
    policy = NotificationPolicy()
    found = policy.check_quotas(reading(97))
    assert [n.threshold for n in found] == [95.0]
    assert policy.check_quotas(reading(97)) == []


def test_quotas_are_tracked_separately_and_unknown_is_quiet() -> None:
    policy = NotificationPolicy()
    found = policy.check_quotas(reading(81, "a") + reading(96, "b") + reading(None, "c"))
    assert sorted((n.key, n.level) for n in found) == [("a", "warning"), ("b", "error")]


def test_custom_thresholds_and_switching_quota_alerts_off() -> None:
    policy = NotificationPolicy(Thresholds(50, 70))
    assert [n.threshold for n in policy.check_quotas(reading(55))] == [50]
    policy.quota_alerts = False
    assert policy.check_quotas(reading(75)) == []


def test_thresholds_are_validated() -> None:
    with pytest.raises(ValueError):
        Thresholds(90, 80)
    with pytest.raises(ValueError):
        Thresholds(0, 80)


def test_validity_warns_within_seven_days_once_per_end_date() -> None:
    policy = NotificationPolicy()
    assert policy.check_validity(NOW + timedelta(days=8), NOW) is None
    found = policy.check_validity(NOW + timedelta(days=6), NOW)
    assert found is not None and found.level == "warning" and found.remaining == timedelta(days=6)
    assert policy.check_validity(NOW + timedelta(days=6), NOW + timedelta(hours=1)) is None
    renewed = NOW + timedelta(days=5)  # a different end date is news again
    again = policy.check_validity(renewed, NOW)
    assert again == Notification(Kind.VALIDITY, "warning", "validity", remaining=timedelta(days=5))


def test_validity_already_over_is_an_error() -> None:
    found = NotificationPolicy().check_validity(NOW - timedelta(hours=1), NOW)
    assert found is not None and found.level == "error" and found.remaining == timedelta(0)


def test_naive_end_dates_are_read_as_local_time() -> None:
    local_end = (NOW + timedelta(days=2)).astimezone().replace(tzinfo=None)
    found = NotificationPolicy().check_validity(local_end, NOW)
    assert found is not None and found.remaining == timedelta(days=2) and found.level == "warning"


def test_token_warns_within_ten_minutes_only_when_auto_renew_is_off() -> None:
    policy = NotificationPolicy()
    expires = NOW + timedelta(minutes=9)
    assert policy.check_token(expires, auto_renew=True, now=NOW) is None
    assert policy.check_token(NOW + timedelta(minutes=11), auto_renew=False, now=NOW) is None
    found = policy.check_token(expires, auto_renew=False, now=NOW)
    assert found is not None and found.kind is Kind.TOKEN
    assert policy.check_token(expires, auto_renew=False, now=NOW + timedelta(minutes=1)) is None
    # A new token (after a refresh) that again nears its end is announced again.
    renewed = policy.check_token(expires + timedelta(hours=8), auto_renew=False, now=NOW + timedelta(hours=8))
    assert renewed == Notification(Kind.TOKEN, "warning", "token", remaining=timedelta(minutes=9))


def test_expired_tokens_and_reset() -> None:
    policy = NotificationPolicy()
    assert policy.check_token(NOW - timedelta(seconds=1), auto_renew=False, now=NOW) is None
    assert len(policy.check_quotas(reading(85))) == 1
    policy.reset()
    assert len(policy.check_quotas(reading(85))) == 1


def test_readings_carry_the_platforms_terms_in_the_chosen_language() -> None:
    from aigc_desktop.platform.models import parse_account
    from aigc_desktop.services.notifications import readings_for

    account = parse_account(
        {"resourceConfig": {"videoGenMaxConTasksTotalQty": 10, "videoGenMaxConTasksUsageQty": 9}}
    )
    assert account.resource_config is not None
    usages = account.resource_config.all_usages
    chinese = {r.key: r for r in readings_for(usages, "zh_CN")}
    assert chinese["videoConcurrency"].label == "视频生成最大并发任务数"
    assert chinese["videoConcurrency"].percent == 90.0
    english = {r.key: r.label for r in readings_for(usages, "en")}
    assert english["avatarModel"] == "Avatar model generation"
    assert english["videoConcurrency"] == "Maximum concurrent tasks for video generation"


def test_warning_windows_at_their_edges() -> None:
    assert timedelta(days=7) == VALIDITY_WARNING and timedelta(minutes=10) == TOKEN_WARNING
    second = timedelta(seconds=1)
    assert NotificationPolicy().check_validity(NOW + VALIDITY_WARNING + second, NOW) is None
    at_edge = NotificationPolicy().check_validity(NOW + VALIDITY_WARNING, NOW)
    assert at_edge is not None and at_edge.level == "warning" and at_edge.remaining == VALIDITY_WARNING
    ending_now = NotificationPolicy().check_validity(NOW, NOW)
    assert ending_now is not None and ending_now.level == "error"
    assert NotificationPolicy().check_token(NOW + TOKEN_WARNING + second, auto_renew=False, now=NOW) is None
    token_edge = NotificationPolicy().check_token(NOW + TOKEN_WARNING, auto_renew=False, now=NOW)
    assert token_edge is not None and token_edge.remaining == TOKEN_WARNING
    last_second = NotificationPolicy().check_token(NOW + second, auto_renew=False, now=NOW)
    assert last_second == Notification(Kind.TOKEN, "warning", "token", remaining=second)
    assert NotificationPolicy().check_token(NOW, auto_renew=False, now=NOW) is None  # expired: not "soon"
