"""Test and demo controls under ``/_sandbox/`` (JSON in, JSON out; errors: HTTP 400 ``{"error": ...}``).

=======  ======================  ==========================================================================
method   path                    effect
=======  ======================  ==========================================================================
GET      /_sandbox/clock         ``{"now", "nowMs", "date", "offsetSeconds"}`` of the sandbox clock
POST     /_sandbox/clock         ``{"advanceSeconds": N, "skewDateHeader"?: bool}`` (N >= 0) moves the clock
                                 ahead; ``skewDateHeader`` true makes answers' Date header follow the
                                 sandbox clock (a server clock N s ahead); advanceSeconds may be left
                                 out when skewDateHeader is given; answers as GET
GET      /_sandbox/faults        ``{"faults": [pending...], "kinds": [...]}``
POST     /_sandbox/faults        ``{"path": P, "kind": K, "count": N = 1, "seconds": S?}``: the next N
                                 requests to P (or "*" = every platform path) fail with K; count 0 clears P
DELETE   /_sandbox/faults        clears all faults
POST     /_sandbox/resources     ``{"appId"?: demo, "resourceConfig": {some of the 12 fields}}`` sets usage
POST     /_sandbox/usage-growth  ``{"percentPerHour": P | null}``: each quota's use grows by P % of its total
                                 per hour of sandbox time (0 < P <= 100); null switches growth off
GET      /_sandbox/requests      ``{"requests": [{"method", "path", "status", "time", "code", "fault",
                                 "durationSeconds", "loginTimestamp"}]}``
DELETE   /_sandbox/requests      empties the request log
POST     /_sandbox/callbacks     ``{"url", "authKey", "event": {...}}``: emits a signed callback with the
                                 platform's policy (up to 3 attempts) and answers with every attempt
=======  ======================  ==========================================================================

Every value is checked before anything changes: a refused request (HTTP 400) changes nothing. A web
page must not be able to drive the controls: a request whose ``Origin`` is not a loopback origin is
refused (HTTP 403), and a POST must say ``Content-Type: application/json`` (HTTP 415), which a page
cannot send cross-site without the browser asking first. ``/_sandbox/callbacks`` refuses targets
under the sandbox's own ``/_sandbox/`` (a callback to itself would multiply one request), and at most
``MAX_CALLBACKS_IN_FLIGHT`` callbacks are delivered at a time (HTTP 429 beyond).
"""

from __future__ import annotations

import json
import math
import posixpath
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urlsplit

from aiohttp import web

from aigc_desktop.platform.network import is_loopback
from aigc_desktop.sandbox.accounts import AccountsFileError
from aigc_desktop.sandbox.callback_emitter import CallbackRequestError, emit_callback
from aigc_desktop.sandbox.clock import MAX_OFFSET_S, format_platform_date
from aigc_desktop.sandbox.faults import KIND_NAMES, FaultError
from aigc_desktop.sandbox.json_body import finite_number, loads_limited
from aigc_desktop.sandbox.payloads import resource_config_data
from aigc_desktop.sandbox.usage_growth import UsageGrowth

if TYPE_CHECKING:
    from collections.abc import Mapping

    from aigc_desktop.sandbox.accounts import SandboxAccount
    from aigc_desktop.sandbox.clock import SandboxClock
    from aigc_desktop.sandbox.faults import FaultPlan
    from aigc_desktop.sandbox.records import RequestRecord
    from aigc_desktop.sandbox.state import SandboxState


class ControlledServer(Protocol):
    """What the controls reach in the server (``SandboxServer`` is one); no import of it, so no circle."""

    clock: SandboxClock
    faults: FaultPlan
    state: SandboxState
    requests: list[RequestRecord]
    host: str
    skew_date_header: bool

    def port_if_running(self) -> int | None: ...

    def update_resources(self, fields: Mapping[str, object], app_id: str | None = None) -> SandboxAccount: ...


PREFIX = "/_sandbox"
MAX_CALLBACKS_IN_FLIGHT = 4
Handler = Callable[[web.Request], Awaitable[web.Response]]


class ControlError(ValueError):
    """A control request that cannot be honoured; answered as HTTP 400."""


def _shown(value: Any) -> str:
    """A refused value for the error text, cut short (a 10^5-digit number is not worth echoing)."""
    text = json.dumps(value) if not isinstance(value, int) or abs(value) < 10**30 else f"{str(value)[:20]}..."
    return text if len(text) <= 80 else f"{text[:77]}..."


def bad_request(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


def refusal(request: web.Request) -> web.Response | None:
    """403 for a non-loopback ``Origin``, 415 for a POST that is not JSON; None when allowed."""
    origin = request.headers.get("Origin")
    if origin is not None:
        try:
            host = urlsplit(origin).hostname
        except ValueError:
            host = None
        if not is_loopback(host):
            return web.json_response(
                {
                    "error": f"the sandbox controls answer only pages on this machine, not Origin {origin[:100]!r}"
                },
                status=403,
            )
    if request.method == "POST" and request.content_type != "application/json":
        return web.json_response(
            {
                "error": f"send the control request as Content-Type: application/json, not {request.content_type!r}"
            },
            status=415,
        )
    return None


async def read_object(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object, or ControlError saying what is wrong with it."""
    text = await request.text()
    try:
        document = loads_limited(text) if text.strip() else {}
    except ValueError as exc:
        raise ControlError(f"body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise ControlError("body must be a JSON object")
    return document


class ControlRoutes:
    """Handlers that reach into one sandbox server (a ``ControlledServer``)."""

    def __init__(self, server: ControlledServer) -> None:
        self.server = server
        self._callbacks_in_flight = 0

    def register(self, app: web.Application) -> None:
        guard = _guarded  # every control: loopback origins and JSON bodies only
        router = app.router
        router.add_get(f"{PREFIX}/clock", guard(self.get_clock))
        router.add_post(f"{PREFIX}/clock", guard(self.advance_clock))
        router.add_get(f"{PREFIX}/faults", guard(self.get_faults))
        router.add_post(f"{PREFIX}/faults", guard(self.add_fault))
        router.add_delete(f"{PREFIX}/faults", guard(self.clear_faults))
        router.add_post(f"{PREFIX}/resources", guard(self.set_resources))
        router.add_post(f"{PREFIX}/usage-growth", guard(self.set_usage_growth))
        router.add_get(f"{PREFIX}/requests", guard(self.get_requests))
        router.add_delete(f"{PREFIX}/requests", guard(self.clear_requests))
        router.add_post(f"{PREFIX}/callbacks", guard(self.send_callback))

    def _clock_json(self) -> dict[str, Any]:
        clock = self.server.clock
        now = clock.now()
        return {
            "now": now,
            "nowMs": int(now * 1000),
            "date": format_platform_date(now),
            "offsetSeconds": clock.offset,
        }

    async def get_clock(self, request: web.Request) -> web.Response:
        return web.json_response(self._clock_json())

    async def advance_clock(self, request: web.Request) -> web.Response:
        try:
            body = await read_object(request)
            skew = body.get("skewDateHeader")
            if skew is not None and not isinstance(skew, bool):
                raise ControlError(f"'skewDateHeader' must be true or false; got {json.dumps(skew)}")
            seconds = body.get("advanceSeconds", 0 if skew is not None else None)
            number = finite_number(seconds)
            if number is None or number < 0:
                raise ControlError(f"'advanceSeconds' must be a number >= 0; got {_shown(seconds)}")
            seconds = number
            if self.server.clock.offset + seconds > MAX_OFFSET_S:
                left = max(0.0, MAX_OFFSET_S - self.server.clock.offset)
                raise ControlError(
                    f"'advanceSeconds' would move the clock more than {MAX_OFFSET_S:.0f} s (100 years) "
                    f"ahead of real time; at most {left:.0f} more; got {_shown(seconds)}"
                )
        except ControlError as exc:
            return bad_request(str(exc))
        self.server.clock.advance(float(seconds))
        if skew is not None:
            self.server.skew_date_header = skew
        return web.json_response(self._clock_json())

    def _faults_json(self) -> dict[str, Any]:
        return {"faults": [f.to_json() for f in self.server.faults.pending()], "kinds": list(KIND_NAMES)}

    async def get_faults(self, request: web.Request) -> web.Response:
        return web.json_response(self._faults_json())

    async def add_fault(self, request: web.Request) -> web.Response:
        try:
            body = await read_object(request)
            for key in ("path", "kind"):
                if key not in body:
                    raise ControlError(f"missing {key!r}; expected {{'path', 'kind', 'count', 'seconds'?}}")
            self.server.faults.add(body["path"], body["kind"], body.get("count", 1), body.get("seconds"))
        except (ControlError, FaultError) as exc:
            return bad_request(str(exc))
        return web.json_response(self._faults_json())

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.server.faults.clear()
        return web.json_response(self._faults_json())

    async def set_resources(self, request: web.Request) -> web.Response:
        try:
            body = await read_object(request)
            app_id = body.get("appId")
            if app_id is not None and not isinstance(app_id, str):
                raise ControlError("'appId' must be a string")
            if "resourceConfig" not in body:
                raise ControlError("missing 'resourceConfig' (an object with some of the 12 resource fields)")
            account = self.server.update_resources(body["resourceConfig"], app_id)
        except (ControlError, AccountsFileError) as exc:
            return bad_request(str(exc))
        return web.json_response({"appId": account.app_id, "resourceConfig": resource_config_data(account)})

    async def set_usage_growth(self, request: web.Request) -> web.Response:
        try:
            body = await read_object(request)
            if "percentPerHour" not in body:
                raise ControlError("missing 'percentPerHour' (a number, or null to switch growth off)")
            value = body["percentPerHour"]
            if value is None:
                growth = None
            elif isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise ControlError(f"'percentPerHour' must be a number or null; got {json.dumps(value)}")
            else:
                growth = UsageGrowth(float(value))
        except (ControlError, ValueError) as exc:
            return bad_request(str(exc))
        self.server.state.usage_growth = growth
        return web.json_response({"percentPerHour": growth.percent_per_hour if growth else None})

    async def get_requests(self, request: web.Request) -> web.Response:
        return web.json_response({"requests": [r.to_json() for r in self.server.requests]})

    async def clear_requests(self, request: web.Request) -> web.Response:
        self.server.requests.clear()
        return web.json_response({"requests": []})

    async def send_callback(self, request: web.Request) -> web.Response:
        if self._callbacks_in_flight >= MAX_CALLBACKS_IN_FLIGHT:
            return web.json_response(
                {"error": f"at most {MAX_CALLBACKS_IN_FLIGHT} callbacks are delivered at a time; try again"},
                status=429,
            )
        self._callbacks_in_flight += 1
        try:
            body = await read_object(request)
            self._refuse_own_controls(body.get("url"))
            result = await emit_callback(body, self.server.clock)
        except (ControlError, CallbackRequestError) as exc:
            return bad_request(str(exc))
        finally:
            self._callbacks_in_flight -= 1
        return web.json_response(result)

    def _refuse_own_controls(self, url: object) -> None:
        """ControlError when ``url`` is one of this sandbox's own ``/_sandbox/`` paths."""
        if not isinstance(url, str):
            return  # emit_callback says what is wrong with it
        try:
            parts = urlsplit(url.strip())
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return
        host = parts.hostname or ""
        same_host = is_loopback(host) or host in (self.server.host, "0.0.0.0", "::")
        if port != self.server.port_if_running() or not same_host:
            return
        path = posixpath.normpath("/" + unquote(parts.path).lstrip("/"))
        if path == PREFIX or path.startswith(f"{PREFIX}/"):
            raise ControlError(
                f"'url' points at the sandbox's own controls ({path}); a callback to them would "
                "multiply one request. Point it at a receiver."
            )


def _guarded(handler: Handler) -> Handler:
    """``handler`` behind ``refusal``: cross-site and non-JSON control requests never reach it."""

    async def guarded(request: web.Request) -> web.Response:
        refused = refusal(request)
        return refused if refused is not None else await handler(request)

    return guarded
