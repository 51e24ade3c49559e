"""A malformed request at the sandbox: a short 400 and one short log line, however much data it carried."""

from __future__ import annotations

import asyncio
import logging

import pytest

from aigc_desktop.sandbox.server import SandboxServer


async def test_http10_junk_gets_a_short_400_and_one_short_log_line(
    server: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="aiohttp.server")
    port = int(server.base_url.rsplit(":", 1)[1].strip("/"))
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"POST /api/uc/v1/access/api/token HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" + b"x" * 2 * 1024 * 1024
    )
    answer = b""
    try:
        await writer.drain()
        async with asyncio.timeout(10):
            while chunk := await reader.read(65536):
                answer += chunk
    except ConnectionError:
        pass  # closed with part of the junk unread
    finally:
        writer.close()
    assert answer.startswith(b"HTTP/1.0 400 ")
    text = answer.partition(b"\r\n\r\n")[2]
    assert len(text) <= 100 and b"xxx" not in text
    lines = [record.getMessage() for record in caplog.records if record.name == "aiohttp.server"]
    assert len(lines) == 1 and len(lines[0]) < 400, lines
