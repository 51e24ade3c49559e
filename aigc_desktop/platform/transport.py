"""One HTTP exchange with bounded, safe retries, mapped onto the platform's typed errors.

Retried: connection failures before the request left (any method; nothing reached the server),
and for GET only, a reset connection or a 502/503/504 gateway answer. Never retried: timeouts after
sending, TLS failures, any platform answer (rate limiting included). The wait between attempts is a
plain ``asyncio.sleep``, so cancelling the caller cancels the wait too.

httpx is imported when the first client is built, not with this module: the window's first paint does
not need it.
"""

from __future__ import annotations

import asyncio
import logging
import random
import socket
import ssl
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.endpoints import Endpoint
from aigc_desktop.platform.exceptions import (
    ConnectionFailed,
    InvalidResponse,
    RequestTimeout,
    TlsFailure,
    TransportError,
)
from aigc_desktop.platform.redaction import redact_text, redact_url
from aigc_desktop.platform.responses import excerpt

if TYPE_CHECKING:
    import httpx

RETRIABLE_GET_STATUSES = frozenset({502, 503, 504})
URL_CACHE_SIZE = 32  # endpoints x the user IDs one session asks about


@dataclass(frozen=True, slots=True)
class RawResponse:
    status: int
    headers: dict[str, str]  # lower-case names; a repeated header keeps its last value
    body: bytes


def _header_dict(headers: httpx.Headers) -> dict[str, str]:
    """The headers as a plain dict, read in one pass (each ``httpx.Headers.get`` scans and decodes them all)."""
    return {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in headers.raw}


@dataclass(slots=True)
class AttemptCounter:
    """How many times the request was sent, readable even when the call failed."""

    attempts: int = 0


class _Retry(Exception):
    """Internal: this attempt failed in a way that is safe to repeat."""

    def __init__(self, error: TransportError | None, response: RawResponse | None = None) -> None:
        super().__init__()
        self.error = error
        self.response = response

    @property
    def what(self) -> str:
        """What went wrong, for the retry log line."""
        if self.error is not None:
            return self.error.summary
        return f"HTTP {self.response.status}" if self.response is not None else "unknown failure"


def _is_tls_problem(exc: BaseException) -> bool:
    if any(isinstance(e, ssl.SSLError | ssl.CertificateError) for e in _causes(exc)):
        return True
    text = str(exc)
    return "SSL" in text or "CERTIFICATE" in text.upper()


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it was raised from (httpx wraps the OS error several times)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _reason(exc: BaseException) -> str:
    """The most specific readable cause: refused, unknown host, or the library's own words."""
    chain = _causes(exc)
    lowered = " ".join(str(e).lower() for e in chain)
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "refused" in lowered:
        return "connection refused (nothing is listening there)"
    if any(isinstance(e, socket.gaierror) for e in chain) or "name or service not known" in lowered:
        return "host name not found"
    return redact_text(str(exc).strip() or type(exc).__name__)


def default_headers(config: ClientConfig) -> dict[str, str]:
    """Headers sent with every request."""
    return {"User-Agent": config.user_agent, "Accept": "application/json"}


def may_use_tls(config: ClientConfig) -> bool:
    """Whether any connection of this client can be TLS: an https base URL or an https proxy."""
    proxies = [config.proxy or ""]
    if config.trust_env and config.proxy is None:
        from urllib.request import getproxies  # httpx reads the environment with it, so already loaded

        proxies += getproxies().values()
    return any(url.lower().startswith("https:") for url in (config.base_url, *proxies))


def tls_verification(config: ClientConfig) -> ssl.SSLContext | bool:
    """What the client verifies TLS with (``verify=`` of httpx).

    By default the operating system's trust store (``truststore``: Windows' and macOS' certificate
    stores, OpenSSL's system paths on Linux), so a corporate TLS-inspection root installed by IT is
    trusted as it is by the browser; certifi's bundle would refuse it. A custom CA bundle replaces it.
    A client that cannot open a TLS connection (the embedded sandbox, a plain-http mock) gets a
    verifying context with no certificate store loaded: loading one is the costliest part of making a client (the self-test benchmark), and
    should TLS happen after all, every certificate is refused rather than trusted.
    """
    if not config.verify_tls:
        return False
    if config.ca_bundle is not None:
        try:
            return ssl.create_default_context(cafile=str(config.ca_bundle))
        except (OSError, ssl.SSLError) as exc:
            raise TlsFailure(f"Cannot load the CA bundle {config.ca_bundle}: {exc}") from None
    if not may_use_tls(config):
        return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies hostname and chain, trusts nothing
    return os_trust_context()


def os_trust_context() -> ssl.SSLContext:
    """A verifying client context backed by the operating system's trust store."""
    import truststore  # only once a client may use TLS: the sandbox and the first paint never need it

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def build_http_client(config: ClientConfig) -> httpx.AsyncClient:
    """The single ``httpx.AsyncClient`` the platform client uses for its whole life."""
    import httpx

    verify = tls_verification(config)
    timeout = httpx.Timeout(
        connect=config.connect_timeout,
        read=config.read_timeout,
        write=config.read_timeout,
        pool=config.connect_timeout,
    )
    return httpx.AsyncClient(
        base_url=config.base_url,
        timeout=timeout,
        verify=verify,
        trust_env=config.trust_env,
        proxy=config.proxy,
        headers=default_headers(config),
        follow_redirects=False,
    )


class Transport:
    """Sends one endpoint request, retrying only where that cannot repeat a side effect."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        config: ClientConfig,
        logger: logging.Logger,
        rng: random.Random | None = None,
    ) -> None:
        self._http = http
        self._config = config
        self._log = logger
        self._random = rng if rng is not None else random.Random()
        self._host = redact_url(config.base_url).split("://", 1)[1].split("/", 1)[0]
        # the module, kept: an import statement per request goes through PySide6's import hook in the app
        self._httpx = sys.modules["httpx"]
        # Given a path, httpx parses it and merges it with the base URL on every request (four URL
        # parses); a session sends the same few URLs over and over, so each is built once.
        self._urls: dict[tuple[str, tuple[tuple[str, str], ...]], httpx.URL] = {}

    def _url(self, path: str, params: dict[str, str] | None) -> httpx.URL:
        """The absolute URL of ``path`` with ``params``, merged with the base URL exactly as httpx does."""
        key = (path, tuple(params.items()) if params else ())
        url = self._urls.get(key)
        if url is None:
            if len(self._urls) >= URL_CACHE_SIZE:
                self._urls.clear()
            url = self._urls[key] = self._http.build_request("GET", path, params=params).url
        return url

    def backoff_delay(self, retry_number: int) -> float:
        """Full jitter: uniform in [0, base * 2^(n-1)], capped."""
        ceiling = min(self._config.backoff_cap, self._config.backoff_base * 2 ** (retry_number - 1))
        return self._random.uniform(0, ceiling)

    async def send(
        self,
        endpoint: Endpoint,
        counter: AttemptCounter,
        *,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        params: dict[str, str] | None = None,
    ) -> RawResponse:
        """The final answer (any HTTP status) or a ``TransportError`` / ``InvalidResponse``.

        The whole call, every attempt and wait included, ends at the total deadline: a server that
        trickles its answer just fast enough to beat the read timeout still ends in ``RequestTimeout``.
        """
        total = self._config.total_timeout
        deadline = asyncio.timeout(total)
        try:
            async with deadline:
                return await self._send(endpoint, counter, headers, json_body, params)
        except TimeoutError:
            if not deadline.expired():
                raise
            raise RequestTimeout(
                f"No complete answer within {total:g} s (total deadline of a call)",
                endpoint=str(endpoint),
                advice="The server answered too slowly. Check the network, or raise the total "
                "deadline in Settings.",
            ) from None

    async def _send(
        self,
        endpoint: Endpoint,
        counter: AttemptCounter,
        headers: dict[str, str] | None,
        json_body: Any,
        params: dict[str, str] | None,
    ) -> RawResponse:
        max_attempts = 1 + self._config.max_retries
        while True:
            counter.attempts += 1
            try:
                return await self._attempt(endpoint, headers, json_body, params)
            except _Retry as retry:
                if counter.attempts >= max_attempts:
                    if retry.response is not None:
                        return retry.response
                    assert retry.error is not None
                    raise retry.error from None
                delay = self.backoff_delay(counter.attempts)
                self._log.warning(
                    "retrying %s after: %s (attempt %d of %d, waiting %.2f s)",
                    endpoint,
                    retry.what,
                    counter.attempts + 1,
                    max_attempts,
                    delay,
                )
                await asyncio.sleep(delay)

    async def _attempt(
        self,
        endpoint: Endpoint,
        headers: dict[str, str] | None,
        json_body: Any,
        params: dict[str, str] | None,
    ) -> RawResponse:
        httpx = self._httpx
        where = str(endpoint)
        is_get = endpoint.method == "GET"
        try:
            url = self._url(endpoint.path, params)
            request = self._http.build_request(endpoint.method, url, headers=headers, json=json_body)
            response = await self._http.send(request, stream=True)  # streamed: the size limit applies
            answer_headers = _header_dict(response.headers)
            try:
                body = await self._read_limited(response, answer_headers, where)
            finally:
                await response.aclose()
            raw = RawResponse(response.status_code, answer_headers, body)
        except httpx.TimeoutException as exc:
            if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
                raise _Retry(
                    RequestTimeout(
                        f"Could not connect within {self._config.connect_timeout:g} s", endpoint=where
                    )
                ) from None
            raise RequestTimeout(
                f"No answer within {self._config.read_timeout:g} s (read timeout)", endpoint=where
            ) from None
        except httpx.ConnectError as exc:
            if _is_tls_problem(exc):
                raise TlsFailure(f"TLS handshake failed: {_reason(exc)}", endpoint=where) from None
            raise _Retry(
                ConnectionFailed(f"Could not connect to {self._host}: {_reason(exc)}", endpoint=where)
            ) from None
        except (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError) as exc:
            error = ConnectionFailed(
                f"The connection was reset or closed before the full answer arrived ({_reason(exc)})",
                endpoint=where,
            )
            if is_get:
                raise _Retry(error) from None
            raise error from None
        except httpx.DecodingError:
            raise InvalidResponse(
                "the body could not be decoded (bad content encoding)", endpoint=where
            ) from None
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise ConnectionFailed(f"The base URL cannot be used: {_reason(exc)}", endpoint=where) from None
        except httpx.HTTPError as exc:
            raise ConnectionFailed(f"The request failed: {_reason(exc)}", endpoint=where) from None
        if is_get and raw.status in RETRIABLE_GET_STATUSES:
            raise _Retry(None, raw)
        return raw

    async def _read_limited(self, response: httpx.Response, headers: dict[str, str], where: str) -> bytes:
        limit = self._config.max_response_bytes
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(response, where, b"", f"{int(declared)} bytes declared")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            chunks.append(chunk)
            if size > limit:
                raise self._too_large(response, where, chunks[0], f"more than {limit} bytes")
        return b"".join(chunks)

    def _too_large(self, response: httpx.Response, where: str, head: bytes, detail: str) -> InvalidResponse:
        return InvalidResponse(
            f"response too large: {detail}, limit {self._config.max_response_bytes} bytes",
            endpoint=where,
            http_status=response.status_code,
            excerpt=excerpt(head),
        )
