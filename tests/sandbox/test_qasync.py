"""The GUI runs the sandbox on qasync's loop (``--sandbox``): it must serve there too."""

from __future__ import annotations

import httpx
import qasync
from PySide6.QtWidgets import QApplication

from aigc_desktop.sandbox import SandboxServer
from tests.sandbox._helpers import ACCOUNT, bearer, login


def test_serves_on_the_qasync_loop(qapp: QApplication) -> None:
    async def scenario() -> tuple[int, int]:
        async with SandboxServer() as server, httpx.AsyncClient(base_url=server.base_url) as client:
            session = await login(client, server.demo)
            account = await client.get(
                ACCOUNT, params={"userId": "4"}, headers=bearer(session["accessToken"])
            )
            return account.status_code, account.json()["code"]

    loop = qasync.QEventLoop(qapp)
    try:
        assert loop.run_until_complete(scenario()) == (200, 0)
    finally:
        loop.close()
