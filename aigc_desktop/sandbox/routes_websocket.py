"""The platform's WebSocket token rule, on its streaming path ``/api/voice/stream/v1``.

The access doc: a WebSocket call carries the token in the ``Authorization`` header or in the URL, and
the header wins. Public clients use the URL form ``?Authorization=Bearer%20<token>``. So:

* the token comes from the ``Authorization`` header when the request has one (even an unusable one),
  else from the ``Authorization`` query parameter; both read ``Bearer <token>``;
* the upgrade is always accepted; a valid token leaves the socket open, a refused one gets one text
  message with the platform envelope (``{"code": 84115943 | 60112505, "message", "data": null}``) and
  a close with code 1008 (policy violation) whose reason is the platform code in decimal;
* an open socket expects a first message within ``first_message_timeout_s`` (10 s, the streaming pages)
  and closes after ``idle_timeout_s`` (60 s) without one, each with close code 1000 and a reason that
  says which; every message is answered ``{"code": 0, "message": "success", "data": {"received": n,
  "bytes": b}}``.

The durations are settings (``WebSocketSettings``) so tests use short ones.
"""

from __future__ import annotations

import asyncio
import json
import weakref
from dataclasses import dataclass

from aiohttp import WSCloseCode, WSMsgType, web

from aigc_desktop.sandbox import payloads
from aigc_desktop.sandbox.routes_platform import CODE_KEY
from aigc_desktop.sandbox.state import BusinessError, SandboxState

STREAM_PATH = "/api/voice/stream/v1"
CLOSE_TOKEN_REFUSED = int(WSCloseCode.POLICY_VIOLATION)  # 1008
CLOSE_TIMEOUT = int(WSCloseCode.OK)  # 1000


@dataclass(slots=True)
class WebSocketSettings:
    """How long an open socket waits: for the first message, then between messages (seconds)."""

    first_message_timeout_s: float = 10.0
    idle_timeout_s: float = 60.0

    def __post_init__(self) -> None:
        if not (self.first_message_timeout_s > 0 and self.idle_timeout_s > 0):
            raise ValueError("WebSocket timeouts must be positive numbers of seconds")


def _bearer(value: str) -> str | None:
    scheme, _, token = value.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def websocket_token(request: web.Request) -> tuple[str | None, str]:
    """The token and where it came from ("header", "url" or "none"); the header wins over the URL."""
    header = request.headers.get("Authorization")
    if header is not None:
        return _bearer(header), "header"
    query = request.query.get("Authorization")
    if query is not None:
        return _bearer(query), "url"
    return None, "none"


class WebSocketRoutes:
    """The streaming endpoint; open sockets are closed (1001) when the server stops."""

    def __init__(self, state: SandboxState, settings: WebSocketSettings) -> None:
        self.state = state
        self.settings = settings
        self._open: weakref.WeakSet[web.WebSocketResponse] = weakref.WeakSet()

    def register(self, app: web.Application) -> None:
        app.router.add_get(STREAM_PATH, self.stream)
        app.on_shutdown.append(self._close_all)

    async def stream(self, request: web.Request) -> web.StreamResponse:
        if not web.WebSocketResponse().can_prepare(request).ok:
            request[CODE_KEY] = 400
            return web.json_response(
                payloads.envelope(400, None, "This endpoint expects a WebSocket upgrade"), status=400
            )
        token, _source = websocket_token(request)
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        try:
            self.state.authenticate(token)
        except BusinessError as error:
            request[CODE_KEY] = error.code
            await socket.send_str(json.dumps(payloads.error_envelope(error.code, *error.args_)))
            await socket.close(code=CLOSE_TOKEN_REFUSED, message=str(error.code).encode("ascii"))
            return socket
        request[CODE_KEY] = 0
        self._open.add(socket)
        try:
            await self._converse(socket)
        finally:
            self._open.discard(socket)
        return socket

    async def _converse(self, socket: web.WebSocketResponse) -> None:
        received = 0
        while not socket.closed:
            first = received == 0
            timeout = self.settings.first_message_timeout_s if first else self.settings.idle_timeout_s
            try:
                message = await asyncio.wait_for(socket.receive(), timeout)
            except TimeoutError:
                reason = f"no first message within {timeout:g} s" if first else f"idle for {timeout:g} s"
                await socket.close(code=CLOSE_TIMEOUT, message=reason.encode("ascii"))
                return
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED, WSMsgType.ERROR):
                return
            received += 1
            data = message.data
            size = len(data.encode("utf-8")) if isinstance(data, str) else len(data or b"")
            await socket.send_str(json.dumps(payloads.envelope(0, {"received": received, "bytes": size})))

    async def _close_all(self, app: web.Application) -> None:
        for socket in list(self._open):
            await socket.close(code=WSCloseCode.GOING_AWAY, message=b"sandbox stopping")
