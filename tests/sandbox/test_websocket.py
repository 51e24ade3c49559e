"""The WebSocket token rule on /api/voice/stream/v1 (issue 16, item 7), over a real loopback socket.

Token in the ``Authorization`` header or in the URL (``?Authorization=Bearer%20<token>``), the header
wins; valid -> open; invalid or expired -> one envelope message and close 1008 with the code as reason;
first message within the first-message timeout, then closed after the idle timeout (short ones here).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import aiohttp
import pytest

from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.routes_websocket import STREAM_PATH, WebSocketSettings
from tests.sandbox._helpers import HOUR, LOGIN, login_body, wait_until

SHORT = WebSocketSettings(first_message_timeout_s=0.3, idle_timeout_s=0.5)


@pytest.fixture
async def ws_server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(websocket=SHORT) as running:
        yield running


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def sign_in(http: aiohttp.ClientSession, server: SandboxServer) -> str:
    async with http.post(server.base_url + LOGIN, json=login_body(server.demo)) as response:
        return str((await response.json())["data"]["accessToken"])


def ws_url(server: SandboxServer, query_token: str | None = None) -> str:
    url = server.base_url.replace("http://", "ws://") + STREAM_PATH
    return url if query_token is None else f"{url}?Authorization=Bearer%20{query_token}"


async def assert_refused(socket: aiohttp.ClientWebSocketResponse, code: int) -> None:
    message = await socket.receive()
    assert message.type == aiohttp.WSMsgType.TEXT
    envelope = json.loads(message.data)
    assert envelope["code"] == code and envelope["data"] is None and envelope["message"]
    closing = await socket.receive()
    assert closing.type == aiohttp.WSMsgType.CLOSE
    assert (closing.data, closing.extra) == (1008, str(code))


async def assert_open(socket: aiohttp.ClientWebSocketResponse) -> None:
    await socket.send_str('{"type": "start"}')
    answer = await socket.receive_json()
    assert answer == {"code": 0, "message": "success", "data": {"received": 1, "bytes": 17}}


async def test_token_in_the_url_opens(ws_server: SandboxServer, http: aiohttp.ClientSession) -> None:
    token = await sign_in(http, ws_server)
    async with http.ws_connect(ws_url(ws_server, token)) as socket:
        await assert_open(socket)


async def test_token_in_the_header_opens(ws_server: SandboxServer, http: aiohttp.ClientSession) -> None:
    token = await sign_in(http, ws_server)
    async with http.ws_connect(ws_url(ws_server), headers={"Authorization": f"Bearer {token}"}) as socket:
        await assert_open(socket)


async def test_the_header_wins_over_the_url(ws_server: SandboxServer, http: aiohttp.ClientSession) -> None:
    token = await sign_in(http, ws_server)
    async with http.ws_connect(
        ws_url(ws_server, "not-a-token"), headers={"Authorization": f"Bearer {token}"}
    ) as ok:
        await assert_open(ok)
    bad = {"Authorization": "Bearer not-a-token"}
    async with http.ws_connect(ws_url(ws_server, token), headers=bad) as refused:
        await assert_refused(refused, 84115943)


@pytest.mark.parametrize("query", [None, "", "not-a-token"])
async def test_missing_or_invalid_token_is_refused(
    ws_server: SandboxServer, http: aiohttp.ClientSession, query: str | None
) -> None:
    async with http.ws_connect(ws_url(ws_server, query)) as socket:
        await assert_refused(socket, 84115943)
    await wait_until(lambda: bool(ws_server.requests))  # the handler ends just after the close handshake
    assert (ws_server.requests[-1].code, ws_server.requests[-1].status) == (84115943, 101)


async def test_an_expired_token_is_refused_with_60112505(
    ws_server: SandboxServer, http: aiohttp.ClientSession
) -> None:
    token = await sign_in(http, ws_server)
    ws_server.clock.advance(8 * HOUR - 1)
    async with http.ws_connect(ws_url(ws_server, token)) as socket:
        await assert_open(socket)
    ws_server.clock.advance(1)
    async with http.ws_connect(ws_url(ws_server, token)) as socket:
        first = await socket.receive_json()
        assert first == {
            "code": 60112505,
            "message": "Access authorization has expired, please log in again",
            "data": None,
        }
        closing = await socket.receive()
        assert (closing.type, closing.data, closing.extra) == (aiohttp.WSMsgType.CLOSE, 1008, "60112505")


async def test_no_first_message_closes_the_socket(
    ws_server: SandboxServer, http: aiohttp.ClientSession
) -> None:
    token = await sign_in(http, ws_server)
    async with http.ws_connect(ws_url(ws_server, token)) as socket:
        closing = await socket.receive()  # sends nothing: the sandbox closes after 0.3 s
    assert closing.type == aiohttp.WSMsgType.CLOSE
    assert (closing.data, closing.extra) == (1000, "no first message within 0.3 s")


async def test_an_idle_socket_is_closed(ws_server: SandboxServer, http: aiohttp.ClientSession) -> None:
    token = await sign_in(http, ws_server)
    async with http.ws_connect(ws_url(ws_server, token)) as socket:
        await assert_open(socket)
        await socket.send_bytes(b"\x00\x01")
        assert (await socket.receive_json())["data"] == {"received": 2, "bytes": 2}
        closing = await socket.receive()
    assert (closing.data, closing.extra) == (1000, "idle for 0.5 s")


async def test_stopping_the_sandbox_closes_open_sockets(http: aiohttp.ClientSession) -> None:
    server = SandboxServer(websocket=WebSocketSettings(first_message_timeout_s=60, idle_timeout_s=60))
    await server.start()
    token = await sign_in(http, server)
    async with http.ws_connect(ws_url(server, token)) as socket:
        await assert_open(socket)
        await server.stop()
        closing = await socket.receive()
    assert closing.type == aiohttp.WSMsgType.CLOSE and closing.data == 1001


async def test_a_plain_get_is_told_to_upgrade(ws_server: SandboxServer, http: aiohttp.ClientSession) -> None:
    async with http.get(ws_server.base_url + STREAM_PATH) as response:
        assert response.status == 400
        assert (await response.json())["message"] == "This endpoint expects a WebSocket upgrade"


def test_the_durations_are_settings_with_the_platforms_defaults() -> None:
    assert (WebSocketSettings().first_message_timeout_s, WebSocketSettings().idle_timeout_s) == (10.0, 60.0)
    with pytest.raises(ValueError, match="positive"):
        WebSocketSettings(first_message_timeout_s=0)
