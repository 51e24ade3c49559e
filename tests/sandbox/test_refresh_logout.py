"""Refresh (new pair, old one dead, 3 h guard, 7 day lifetime) and logout (revokes both tokens)."""

from __future__ import annotations

import httpx
import pytest

from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.state import ACCESS_TOKEN_LIFETIME_S, REFRESH_TOKEN_LIFETIME_S
from tests.sandbox._helpers import (
    HOUR,
    LOGOUT,
    REFRESH,
    account_entry,
    bearer,
    get_account,
    login,
    make_accounts,
    refresh,
)

TOO_FREQUENT = "Refresh token too frequent, limited to 3 hour intervals"


async def test_refresh_issues_a_new_pair_and_kills_the_old(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    answer = await refresh(client, server.demo, first["refreshToken"])
    assert answer["code"] == 0
    data = answer["data"]
    assert set(data) == {"accessToken", "expiresIn", "refreshToken", "refreshTokenExpiresIn"}
    assert data["accessToken"] != first["accessToken"]
    assert data["refreshToken"] != first["refreshToken"]
    assert data["expiresIn"] == ACCESS_TOKEN_LIFETIME_S
    assert data["refreshTokenExpiresIn"] in (REFRESH_TOKEN_LIFETIME_S, REFRESH_TOKEN_LIFETIME_S - 1)
    user_id = server.demo.user_id
    assert (await get_account(client, first["accessToken"], user_id))["code"] == 84115943
    assert (await get_account(client, data["accessToken"], user_id))["code"] == 0
    spent = await refresh(client, server.demo, first["refreshToken"])
    assert spent == {"code": 84115943, "message": "Token is invalid", "data": None}


async def test_second_refresh_within_three_hours_is_refused(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    second = (await refresh(client, server.demo, first["refreshToken"]))["data"]
    server.clock.advance(3 * HOUR - 2)
    refused = await refresh(client, server.demo, second["refreshToken"])
    assert refused == {"code": 60112161, "message": TOO_FREQUENT, "data": None}
    # a refused refresh spends nothing: the same refresh token works once the interval is over
    assert (await get_account(client, second["accessToken"], server.demo.user_id))["code"] == 0
    server.clock.advance(2)
    third = await refresh(client, server.demo, second["refreshToken"])
    assert third["code"] == 0


async def test_refresh_guard_belongs_to_the_account_and_survives_logout(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    second = (await refresh(client, server.demo, first["refreshToken"]))["data"]
    await client.post(LOGOUT, headers=bearer(second["accessToken"]))
    again = await login(client, server.demo)
    assert (await refresh(client, server.demo, again["refreshToken"]))["code"] == 60112161


async def test_refresh_works_after_the_access_token_expired(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    server.clock.advance(9 * HOUR)
    assert (await get_account(client, first["accessToken"], server.demo.user_id))["code"] == 60112505
    assert (await refresh(client, server.demo, first["refreshToken"]))["code"] == 0


async def test_refresh_token_lasts_seven_days(server: SandboxServer, client: httpx.AsyncClient) -> None:
    first = await login(client, server.demo)
    server.clock.advance(REFRESH_TOKEN_LIFETIME_S + 1)
    expired = await refresh(client, server.demo, first["refreshToken"])
    assert expired == {
        "code": 60112505,
        "message": "Access authorization has expired, please log in again",
        "data": None,
    }


@pytest.mark.parametrize(
    ("body", "use_token", "headers", "code"),
    [
        ({"grantType": "sign"}, True, None, 60112162),
        ({"grantType": None}, True, None, 60112162),
        ({"appId": ""}, True, None, 60102151),
        ({}, False, {}, 84115943),
        ({}, False, {"Authorization": "Bearer nonsense"}, 84115943),
        ({}, False, {"Authorization": "Basic abc"}, 84115943),
        ({"appId": "some-other-app"}, True, None, 84115943),
    ],
)
async def test_refresh_refusals(
    server: SandboxServer,
    client: httpx.AsyncClient,
    body: dict[str, object],
    use_token: bool,
    headers: dict[str, str] | None,
    code: int,
) -> None:
    first = await login(client, server.demo)
    payload = {"appId": server.demo.app_id, "grantType": "refreshToken"} | body
    sent_headers = bearer(first["refreshToken"]) if use_token else headers
    response = await client.post(REFRESH, json=payload, headers=sent_headers)
    assert response.json()["code"] == code
    assert response.json()["data"] is None


async def test_access_token_is_not_a_refresh_token(server: SandboxServer, client: httpx.AsyncClient) -> None:
    first = await login(client, server.demo)
    assert (await refresh(client, server.demo, first["accessToken"]))["code"] == 84115943


async def test_a_refresh_token_serves_only_its_own_app() -> None:
    accounts = make_accounts(account_entry(), account_entry(appId="second-app", userId=5))
    async with SandboxServer(accounts) as server, httpx.AsyncClient(base_url=server.base_url) as client:
        first = await login(client, accounts[0])
        assert (await refresh(client, accounts[1], first["refreshToken"]))["code"] == 84115943


async def test_logout_revokes_access_and_refresh_tokens(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    response = await client.post(LOGOUT, headers=bearer(first["accessToken"]))
    assert response.json() == {"code": 0, "message": "success", "data": 1}
    assert (await get_account(client, first["accessToken"], server.demo.user_id))["code"] == 84115943
    assert (await refresh(client, server.demo, first["refreshToken"]))["code"] == 84115943
    again = await client.post(LOGOUT, headers=bearer(first["accessToken"]))
    assert again.json() == {"code": 84115943, "message": "Token is invalid", "data": None}
    fresh = await login(client, server.demo)
    assert fresh["accessToken"] != first["accessToken"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer"}, {"Authorization": "Bearer nope"}])
async def test_logout_without_a_valid_token(
    server: SandboxServer, client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.post(LOGOUT, headers=headers)
    assert response.json() == {"code": 84115943, "message": "Token is invalid", "data": None}


async def test_logout_with_an_expired_token_is_refused(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    server.clock.advance(8 * HOUR + 1)
    response = await client.post(LOGOUT, headers=bearer(first["accessToken"]))
    assert response.json()["code"] == 84115943
