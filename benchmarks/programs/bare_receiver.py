"""Receiver-throughput baseline: the same ``CallbackVerifier`` check in a bare aiohttp server, no Qt.

Plain ``asyncio``; answers 200 for an accepted callback and 401 otherwise. Speaks the runner's line
protocol (``ready`` with the URL to post to; ``start`` / ``stop`` are no-ops; ``quit`` ends it).
"""

from __future__ import annotations

import asyncio
import sys

from _common import BENCH_AUTH_KEY, CALLBACK_PATH, WIDE_TOLERANCE_S, emit, serve_commands
from aiohttp import web

from aigc_desktop.callbacks.verify import CallbackVerifier


async def run() -> int:
    verifier = CallbackVerifier("http://127.0.0.1/", BENCH_AUTH_KEY, tolerance_s=WIDE_TOLERANCE_S)

    async def callback(request: web.Request) -> web.Response:
        verdict = verifier.verify_body(await request.read())
        return web.Response(status=200 if verdict.accepted else 401, text=f"{verdict.status.value}\n")

    app = web.Application()
    app.router.add_post(CALLBACK_PATH, callback)
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    verifier.callback_url = f"http://127.0.0.1:{runner.addresses[0][1]}{CALLBACK_PATH}"
    try:
        emit({"ready": True, "receiver": verifier.callback_url})
        await serve_commands()
    finally:
        await runner.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(run()))
