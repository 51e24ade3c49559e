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
GET      /_sandbox/requests      ``{"requests": [{"method", "path", "status", "time", "code", "fault",
                                 "durationSeconds", "loginTimestamp"}]}``
DELETE   /_sandbox/requests      empties the request log
POST     /_sandbox/callbacks     ``{"url", "authKey", "event": {...}}``: emits a signed callback with the
                                 platform's policy (up to 3 attempts) and answers with every attempt
=======  ======================  ==========================================================================
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from aiohttp import web

from aigc_desktop.sandbox.accounts import AccountsFileError
from aigc_desktop.sandbox.callback_emitter import CallbackRequestError, emit_callback
from aigc_desktop.sandbox.clock import format_platform_date
from aigc_desktop.sandbox.faults import KIND_NAMES, FaultError
from aigc_desktop.sandbox.payloads import resource_config_data

if TYPE_CHECKING:
    from aigc_desktop.sandbox.server import SandboxServer

PREFIX = "/_sandbox"


class ControlError(ValueError):
    """A control request that cannot be honoured; answered as HTTP 400."""


def bad_request(message: str) -> web.Response:
    return web.json_response({"error": message}, status=400)


async def read_object(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object, or ControlError saying what is wrong with it."""
    text = await request.text()
    try:
        document = json.loads(text) if text.strip() else {}
    except ValueError as exc:
        raise ControlError(f"body is not valid JSON: {exc}") from None
    if not isinstance(document, dict):
        raise ControlError("body must be a JSON object")
    return document


class ControlRoutes:
    """Handlers that reach into one :class:`SandboxServer`."""

    def __init__(self, server: SandboxServer) -> None:
        self.server = server

    def register(self, app: web.Application) -> None:
        router = app.router
        router.add_get(f"{PREFIX}/clock", self.get_clock)
        router.add_post(f"{PREFIX}/clock", self.advance_clock)
        router.add_get(f"{PREFIX}/faults", self.get_faults)
        router.add_post(f"{PREFIX}/faults", self.add_fault)
        router.add_delete(f"{PREFIX}/faults", self.clear_faults)
        router.add_post(f"{PREFIX}/resources", self.set_resources)
        router.add_get(f"{PREFIX}/requests", self.get_requests)
        router.add_delete(f"{PREFIX}/requests", self.clear_requests)
        router.add_post(f"{PREFIX}/callbacks", self.send_callback)

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
            if (
                isinstance(seconds, bool)
                or not isinstance(seconds, int | float)
                or not math.isfinite(seconds)
                or seconds < 0
            ):
                raise ControlError(f"'advanceSeconds' must be a number >= 0; got {json.dumps(seconds)}")
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

    async def get_requests(self, request: web.Request) -> web.Response:
        return web.json_response({"requests": [r.to_json() for r in self.server.requests]})

    async def clear_requests(self, request: web.Request) -> web.Response:
        self.server.requests.clear()
        return web.json_response({"requests": []})

    async def send_callback(self, request: web.Request) -> web.Response:
        try:
            body = await read_object(request)
            result = await emit_callback(body, self.server.clock)
        except (ControlError, CallbackRequestError) as exc:
            return bad_request(str(exc))
        return web.json_response(result)
