"""Shared helpers for the sandbox tests: accounts built from the demo file, login bodies, waiting."""

from __future__ import annotations

import asyncio
import copy
import json
import time
from collections.abc import Callable
from typing import Any

import httpx

from aigc_desktop.platform.resources import resource_path
from aigc_desktop.platform.signing import token_sign
from aigc_desktop.sandbox import SandboxAccount
from aigc_desktop.sandbox.accounts import parse_accounts

LOGIN = "/api/uc/v1/access/api/token"
REFRESH = "/api/uc/v1/access/api/token/refresh"
LOGOUT = "/api/uc/v1/web/logout"
ACCOUNT = "/api/2dvh/v1/user/config/resource"
HOUR = 3600
DOC_NUMBERS = {
    "genCharModelTotalQty": 12,
    "genCharModelUsageQty": 2,
    "genTtsCharVoiceModelTotalQty": 12,
    "genTtsCharVoiceModelUsageQty": 2,
    "genVideoDurationTotalQty": 21,
    "genVideoDurationUsageQty": 11,
    "charModelMaxConTasksTotalQty": 12,
    "charModelMaxConTasksUsageQty": 3,
    "ttsCharVoiceModelMaxConTasksTotalQty": 11,
    "ttsCharVoiceModelMaxConTasksUsageQty": 4,
    "videoGenMaxConTasksTotalQty": 11,
    "videoGenMaxConTasksUsageQty": 7,
}


def demo_document() -> dict[str, Any]:
    """The demo accounts file as parsed JSON (a fresh copy each call)."""
    with resource_path("sandbox_demo_account.json").open(encoding="utf-8") as handle:
        return dict(json.load(handle))


def account_entry(**overrides: Any) -> dict[str, Any]:
    """One accounts-file entry: the demo account with ``overrides`` applied."""
    entry = copy.deepcopy(demo_document()["accounts"][0])
    entry.update(overrides)
    return dict(entry)


def make_accounts(*entries: dict[str, Any]) -> list[SandboxAccount]:
    return parse_accounts({"accounts": list(entries)})


def login_body(account: SandboxAccount, timestamp: str = "1676797061518", **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "appId": account.app_id,
        "timestamp": timestamp,
        "sign": token_sign(account.app_id, timestamp, account.app_key),
        "grantType": "sign",
    }
    body.update(overrides)
    return body


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def login(client: httpx.AsyncClient, account: SandboxAccount) -> dict[str, Any]:
    """Sign in and return ``data``; fails the test when the sandbox refuses."""
    response = await client.post(LOGIN, json=login_body(account))
    envelope = response.json()
    assert envelope["code"] == 0, envelope
    return dict(envelope["data"])


async def refresh(client: httpx.AsyncClient, account: SandboxAccount, refresh_token: str) -> dict[str, Any]:
    response = await client.post(
        REFRESH, json={"appId": account.app_id, "grantType": "refreshToken"}, headers=bearer(refresh_token)
    )
    return dict(response.json())


async def get_account(client: httpx.AsyncClient, token: str, user_id: object) -> dict[str, Any]:
    response = await client.get(ACCOUNT, params={"userId": str(user_id)}, headers=bearer(token))
    return dict(response.json())


async def wait_until(predicate: Callable[[], bool], within_s: float = 5.0) -> None:
    """Yield to the loop until ``predicate()`` holds (like qtbot.waitUntil), failing after ``within_s``."""
    deadline = time.monotonic() + within_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within_s} s")
        await asyncio.sleep(0.005)
