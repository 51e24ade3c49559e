"""The sandbox's newer faults (slow_body, 401/403 pages, 429, bad_json_shape, refresh_too_soon) and the
``skewDateHeader`` clock knob, as a raw HTTP client sees them."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from email.utils import parsedate_to_datetime

import httpx
import pytest

from aigc_desktop.sandbox import FaultError, SandboxServer
from aigc_desktop.sandbox.fault_responses import BAD_JSON_SHAPE_BODY, SLOW_BODY_PIECES
from tests.sandbox._helpers import ACCOUNT, LOGIN, bearer, login, login_body, wait_until


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        yield running


@pytest.fixture
async def client(server: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False, timeout=10) as http:
        yield http


@pytest.mark.parametrize(
    ("kind", "status", "title"),
    [("http401_html", 401, "401 Authorization Required"), ("http403_html", 403, "403 Forbidden")],
)
async def test_gateway_auth_pages(
    server: SandboxServer, client: httpx.AsyncClient, kind: str, status: int, title: str
) -> None:
    server.faults.add(LOGIN, kind, 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html") and title in response.text
    assert (await client.post(LOGIN, json=login_body(server.demo))).json()["code"] == 0


async def test_http429_is_plain_text_with_retry_after(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.faults.add(LOGIN, "http429", 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert response.status_code == 429 and response.headers["retry-after"] == "60"
    assert response.headers["content-type"].startswith("text/plain")


async def test_bad_json_shape_is_valid_json_but_no_envelope(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.faults.add(LOGIN, "bad_json_shape", 1)
    response = await client.post(LOGIN, json=login_body(server.demo))
    assert response.status_code == 200 and response.text == BAD_JSON_SHAPE_BODY
    assert "code" not in response.json()


async def test_refresh_too_soon_fault_answers_60112161_on_any_path(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    data = await login(client, server.demo)
    server.faults.add(ACCOUNT, "refresh_too_soon", 1)
    response = await client.get(ACCOUNT, params={"userId": "4"}, headers=bearer(data["accessToken"]))
    body = response.json()
    assert body["code"] == 60112161 and "3 hour" in body["message"] and body["data"] is None
    assert server.requests[-1].code == 60112161 and server.requests[-1].fault == "refresh_too_soon"


async def test_slow_body_sends_headers_then_trickles_the_normal_answer(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    server.faults.add(LOGIN, "slow_body", 1, seconds=0.4)
    pieces: list[bytes] = []
    async with client.stream("POST", LOGIN, json=login_body(server.demo)) as response:
        assert response.status_code == 200
        async for chunk in response.aiter_raw():
            pieces.append(chunk)
    body = b"".join(pieces)
    assert len(pieces) > 1  # not one write: the answer really arrived in pieces
    assert int(response.headers["content-length"]) == len(body)
    assert httpx.Response(200, content=body).json()["code"] == 0  # the normal answer, whole
    assert server.requests[-1].fault == "slow_body" and server.requests[-1].status == 200


async def test_slow_body_trips_a_short_read_timeout(server: SandboxServer) -> None:
    server.faults.add(LOGIN, "slow_body", 1, seconds=SLOW_BODY_PIECES * 1.0)
    timeout = httpx.Timeout(5.0, read=0.3)
    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False, timeout=timeout) as http:
        with pytest.raises(httpx.ReadTimeout):
            await http.post(LOGIN, json=login_body(server.demo))


async def test_stop_ends_a_slow_body_at_once(server: SandboxServer) -> None:
    server.faults.add(LOGIN, "slow_body", 1, seconds=600)
    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False, timeout=30) as http:
        task = asyncio.create_task(http.post(LOGIN, json=login_body(server.demo)))
        await wait_until(lambda: server.faults.pending() == [])  # the request took its fault
        await server.stop()
        with pytest.raises(httpx.TransportError):
            await asyncio.wait_for(task, 10)  # ends with the server, never after the 600 s


@pytest.mark.parametrize(
    ("args", "words"),
    [((LOGIN, "slow_body", 1), "needs 'seconds'"), ((LOGIN, "http429", 1, 1.0), "only applies")],
)
def test_slow_body_needs_seconds_and_others_refuse_them(args: tuple, words: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(FaultError, match=words):
        SandboxServer().faults.add(*args)


def _server_date(response: httpx.Response) -> float:
    return parsedate_to_datetime(response.headers["date"]).timestamp()


async def test_skew_date_header_makes_the_date_follow_the_sandbox_clock(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    before = await client.post(LOGIN, json=login_body(server.demo))
    assert abs(_server_date(before) - time.time()) < 5  # real time by default
    answer = await client.post("/_sandbox/clock", json={"advanceSeconds": 300, "skewDateHeader": True})
    assert answer.status_code == 200 and answer.json()["offsetSeconds"] == 300
    assert server.skew_date_header
    for request in (client.post(LOGIN, json=login_body(server.demo)), client.get("/api/nope")):
        response = await request
        assert 295 < _server_date(response) - time.time() < 305
    server.faults.add(LOGIN, "http503", 1)  # fault answers carry the skewed Date too
    assert 295 < _server_date(await client.post(LOGIN, json=login_body(server.demo))) - time.time() < 305
    off = await client.post("/_sandbox/clock", json={"skewDateHeader": False})
    assert off.json()["offsetSeconds"] == 300 and not server.skew_date_header
    assert abs(_server_date(await client.post(LOGIN, json=login_body(server.demo))) - time.time()) < 5


@pytest.mark.parametrize(
    "body", [{"skewDateHeader": "yes"}, {"skewDateHeader": 1}, {"advanceSeconds": -5, "skewDateHeader": True}]
)
async def test_skew_knob_rejects_bad_input(
    server: SandboxServer, client: httpx.AsyncClient, body: dict[str, object]
) -> None:
    response = await client.post("/_sandbox/clock", json=body)
    assert response.status_code == 400
    assert not server.skew_date_header and server.clock.offset == 0
