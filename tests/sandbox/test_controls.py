"""The /_sandbox/ HTTP controls, routing errors, the request log and what gets logged."""

from __future__ import annotations

import logging

import httpx
import pytest

from aigc_desktop.sandbox import SandboxServer
from tests.sandbox._helpers import ACCOUNT, HOUR, LOGIN, LOGOUT, REFRESH, bearer, login, login_body


async def test_clock_get_and_advance(server: SandboxServer, client: httpx.AsyncClient) -> None:
    before = (await client.get("/_sandbox/clock")).json()
    assert set(before) == {"now", "nowMs", "date", "offsetSeconds"}
    after = (await client.post("/_sandbox/clock", json={"advanceSeconds": 2 * HOUR})).json()
    assert after["offsetSeconds"] == 2 * HOUR
    assert after["now"] - before["now"] >= 2 * HOUR
    assert server.clock.offset == 2 * HOUR


async def test_clock_advance_over_http_expires_tokens(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    session = await login(client, server.demo)
    await client.post("/_sandbox/clock", json={"advanceSeconds": 8 * HOUR})
    response = await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"]))
    assert response.json()["code"] == 60112505


@pytest.mark.parametrize(
    "body", [{"advanceSeconds": -1}, {"advanceSeconds": "60"}, {}, {"advanceSeconds": True}]
)
async def test_clock_rejects_bad_input(
    server: SandboxServer, client: httpx.AsyncClient, body: object
) -> None:
    response = await client.post("/_sandbox/clock", json=body)
    assert response.status_code == 400
    assert "advanceSeconds" in response.json()["error"]
    assert server.clock.offset == 0


async def test_faults_over_http(server: SandboxServer, client: httpx.AsyncClient) -> None:
    added = await client.post("/_sandbox/faults", json={"path": LOGIN, "kind": "http503", "count": 2})
    assert added.status_code == 200
    assert added.json()["faults"] == [{"path": LOGIN, "kind": "http503", "count": 2, "seconds": None}]
    assert (await client.post(LOGIN, json=login_body(server.demo))).status_code == 503
    listed = (await client.get("/_sandbox/faults")).json()
    assert listed["faults"][0]["count"] == 1 and "reset" in listed["kinds"]
    await client.post("/_sandbox/faults", json={"path": LOGIN, "kind": "http503", "count": 0})
    assert (await client.post(LOGIN, json=login_body(server.demo))).status_code == 200
    await client.post("/_sandbox/faults", json={"path": LOGOUT, "kind": "reset", "count": 3})
    cleared = await client.delete("/_sandbox/faults")
    assert cleared.json()["faults"] == [] and server.faults.pending() == []


async def test_delay_fault_over_http(server: SandboxServer, client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/_sandbox/faults", json={"path": LOGIN, "kind": "delay", "count": 1, "seconds": 0.05}
    )
    assert response.status_code == 200
    assert response.json()["faults"][0]["seconds"] == 0.05


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (
            {"path": LOGIN, "kind": "meltdown", "count": 1},
            "unknown fault kind 'meltdown'; valid kinds: delay",
        ),
        ({"kind": "reset"}, "missing 'path'"),
        ({"path": LOGIN}, "missing 'kind'"),
        ({"path": LOGIN, "kind": "reset", "count": "2"}, "whole number"),
        ({"path": LOGIN, "kind": "delay"}, "needs 'seconds'"),
    ],
)
async def test_bad_fault_requests_get_http_400(
    server: SandboxServer, client: httpx.AsyncClient, body: dict[str, object], words: str
) -> None:
    response = await client.post("/_sandbox/faults", json=body)
    assert response.status_code == 400
    assert words in response.json()["error"]
    assert server.faults.pending() == []


async def test_control_body_must_be_a_json_object(server: SandboxServer, client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/_sandbox/faults", content=b"{oops", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400 and "not valid JSON" in response.json()["error"]
    response = await client.post("/_sandbox/faults", json=[1])
    assert response.status_code == 400 and "JSON object" in response.json()["error"]


async def test_resources_control_sets_usage(server: SandboxServer, client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/_sandbox/resources",
        json={"resourceConfig": {"genCharModelUsageQty": 10, "genVideoDurationUsageQty": 20}},
    )
    assert response.status_code == 200
    assert response.json()["resourceConfig"]["genCharModelUsageQty"] == 10
    session = await login(client, server.demo)
    account = await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"]))
    resource = account.json()["data"]["resourceConfig"]
    assert (resource["genCharModelUsageQty"], resource["genVideoDurationUsageQty"]) == (10, 20)
    assert resource["genCharModelTotalQty"] == 12  # untouched fields keep their values


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"resourceConfig": {"genCharModelUsageQtty": 1}}, "did you mean 'genCharModelUsageQty'"),
        ({"resourceConfig": {"genCharModelUsageQty": -1}}, "must not be negative"),
        ({"resourceConfig": {"genCharModelUsageQty": "3"}}, "expected a whole number"),
        ({"resourceConfig": [1]}, "expected an object"),
        ({"appId": "nobody", "resourceConfig": {}}, "no sandbox account has appId 'nobody'"),
        ({}, "missing 'resourceConfig'"),
    ],
)
async def test_resources_control_rejects_bad_input(
    server: SandboxServer, client: httpx.AsyncClient, body: dict[str, object], words: str
) -> None:
    response = await client.post("/_sandbox/resources", json=body)
    assert response.status_code == 400
    assert words in response.json()["error"]
    assert server.demo.resource_config["genCharModelUsageQty"] == 2


async def test_request_log(server: SandboxServer, client: httpx.AsyncClient) -> None:
    session = await login(client, server.demo)
    await client.get(ACCOUNT, params={"userId": "x"}, headers=bearer(session["accessToken"]))
    await client.get("/nowhere")
    log = (await client.get("/_sandbox/requests")).json()["requests"]
    assert [(r["method"], r["path"], r["status"], r["code"]) for r in log] == [
        ("POST", LOGIN, 200, 0),
        ("GET", ACCOUNT, 200, 99999996),
        ("GET", "/nowhere", 404, 404),
    ]
    assert server.requests[0].time <= server.requests[-1].time
    await client.delete("/_sandbox/requests")
    assert [r.path for r in server.requests] == ["/_sandbox/requests"]  # only the DELETE itself remains


async def test_unknown_path_and_wrong_method(server: SandboxServer, client: httpx.AsyncClient) -> None:
    missing = await client.get("/api/uc/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.json() == {
        "code": 404,
        "message": "No such endpoint: /api/uc/v1/nothing-here",
        "data": None,
    }
    wrong = await client.get(LOGIN)
    assert wrong.status_code == 405
    assert wrong.headers["Allow"] == "POST"
    assert wrong.json()["code"] == 405 and "use POST" in wrong.json()["message"]
    assert (await client.post(ACCOUNT)).status_code == 405


async def test_secrets_never_reach_logs_or_the_request_log(
    server: SandboxServer, client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = login_body(server.demo)
    session = await login(client, server.demo)
    await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"]))
    await client.post(
        REFRESH,
        json={"appId": server.demo.app_id, "grantType": "refreshToken"},
        headers=bearer(session["refreshToken"]),
    )
    await client.post(LOGIN, json=body | {"sign": "0" * 32})
    log_text = (await client.get("/_sandbox/requests")).text
    secrets = [server.demo.app_key, session["accessToken"], session["refreshToken"], body["sign"]]
    assert LOGIN in caplog.text  # the log does say what happened...
    for secret in secrets:  # ...but never with a secret
        assert secret not in caplog.text
        assert secret not in log_text
        assert secret not in repr(server.requests)
    assert server.demo.app_key not in repr(server.demo)
