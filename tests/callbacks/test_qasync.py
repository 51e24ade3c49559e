"""The receiver and sender run on the GUI's qasync loop exactly as on plain asyncio."""

from __future__ import annotations

import httpx
import pytest

from aigc_desktop.callbacks.receiver import CallbackReceiver
from aigc_desktop.callbacks.sender import CallbackSender
from aigc_desktop.callbacks.verify import CallbackVerifier, VerdictStatus

from .helpers import KEY, URL

qasync = pytest.importorskip("qasync")


def test_receiver_and_sender_on_qasync(qapp: object) -> None:
    async def scenario() -> list[int | None]:
        receiver = CallbackReceiver(CallbackVerifier(URL, KEY))
        await receiver.start()
        try:
            async with CallbackSender(timeout_s=5.0, retry_delays_s=()) as sender:
                report = await sender.send(receiver.url, KEY, {"taskId": "q"}, signed_as_url=URL)
            async with httpx.AsyncClient(trust_env=False) as http:
                refused = await http.post(receiver.url, content=b"{}")
            assert report.delivered and refused.status_code == 401
            verdict = receiver.deliveries[0].verdict
            assert verdict is not None and verdict.status is VerdictStatus.VALID
            return [d.answered_status for d in receiver.deliveries]
        finally:
            await receiver.stop()

    loop = qasync.QEventLoop(qapp)
    try:
        assert loop.run_until_complete(scenario()) == [200, 401]
    finally:
        loop.close()
