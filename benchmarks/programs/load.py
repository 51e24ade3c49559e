"""Load generator, in its own process so the loop being measured does only the app's work.

Reads one JSON object on stdin: ``sandbox`` (base URL), ``app_id``, ``app_key``, ``user_id``,
``account_calls`` (all in flight at once), ``receiver`` (URL to post to and sign over),
``callbacks`` (how many) and ``concurrency`` (callbacks in flight). Signs in once, then runs both
kinds of request together; every request has a timeout and the whole run a deadline, so it always
ends. Prints one JSON object: counts, statuses and elapsed times.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
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


async def account_calls(cfg: dict[str, Any], statuses: Counter[str]) -> float:
    count = int(cfg.get("account_calls", 0))
    if not count:
        return 0.0
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=count)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        token = await sign_in(session, cfg)
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
        await asyncio.gather(*(one() for _ in range(count)))
        return time.perf_counter() - started


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


async def callbacks(cfg: dict[str, Any], statuses: Counter[str]) -> float:
    count = int(cfg.get("callbacks", 0))
    if not count:
        return 0.0
    url, key = cfg["receiver"], cfg["auth_key"]
    now = int(time.time())
    bodies = [callback_body(url, key, number, now) for number in range(count)]
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    concurrency = max(1, int(cfg.get("concurrency", 16)))
    connector = aiohttp.TCPConnector(limit=concurrency)
    headers = {"Content-Type": "application/json"}
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def worker() -> None:
            while not queue.empty():
                body = queue.get_nowait()
                try:
                    async with session.post(url, data=body, headers=headers) as response:
                        await response.read()
                    statuses["callback ok" if response.status == 200 else f"callback {response.status}"] += 1
                except (aiohttp.ClientError, TimeoutError) as exc:
                    statuses[f"callback {type(exc).__name__}"] += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - started


async def run(cfg: dict[str, Any]) -> dict[str, Any]:
    statuses: Counter[str] = Counter()
    started = time.perf_counter()
    async with asyncio.timeout(DEADLINE_S):
        account_s, callbacks_s = await asyncio.gather(account_calls(cfg, statuses), callbacks(cfg, statuses))
    return {
        "account_ok": statuses.pop("account ok", 0),
        "callbacks_ok": statuses.pop("callback ok", 0),
        "failures": dict(statuses),
        "account_elapsed_s": account_s,
        "callbacks_elapsed_s": callbacks_s,
        "elapsed_s": time.perf_counter() - started,
    }


def main() -> int:
    cfg = json.loads(sys.stdin.readline())
    result = asyncio.run(run(cfg))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
