"""Client overhead: sign-in + account round trip through ``PlatformClient`` vs the same two calls in raw httpx.

Both talk to one sandbox in its own process (``python -m aigc_desktop.commands.sandbox``), each through
one long-lived connection pool, as a session does. After a few unmeasured rounds, rounds alternate
(raw, client, raw, client ...) on one asyncio loop in this process; the medians are compared.
"""

from __future__ import annotations

import asyncio
import hashlib
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import BenchmarkError

NAME = "client-overhead"
LOGIN_PATH = "/api/uc/v1/access/api/token"
ACCOUNT_PATH = "/api/2dvh/v1/user/config/resource"
WARM_UP_ROUNDS = 5


@dataclass(frozen=True, slots=True)
class Sandbox:
    base_url: str
    app_id: str
    app_key: str
    user_id: int


@contextmanager
def sandbox_process(settings: Settings) -> Iterator[Sandbox]:
    """The sandbox command on a free loopback port; its first four lines give the URL and demo account."""
    process = subprocess.Popen(
        [sys.executable, "-m", "aigc_desktop.commands.sandbox", "--port", "0"],
        env=settings.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(settings.timeout_s, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(4)]
        watchdog.cancel()
        if not lines[0].startswith("AIGC sandbox listening on "):
            raise BenchmarkError(f"the sandbox did not start: {lines}")
        values = [line.split(": ", 1)[-1].split()[0] for line in lines[1:]]
        yield Sandbox(lines[0].rsplit(" ", 1)[1], values[0], values[1], int(values[2]))
    finally:
        watchdog.cancel()
        process.terminate()
        try:
            process.wait(timeout=settings.timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _measure(sandbox: Sandbox, rounds: int) -> dict[str, list[float]]:
    import httpx

    from aigc_desktop.platform.client import PlatformClient
    from aigc_desktop.platform.config import ClientConfig
    from aigc_desktop.services.request_log import LogEntry, RequestLogStore

    async def raw_round(http: httpx.AsyncClient) -> None:
        timestamp = str(int(time.time() * 1000))
        sign = hashlib.md5((sandbox.app_id + timestamp + sandbox.app_key).encode()).hexdigest()
        body = {"appId": sandbox.app_id, "timestamp": timestamp, "sign": sign, "grantType": "sign"}
        grant = (await http.post(LOGIN_PATH, json=body)).json()
        if grant["code"] != 0:
            raise BenchmarkError(f"raw sign-in failed: {grant}")
        headers = {"Authorization": f"Bearer {grant['data']['accessToken']}"}
        params = {"userId": str(sandbox.user_id)}
        account = (await http.get(ACCOUNT_PATH, params=params, headers=headers)).json()
        if account["code"] != 0:
            raise BenchmarkError(f"raw account call failed: {account}")

    async def client_round(client: PlatformClient) -> None:
        grant = await client.login(sandbox.app_id, sandbox.app_key)
        await client.get_account(grant.access_token, sandbox.user_id)

    async with (
        httpx.AsyncClient(base_url=sandbox.base_url, timeout=15.0) as http,
        PlatformClient(ClientConfig(base_url=sandbox.base_url)) as client,
    ):
        # the app always has one observer: its request log (here its Qt-free store, kept in memory)
        request_log = RequestLogStore(None)
        client.add_observer(lambda record: request_log.add(LogEntry.from_record(record, sandbox.base_url)))
        measures: dict[str, Callable[[], Awaitable[None]]] = {
            "baseline": lambda: raw_round(http),
            "app": lambda: client_round(client),
        }
        samples: dict[str, list[float]] = {label: [] for label in measures}
        for number in range(WARM_UP_ROUNDS + rounds):
            for label, measure in measures.items():
                started = time.perf_counter()
                await measure()
                if number >= WARM_UP_ROUNDS:
                    samples[label].append((time.perf_counter() - started) * 1000.0)
    return samples


def run(settings: Settings) -> list[Figure]:
    with sandbox_process(settings) as sandbox:
        samples = asyncio.run(asyncio.wait_for(_measure(sandbox, settings.client_rounds), settings.timeout_s))
    return [
        Figure(
            NAME,
            "sign-in + account round trip",
            "ms",
            app=median(samples["app"]),
            baseline=median(samples["baseline"]),
            goals=(Goal("ratio_max", 1.1),),
            samples=samples,
            note="PlatformClient vs raw httpx, sandbox in its own process",
        )
    ]
