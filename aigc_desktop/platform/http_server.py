"""aiohttp server parts shared by the callback receiver and the sandbox: malformed requests stay small.

aiohttp logs a malformed request with a traceback and answers 400 with the parser's message, and that
message can quote the request's data (2 MB after ``Connection: close`` became a 128 KB log line and a
128 KB answer). Here both are one bounded line. Imported only where a server starts (it imports aiohttp).
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.web_protocol import RequestHandler

from aigc_desktop.platform.bounded import bounded


class OneLineProtocolErrors(logging.Filter):
    """Malformed requests are expected at a debugging server: one bounded warning line, not a traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, HttpProcessingError):
            record.msg = (
                f"rejected a malformed HTTP request: {bounded(str(exc.message or type(exc).__name__))}"
            )
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.levelno = logging.WARNING
            record.levelname = logging.getLevelName(logging.WARNING)
        return True


PROTOCOL_ERROR_FILTER = OneLineProtocolErrors()
ECHO_LIMIT = 80  # characters of the parser's message in a 400: says what was wrong, echoes no payload


def echo_text(message: str) -> str:
    """What a 400 may say back: the parser's complaint without the request data it quotes, bounded."""
    for quote in (": b'", ': b"', " b'", ' b"'):
        message = message.split(quote, 1)[0]
    return bounded(message.rstrip(": "), ECHO_LIMIT)


class _BoundedRequestHandler(RequestHandler):
    """aiohttp's connection handler, with the text of its own error answers bounded."""

    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        return super().handle_error(request, status, exc, echo_text(message) if message else message)


class _BoundedServer(web.Server):
    def __call__(self) -> RequestHandler:
        return _BoundedRequestHandler(self, loop=self._loop, **self._kwargs)


class BoundedAppRunner(web.AppRunner):
    """``web.AppRunner`` whose connections answer a malformed request with a bounded 400."""

    async def _make_server(self) -> web.Server:
        logging.getLogger("aiohttp.server").addFilter(PROTOCOL_ERROR_FILTER)  # idempotent
        plain = await super()._make_server()
        return _BoundedServer(
            plain.request_handler,
            request_factory=plain.request_factory,
            handler_cancellation=plain.handler_cancellation,
            loop=plain._loop,
            **plain._kwargs,
        )
