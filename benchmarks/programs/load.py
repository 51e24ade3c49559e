"""Load generator, in its own process so the loop being measured does only the app's work.

Reads one JSON object on stdin: ``sandbox`` (base URL), ``app_id``, ``app_key``, ``user_id``,
``account_calls`` (all in flight at once), ``receiver`` (URL to post to and sign over), ``auth_key``,
``callbacks`` (how many) and ``concurrency`` (callbacks in flight); optionally ``signed_as`` (the URL to
sign over, default ``receiver``), ``sign_key`` (sign with this key instead: wrong signatures),
``junk_size`` (post that many random bytes that are not JSON instead of callbacks) and ``expect``
(the statuses that count as served, default ``[200]``). Signs in and prepares every body,
prints ``{"ready": true}``, waits for ``go`` on stdin (so the runner starts the heartbeat only now,
after this program's own start-up), then runs both kinds of request together. Every request has a
timeout and the whole run a deadline, so it always ends. Prints one JSON object: counts, statuses and
elapsed times.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import random
import sys
import time
from collections import Counter
from typing import Any

import aiohttp

LOGIN_PATH = "/api/uc/v1/access/api/token"
ACCOUNT_PATH = "/api/2dvh/v1/user/config/resource"
REQUEST_TIMEOUT_S = 30.0
DEADLINE_S = 180.0


def md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


async def sign_in(session: aiohttp.ClientSession, cfg: dict[str, Any]) -> str:
    timestamp = str(int(time.time() * 1000))
    body = {
        "appId": cfg["app_id"],
        "timestamp": timestamp,
        "sign": md5(cfg["app_id"] + timestamp + cfg["app_key"]),
        "grantType": "sign",
    }
    async with session.post(cfg["sandbox"] + LOGIN_PATH, json=body) as response:
        document = await response.json(content_type=None)
    if document.get("code") != 0:
        raise RuntimeError(f"sign-in failed: {document.get('code')} {document.get('message')}")
    return str(document["data"]["accessToken"])


def junk_body(block: bytes, number: int) -> bytes:
    """Random bytes that are not JSON, different per request (a new prefix on a shared random block)."""
    return b"\xff" + number.to_bytes(8, "big") + block


def callback_body(url: str, key: str, number: int, now: int) -> bytes:
    timestamp = str(now - number)  # distinct 10-digit timestamps: none is mistaken for a replay
    event = {
        "eventType": "TASK_FINISHED",
        "taskId": f"bench-{number:05d}",
        "status": "SUCCESS",
        "progress": 100,
        "timestamp": timestamp,
        "signature": md5(url + timestamp + key),
    }
    return json.dumps(event).encode()


async def account_calls(
    session: aiohttp.ClientSession, cfg: dict[str, Any], token: str, statuses: Counter[str]
) -> float:
    headers = {"Authorization": f"Bearer {token}"}
    params = {"userId": str(cfg["user_id"])}

    async def one() -> None:
        try:
            async with session.get(cfg["sandbox"] + ACCOUNT_PATH, headers=headers, params=params) as r:
                document = await r.json(content_type=None)
            ok = r.status == 200 and document.get("code") == 0
            statuses["account ok" if ok else f"account {r.status}/{document.get('code')}"] += 1
        except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
            statuses[f"account {type(exc).__name__}"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(int(cfg["account_calls"]))))
    return time.perf_counter() - started


async def callbacks(
    session: aiohttp.ClientSession, cfg: dict[str, Any], bodies: list[Any], statuses: Counter[str]
) -> float:
    """Post every body (bytes, or a callable making them when sent, so big ones are not all held)."""
    queue: asyncio.Queue[Any] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    headers = {"Content-Type": "application/json"}
    expected = set(cfg.get("expect", [200]))

    async def worker() -> None:
        while not queue.empty():
            body = queue.get_nowait()
            if callable(body):
                body = body()
            try:
                async with session.post(cfg["receiver"], data=body, headers=headers) as response:
                    await response.read()
                statuses["callback ok" if response.status in expected else f"callback {response.status}"] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                statuses[f"callback {type(exc).__name__}"] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(max(1, int(cfg.get("concurrency", 16))))))
    return time.perf_counter() - started


async def wait_for_go() -> None:
    """Say ready, then wait (off the loop) until the runner writes ``go``."""
    print(json.dumps({"ready": True}), flush=True)
    line = await asyncio.to_thread(sys.stdin.readline)
    if line.strip() != "go":
        raise SystemExit(f"load: expected 'go', got {line!r}")


async def run(cfg: dict[str, Any]) -> dict[str, Any]:
    statuses: Counter[str] = Counter()
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    account_count = int(cfg.get("account_calls", 0))
    callback_count = int(cfg.get("callbacks", 0))
    now = int(time.time())
    bodies: list[Any]
    if cfg.get("junk_size"):
        block = random.randbytes(int(cfg["junk_size"]) - 9)
        bodies = [functools.partial(junk_body, block, n) for n in range(callback_count)]
    else:
        url, key = cfg.get("signed_as") or cfg["receiver"], cfg.get("sign_key") or cfg["auth_key"]
        bodies = [callback_body(url, key, n, now) for n in range(callback_count)]
    async with (
        asyncio.timeout(DEADLINE_S),
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=max(account_count, 1)), timeout=timeout
        ) as accounts,
        aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=max(1, int(cfg.get("concurrency", 16)))), timeout=timeout
        ) as posts,
    ):
        token = await sign_in(accounts, cfg) if account_count else ""
        await wait_for_go()
        started = time.perf_counter()
        account_s, callbacks_s = await asyncio.gather(
            account_calls(accounts, cfg, token, statuses) if account_count else asyncio.sleep(0, 0.0),
            callbacks(posts, cfg, bodies, statuses) if callback_count else asyncio.sleep(0, 0.0),
        )
        elapsed = time.perf_counter() - started
    return {
        "account_ok": statuses.pop("account ok", 0),
        "callbacks_ok": statuses.pop("callback ok", 0),
        "failures": dict(statuses),
        "account_elapsed_s": account_s,
        "callbacks_elapsed_s": callbacks_s,
        "elapsed_s": elapsed,
    }


def main() -> int:
    cfg = json.loads(sys.stdin.readline())
    result = asyncio.run(run(cfg))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
