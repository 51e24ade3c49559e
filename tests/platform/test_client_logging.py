"""A whole session logged at DEBUG: no AppKey, sign or token value appears in any record."""

from __future__ import annotations

import logging

import pytest

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.exceptions import PlatformError
from aigc_desktop.platform.redaction import forget_secret
from aigc_desktop.platform.signing import token_sign
from aigc_desktop.sandbox import SandboxServer

TIMESTAMP = 1700000000000
WRONG_KEY = "WrongButSecretKey0123"


async def test_no_secret_reaches_the_logs(
    sandbox: SandboxServer, client: PlatformClient, caplog: pytest.LogCaptureFixture
) -> None:
    demo = sandbox.demo
    caplog.set_level(logging.DEBUG)
    grant = await client.login(demo.app_id, demo.app_key, timestamp_ms=TIMESTAMP)
    sandbox.faults.add(endpoints.ACCOUNT.path, "http502", 1)
    await client.get_account(grant.access_token, demo.user_id)
    assert grant.refresh_token
    refreshed = await client.refresh(demo.app_id, grant.refresh_token)
    with pytest.raises(PlatformError):
        await client.login(demo.app_id, WRONG_KEY, timestamp_ms=TIMESTAMP)
    assert refreshed.refresh_token
    with pytest.raises(PlatformError):  # within 3 h: the server refuses, the token is in the request
        await client.refresh(demo.app_id, refreshed.refresh_token)
    assert await client.logout(refreshed.access_token)

    secrets = {
        "AppKey": demo.app_key,
        "wrong AppKey": WRONG_KEY,
        "sign": token_sign(demo.app_id, TIMESTAMP, demo.app_key),
        "wrong sign": token_sign(demo.app_id, TIMESTAMP, WRONG_KEY),
        "access token": grant.access_token,
        "refresh token": grant.refresh_token,
        "new access token": refreshed.access_token,
        "new refresh token": refreshed.refresh_token,
    }
    texts = [f"{record.getMessage()} {record.args!r} {record.exc_text or ''}" for record in caplog.records]
    assert any("retrying" in text for text in texts), "the session should include a logged retry"
    assert any(endpoints.LOGIN.path in text for text in texts)
    for name, value in secrets.items():
        leaks = [text for text in texts if value in text]
        assert not leaks, f"{name} leaked into the log: {leaks[:1]}"


async def test_request_log_bodies_read_after_sign_out_still_hide_the_tokens(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    """Bodies are rendered when first read; they still mask what was secret when the call ended."""
    records: list[CallRecord] = []
    client.add_observer(records.append)
    grant = await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    token = grant.access_token
    await client.request(
        endpoints.LOGOUT,
        headers={"Authorization": f"Bearer {token}"},
        json_body={"accessToken": token, "note": f"pasted by hand: {token}"},
    )
    forget_secret(token)  # what signing out does
    shown = records[-1].request_body
    assert "pasted by hand: " in shown
    assert token not in shown
