"""The client against the sandbox over real loopback HTTP: the documented happy and error paths."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.exceptions import PlatformError, RefreshTooSoon
from aigc_desktop.platform.signing import token_sign
from aigc_desktop.sandbox import SandboxServer
from tests.platform.conftest import DISABLED_APP_ID, DOC_SLIPS_APP_ID, EXPIRED_APP_ID, requests_to

HOUR = 3600


async def test_login_returns_a_grant_for_the_demo_account(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    assert grant.access_token and grant.refresh_token and grant.access_token != grant.refresh_token
    assert 0 < grant.expires_in <= 8 * HOUR
    assert grant.user is not None and grant.user.user_id == demo.user_id


async def test_login_request_preview_masks_the_sign(sandbox: SandboxServer, client: PlatformClient) -> None:
    demo = sandbox.demo
    await client.login(demo.app_id, demo.app_key, timestamp_ms=1676797061518)
    preview = client.last_login_request
    assert preview is not None
    assert preview.method == "POST" and preview.url == f"{sandbox.base_url}{endpoints.LOGIN.path}"
    sign = token_sign(demo.app_id, "1676797061518", demo.app_key)
    assert dict(preview.body) == {
        "appId": demo.app_id,
        "timestamp": "1676797061518",
        "sign": f"{sign[:4]}…{sign[-4:]}",
        "grantType": "sign",
    }
    shown = repr(preview)
    assert sign not in shown and demo.app_key not in shown
    assert preview.headers["Content-Type"] == "application/json"
    assert preview.headers["User-Agent"].startswith("AIGC-Desktop/")


async def test_second_login_returns_the_same_token(sandbox: SandboxServer, client: PlatformClient) -> None:
    first = await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    second = await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    assert second.access_token == first.access_token


async def test_wrong_app_key_is_a_sign_failure(sandbox: SandboxServer, client: PlatformClient) -> None:
    with pytest.raises(PlatformError) as caught:
        await client.login(sandbox.demo.app_id, "WrongAppKey0123456789")
    error = caught.value
    assert error.code == 60112160
    assert error.meaning == "Third-party system signature verification failed"
    assert error.category == "Access tokens"
    assert "AppKey" in error.advice
    assert error.http_status == 200 and error.endpoint == str(endpoints.LOGIN)
    assert "WrongAppKey0123456789" not in str(error)


@pytest.mark.parametrize(
    ("app_id", "code"),
    [("no-such-app", 60111101), (DISABLED_APP_ID, 60102129), (EXPIRED_APP_ID, 60102156)],
)
async def test_login_refused_by_account_state(
    sandbox: SandboxServer, client: PlatformClient, app_id: str, code: int
) -> None:
    account = sandbox.account(app_id)
    key = account.app_key if account else "AnyAppKey0123456789"
    with pytest.raises(PlatformError) as caught:
        await client.login(app_id, key)
    assert caught.value.code == code
    assert caught.value.meaning and caught.value.advice


async def test_bad_grant_type_via_a_hand_made_request(sandbox: SandboxServer, client: PlatformClient) -> None:
    demo = sandbox.demo
    body = {
        "appId": demo.app_id,
        "timestamp": "1676797061518",
        "sign": token_sign(demo.app_id, "1676797061518", demo.app_key),
        "grantType": "password",
    }
    with pytest.raises(PlatformError) as caught:
        await client.request(endpoints.LOGIN, json_body=body)
    assert caught.value.code == 60112162
    assert "grantType" in caught.value.advice


async def test_refresh_rotates_tokens_and_revokes_the_old_ones(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    demo = sandbox.demo
    old = await client.login(demo.app_id, demo.app_key)
    assert old.refresh_token
    new = await client.refresh(demo.app_id, old.refresh_token)
    assert new.access_token != old.access_token and new.refresh_token != old.refresh_token
    account = await client.get_account(new.access_token, demo.user_id)
    assert account.resource_config is not None
    with pytest.raises(PlatformError) as caught:
        await client.get_account(old.access_token, demo.user_id)
    assert caught.value.code == 84115943


async def test_server_refuses_a_second_refresh_within_three_hours_then_allows_it(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    assert grant.refresh_token
    second = await client.refresh(demo.app_id, grant.refresh_token)
    assert second.refresh_token
    with pytest.raises(PlatformError) as caught:
        await client.refresh(demo.app_id, second.refresh_token)  # no local guard given: the server decides
    assert caught.value.code == 60112161
    assert "3" in caught.value.server_message
    assert caught.value.meaning == "Refresh token too frequent, limited to 3 hour intervals"
    sandbox.clock.advance(3 * HOUR)
    third = await client.refresh(demo.app_id, second.refresh_token)
    assert third.access_token not in {grant.access_token, second.access_token}


async def test_local_refresh_guard_sends_nothing(sandbox: SandboxServer, client: PlatformClient) -> None:
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    assert grant.refresh_token
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    last = now - timedelta(hours=1)
    with pytest.raises(RefreshTooSoon) as caught:
        await client.refresh(demo.app_id, grant.refresh_token, last_refresh_at=last, now=now)
    assert caught.value.next_allowed_at == last + timedelta(hours=3)
    assert requests_to(sandbox, endpoints.REFRESH.path) == 0
    forced = await client.refresh(demo.app_id, grant.refresh_token, last_refresh_at=last, now=now, force=True)
    assert forced.access_token != grant.access_token
    assert requests_to(sandbox, endpoints.REFRESH.path) == 1


async def test_access_token_expires_after_eight_hours(sandbox: SandboxServer, client: PlatformClient) -> None:
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    sandbox.clock.advance(8 * HOUR + 1)
    with pytest.raises(PlatformError) as caught:
        await client.get_account(grant.access_token, demo.user_id)
    assert caught.value.code == 60112505
    assert "log in again" in caught.value.meaning


async def test_logout_revokes_the_token(sandbox: SandboxServer, client: PlatformClient) -> None:
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    assert await client.logout(grant.access_token) is True
    with pytest.raises(PlatformError) as caught:
        await client.get_account(grant.access_token, demo.user_id)
    assert caught.value.code == 84115943
    with pytest.raises(PlatformError) as again:
        await client.logout(grant.access_token)
    assert again.value.code == 84115943


async def test_account_matches_the_sandbox_account(sandbox: SandboxServer, client: PlatformClient) -> None:
    demo = sandbox.demo
    sandbox.update_resources({"genCharModelUsageQty": 5, "videoGenMaxConTasksUsageQty": 1})
    grant = await client.login(demo.app_id, demo.app_key)
    account = await client.get_account(grant.access_token, str(demo.user_id))
    assert account.basic_info is not None and account.basic_info.app_id == demo.app_id
    assert account.basic_info.company == demo.company
    assert account.resource_config is not None
    assert dict(account.resource_config.values) == demo.resource_config
    usages = {usage.spec.key: usage for usage in account.resource_config.all_usages}
    avatar = usages["avatarModel"]
    assert (avatar.used, avatar.total, avatar.remaining) == (5, 12, 7)
    assert usages["videoConcurrency"].used == 1


async def test_account_of_another_user_is_refused(sandbox: SandboxServer, client: PlatformClient) -> None:
    grant = await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    with pytest.raises(PlatformError) as caught:
        await client.get_account(grant.access_token, sandbox.demo.user_id + 1)
    assert caught.value.code == 84115925


async def test_each_account_call_asks_about_the_user_it_names(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    """The client reuses the URLs it has built: a reused URL still carries this call's userId."""
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    first = await client.get_account(grant.access_token, demo.user_id)
    with pytest.raises(PlatformError) as caught:
        await client.get_account(grant.access_token, demo.user_id + 1)
    assert caught.value.code == 84115925
    again = await client.get_account(grant.access_token, str(demo.user_id))
    assert first.basic_info is not None and again.basic_info is not None
    assert first.basic_info.id == again.basic_info.id == demo.user_id


async def test_bad_inputs_fail_before_sending(sandbox: SandboxServer, client: PlatformClient) -> None:
    with pytest.raises(ValueError, match="AppID is empty"):
        await client.login("  ", "key")
    with pytest.raises(ValueError, match="AppKey is empty"):
        await client.login("app", "")
    with pytest.raises(ValueError, match="leading or trailing spaces"):
        await client.login("app", "key ")
    with pytest.raises(ValueError, match="user ID must be a non-negative whole number"):
        await client.get_account("token-value", "4; drop")
    assert sandbox.requests == []


async def test_every_call_is_recorded(
    sandbox: SandboxServer, client: PlatformClient, records: list[CallRecord]
) -> None:
    demo = sandbox.demo
    grant = await client.login(demo.app_id, demo.app_key)
    await client.get_account(grant.access_token, demo.user_id)
    with pytest.raises(PlatformError):
        await client.get_account(grant.access_token, 999)
    login, account, refused = records
    assert (login.method, login.path, login.http_status, login.platform_code) == (
        "POST",
        endpoints.LOGIN.path,
        200,
        0,
    )
    assert login.ok and login.attempts == 1 and login.duration_ms >= 0
    assert login.server_clock_offset_s is not None and abs(login.server_clock_offset_s) < 5
    assert '"grantType": "sign"' in login.request_body
    assert grant.access_token not in login.response_body and grant.access_token[:4] in login.response_body
    assert demo.app_key not in account.response_body and '"appKey": "***"' in account.response_body
    assert account.query == f"userId={demo.user_id}" and login.query == ""
    assert (refused.platform_code, refused.ok) == (84115925, False)
    assert "84115925" in refused.error


async def test_a_failing_observer_does_not_break_the_call(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    def broken(record: CallRecord) -> None:
        raise RuntimeError("observer bug")

    seen: list[CallRecord] = []
    client.add_observer(broken)
    remove = client.add_observer(seen.append)
    await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    remove()
    await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    assert len(seen) == 1


async def test_doc_slips_over_the_wire(sandbox: SandboxServer, client: PlatformClient) -> None:
    """A server answering like the doc's examples: no expiresIn (8 h assumed), basicInfo spelt resourceConfig."""
    account = sandbox.account(DOC_SLIPS_APP_ID)
    assert account is not None
    grant = await client.login(account.app_id, account.app_key)
    assert grant.expires_in == 8 * HOUR and grant.expires_in_assumed
    info = await client.get_account(grant.access_token, account.user_id)
    problems = {issue.path: issue.problem for issue in info.issues}
    assert problems["data.basicInfo"].startswith("missing; recovered from an earlier 'data.resourceConfig'")
    assert "more than once" in problems["data.resourceConfig"]
    assert info.basic_info is not None and info.basic_info.company == "zhangsan"
    assert info.resource_config is not None
    assert [(u.used, u.total) for u in info.resource_config.quotas] == [(2, 12), (2, 12), (11, 21)]
