"""Fidelity round two (issue 16): what real clients send and what real answers hold.

Bodies are the exact ones of the issue: a Java (Feign/Jackson) client's numeric timestamp, the FAQ's
10-digit-seconds sign, answers without refreshToken / refreshTokenExpiresIn, permissions as the doc's
string-typed appId or ``[]``, the account's callback URLs, and logout without a token.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from aigc_desktop.platform.signing import token_sign
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.accounts import AccountsFileError
from aigc_desktop.sandbox.state import ACCESS_TOKEN_LIFETIME_S, REFRESH_TOKEN_LIFETIME_S
from tests.sandbox._helpers import (
    LOGIN,
    LOGOUT,
    account_entry,
    bearer,
    get_account,
    login,
    make_accounts,
    refresh,
)

FAQ_APP_ID = "c103af9ac77646ca9fb0122e75f30811"
FAQ_APP_KEY = "89f81a207e5e4a1297ed1255879191ee"
FAQ_TIMESTAMP = "1686730537"
FAQ_SIGN = "f6ffecf33d2073d9b3b93ba157665cfc"
JAVA_TIMESTAMP = 1693206851000


async def post(client: httpx.AsyncClient, body: Any) -> dict[str, Any]:
    response = await client.post(LOGIN, json=body)
    assert response.status_code == 200
    return dict(response.json())


# --- 1. JSON numbers where the doc types a String of digits ------------------------------------------


async def test_a_java_clients_numeric_timestamp_signs_in(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    demo = server.demo
    body = {
        "appId": demo.app_id,
        "sign": token_sign(demo.app_id, str(JAVA_TIMESTAMP), demo.app_key),
        "timestamp": JAVA_TIMESTAMP,  # a JSON number, as Jackson writes a Java long
        "grantType": "sign",
    }
    envelope = await post(client, body)
    assert envelope["code"] == 0, envelope
    assert envelope["data"]["accessToken"]


async def test_a_numeric_timestamp_is_signed_as_its_digits(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    demo = server.demo
    wrong = token_sign(demo.app_id, f"{JAVA_TIMESTAMP}.0", demo.app_key)  # a float's text is not accepted
    body = {"appId": demo.app_id, "sign": wrong, "timestamp": JAVA_TIMESTAMP, "grantType": "sign"}
    assert (await post(client, body))["code"] == 60112160


async def test_a_numeric_app_id_signs_in_when_the_app_id_is_digits() -> None:
    accounts = make_accounts(account_entry(appId="1234567890"))
    async with (
        SandboxServer(accounts) as numeric,
        httpx.AsyncClient(base_url=numeric.base_url, trust_env=False) as http,
    ):
        body = {
            "appId": 1234567890,
            "timestamp": "1676797061518",
            "sign": token_sign("1234567890", "1676797061518", accounts[0].app_key),
            "grantType": "sign",
        }
        envelope = await post(http, body)
        assert envelope["code"] == 0, envelope
        assert envelope["data"]["user"]["appId"] == "1234567890"


# --- 2. the FAQ's 10-digit (seconds) timestamp -----------------------------------------------------


async def test_the_faq_curl_body_signs_in() -> None:
    accounts = make_accounts(account_entry(appId=FAQ_APP_ID, appKey=FAQ_APP_KEY))
    async with (
        SandboxServer(accounts) as faq,
        httpx.AsyncClient(base_url=faq.base_url, trust_env=False) as http,
    ):
        body = {"appId": FAQ_APP_ID, "timestamp": FAQ_TIMESTAMP, "sign": FAQ_SIGN, "grantType": "sign"}
        envelope = await post(http, body)
        assert envelope["code"] == 0, envelope
        assert envelope["data"]["accessToken"]
        # one digit of the sign changed: refused, so the FAQ body is really being checked
        envelope = await post(http, body | {"sign": "0" + FAQ_SIGN[1:]})
        assert envelope["code"] == 60112160


# --- 3. answers without expiresIn / refreshToken / refreshTokenExpiresIn ---------------------------


async def test_a_fresh_token_reports_exactly_eight_hours(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    data = await login(client, server.demo)
    assert data["expiresIn"] == ACCESS_TOKEN_LIFETIME_S == 28800
    assert data["refreshTokenExpiresIn"] == REFRESH_TOKEN_LIFETIME_S
    server.clock.advance(1)
    assert (await login(client, server.demo))["expiresIn"] == 28799


@pytest.mark.parametrize(
    ("knob", "field"),
    [
        ("omitExpiresIn", "expiresIn"),
        ("omitRefreshToken", "refreshToken"),
        ("omitRefreshTokenExpiresIn", "refreshTokenExpiresIn"),
    ],
)
async def test_each_omission_knob_drops_its_field_from_login_and_refresh(knob: str, field: str) -> None:
    accounts = make_accounts(account_entry(**{knob: True}))
    async with (
        SandboxServer(accounts) as slips,
        httpx.AsyncClient(base_url=slips.base_url, trust_env=False) as http,
    ):
        data = await login(http, accounts[0])
        others = {"accessToken", "expiresIn", "refreshToken", "refreshTokenExpiresIn"} - {field}
        assert field not in data and others <= set(data)
        if field != "refreshToken":  # without a refresh token there is nothing to refresh with
            refreshed = await refresh(http, accounts[0], data["refreshToken"])
            assert refreshed["code"] == 0
            assert field not in refreshed["data"] and others <= set(refreshed["data"])


async def test_without_knobs_every_token_field_is_present(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    data = await login(client, server.demo)
    refreshed = await refresh(client, server.demo, data["refreshToken"])
    assert {"accessToken", "expiresIn", "refreshToken", "refreshTokenExpiresIn"} == set(refreshed["data"])


# --- 5. user fields: the callback URLs and anything the accounts file sets -------------------------


async def test_the_accounts_file_sets_the_callback_urls_and_any_user_field() -> None:
    accounts = make_accounts(
        account_entry(
            callbackUrl="https://example.com/aigc/callback",
            liveCallbackUrl="https://example.com/aigc/live",
            userFields={"email": "ops@example.com", "userType": 2, "conceal": False, "shoeSize": 44},
        )
    )
    async with (
        SandboxServer(accounts) as custom,
        httpx.AsyncClient(base_url=custom.base_url, trust_env=False) as http,
    ):
        user = (await login(http, accounts[0]))["user"]
    assert user["callbackUrl"] == "https://example.com/aigc/callback"
    assert user["liveCallbackUrl"] == "https://example.com/aigc/live"
    assert user["email"] == "ops@example.com"
    assert user["userType"] == 2 and user["conceal"] is False and user["shoeSize"] == 44
    assert user["appKey"] is None  # the documented fields are still there
    assert {
        "profilePhoto",
        "extraInfo",
        "description",
        "licensePath",
        "isDelete",
        "creator",
        "updater",
    } <= set(user)


async def test_without_callback_urls_they_are_null(server: SandboxServer, client: httpx.AsyncClient) -> None:
    user = (await login(client, server.demo))["user"]
    assert user["callbackUrl"] is None and user["liveCallbackUrl"] is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"callbackUrl": 5}, "accounts[0].callbackUrl: expected a URL string or null; got number 5"),
        ({"userFields": []}, "accounts[0].userFields: expected an object of user fields; got array []"),
        ({"userFields": {"appKey": "x"}}, "accounts[0].userFields.appKey: not settable"),
        (
            {"permissions": "none"},
            'accounts[0].permissions: expected one of "doc", "empty"; got string "none"',
        ),
        (
            {"omitRefreshToken": "yes"},
            'accounts[0].omitRefreshToken: expected true or false; got string "yes"',
        ),
    ],
)
def test_bad_new_account_fields_are_named(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(AccountsFileError) as caught:
        make_accounts(account_entry(**overrides))
    assert str(caught.value).startswith(message)


# --- 6. permissions: the doc's string appId (default) or [] ---------------------------------------


async def test_permissions_default_to_the_docs_string_app_id(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    permissions = (await login(client, server.demo))["permissions"]
    assert [p["appId"] for p in permissions] == ["Virtual Human Application"]


async def test_permissions_can_be_an_empty_list() -> None:
    accounts = make_accounts(account_entry(permissions="empty"))
    async with (
        SandboxServer(accounts) as empty,
        httpx.AsyncClient(base_url=empty.base_url, trust_env=False) as http,
    ):
        assert (await login(http, accounts[0]))["permissions"] == []


# --- 9. logout needs the token like every HTTP call ------------------------------------------------


async def test_logout_without_authorization_is_84115943_and_revokes_nothing(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    data = await login(client, server.demo)
    response = await client.post(LOGOUT)  # no Authorization header at all
    assert response.json() == {"code": 84115943, "message": "Token is invalid", "data": None}
    assert (await get_account(client, data["accessToken"], server.demo.user_id))["code"] == 0
    done = await client.post(LOGOUT, headers=bearer(data["accessToken"]))
    assert done.json() == {"code": 0, "message": "success", "data": 1}
