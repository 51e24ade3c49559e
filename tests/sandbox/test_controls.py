"""The /_sandbox/ HTTP controls, routing errors, the request log and what gets logged."""

from __future__ import annotations

import json
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


# --- issue 15 items 9 and 10: every control value checked, nothing changed when refused ------------


@pytest.mark.parametrize(
    ("origin", "status"),
    [
        ("http://evil.example", 403),
        ("null", 403),  # sandboxed frames and file:// pages
        ("http://127.0.0.1.evil.example", 403),
        ("http://localhost:5173", 200),
        ("http://127.0.0.2:8080", 200),
        ("http://[::1]:8080", 200),
    ],
)
async def test_controls_answer_only_loopback_origins(
    server: SandboxServer, client: httpx.AsyncClient, origin: str, status: int
) -> None:
    server.faults.add(LOGIN, "http503", 1)
    answers = [
        await client.get("/_sandbox/faults", headers={"Origin": origin}),
        await client.delete("/_sandbox/faults", headers={"Origin": origin}),
    ]
    assert [a.status_code for a in answers] == [status, status]
    assert len(server.faults.pending()) == (1 if status == 403 else 0)


@pytest.mark.parametrize(
    "content_type", [None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
async def test_control_posts_must_be_json(
    server: SandboxServer, client: httpx.AsyncClient, content_type: str | None
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    answer = await client.post(
        "/_sandbox/faults", content=f'{{"path": "{LOGIN}", "kind": "reset"}}', headers=headers
    )
    assert answer.status_code == 415 and "application/json" in answer.json()["error"]
    assert server.faults.pending() == []


async def test_fault_counts_and_resource_numbers_are_bounded_at_their_edges(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    at_limit = await client.post(
        "/_sandbox/faults", json={"path": LOGIN, "kind": "reset", "count": 1_000_000}
    )
    past = await client.post("/_sandbox/faults", json={"path": LOGOUT, "kind": "reset", "count": 1_000_001})
    assert (at_limit.status_code, past.status_code) == (200, 400)
    assert [f.path for f in server.faults.pending()] == [LOGIN]
    before = dict(server.demo.resource_config)
    largest = 2**63 - 1  # the platform's numbers are Java Longs
    answer = await client.post(
        "/_sandbox/resources",
        json={"resourceConfig": {"genVideoDurationUsageQty": 1, "genVideoDurationTotalQty": largest + 1}},
    )
    assert answer.status_code == 400 and "Long" in answer.json()["error"]
    assert server.demo.resource_config == before  # nothing changed, not even the valid field
    ok = await client.post(
        "/_sandbox/resources", json={"resourceConfig": {"genVideoDurationTotalQty": largest}}
    )
    assert ok.status_code == 200 and server.demo.resource_config["genVideoDurationTotalQty"] == largest


def test_json_bodies_nest_up_to_the_limit_and_no_deeper() -> None:
    from aigc_desktop.sandbox.json_body import MAX_DEPTH, loads_limited

    assert loads_limited("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    assert loads_limited('{"a":' * MAX_DEPTH + "1" + "}" * MAX_DEPTH) is not None
    for text in ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "[" * 100_000 + "]" * 100_000):
        with pytest.raises(ValueError, match="nested deeper than 32"):
            loads_limited(text)
    assert loads_limited("[" + "[],{}," * 1000 + "0]") is not None  # many brackets, shallow: fine


async def test_a_clock_advance_that_is_refused_leaves_every_answer_working(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    for value in (1e300, 10**400, -1, "1", None, float("nan")):
        body = '{"advanceSeconds": ' + ("NaN" if value != value else json.dumps(value)) + "}"
        answer = await client.post(
            "/_sandbox/clock", content=body, headers={"Content-Type": "application/json"}
        )
        assert answer.status_code == 400, value
    assert server.clock.offset == 0
    assert (await client.get("/_sandbox/clock")).status_code == 200
    assert (await login(client, server.demo))["accessToken"]  # valid sign-ins still work
