"""POST /_sandbox/callbacks: a signed callback to a real receiver, with the platform's 3-attempt policy."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from aiohttp import web

from aigc_desktop.platform.signing import callback_signature
from aigc_desktop.sandbox import SandboxServer

AUTH_KEY = "AuthKey1234abcdEFGH"
FAST = {"retryDelaysSeconds": [0, 0], "timeoutSeconds": 5}


@dataclass
class Receiver:
    """A loopback HTTP endpoint that answers with scripted statuses and keeps every body."""

    statuses: list[int] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    url: str = ""

    async def handle(self, request: web.Request) -> web.Response:
        self.bodies.append(await request.read())
        status = self.statuses.pop(0) if self.statuses else 200
        return web.Response(status=status, text="ok" if status == 200 else "no")


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    target = Receiver()
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    target.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield target
    await runner.cleanup()


async def test_signed_callback_delivered_after_a_retry(
    server: SandboxServer, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    receiver.statuses = [500]
    event = {"taskId": 123, "status": "SUCCESS"}
    response = await client.post(
        "/_sandbox/callbacks", json={"url": receiver.url, "authKey": AUTH_KEY, "event": event} | FAST
    )
    report = response.json()
    assert response.status_code == 200
    assert report["delivered"] is True and report["dropped"] is False
    assert [a["status"] for a in report["attempts"]] == [500, 200]
    assert len(receiver.bodies) == 2 and receiver.bodies[0] == receiver.bodies[1]
    body = json.loads(receiver.bodies[0])
    assert body["taskId"] == 123 and body["status"] == "SUCCESS"
    assert len(str(body["timestamp"])) == 10
    assert body["signature"] == callback_signature(receiver.url, body["timestamp"], AUTH_KEY)
    assert AUTH_KEY not in response.text


async def test_three_failures_drop_the_event(
    server: SandboxServer, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    receiver.statuses = [500, 503, 404, 200]
    response = await client.post(
        "/_sandbox/callbacks", json={"url": receiver.url, "authKey": AUTH_KEY} | FAST
    )
    report = response.json()
    assert report["delivered"] is False and report["dropped"] is True
    assert [a["status"] for a in report["attempts"]] == [500, 503, 404]
    assert len(receiver.bodies) == 3


async def test_timestamp_follows_the_sandbox_clock(
    server: SandboxServer, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    server.clock.advance(3600)
    await client.post("/_sandbox/callbacks", json={"url": receiver.url, "authKey": AUTH_KEY} | FAST)
    body = json.loads(receiver.bodies[0])
    assert abs(body["timestamp"] - int(server.clock.now())) <= 2


async def test_without_an_auth_key_the_callback_is_unsigned(
    server: SandboxServer, client: httpx.AsyncClient, receiver: Receiver
) -> None:
    await client.post(
        "/_sandbox/callbacks", json={"url": receiver.url, "authKey": None, "event": {"a": 1}} | FAST
    )
    assert json.loads(receiver.bodies[0]) == {"a": 1}


async def test_a_receiver_answering_404_gets_three_attempts(
    server: SandboxServer, client: httpx.AsyncClient
) -> None:
    not_found_url = f"{server.base_url}/no-such-receiver"  # the sandbox answers 404
    report = (
        await client.post("/_sandbox/callbacks", json={"url": not_found_url, "authKey": AUTH_KEY} | FAST)
    ).json()
    assert [a["status"] for a in report["attempts"]] == [404, 404, 404]
    assert report["dropped"] is True


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"authKey": AUTH_KEY}, "'url' must be the callback URL"),
        ({"url": "ftp://x/y", "authKey": AUTH_KEY}, "absolute http(s) URL"),
        ({"url": "http://127.0.0.1:9/x", "authKey": ""}, "'authKey' must be a non-empty string"),
        ({"url": "http://127.0.0.1:9/x", "event": [1]}, "'event' must be a JSON object"),
        ({"url": "http://127.0.0.1:9/x", "retryDelaysSeconds": [1]}, "list of 2 numbers"),
        ({"url": "http://127.0.0.1:9/x", "variant": "sideways", "authKey": AUTH_KEY}, "unknown variant"),
    ],
)
async def test_bad_requests_get_400(
    server: SandboxServer, client: httpx.AsyncClient, body: dict[str, object], words: str
) -> None:
    response = await client.post("/_sandbox/callbacks", json=body)
    assert response.status_code == 400
    assert words in response.json()["error"]
