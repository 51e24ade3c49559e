"""Login: the doc's success shape, the same token while valid, and every documented refusal."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.state import ACCESS_TOKEN_LIFETIME_S, REFRESH_TOKEN_LIFETIME_S
from tests.sandbox._helpers import (
    HOUR,
    LOGIN,
    account_entry,
    bearer,
    get_account,
    login,
    login_body,
    make_accounts,
)

DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


async def post_login(client: httpx.AsyncClient, body: object) -> dict[str, object]:
    response = await client.post(LOGIN, json=body)
    assert response.status_code == 200  # business errors are HTTP 200 with a code
    return dict(response.json())


async def test_success_has_the_docs_shape(server: SandboxServer, client: httpx.AsyncClient) -> None:
    data = await login(client, server.demo)
    assert set(data) == {
        "permissions",
        "roles",
        "accessToken",
        "expiresIn",
        "refreshToken",
        "refreshTokenExpiresIn",
        "user",
    }
    assert data["expiresIn"] == ACCESS_TOKEN_LIFETIME_S  # 28800 exactly, not 28799
    assert data["refreshTokenExpiresIn"] == REFRESH_TOKEN_LIFETIME_S
    assert data["permissions"][0]["appId"] == "Virtual Human Application"
    assert data["roles"][0]["roleName"] == "Enterprise"
    user = data["user"]
    assert user["id"] == server.demo.user_id
    assert user["company"] == "Demo Company (Sandbox)"
    assert user["status"] == 1
    assert DATE.match(user["effectiveBeginDate"]) and DATE.match(user["effectiveEndDate"])
    assert user["appKey"] is None
    assert data["accessToken"] != data["refreshToken"]


async def test_the_app_key_is_never_in_the_login_answer(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert server.demo.app_key not in response.text


async def test_second_login_returns_the_same_token_with_remaining_lifetime(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    server.clock.advance(HOUR)
    second = await login(client, server.demo)
    assert second["accessToken"] == first["accessToken"]
    assert second["refreshToken"] == first["refreshToken"]
    assert second["expiresIn"] == pytest.approx(ACCESS_TOKEN_LIFETIME_S - HOUR, abs=2)


async def test_token_lasts_eight_hours_on_the_sandbox_clock(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    first = await login(client, server.demo)
    server.clock.advance(8 * HOUR - 5)
    assert (await get_account(client, first["accessToken"], server.demo.user_id))["code"] == 0
    server.clock.advance(6)
    assert (await get_account(client, first["accessToken"], server.demo.user_id))["code"] == 60112505
    fresh = await login(client, server.demo)
    assert fresh["accessToken"] != first["accessToken"]
    assert fresh["expiresIn"] == ACCESS_TOKEN_LIFETIME_S
    # the replaced token is gone, not merely expired
    assert (await get_account(client, first["accessToken"], server.demo.user_id))["code"] == 84115943


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"sign": "0" * 32}, 60112160, "Third-party system signature verification failed"),
        ({"sign": ""}, 60112160, "Third-party system signature verification failed"),
        ({"appId": ""}, 60102151, "appId cannot be empty"),
        ({"appId": "   "}, 60102151, "appId cannot be empty"),
        ({"appId": None}, 60102151, "appId cannot be empty"),
        ({"appId": "no-such-app"}, 60111101, "APP does not exist"),
        ({"grantType": "password"}, 60112162, "Grant type is invalid"),
        ({"grantType": "refreshToken"}, 60112162, "Grant type is invalid"),
        ({"grantType": None}, 60112162, "Grant type is invalid"),
        # a JSON integer is accepted (Jackson coerces it; see test_fidelity_login), nothing else is
        ({"timestamp": 1676797061518.0}, 99999996, "Invalid input"),
        ({"timestamp": True}, 99999996, "Invalid input"),
        ({"timestamp": -1676797061518}, 99999996, "Invalid input"),
        ({"timestamp": "16767970615l8"}, 99999996, "Invalid input"),
        ({"timestamp": ""}, 99999996, "Invalid input"),
        ({"appId": 42}, 60111101, "APP does not exist"),
        ({"appId": 4.2}, 99999996, "Invalid input"),
        ({"sign": 123}, 99999996, "Invalid input"),
        ({"sign": ["x"]}, 99999996, "Invalid input"),
    ],
)
async def test_refusals(
    server: SandboxServer, client: httpx.AsyncClient, change: dict[str, object], code: int, message: str
) -> None:
    body = login_body(server.demo) | change
    envelope = await post_login(client, body)
    assert envelope == {"code": code, "message": message, "data": None}


async def test_sign_must_be_lowercase_hex(server: SandboxServer, client: httpx.AsyncClient) -> None:
    body = login_body(server.demo)
    body["sign"] = body["sign"].upper()
    assert (await post_login(client, body))["code"] == 60112160


async def test_sign_of_another_timestamp_fails(server: SandboxServer, client: httpx.AsyncClient) -> None:
    body = login_body(server.demo, timestamp="1676797061518")
    body["timestamp"] = "1676797061519"
    assert (await post_login(client, body))["code"] == 60112160


@pytest.mark.parametrize("raw", [b"{not json", b"", b'"text"', b"42", b"[]", b"null", b"\xff\xfe"])
async def test_malformed_bodies_are_invalid_input(
    server: SandboxServer, client: httpx.AsyncClient, raw: bytes
) -> None:
    response = await client.post(LOGIN, content=raw, headers={"Content-Type": "application/json"})
    assert response.json() == {"code": 99999996, "message": "Invalid input", "data": None}


async def test_one_element_array_is_accepted_like_the_docs_prose(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    envelope = await post_login(client, [login_body(server.demo)])
    assert envelope["code"] == 0


async def test_two_element_array_is_invalid_input(server: SandboxServer, client: httpx.AsyncClient) -> None:
    body = login_body(server.demo)
    assert (await post_login(client, [body, body]))["code"] == 99999996


async def test_docs_literal_request_example_reaches_the_app_check(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    literal = '{\n"appId": "ID",\n"timestamp": "1676797061518",\n"sign": "c4b08ca7d242939b8bf9c1dbb1a1911a",\n"grantType": "sign"\n}'
    response = await client.post(LOGIN, content=literal, headers={"Content-Type": "application/json"})
    assert response.json()["code"] == 60111101  # well-formed; only the app "ID" is unknown here


@pytest.mark.parametrize(
    ("overrides", "code", "message"),
    [
        ({"status": 0}, 60102128, "Account pending activation"),
        ({"status": 2}, 60102129, "This account has been disabled"),
        ({"effectiveBeginDate": "+1d", "effectiveEndDate": "+20d"}, 60102156, "not within the validity"),
        ({"effectiveBeginDate": "-20d", "effectiveEndDate": "-1s"}, 60102156, "not within the validity"),
    ],
)
async def test_account_state_refusals(overrides: dict[str, object], code: int, message: str) -> None:
    accounts = make_accounts(account_entry(appId="special", userId=9, **overrides))
    async with SandboxServer(accounts) as server, httpx.AsyncClient(base_url=server.base_url) as client:
        envelope = await post_login(client, login_body(server.demo))
    assert envelope["code"] == code
    assert message in str(envelope["message"])
    assert envelope["data"] is None


async def test_wrong_sign_is_reported_before_account_status() -> None:
    accounts = make_accounts(account_entry(status=2))
    async with SandboxServer(accounts) as server, httpx.AsyncClient(base_url=server.base_url) as client:
        envelope = await post_login(client, login_body(server.demo, sign="f" * 32))
    assert envelope["code"] == 60112160


async def test_demo_account_expires_only_when_the_clock_passes_its_end(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.clock.advance(199 * 24 * HOUR)
    assert (await post_login(client, login_body(server.demo)))["code"] == 0
    server.clock.advance(2 * 24 * HOUR)
    assert (await post_login(client, login_body(server.demo)))["code"] == 60102156


async def test_omit_expires_in_knob_drops_it_like_the_docs_example() -> None:
    accounts = make_accounts(account_entry(omitExpiresIn=True))
    async with SandboxServer(accounts) as server, httpx.AsyncClient(base_url=server.base_url) as client:
        data = await login(client, server.demo)
        assert "expiresIn" not in data
        assert "refreshTokenExpiresIn" in data
        response = await client.post(
            "/api/uc/v1/access/api/token/refresh",
            json={"appId": server.demo.app_id, "grantType": "refreshToken"},
            headers=bearer(data["refreshToken"]),
        )
    refreshed = response.json()["data"]
    assert "expiresIn" not in refreshed and refreshed["accessToken"]


async def test_answer_is_json_with_the_common_envelope(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert response.headers["content-type"].startswith("application/json")
    assert list(json.loads(response.text)) == ["code", "message", "data"]
