"""A local HTTP receiver for platform callbacks: verify, answer as a correct receiver would, record.

Answers: 200 accepted, 401 signature/timestamp/replay failure, 400 malformed body, 413 body over the limit
(read in chunks, never buffered beyond it), 408 body too slow, 405 not POST, 404 other path. A failure mode
(HTTP 500, or stall past the sender's timeout) shows how the platform's 3-attempt policy plays out.
It listens on loopback only unless the caller explicitly allows the LAN. Runs on any running asyncio loop
(plain asyncio or qasync); nothing here blocks the loop: the near-miss search for a wrong signature runs
on a worker thread (the answer waits for it, the loop does not). aiohttp is imported when a receiver
starts and httpx when it first forwards, not with this module: the main window imports it before its
first paint.

History is bounded by count and by bytes; of a refused request (unauthenticated or malformed) only the
first ``REFUSED_BODY_KEPT`` bytes of its body are kept, so a flood of junk cannot fill memory. Bytes that
are not UTF-8 (a ``Host: a\xffb`` header) are recorded as ``\xff`` escapes, never a crash.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

from aigc_desktop.callbacks.deliveries import Delivery, ForwardResult, redact_headers
from aigc_desktop.callbacks.verify import CallbackVerifier, DiagnosisTask, Verdict, VerdictStatus
from aigc_desktop.platform.bounded import safe_text
from aigc_desktop.platform.messages import Message, msg
from aigc_desktop.platform.network import is_loopback

if TYPE_CHECKING:
    import httpx
    from aiohttp import web

log = logging.getLogger(__name__)


class _Aiohttp(NamedTuple):
    response: type[web.Response]
    client_error: type[Exception]
    protocol_error: type[Exception]


@cache
def _aiohttp() -> _Aiohttp:
    """The parts of aiohttp the handlers use, imported on the first start (not with this module), once.

    Not an ``import`` statement per request: in the app every executed import goes through PySide6's
    import hook, and four per request cost the receiver a share of its throughput (the throughput benchmark).
    """
    import aiohttp
    from aiohttp import web
    from aiohttp.http_exceptions import HttpProcessingError

    return _Aiohttp(web.Response, aiohttp.ClientError, HttpProcessingError)


MIB = 1024 * 1024
DEFAULT_BODY_LIMIT = MIB
DEFAULT_STALL_S = 35.0  # longer than the platform's (and our sender's) timeout, so it retries
DEFAULT_READ_TIMEOUT_S = 10.0
DEFAULT_HISTORY = 1000
DEFAULT_HISTORY_BYTES = 32 * MIB  # bodies kept in the history, all deliveries together
REFUSED_BODY_KEPT = 1024  # bytes of a refused request's body kept: enough to see what it was
_CHUNK = 64 * 1024

DeliveryObserver = Callable[[Delivery], None]


class FailureMode(StrEnum):
    """Simulated receiver failures, settable while running."""

    NONE = "none"
    HTTP500 = "http500"  # answer 500: the platform retries
    STALL = "stall"  # hold the request unanswered: the platform times out and retries


class ReceiverError(Exception):
    """The receiver cannot start as configured; the text says what to change."""


class _TooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def check_host(host: str, allow_lan: bool) -> None:
    """Refuse anything but loopback unless explicitly allowed: a receiver on the LAN accepts anyone's posts."""
    if allow_lan or is_loopback(host):
        return
    raise ReceiverError(
        f"refusing to listen on {host!r}: it is not a loopback address, so other machines could post "
        "to the receiver; allow LAN access explicitly (--allow-lan) if that is what you want"
    )


class CallbackReceiver:
    """aiohttp server that verifies callbacks with a ``CallbackVerifier`` and records each request."""

    def __init__(
        self,
        verifier: CallbackVerifier,
        host: str = "127.0.0.1",
        port: int = 0,
        path: str = "/",
        body_limit: int = DEFAULT_BODY_LIMIT,
        allow_lan: bool = False,
        *,
        read_timeout_s: float = DEFAULT_READ_TIMEOUT_S,
        stall_s: float = DEFAULT_STALL_S,
        history: int = DEFAULT_HISTORY,
        history_bytes: int = DEFAULT_HISTORY_BYTES,
        forward_to: str | None = None,
        forward_timeout_s: float = 10.0,
    ) -> None:
        check_host(host, allow_lan)
        if not 0 <= port <= 65535:
            raise ReceiverError(f"port must be between 0 and 65535, got {port}")
        if body_limit < 1:
            raise ReceiverError(f"the body limit must be at least 1 byte, got {body_limit}")
        if not path.startswith("/"):
            raise ReceiverError(f"the path must start with '/', got {path!r}")
        self.verifier = verifier
        self.host = host
        self.port = port
        self.path = path
        self.body_limit = body_limit
        self.read_timeout_s = read_timeout_s
        self.stall_s = stall_s
        self.failure_mode = FailureMode.NONE
        self.forward_to = forward_to
        self.forward_timeout_s = forward_timeout_s
        self._history: deque[Delivery] = deque()
        self.history_limit = history
        self.history_bytes_limit = history_bytes
        self._history_bytes = 0
        self._diagnosis_pool: ThreadPoolExecutor | None = None
        self._observers: list[DeliveryObserver] = []
        self._next_id = 1
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()
        self._forward_client: httpx.AsyncClient | None = None
        self._bound_port: int | None = None

    # ------------------------------------------------------------ lifecycle

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def url(self) -> str:
        """Where to post, e.g. http://127.0.0.1:54321/ (valid after ``start``)."""
        if self._bound_port is None:
            raise ReceiverError("the receiver is not running; start it first")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._bound_port}{self.path}"

    async def start(self) -> None:
        if self._runner is not None:
            raise ReceiverError("the receiver is already running")
        self._stopping = asyncio.Event()
        from aiohttp import web

        from aigc_desktop.platform.http_server import BoundedAppRunner

        app = web.Application(client_max_size=self.body_limit)
        app.router.add_route("*", "/{tail:.*}", self._handle)
        # keepalive_timeout also bounds a connection whose request headers never finish (aiohttp's default is 75 s)
        runner = BoundedAppRunner(
            app,
            handle_signals=False,
            access_log=None,
            shutdown_timeout=2.0,
            keepalive_timeout=self.read_timeout_s,
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise ReceiverError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        self._runner = runner
        self._bound_port = _bound_port(runner, self.port)

    async def stop(self) -> None:
        """Release stalled requests, close connections and the forwarding client. Safe to call twice."""
        self._stopping.set()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        client, self._forward_client = self._forward_client, None
        if client is not None:
            await client.aclose()
        pool, self._diagnosis_pool = self._diagnosis_pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        self._bound_port = None

    async def __aenter__(self) -> CallbackReceiver:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------ observers and history

    def add_observer(self, observer: DeliveryObserver) -> None:
        """Call ``observer(delivery)`` on the loop for every handled request."""
        self._observers.append(observer)

    def remove_observer(self, observer: DeliveryObserver) -> None:
        if observer in self._observers:
            self._observers.remove(observer)

    @property
    def deliveries(self) -> list[Delivery]:
        """The most recent deliveries, oldest first (bounded history)."""
        return list(self._history)

    @property
    def history_bytes(self) -> int:
        """Body bytes the history holds now (at most ``history_bytes_limit``)."""
        return self._history_bytes

    def clear_history(self) -> None:
        """Forget recorded deliveries; the verifier keeps its replay memory, so protection is unchanged."""
        self._history.clear()
        self._history_bytes = 0

    # ------------------------------------------------------------ request handling

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        response_class, client_error, protocol_error = _aiohttp()
        received_at = datetime.now(UTC)
        if self.path != "/" and request.path != self.path:
            return self._finish(
                request,
                received_at,
                b"",
                0,
                None,
                response_class(status=404, text=(f"not found: this receiver listens on {self.path}\n")),
                note=msg("note.wrong_path"),
            )
        if request.method != "POST":
            response = response_class(status=405, text="method not allowed: callbacks are POST\n")
            response.headers["Allow"] = "POST"
            return self._finish(
                request,
                received_at,
                b"",
                0,
                None,
                response,
                note=msg("note.method_refused", method=safe_text(request.method)),
            )
        declared = request.content_length
        if declared is not None and declared > self.body_limit:
            return self._too_large(request, received_at, declared)
        try:
            body = await self._read_body(request)
        except _TooLarge as exc:
            return self._too_large(request, received_at, exc.size)
        except TimeoutError:
            response = response_class(status=408, text="request body too slow\n")
            response.force_close()
            note = msg("note.body_too_slow", seconds=f"{self.read_timeout_s:g}")
            return self._finish(request, received_at, b"", 0, None, response, note=note)
        except (ConnectionError, OSError, client_error, protocol_error) as exc:
            # The sender went away mid-body: record it; the answer below reaches no one.
            self._record(
                request,
                received_at,
                b"",
                0,
                None,
                None,
                None,
                msg("note.client_gone", error=safe_text(str(exc))),
            )
            return response_class(status=400, text="incomplete body\n")
        request_url = safe_text(f"{request.scheme}://{request.host}{request.raw_path}")
        try:
            verdict, task = self.verifier.check_body(body, request_url=request_url)
            if task is not None:
                verdict = await self._diagnose(verdict, task)
        except Exception:  # a verifier bug must cost one request, not the receiver
            log.exception("verifying delivery failed")
            response = response_class(status=500, text="internal error while verifying\n")
            return self._finish(
                request, received_at, body, len(body), None, response, note=msg("note.verifier_error")
            )
        return await self._answer(request, received_at, body, verdict)

    async def _diagnose(self, verdict: Verdict, task: DiagnosisTask) -> Verdict:
        """Run the near-miss search on a worker thread: the loop serves others meanwhile."""
        if self._diagnosis_pool is None:
            self._diagnosis_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="near-miss")
        try:
            misses, spent = await asyncio.get_running_loop().run_in_executor(self._diagnosis_pool, task.run)
        except BaseException:
            self.verifier.abandon(task)
            raise
        return self.verifier.complete(verdict, task, misses, spent)

    async def _read_body(self, request: web.Request) -> bytes:
        """The body, read in chunks under the read timeout, or at once when it is already all here."""
        content = request.content
        if request.content_length is not None and content.is_eof():
            # A declared length (already checked against the limit) fully received with the headers,
            # as a callback's small body usually is: nothing to wait for, so no timer per request.
            return content.read_nowait()
        async with asyncio.timeout(self.read_timeout_s):
            return await self._read_limited(request)

    async def _read_limited(self, request: web.Request) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while chunk := await request.content.read(_CHUNK):
            total += len(chunk)
            if total > self.body_limit:
                raise _TooLarge(total)
            chunks.append(chunk)
        return b"".join(chunks)

    async def _answer(
        self, request: web.Request, received_at: datetime, body: bytes, verdict: Verdict
    ) -> web.StreamResponse:
        response_class = _aiohttp().response
        mode = self.failure_mode
        if mode is FailureMode.HTTP500:
            response = response_class(status=500, text="simulated failure (HTTP 500)\n")
            return self._finish(
                request, received_at, body, len(body), verdict, response, note=msg("note.simulated_500")
            )
        if mode is FailureMode.STALL:
            started = time.monotonic()
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self.stall_s)
                note = msg("note.stall_released", seconds=f"{time.monotonic() - started:.1f}")
            except TimeoutError:
                note = msg("note.stalled", seconds=f"{self.stall_s:g}")
            response = response_class(status=503, text="simulated stall ended\n")
            return self._finish(request, received_at, body, len(body), verdict, response, note=note)
        status = _status_for(verdict)
        response = response_class(
            status=status, text=f"{verdict.status.value}: {safe_text(verdict.reason)}\n"
        )
        if status != 200 or not self.forward_to:
            return self._finish(request, received_at, body, len(body), verdict, response)
        await response.prepare(request)  # answer the sender first; the forward must not delay it
        await response.write_eof()
        forward = await self._forward(self.forward_to, body, request.headers.get("Content-Type"))
        self._record(request, received_at, body, len(body), verdict, status, forward, None)
        return response

    def _too_large(self, request: web.Request, received_at: datetime, size: int) -> web.StreamResponse:
        response_class = _aiohttp().response
        response = response_class(status=413, text=f"body over the {self.body_limit} byte limit\n")
        response.force_close()
        note = msg("note.too_large", size=size, limit=self.body_limit)
        return self._finish(request, received_at, b"", size, None, response, note=note)

    def _finish(
        self,
        request: web.Request,
        received_at: datetime,
        body: bytes,
        size: int,
        verdict: Verdict | None,
        response: web.Response,
        *,
        note: Message | None = None,
    ) -> web.Response:
        self._record(request, received_at, body, size, verdict, response.status, None, note)
        return response

    def _record(
        self,
        request: web.Request,
        received_at: datetime,
        body: bytes,
        size: int,
        verdict: Verdict | None,
        status: int | None,
        forward: ForwardResult | None,
        note: Message | None,
    ) -> None:
        peername = request.transport.get_extra_info("peername") if request.transport else None
        peer = f"{peername[0]}:{peername[1]}" if isinstance(peername, tuple) else (request.remote or "?")
        if verdict is None or not verdict.accepted:  # refused: keep what shows what it was, not all of it
            body = body[:REFUSED_BODY_KEPT]
        delivery = Delivery(
            id=self._next_id,
            received_at=received_at,
            peer=peer,
            method=safe_text(request.method),
            path=safe_text(request.raw_path),
            request_url=safe_text(f"{request.scheme}://{request.host}{request.raw_path}"),
            headers=redact_headers(_text_headers(request.headers.items())),
            body=body,
            size=size,
            verdict=verdict,
            answered_status=status,
            forward=forward,
            remark=note,
        )
        self._next_id += 1
        self._remember(delivery)
        for observer in list(self._observers):
            try:
                observer(delivery)
            except Exception:  # an observer's bug must not break the receiver
                log.exception("delivery observer %r failed", observer)

    def _remember(self, delivery: Delivery) -> None:
        """Append to the history, dropping the oldest past the count or the byte limit."""
        history = self._history
        history.append(delivery)
        self._history_bytes += len(delivery.body)
        while history and (
            len(history) > self.history_limit or self._history_bytes > self.history_bytes_limit
        ):
            self._history_bytes -= len(history.popleft().body)

    async def _forward(self, url: str, body: bytes, content_type: str | None) -> ForwardResult:
        import httpx

        if self._forward_client is None:
            self._forward_client = httpx.AsyncClient(trust_env=False, follow_redirects=False)
        started = time.monotonic()
        try:
            response = await self._forward_client.post(
                url,
                content=body,
                headers={"Content-Type": content_type or "application/json"},
                timeout=self.forward_timeout_s,
            )
        except httpx.TimeoutException:
            error = f"no answer within {self.forward_timeout_s:g} s"
            return ForwardResult(url, None, time.monotonic() - started, error)
        except (httpx.HTTPError, ValueError) as exc:
            return ForwardResult(url, None, time.monotonic() - started, f"{type(exc).__name__}: {exc}")
        return ForwardResult(url, response.status_code, time.monotonic() - started, None)


def _text_headers(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Headers as UTF-8-safe text (ASCII, nearly always; else bytes that are not UTF-8 become ``\\xff``)."""
    headers = list(items)
    if all(map(str.isascii, chain.from_iterable(headers))):  # one pass in C: on every delivery
        return headers
    return [(safe_text(name), safe_text(value)) for name, value in headers]


def _status_for(verdict: Verdict) -> int:
    if verdict.accepted:
        return 200
    if verdict.status is VerdictStatus.MALFORMED:
        return 400
    return 401


def _bound_port(runner: web.AppRunner, fallback: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return fallback
