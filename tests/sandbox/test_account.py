"""The account endpoint: doc shape with the account's values, and its documented refusals."""

from __future__ import annotations

import json

import httpx
import pytest

from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.payloads import DOC_RESOURCE_EXAMPLE
from tests.sandbox._helpers import (
    ACCOUNT,
    DOC_NUMBERS,
    HOUR,
    account_entry,
    bearer,
    get_account,
    login,
    make_accounts,
)


async def test_success_shape_and_values(server: SandboxServer, client: httpx.AsyncClient) -> None:
    session = await login(client, server.demo)
    envelope = await get_account(client, session["accessToken"], server.demo.user_id)
    assert envelope["code"] == 0 and envelope["message"] == "success"
    basic = envelope["data"]["basicInfo"]
    assert basic == {
        "id": server.demo.user_id,
        "company": "Demo Company (Sandbox)",
        "effectiveBeginDate": session["user"]["effectiveBeginDate"],
        "effectiveEndDate": session["user"]["effectiveEndDate"],
        "appId": server.demo.app_id,
        "appKey": server.demo.app_key,
    }
    resource = envelope["data"]["resourceConfig"]
    assert list(resource) == ["id", *DOC_NUMBERS]
    assert {k: v for k, v in resource.items() if k != "id"} == DOC_NUMBERS


async def test_absolute_dates_come_back_as_written() -> None:
    entry = account_entry(effectiveBeginDate="2020-02-29 08:00:00", effectiveEndDate="2099-12-31 23:59:59")
    async with (
        SandboxServer(make_accounts(entry)) as server,
        httpx.AsyncClient(base_url=server.base_url) as client,
    ):
        session = await login(client, server.demo)
        basic = (await get_account(client, session["accessToken"], server.demo.user_id))["data"]["basicInfo"]
    assert (basic["effectiveBeginDate"], basic["effectiveEndDate"]) == (
        "2020-02-29 08:00:00",
        "2099-12-31 23:59:59",
    )


@pytest.mark.parametrize(
    ("params", "code", "message"),
    [
        ({}, 83115905, "Account ID cannot be empty"),
        ({"userId": ""}, 83115905, "Account ID cannot be empty"),
        ({"userId": "abc"}, 99999996, "Invalid input"),
        ({"userId": "-4"}, 99999996, "Invalid input"),
        ({"userId": "4.0"}, 99999996, "Invalid input"),
        ({"userId": "5"}, 84115925, "Current user does not have permission to perform this operation"),
        ({"userId": "999"}, 84115925, "Current user does not have permission to perform this operation"),
    ],
)
async def test_user_id_refusals(
    server: SandboxServer, client: httpx.AsyncClient, params: dict[str, str], code: int, message: str
) -> None:
    session = await login(client, server.demo)
    response = await client.get(ACCOUNT, params=params, headers=bearer(session["accessToken"]))
    assert response.json() == {"code": code, "message": message, "data": None}


async def test_another_accounts_user_id_is_forbidden() -> None:
    accounts = make_accounts(account_entry(), account_entry(appId="second-app", userId=5))
    async with SandboxServer(accounts) as server, httpx.AsyncClient(base_url=server.base_url) as client:
        session = await login(client, accounts[0])
        assert (await get_account(client, session["accessToken"], 5))["code"] == 84115925
        other = await login(client, accounts[1])
        assert (await get_account(client, other["accessToken"], 5))["code"] == 0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer forged"}, {"Authorization": "token"}])
async def test_token_refusals(
    server: SandboxServer, client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.get(ACCOUNT, params={"userId": "4"}, headers=headers)
    assert response.json() == {"code": 84115943, "message": "Token is invalid", "data": None}


async def test_token_check_comes_before_the_user_id_check(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    response = await client.get(ACCOUNT)
    assert response.json()["code"] == 84115943


async def test_expired_token(server: SandboxServer, client: httpx.AsyncClient) -> None:
    session = await login(client, server.demo)
    server.clock.advance(8 * HOUR)
    assert (await get_account(client, session["accessToken"], 4))["code"] == 60112505


async def test_doc_resource_example_slip_knob_sends_the_docs_literal_text() -> None:
    accounts = make_accounts(account_entry(docResourceExampleSlip=True))
    async with SandboxServer(accounts) as server, httpx.AsyncClient(base_url=server.base_url) as client:
        session = await login(client, server.demo)
        response = await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"]))
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == DOC_RESOURCE_EXAMPLE
    pairs: list[list[tuple[str, object]]] = []

    def keep_pairs(found: list[tuple[str, object]]) -> dict[str, object]:
        pairs.append(found)
        return dict(found)

    json.loads(response.text, object_pairs_hook=keep_pairs)
    data_keys = [key for key, _ in pairs[-2]]
    assert data_keys == ["resourceConfig", "resourceConfig"]  # the doc's slip: basicInfo is missing
    assert json.loads(response.text)["data"]["resourceConfig"]["videoGenMaxConTasksUsageQty"] == 7
