"""SandboxServer: the fake platform on loopback, started on the already-running asyncio loop.

It runs on any asyncio loop, including qasync's in the GUI. Port 0 picks a free port; ``base_url``
tells which. Everything a test needs is reachable both from Python (``clock``, ``faults``,
``requests``, ``update_resources``) and over HTTP under ``/_sandbox/`` (see ``routes_control``).

Paths the platform does not serve answer HTTP 404 with the envelope
``{"code": 404, "message": "No such endpoint: <path>", "data": null}``; a known path with the wrong
method answers HTTP 405 with code 405 and an ``Allow`` header. (The doc defines no code for either;
echoing the HTTP status matches its general codes 400 and 500.)
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from email.utils import formatdate
from types import TracebackType

from aiohttp import web

from aigc_desktop.platform.http_server import BoundedAppRunner
from aigc_desktop.sandbox import payloads
from aigc_desktop.sandbox.accounts import (
    AccountsFileError,
    SandboxAccount,
    demo_accounts,
    parse_resource_config,
)
from aigc_desktop.sandbox.clock import SandboxClock
from aigc_desktop.sandbox.fault_responses import (
    FAULT_CODES,
    abort_connection,
    canned_response,
    relabel_as_text,
    trickle,
)
from aigc_desktop.sandbox.faults import Fault, FaultKind, FaultPlan
from aigc_desktop.sandbox.records import RequestRecord
from aigc_desktop.sandbox.routes_control import ControlRoutes
from aigc_desktop.sandbox.routes_platform import CODE_KEY, LOGIN_TIMESTAMP_KEY, PlatformRoutes
from aigc_desktop.sandbox.routes_websocket import WebSocketRoutes, WebSocketSettings
from aigc_desktop.sandbox.state import SandboxState

log = logging.getLogger("aigc_desktop.sandbox")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_RESET_STATUS = 0
_RESET_KEY = web.RequestKey("aigc_sandbox_reset", bool)
_SHUTDOWN_TIMEOUT_S = 5.0
MAX_REQUEST_RECORDS = 10_000


class SandboxServer:
    """A faithful fake of the platform's user-access API. ``accounts=None`` serves the demo account."""

    def __init__(
        self,
        accounts: list[SandboxAccount] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        websocket: WebSocketSettings | None = None,
    ) -> None:
        self.clock = SandboxClock()
        self.accounts: list[SandboxAccount] = (
            list(accounts) if accounts is not None else demo_accounts(self.clock.now())
        )
        self.state = SandboxState(self.accounts, self.clock)
        self.faults = FaultPlan()
        #: first-message and idle timeouts of the WebSocket endpoint (10 s / 60 s; tests pass short ones)
        self.websocket = websocket if websocket is not None else WebSocketSettings()
        self.requests: list[RequestRecord] = []
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self._stopping: asyncio.Event | None = None
        self._bound_port: int | None = None
        #: when True, each answer's ``Date`` header follows the sandbox clock (advanced = server ahead),
        #: so the client sees a skewed server clock; by default it is real time, like aiohttp sets it
        self.skew_date_header = False

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on host:port (OSError when the port is taken). Call on the running loop."""
        if self._runner is not None:
            raise RuntimeError("the sandbox server is already running")
        app = web.Application(middlewares=[self._middleware])
        PlatformRoutes(self.state).register(app)
        ControlRoutes(self).register(app)
        WebSocketRoutes(self.state, self.websocket).register(app)
        self._stopping = asyncio.Event()
        runner = BoundedAppRunner(app, access_log=None, shutdown_timeout=_SHUTDOWN_TIMEOUT_S)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        self._bound_port = int(runner.addresses[0][1])
        log.info("sandbox listening on %s", self.base_url)

    async def stop(self) -> None:
        """Stop listening and end pending delays by dropping their connections. Safe to repeat."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        if self._stopping is not None:
            self._stopping.set()
        await runner.cleanup()
        log.info("sandbox stopped")

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def running(self) -> bool:
        return self._runner is not None

    def port_if_running(self) -> int | None:
        """The bound port while the server runs, else None."""
        return self._bound_port if self._runner is not None else None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` of the running server."""
        if self._bound_port is None:
            raise RuntimeError("the sandbox server has not been started")
        host = self.host
        with contextlib.suppress(ValueError):
            if ipaddress.ip_address(host).version == 6:
                host = f"[{host}]"
        return f"http://{host}:{self._bound_port}"

    # -- accounts --------------------------------------------------------------------------

    @property
    def demo(self) -> SandboxAccount:
        """The first account (the built-in demo account unless others were given)."""
        return self.accounts[0]

    def account(self, app_id: str) -> SandboxAccount | None:
        return self.state.account(app_id)

    def update_resources(self, fields: Mapping[str, object], app_id: str | None = None) -> SandboxAccount:
        """Set some of an account's 12 resource numbers (AccountsFileError on bad names or values)."""
        account = self.demo if app_id is None else self.state.account(app_id)
        if account is None:
            raise AccountsFileError(f"no sandbox account has appId {app_id!r}")
        numbers, resource_id = parse_resource_config(fields, "resourceConfig", partial=True)
        account.resource_config.update(numbers)
        if resource_id is not None:
            account.resource_id = resource_id
        return account

    # -- request pipeline ------------------------------------------------------------------

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        arrived = self.clock.now()
        started = time.perf_counter()
        fault = self.faults.take(request.path)
        status = _RESET_STATUS
        try:
            response = await self._answer(request, handler, fault)
            status = _RESET_STATUS if request.get(_RESET_KEY) else response.status
            return response
        except Exception:
            status = 500  # a sandbox bug: aiohttp answers 500, the log says so
            log.exception("sandbox failed on %s %s", request.method, request.path)
            raise
        finally:
            code = request.get(CODE_KEY)
            record = RequestRecord(
                method=request.method,
                path=request.path,
                status=status,
                time=arrived,
                code=code if isinstance(code, int) else None,
                fault=fault.kind.value if fault else None,
                duration_s=time.perf_counter() - started,
                login_timestamp=request.get(LOGIN_TIMESTAMP_KEY),
            )
            self.requests.append(record)
            if len(self.requests) > MAX_REQUEST_RECORDS:  # a long demo session must not grow without bound
                del self.requests[: len(self.requests) - MAX_REQUEST_RECORDS]
            log.info(
                "%s %s -> %s code=%s%s",
                record.method,
                record.path,
                record.status,
                record.code,
                f" fault={record.fault}" if record.fault else "",
            )

    async def _answer(
        self, request: web.Request, handler: Handler, fault: Fault | None
    ) -> web.StreamResponse:
        if fault is not None:
            if fault.kind is FaultKind.RESET:
                return self._reset(request)
            canned = canned_response(fault.kind)
            if canned is not None:
                if fault.kind in FAULT_CODES:
                    request[CODE_KEY] = FAULT_CODES[fault.kind]
                return self._dated(canned)
            if fault.kind is FaultKind.DELAY and await self._interrupted_delay(fault.seconds or 0.0):
                return self._reset(request)
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            response = self._http_error(request, exc)
        if fault is not None and fault.kind is FaultKind.WRONG_CONTENT_TYPE:
            return self._dated(relabel_as_text(response))
        if fault is not None and fault.kind is FaultKind.SLOW_BODY:
            assert self._stopping is not None
            return await trickle(request, self._dated(response), fault.seconds or 0.0, self._stopping)
        return self._dated(response)

    def _dated(self, response: web.StreamResponse) -> web.StreamResponse:
        """With ``skew_date_header``, stamp the sandbox clock's time as the ``Date`` header."""
        if self.skew_date_header and not response.prepared:
            response.headers["Date"] = formatdate(self.clock.now(), usegmt=True)
        return response

    async def _interrupted_delay(self, seconds: float) -> bool:
        """Wait ``seconds``; True when the server began stopping meanwhile."""
        assert self._stopping is not None
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except TimeoutError:
            return False
        return True

    @staticmethod
    def _reset(request: web.Request) -> web.Response:
        abort_connection(request)
        request[_RESET_KEY] = True
        return web.Response(status=502)  # never sent: the connection is already gone

    @staticmethod
    def _http_error(request: web.Request, exc: web.HTTPException) -> web.Response:
        """aiohttp's routing errors as JSON envelopes that name the problem."""
        status = exc.status
        if isinstance(exc, web.HTTPMethodNotAllowed):
            allowed = ", ".join(sorted(exc.allowed_methods))
            message = f"Method {request.method} is not allowed on {request.path}; use {allowed}"
            headers = {"Allow": allowed}
        elif isinstance(exc, web.HTTPNotFound):
            message, headers = f"No such endpoint: {request.path}", {}
        else:
            message, headers = exc.reason, {}
        request[CODE_KEY] = status
        return web.json_response(payloads.envelope(status, None, message), status=status, headers=headers)
