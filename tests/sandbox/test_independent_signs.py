"""The sandbox judges signs with its own arithmetic, against fixed vectors from the platform's documents.

The vectors (tests/vectors.py) come from the FAQ and the access doc, not from our code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from aiohttp import web

from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.signs import callback_signature, login_sign, same
from tests.sandbox._helpers import LOGIN, account_entry, make_accounts
from tests.vectors import (
    DOC_AUTH_KEY,
    DOC_CALLBACK_TIMESTAMP,
    DOC_CALLBACK_URL,
    DOC_SIGNATURE,
    FAQ_APP_ID,
    FAQ_APP_KEY,
    FAQ_SIGN,
    FAQ_SIGN_MS,
    FAQ_TIMESTAMP_MS,
    FAQ_TIMESTAMP_S,
    LOGIN_VECTORS,
    one_off,
)

DOC_CALLBACK = (DOC_CALLBACK_URL, DOC_CALLBACK_TIMESTAMP, DOC_AUTH_KEY)
VECTORS = LOGIN_VECTORS


@pytest.fixture
async def faq_server() -> AsyncIterator[SandboxServer]:
    accounts = make_accounts(account_entry(appId=FAQ_APP_ID, appKey=FAQ_APP_KEY))
    async with SandboxServer(accounts) as running:
        yield running


@pytest.fixture
async def faq_client(faq_server: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=faq_server.base_url, trust_env=False, timeout=10) as http:
        yield http


async def post_login(client: httpx.AsyncClient, timestamp: str, sign: str) -> dict[str, object]:
    body = {"appId": FAQ_APP_ID, "timestamp": timestamp, "sign": sign, "grantType": "sign"}
    return dict((await client.post(LOGIN, json=body)).json())


def test_the_sandbox_module_reproduces_the_documents_vectors() -> None:
    assert login_sign(FAQ_APP_ID, FAQ_TIMESTAMP_S, FAQ_APP_KEY) == FAQ_SIGN
    assert login_sign(FAQ_APP_ID, FAQ_TIMESTAMP_MS, FAQ_APP_KEY) == FAQ_SIGN_MS
    assert callback_signature(*DOC_CALLBACK) == DOC_SIGNATURE


def test_comparison_needs_every_character() -> None:
    assert same(FAQ_SIGN, FAQ_SIGN)
    assert not same(FAQ_SIGN, one_off(FAQ_SIGN, 31))
    assert not same(FAQ_SIGN, one_off(FAQ_SIGN, 0))
    assert not same(FAQ_SIGN, FAQ_SIGN.upper())
    assert not same(FAQ_SIGN, FAQ_SIGN[:16])
    assert not same(FAQ_SIGN, FAQ_SIGN + "0")


@pytest.mark.parametrize(("timestamp", "sign"), VECTORS, ids=["faq-seconds", "milliseconds"])
async def test_login_with_a_fixed_vector_succeeds(
    faq_client: httpx.AsyncClient, timestamp: str, sign: str
) -> None:
    envelope = await post_login(faq_client, timestamp, sign)
    assert envelope["code"] == 0, envelope
    assert isinstance(envelope["data"], dict) and envelope["data"]["accessToken"]


@pytest.mark.parametrize(("timestamp", "sign"), VECTORS, ids=["faq-seconds", "milliseconds"])
@pytest.mark.parametrize("index", [0, 15, 16, 31])
async def test_a_sign_one_character_off_fails(
    faq_client: httpx.AsyncClient, timestamp: str, sign: str, index: int
) -> None:
    envelope = await post_login(faq_client, timestamp, one_off(sign, index))
    assert envelope["code"] == 60112160


@pytest.mark.parametrize(("timestamp", "sign"), VECTORS, ids=["faq-seconds", "milliseconds"])
async def test_the_sign_covers_the_timestamp_as_sent(
    faq_client: httpx.AsyncClient, timestamp: str, sign: str
) -> None:
    later = str(int(timestamp) + 1)
    assert (await post_login(faq_client, later, sign))["code"] == 60112160
    # the other unit's timestamp with this sign: the unit is part of what is signed
    other = timestamp + "000" if len(timestamp) == 10 else timestamp[:10]
    assert (await post_login(faq_client, other, sign))["code"] == 60112160


async def test_uppercase_sign_fails(faq_client: httpx.AsyncClient) -> None:
    assert (await post_login(faq_client, FAQ_TIMESTAMP_S, FAQ_SIGN.upper()))["code"] == 60112160


async def test_the_request_log_keeps_the_login_timestamp_not_the_sign(
    faq_server: SandboxServer, faq_client: httpx.AsyncClient
) -> None:
    await post_login(faq_client, FAQ_TIMESTAMP_S, FAQ_SIGN)
    await faq_client.post(LOGIN, json={"appId": FAQ_APP_ID, "timestamp": "soon", "sign": FAQ_SIGN})
    login, bad = faq_server.requests[-2:]
    assert login.login_timestamp == FAQ_TIMESTAMP_S and login.code == 0
    assert bad.login_timestamp is None
    shown = json.dumps((await faq_client.get("/_sandbox/requests")).json())
    assert f'"loginTimestamp": "{FAQ_TIMESTAMP_S}"' in shown
    assert FAQ_SIGN not in shown and FAQ_APP_KEY not in shown


async def emitted(client: httpx.AsyncClient, url: str, auth_key: str, variant: str) -> dict[str, object]:
    body = {"url": url, "authKey": auth_key, "event": {"taskId": 7}, "variant": variant}
    answer = (await client.post("/_sandbox/callbacks", json=body | {"retryDelaysSeconds": [0, 0]})).json()
    assert answer["delivered"] is True, answer
    return dict(json.loads(answer["body"]))


@pytest.fixture
async def hook_url() -> AsyncIterator[str]:
    """A loopback endpoint that answers 200 to every POST."""

    async def handle(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    yield f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    await runner.cleanup()


def md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


async def test_emitted_callbacks_are_signed_as_the_doc_says(
    faq_server: SandboxServer, faq_client: httpx.AsyncClient, hook_url: str
) -> None:
    key = "Abcdefgh12345678"
    now = int(faq_server.clock.now())
    valid = await emitted(faq_client, hook_url, key, "valid")
    assert abs(int(str(valid["timestamp"])) - now) <= 5 and len(str(valid["timestamp"])) == 10
    assert valid["signature"] == md5(f"{hook_url}{valid['timestamp']}{key}")
    assert valid["taskId"] == 7
    expired = await emitted(faq_client, hook_url, key, "expired")
    assert int(str(expired["timestamp"])) - int(str(valid["timestamp"])) in range(-3600, -3590)
    assert expired["signature"] == md5(f"{hook_url}{expired['timestamp']}{key}")
    future = await emitted(faq_client, hook_url, key, "future")
    assert int(str(future["timestamp"])) - int(str(valid["timestamp"])) in range(3600, 3610)
    other = await emitted(faq_client, hook_url, key, "other_url")
    assert other["signature"] == md5(f"https://other.example.invalid/callback{other['timestamp']}{key}")
    wrong = await emitted(faq_client, hook_url, key, "wrong_key")
    assert wrong["signature"] != md5(f"{hook_url}{wrong['timestamp']}{key}")


async def test_a_variant_needs_an_auth_key(faq_client: httpx.AsyncClient, hook_url: str) -> None:
    body = {"url": hook_url, "authKey": None, "variant": "expired"}
    response = await faq_client.post("/_sandbox/callbacks", json=body)
    assert response.status_code == 400
    assert "needs an AuthKey" in response.json()["error"]
