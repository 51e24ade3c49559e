"""What each fault kind puts on the wire instead of the normal answer."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import struct

from aiohttp import web

from aigc_desktop.sandbox import payloads
from aigc_desktop.sandbox.faults import FaultKind
from aigc_desktop.sandbox.state import CODE_RATE_LIMITED, CODE_REFRESH_TOO_FREQUENT, CODE_TOKEN_EXPIRED

UNKNOWN_CODE = 77777777
UNKNOWN_CODE_MESSAGE = "Sandbox: an error code the documentation does not list"
OVERSIZED_BODY_BYTES = 6 * 1024 * 1024  # "several MiB": far above any real answer of these endpoints
MALFORMED_JSON_BODY = '{"code": 0, "message": "success", "data": {"accessToken": "trunc'
#: valid JSON, but not the platform's envelope (what a misrouted request or another API answers)
BAD_JSON_SHAPE_BODY = '{"status": "ok", "result": {"items": [], "total": 0}}'
HTTP429_BODY = "Too Many Requests\n"
SLOW_BODY_PIECES = 8  # the slow_body fault sends the answer in this many pieces, evenly spaced

#: the business code of the faults that answer with an envelope (for the request log)
FAULT_CODES = {
    FaultKind.RATE_LIMIT: CODE_RATE_LIMITED,
    FaultKind.UNKNOWN_CODE: UNKNOWN_CODE,
    FaultKind.TOKEN_EXPIRED: CODE_TOKEN_EXPIRED,
    FaultKind.REFRESH_TOO_SOON: CODE_REFRESH_TOO_FREQUENT,
}

_GATEWAY_REASONS = {
    401: "Authorization Required",
    403: "Forbidden",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
_HTML_STATUS = {
    FaultKind.HTTP401_HTML: 401,
    FaultKind.HTTP403_HTML: 403,
    FaultKind.HTTP500_HTML: 500,
    FaultKind.HTTP502: 502,
    FaultKind.HTTP503: 503,
    FaultKind.HTTP504: 504,
}


def html_error_page(status: int) -> str:
    """A gateway-style HTML error page, like nginx in front of the platform would send."""
    reason = _GATEWAY_REASONS[status]
    return (
        f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )


def oversized_body() -> bytes:
    """A valid JSON envelope of about OVERSIZED_BODY_BYTES bytes."""
    head = b'{"code": 0, "message": "success", "data": {"padding": "'
    tail = b'"}}'
    return head + b"x" * (OVERSIZED_BODY_BYTES - len(head) - len(tail)) + tail


def canned_response(kind: FaultKind) -> web.Response | None:
    """The fixed answer of ``kind``, or None for kinds that need the request (delay, reset, ...)."""
    if kind in _HTML_STATUS:
        status = _HTML_STATUS[kind]
        return web.Response(status=status, text=html_error_page(status), content_type="text/html")
    if kind is FaultKind.MALFORMED_JSON:
        return web.Response(text=MALFORMED_JSON_BODY, content_type="application/json")
    if kind is FaultKind.EMPTY_BODY:
        return web.Response(body=b"", content_type="application/json")
    if kind is FaultKind.RATE_LIMIT:
        return web.json_response(payloads.error_envelope(CODE_RATE_LIMITED))
    if kind is FaultKind.UNKNOWN_CODE:
        return web.json_response(payloads.envelope(UNKNOWN_CODE, None, UNKNOWN_CODE_MESSAGE))
    if kind is FaultKind.TOKEN_EXPIRED:
        return web.json_response(payloads.error_envelope(CODE_TOKEN_EXPIRED))
    if kind is FaultKind.REFRESH_TOO_SOON:
        return web.json_response(payloads.error_envelope(CODE_REFRESH_TOO_FREQUENT, "3"))
    if kind is FaultKind.BAD_JSON_SHAPE:
        return web.Response(text=BAD_JSON_SHAPE_BODY, content_type="application/json")
    if kind is FaultKind.HTTP429:
        return web.Response(
            status=429, text=HTTP429_BODY, content_type="text/plain", headers={"Retry-After": "60"}
        )
    if kind is FaultKind.OVERSIZED_BODY:
        return web.Response(body=oversized_body(), content_type="application/json")
    return None


def relabel_as_text(response: web.StreamResponse) -> web.Response:
    """The same body with ``Content-Type: text/plain`` (the wrong_content_type fault)."""
    body = response.body if isinstance(response, web.Response) and isinstance(response.body, bytes) else b""
    if not body:
        body = json.dumps(payloads.envelope(0, None)).encode()
    return web.Response(status=response.status, body=body, content_type="text/plain")


def abort_connection(request: web.Request) -> None:
    """Drop the TCP connection at once, with an RST where the OS allows (the reset fault)."""
    transport = request.transport
    if transport is None:
        return
    sock = transport.get_extra_info("socket")
    if sock is not None:
        # RST where the OS allows; a plain close still ends the exchange without an answer
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()


async def trickle(
    request: web.Request, response: web.StreamResponse, seconds: float, stopping: asyncio.Event
) -> web.StreamResponse:
    """Send ``response`` in SLOW_BODY_PIECES pieces spread over ``seconds`` (the slow_body fault).

    Headers go out at once (with the full Content-Length), then each piece after an equal pause, so a
    client's per-read timeout shorter than the pause fires mid-body. A stopping server drops the
    connection at once.
    """
    body = response.body if isinstance(response, web.Response) and isinstance(response.body, bytes) else b""
    headers = {"Content-Type": response.headers.get("Content-Type", response.content_type)}
    if "Date" in response.headers:
        headers["Date"] = response.headers["Date"]
    slow = web.StreamResponse(status=response.status, headers=headers)
    slow.content_length = len(body)
    await slow.prepare(request)
    pause = seconds / SLOW_BODY_PIECES
    size = -(-len(body) // SLOW_BODY_PIECES) if body else 0
    for index in range(SLOW_BODY_PIECES):
        try:
            await asyncio.wait_for(stopping.wait(), timeout=pause)
        except TimeoutError:
            pass
        else:
            abort_connection(request)
            return slow
        piece = body[index * size : (index + 1) * size]
        if piece:
            await slow.write(piece)
    await slow.write_eof()
    return slow
