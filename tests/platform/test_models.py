"""Models on the doc's literal examples, slips included."""

from __future__ import annotations

from aigc_desktop.platform.models import (
    DEFAULT_ACCESS_TOKEN_LIFETIME_S,
    parse_account,
    parse_envelope,
    parse_json_document,
    parse_token_grant,
)
from tests.platform.doc_examples import LOGIN_RESPONSE, LOGOUT_RESPONSE, RESOURCE_RESPONSE


def test_login_example_without_expires_in_assumes_eight_hours() -> None:
    envelope = parse_envelope(parse_json_document(LOGIN_RESPONSE).value)
    assert envelope.ok and envelope.message == "success"
    grant = parse_token_grant(envelope.data)
    assert grant.access_token.startswith("ZGI3YzRi")
    assert grant.expires_in == DEFAULT_ACCESS_TOKEN_LIFETIME_S == 8 * 3600
    assert grant.expires_in_assumed
    assert any(issue.path == "data.expiresIn" and "8 h" in issue.problem for issue in grant.issues)
    assert grant.refresh_token is None
    assert grant.user is not None and grant.user.user_id == 4 and grant.user.status_name == "Enabled"
    assert grant.roles[0].role_name == "Enterprise"


def test_permission_app_id_string_is_kept_with_an_issue() -> None:
    grant = parse_token_grant(parse_json_document(LOGIN_RESPONSE).value["data"])
    permission = grant.permissions[0]
    assert permission.app_id == "Virtual Human Application"
    assert permission.action is None and permission.action_name == "—"
    assert any(i.path == "data.permissions[0].appId" and "kept as text" in i.problem for i in grant.issues)


def test_grant_repr_hides_tokens() -> None:
    grant = parse_token_grant(parse_json_document(LOGIN_RESPONSE).value["data"])
    assert grant.access_token not in repr(grant)


def test_resource_example_with_duplicated_resource_config() -> None:
    parsed = parse_json_document(RESOURCE_RESPONSE)
    assert parsed.duplicate_keys == ["resourceConfig"]
    account = parse_account(
        parse_envelope(parsed.value).data, duplicate_keys=parsed.duplicate_keys, shadowed=parsed.shadowed
    )
    problems = {issue.path: issue.problem for issue in account.issues}
    assert problems["data.basicInfo"].startswith("missing; recovered from an earlier 'data.resourceConfig'")
    assert "more than once" in problems["data.resourceConfig"]
    basic = account.basic_info  # recovered by its shape (company, appId, validity dates)
    assert basic is not None and basic.company == "zhangsan" and basic.app_id == "7sadf7sadf7ads7f7asf7sda7f"
    resources = account.resource_config
    assert resources is not None
    avatar, tts, video = resources.quotas
    assert (avatar.used, avatar.total, avatar.remaining) == (2, 12, 10)
    assert round(avatar.percent or 0, 2) == 16.67
    assert (video.used, video.total, video.remaining, round(video.percent or 0, 2)) == (11, 21, 10, 52.38)
    assert (tts.used, tts.total) == (2, 12)
    concurrency = {u.spec.key: (u.used, u.total, u.remaining) for u in resources.concurrency}
    assert concurrency == {
        "avatarModelConcurrency": (3, 12, 9),
        "ttsVoiceModelConcurrency": (4, 11, 7),
        "videoConcurrency": (7, 11, 4),
    }


def test_logout_example() -> None:
    assert parse_envelope(parse_json_document(LOGOUT_RESPONSE).value).data == 1


def test_quota_over_use_and_zero_total() -> None:
    account = parse_account(
        {
            "basicInfo": {"id": 2, "appId": "a", "appKey": "secret-app-key-value"},
            "resourceConfig": {
                "genCharModelTotalQty": 0,
                "genCharModelUsageQty": 3,
                "genVideoDurationTotalQty": "10",
                "genVideoDurationUsageQty": 15,
            },
        }
    )
    assert account.basic_info is not None and "secret-app-key-value" not in repr(account.basic_info)
    assert account.resource_config is not None
    avatar, tts, video = account.resource_config.quotas
    assert (avatar.remaining, avatar.percent) == (0, 100.0)
    assert (video.total, video.remaining, video.percent) == (10, 0, 150.0)
    assert tts.percent is None and not tts.known
    assert any("genVideoDurationTotalQty" in i.path and "string" in i.problem for i in account.issues)


def test_negative_counts_are_reported_and_shown_as_zero() -> None:
    data = {"basicInfo": {}, "resourceConfig": {"genCharModelTotalQty": 10, "genCharModelUsageQty": -1}}
    account = parse_account(data)
    assert account.resource_config is not None
    avatar = account.resource_config.quotas[0]
    assert (avatar.used, avatar.remaining, avatar.percent) == (0, 10, 0.0)
    assert any(
        "genCharModelUsageQty" in issue.path and "negative" in issue.problem for issue in account.issues
    )
