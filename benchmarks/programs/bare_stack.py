"""Baseline for the self-test, memory and responsiveness benchmarks: the same stack, none of the app.

A bare PySide6 window on qasync starts a loopback JSON server (aiohttp) and makes the app's two calls
(sign-in, account) with httpx. Modes:

``exit``   print ``bare ok`` and exit (what ``aigc-desktop --self-test`` does, minus the app);
``hold``   stay up, signed in and idle, until ``quit`` (for RSS);
``serve``  also verify callbacks at ``/callback`` (``CallbackVerifier``, the same check the app makes)
           and run the 5 ms heartbeat on ``start`` / ``stop`` (see ``_common``).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import httpx
import qasync
from _common import (
    BENCH_AUTH_KEY,
    CALLBACK_PATH,
    WIDE_TOLERANCE_S,
    emit,
    serve_commands,
)
from aiohttp import web
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

LOGIN_PATH = "/api/uc/v1/access/api/token"
ACCOUNT_PATH = "/api/2dvh/v1/user/config/resource"
TOKEN = "bench-access-token-0123456789abcdef"
LOGIN_DATA = {
    "accessToken": TOKEN,
    "expiresIn": 28800,
    "refreshToken": "bench-refresh-token-0123456789abcdef",
    "refreshTokenExpiresIn": 604800,
    "roles": [{"id": 3, "roleName": "Enterprise", "appId": 1}],
    "user": {"id": 4, "userName": "Enterprise1", "appKey": None},
}
ACCOUNT_DATA = {
    "basicInfo": {
        "userId": 4,
        "company": "Bench",
        "effectiveBeginDate": "2025-01-01 00:00:00",
        "effectiveEndDate": "2030-01-01 00:00:00",
    },
    "resourceConfig": {"id": 1, **{f"field{i}Qty": i for i in range(12)}},
}


def envelope(data: Any) -> bytes:
    return json.dumps({"code": 0, "message": "success", "data": data}).encode()


async def login(request: web.Request) -> web.Response:
    body = await request.json()
    if not isinstance(body, dict) or not body.get("sign"):
        return web.json_response({"code": 99999996, "message": "bad body", "data": None})
    return web.Response(body=envelope(LOGIN_DATA), content_type="application/json")


async def account(request: web.Request) -> web.Response:
    if request.headers.get("Authorization") != f"Bearer {TOKEN}" or not request.query.get("userId"):
        return web.json_response({"code": 84115943, "message": "bad token", "data": None})
    return web.Response(body=envelope(ACCOUNT_DATA), content_type="application/json")


async def start_server(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, f"http://127.0.0.1:{port}"


def add_callback_route(app: web.Application, receiver_url: list[str]) -> None:
    """Verify callbacks the way the app does (imported only in ``serve`` mode)."""
    from aigc_desktop.callbacks.verify import CallbackVerifier

    verifier = CallbackVerifier("http://127.0.0.1/", BENCH_AUTH_KEY, tolerance_s=WIDE_TOLERANCE_S)

    async def callback(request: web.Request) -> web.Response:
        verifier.callback_url = receiver_url[0]
        verdict = verifier.verify_body(await request.read())
        status = 200 if verdict.accepted else 401
        return web.Response(status=status, text=f"{verdict.status.value}\n")

    app.router.add_post(CALLBACK_PATH, callback)


async def run(mode: str) -> int:
    window = QMainWindow()
    window.setWindowTitle("Baseline")
    window.setCentralWidget(QLabel("Hello, world"))
    window.resize(1180, 760)
    window.show()
    app = web.Application()
    app.router.add_post(LOGIN_PATH, login)
    app.router.add_get(ACCOUNT_PATH, account)
    receiver_url = [""]
    if mode == "serve":
        add_callback_route(app, receiver_url)
    runner, base_url = await start_server(app)
    receiver_url[0] = base_url + CALLBACK_PATH
    try:
        async with httpx.AsyncClient(base_url=base_url) as client:
            grant = (await client.post(LOGIN_PATH, json={"appId": "a", "sign": "s", "timestamp": "1"})).json()
            token = grant["data"]["accessToken"]
            headers = {"Authorization": f"Bearer {token}"}
            document = (await client.get(ACCOUNT_PATH, params={"userId": "4"}, headers=headers)).json()
            if document["code"] != 0:
                print(f"bare stack failed: {document}", file=sys.stderr)
                return 1
        if mode == "exit":
            print("bare ok", flush=True)
            return 0
        if mode == "hold":
            emit({"ready": True})
            await serve_commands()
            return 0
        from _heartbeat import Heartbeat

        heartbeat = Heartbeat()
        emit(
            {
                "ready": True,
                "sandbox": base_url,
                "receiver": receiver_url[0],
                "app_id": "a",
                "app_key": "k",
                "user_id": 4,
            }
        )
        await serve_commands(heartbeat.start, heartbeat.stop)
        return 0
    finally:
        window.close()
        await runner.cleanup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["exit", "hold", "serve"])
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # like the app: the loop ends when run() returns
    return int(qasync.run(run(args.mode)))


if __name__ == "__main__":
    sys.exit(main())
