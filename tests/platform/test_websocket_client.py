"""WebSocket sign-in from the client side (issue 16, item 7): the URL form, its masking, and the test
against the sandbox's streaming endpoint over a real loopback socket."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from aigc_desktop.platform import websocket as ws
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.redaction import mask_websocket_url
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.routes_websocket import WebSocketSettings
from tests.platform.conftest import fast_config

TOKEN = "ZGI3YzRiZmY4ZmFjMjM2MDExODUxNDdmY2MwNGY4OTA0NGRmNGNjYi1jNGNmLTRlMTEtOTExOC05YTU0YTM2NjFjODY"


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("http://127.0.0.1:8080", "ws://127.0.0.1:8080/api/voice/stream/v1?Authorization=Bearer%20"),
        (
            "https://aigc.softsugar.com",
            "wss://aigc.softsugar.com/api/voice/stream/v1?Authorization=Bearer%20",
        ),
        (
            "HTTPS://aigc.softsugar.com/",
            "wss://aigc.softsugar.com/api/voice/stream/v1?Authorization=Bearer%20",
        ),
        ("https://host/prefix", "wss://host/prefix/api/voice/stream/v1?Authorization=Bearer%20"),
    ],
)
def test_websocket_url_maps_the_scheme_and_carries_the_token(base: str, expected: str) -> None:
    assert ws.websocket_url(base, TOKEN) == expected + TOKEN


def test_websocket_url_encodes_what_a_url_cannot_carry() -> None:
    assert ws.websocket_url("http://h", "a+b/c=d").endswith("?Authorization=Bearer%20a%2Bb%2Fc%3Dd")
    assert ws.websocket_url("http://h") == "ws://h/api/voice/stream/v1"


@pytest.mark.parametrize("base", ["ftp://h", "h:80", "http://", ""])
def test_websocket_url_refuses_a_base_url_it_cannot_map(base: str) -> None:
    with pytest.raises(ValueError, match="base URL"):
        ws.websocket_url(base, TOKEN)


def test_websocket_url_refuses_an_empty_token() -> None:
    with pytest.raises(ValueError, match="empty"):
        ws.websocket_url("http://h", " ")


def test_the_url_is_masked_for_logs() -> None:
    url = ws.websocket_url("https://aigc.softsugar.com", TOKEN)
    masked = mask_websocket_url(url)
    assert TOKEN not in masked
    assert masked == (
        f"wss://aigc.softsugar.com/api/voice/stream/v1?Authorization=Bearer%20{TOKEN[:4]}…{TOKEN[-4:]}"
    )
    assert mask_websocket_url("ws://h/x?a=1&Authorization=Bearer+" + TOKEN + "&b=2").endswith(
        f"&Authorization=Bearer+{TOKEN[:4]}…{TOKEN[-4:]}&b=2"
    )
    assert mask_websocket_url("ws://h/x?a=1") == "ws://h/x?a=1"


@pytest.fixture
async def sandbox_ws() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(
        websocket=WebSocketSettings(first_message_timeout_s=5, idle_timeout_s=5)
    ) as server:
        yield server


async def _token(server: SandboxServer) -> str:
    async with PlatformClient(fast_config(server.base_url)) as client:
        return (await client.login(server.demo.app_id, server.demo.app_key)).access_token


@pytest.mark.parametrize("via", ["url", "header"])
async def test_a_valid_token_signs_in(sandbox_ws: SandboxServer, via: ws.Via) -> None:
    token = await _token(sandbox_ws)
    result = await ws.test_websocket_sign_in(fast_config(sandbox_ws.base_url), token, via=via, wait_s=0.2)
    assert result.signed_in and result.platform_code is None
    assert result.summary == "WebSocket sign-in accepted: the platform kept the connection open"
    assert token not in result.url


async def test_an_invalid_token_is_refused_with_its_code(sandbox_ws: SandboxServer) -> None:
    result = await ws.test_websocket_sign_in(fast_config(sandbox_ws.base_url), "no-such-token-000", wait_s=5)
    assert not result.signed_in
    assert (result.platform_code, result.close_code) == (84115943, 1008)
    assert result.summary.startswith("WebSocket sign-in refused: 84115943 ")


async def test_an_expired_token_is_refused_with_60112505(sandbox_ws: SandboxServer) -> None:
    token = await _token(sandbox_ws)
    sandbox_ws.clock.advance(8 * 3600)
    result = await ws.test_websocket_sign_in(fast_config(sandbox_ws.base_url), token, wait_s=5)
    assert (result.signed_in, result.platform_code) == (False, 60112505)


async def test_nothing_listening_is_a_failure_with_a_reason() -> None:
    result = await ws.test_websocket_sign_in(fast_config("http://127.0.0.1:9"), TOKEN, wait_s=1)
    assert not result.signed_in and result.platform_code is None
    assert result.detail.startswith("could not connect")
    assert TOKEN not in result.detail and TOKEN not in result.url


async def test_a_server_without_the_endpoint_refuses_the_upgrade(sandbox_ws: SandboxServer) -> None:
    config = fast_config(sandbox_ws.base_url + "/nothing-here")
    result = await ws.test_websocket_sign_in(config, TOKEN, wait_s=1)
    assert not result.signed_in and "HTTP 404" in result.detail


async def test_the_logged_url_is_masked(sandbox_ws: SandboxServer, caplog: pytest.LogCaptureFixture) -> None:
    token = await _token(sandbox_ws)
    with caplog.at_level(logging.INFO, logger="aigc_desktop.platform.websocket"):
        await ws.test_websocket_sign_in(fast_config(sandbox_ws.base_url), token, wait_s=0.1)
    assert caplog.records and token not in caplog.text
    assert "/api/voice/stream/v1?Authorization=" in caplog.text
