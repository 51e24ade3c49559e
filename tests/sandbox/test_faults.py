"""Injected faults: each kind as a client sees it, counts, wildcard, and cancellable delays."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from aigc_desktop.sandbox import FaultError, SandboxServer
from aigc_desktop.sandbox.fault_responses import OVERSIZED_BODY_BYTES
from tests.sandbox._helpers import ACCOUNT, LOGIN, LOGOUT, bearer, login, login_body, wait_until


def _is_html(response: httpx.Response) -> bool:
    return response.headers["content-type"].startswith("text/html") and "<html" in response.text


@pytest.mark.parametrize("kind", ["http500_html", "http502", "http503", "http504"])
async def test_html_error_pages(server: SandboxServer, client: httpx.AsyncClient, kind: str) -> None:
    server.faults.add(LOGIN, kind, 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    expected_status = {"http500_html": 500, "http502": 502, "http503": 503, "http504": 504}[kind]
    assert response.status_code == expected_status
    assert _is_html(response)
    assert (await client.post(LOGIN, json=login_body(server.demo))).json()["code"] == 0


async def test_malformed_json(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "malformed_json", 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


async def test_empty_body(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "empty_body", 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert (response.status_code, response.content) == (200, b"")


async def test_reset_drops_the_connection_without_an_answer(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.faults.add(LOGIN, "reset", 1)
    with pytest.raises(httpx.TransportError):
        await client.post(LOGIN, json=login_body(server.demo))
    assert server.requests[-1].status == 0 and server.requests[-1].fault == "reset"
    assert (await client.post(LOGIN, json=login_body(server.demo))).json()["code"] == 0


@pytest.mark.parametrize(
    ("kind", "code", "message"),
    [
        ("rate_limit", 89999999, "Your access is too frequent, please try again later"),
        ("unknown_code", 77777777, "Sandbox: an error code the documentation does not list"),
        ("token_expired", 60112505, "Access authorization has expired, please log in again"),
    ],
)
async def test_envelope_faults(
    server: SandboxServer, client: httpx.AsyncClient, kind: str, code: int, message: str
) -> None:
    session = await login(client, server.demo)
    server.faults.add(ACCOUNT, kind, 1)
    response = await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"]))
    assert response.status_code == 200
    assert response.json() == {"code": code, "message": message, "data": None}
    assert server.requests[-1].code == code
    # the token was never really touched: the next request succeeds
    again = await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"]))
    assert again.json()["code"] == 0


async def test_wrong_content_type_keeps_a_json_looking_body(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.faults.add(LOGIN, "wrong_content_type", 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert response.headers["content-type"].startswith("text/plain")
    assert json.loads(response.text)["code"] == 0


async def test_oversized_body(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "oversized_body", 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert len(response.content) == OVERSIZED_BODY_BYTES >= 4 * 1024 * 1024
    assert json.loads(response.content)["code"] == 0


async def test_delay_then_normal_answer(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "delay", 1, seconds=0.3)
    started = time.monotonic()
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert time.monotonic() - started >= 0.3
    assert response.json()["code"] == 0
    assert server.requests[-1].fault == "delay"


async def test_stop_cancels_pending_delays(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "delay", 1, seconds=600)
    started = time.monotonic()
    pending = asyncio.create_task(client.post(LOGIN, json=login_body(server.demo)))
    await wait_until(lambda: not server.faults.pending())  # the request has taken its fault
    await server.stop()
    with pytest.raises(httpx.TransportError):
        await pending
    assert time.monotonic() - started < 10
    await server.stop()  # idempotent


async def test_count_and_queue_order(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "http503", 2)
    server.faults.add(LOGIN, "rate_limit", 1)
    statuses = []
    for _ in range(4):
        response = await client.post(LOGIN, json=login_body(server.demo))
        statuses.append(
            (response.status_code, response.json()["code"] if response.status_code == 200 else None)
        )
    assert statuses == [(503, None), (503, None), (200, 89999999), (200, 0)]


async def test_wildcard_path_faults_every_platform_path(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.faults.add("*", "http502", 2)
    assert (await client.post(LOGOUT)).status_code == 502
    assert (await client.get("/_sandbox/clock")).status_code == 200  # controls are never faulted
    assert (await client.post(LOGIN, json=login_body(server.demo))).status_code == 502
    assert (await client.post(LOGIN, json=login_body(server.demo))).status_code == 200


async def test_count_zero_and_clear(server: SandboxServer, client: httpx.AsyncClient) -> None:
    server.faults.add(LOGIN, "http503", 5)
    server.faults.add(LOGIN, "http503", 0)
    assert (await client.post(LOGIN, json=login_body(server.demo))).status_code == 200
    server.faults.add(LOGIN, "http503", 5)
    server.faults.add(LOGOUT, "http503", 5)
    server.faults.clear()
    assert (await client.post(LOGIN, json=login_body(server.demo))).status_code == 200
    assert server.faults.pending() == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((LOGIN, "explode", 1), "unknown fault kind 'explode'"),
        ((LOGIN, "delay", 1), "needs 'seconds'"),
        ((LOGIN, "delay", 1, -1), "from 0 to 3600"),
        ((LOGIN, "reset", 1, 2.0), "only applies to 'delay'"),
        ((LOGIN, "reset", -1), "whole number >= 0"),
        (("api/no-slash", "reset", 1), "must start with '/'"),
        (("/_sandbox/clock", "reset", 1), "cannot be faulted"),
    ],
)
def test_bad_fault_requests_raise_clear_errors(args: tuple[object, ...], words: str) -> None:
    server = SandboxServer()
    with pytest.raises(FaultError, match=words):
        server.faults.add(*args)  # type: ignore[arg-type]
