"""WebSocket sign-in: the URL form of the token rule and a test of it against a platform.

The access doc: WebSocket calls carry the token in the ``Authorization`` header or in the URL, and the
header wins. Public clients of the streaming API use ``ws://…/api/voice/stream/v1?Authorization=Bearer%20<token>``.
``test_websocket_sign_in`` opens such a socket, sends nothing (a message could start a billable task on the
real platform) and reports whether the platform kept it open or refused the token with a platform code in
its closing message (the sandbox's format: see docs/sandbox.md). The URL is masked wherever it is logged.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from aigc_desktop.platform.redaction import (
    install_redaction,
    mask_websocket_url,
    redact_text,
    register_secret,
)
from aigc_desktop.platform.transport import tls_verification

STREAM_PATH = "/api/voice/stream/v1"
DEFAULT_WAIT_S = 3.0

logger = logging.getLogger("aigc_desktop.platform.websocket")
install_redaction(logger)

Via = Literal["url", "header"]


def websocket_url(base_url: str, token: str | None = None, path: str = STREAM_PATH) -> str:
    """``base_url`` (http/https) as ws/wss plus ``path``, with ``?Authorization=Bearer%20<token>`` when given."""
    base = base_url.strip().rstrip("/")
    scheme, sep, rest = base.partition("://")
    schemes = {"http": "ws", "https": "wss", "ws": "ws", "wss": "wss"}
    if not sep or scheme.lower() not in schemes or not rest:
        raise ValueError(f"base URL must start with http:// or https:// and name a host, got {base_url!r}")
    url = f"{schemes[scheme.lower()]}://{rest}{path}"
    if token is not None:
        if not token.strip():
            raise ValueError("the access token is empty")
        url += f"?Authorization=Bearer%20{quote(token.strip(), safe='')}"
    return url


@dataclass(frozen=True, slots=True)
class WebSocketSignInResult:
    """What a WebSocket sign-in test found. ``url`` is masked; nothing here holds the token."""

    url: str
    via: Via
    signed_in: bool
    platform_code: int | None = None
    meaning: str = ""
    close_code: int | None = None
    detail: str = ""

    @property
    def summary(self) -> str:
        if self.signed_in:
            return "WebSocket sign-in accepted: the platform kept the connection open"
        if self.platform_code is not None:
            return f"WebSocket sign-in refused: {self.platform_code} {self.meaning}".rstrip()
        return f"WebSocket sign-in failed: {self.detail}"


def _code_of(text: str) -> int | None:
    """A platform code from a closing reason ("84115943") or an envelope message ({"code": ...})."""
    text = text.strip()
    if text.isascii() and text.isdigit():
        return int(text)
    try:
        document = json.loads(text)
    except ValueError:
        return None
    code = document.get("code") if isinstance(document, dict) else None
    return code if type(code) is int and code != 0 else None


async def test_websocket_sign_in(
    config: ClientConfig,
    token: str,
    *,
    via: Via = "url",
    wait_s: float = DEFAULT_WAIT_S,
    catalogue: ErrorCatalogue | None = None,
) -> WebSocketSignInResult:
    """Open the streaming socket with ``token`` in the URL (or the header) and report the platform's verdict.

    Accepted: the socket stays open for ``wait_s`` seconds, or the first message is a code-0 envelope.
    Refused: a non-zero code in a message or in the closing reason. Everything else (no connection, a
    refused upgrade, TLS) is a failure with its reason. The socket is closed again in every case.
    """
    import aiohttp

    register_secret(token)
    catalogue = catalogue if catalogue is not None else ErrorCatalogue.default()
    url = websocket_url(config.base_url, token if via == "url" else None)
    shown = mask_websocket_url(url)
    headers = {"User-Agent": config.user_agent}
    if via == "header":
        headers["Authorization"] = f"Bearer {token}"

    def refused(code: int, close_code: int | None) -> WebSocketSignInResult:
        return WebSocketSignInResult(shown, via, False, code, catalogue.describe(code).meaning, close_code)

    def failed(detail: str, close_code: int | None = None) -> WebSocketSignInResult:
        detail = redact_text(mask_websocket_url(detail))  # a library's message may quote the URL
        return WebSocketSignInResult(shown, via, False, close_code=close_code, detail=detail)

    logger.info("WebSocket sign-in test: %s (token in the %s)", shown, via)
    verify = tls_verification(config)
    timeout = aiohttp.ClientWSTimeout(ws_receive=None, ws_close=config.read_timeout)
    session_timeout = aiohttp.ClientTimeout(total=None, connect=config.connect_timeout)
    try:
        async with (
            aiohttp.ClientSession(trust_env=config.trust_env, timeout=session_timeout) as session,
            session.ws_connect(
                url, headers=headers, proxy=config.proxy, ssl=verify, timeout=timeout, autoping=True
            ) as socket,
        ):
            try:
                message = await asyncio.wait_for(socket.receive(), wait_s)
            except TimeoutError:
                return WebSocketSignInResult(shown, via, True)
            if message.type == aiohttp.WSMsgType.TEXT:
                code = _code_of(message.data)
                if code is None:
                    return WebSocketSignInResult(shown, via, True)
                closing = await asyncio.wait_for(socket.receive(), config.read_timeout)
                close_code = closing.data if closing.type == aiohttp.WSMsgType.CLOSE else None
                return refused(code, close_code)
            if message.type == aiohttp.WSMsgType.CLOSE:
                code = _code_of(str(message.extra or ""))
                if code is not None:
                    return refused(code, message.data)
                return failed(f"closed with {message.data} {message.extra or ''}".rstrip(), message.data)
            if message.type == aiohttp.WSMsgType.BINARY:
                return WebSocketSignInResult(shown, via, True)
            return failed(f"the connection ended ({message.type.name.lower()})")
    except aiohttp.WSServerHandshakeError as exc:
        return failed(f"the server refused the WebSocket upgrade: HTTP {exc.status} {exc.message}")
    except aiohttp.ClientConnectorCertificateError as exc:
        return failed(f"TLS certificate not trusted ({exc.certificate_error})")
    except aiohttp.ClientConnectorSSLError as exc:
        return failed(f"TLS handshake failed ({exc})")
    except aiohttp.ClientError as exc:
        return failed(f"could not connect: {exc}")
    except TimeoutError:
        return failed(f"no answer within {config.read_timeout:g} s")


test_websocket_sign_in.__test__ = False  # type: ignore[attr-defined]  # a "test_" name, not a pytest test
