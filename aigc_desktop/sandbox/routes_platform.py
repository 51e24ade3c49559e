"""The four platform endpoints of the user-access doc, with their documented error codes.

Checks run in this order (the first failing one answers):

* login: JSON object (or a one-element array holding it, the doc's prose says "JSON array") with
  string fields (``timestamp`` and ``appId`` may also be JSON integers, as Jackson coerces them), else 99999996 -> appId empty 60102151 -> grantType != "sign" 60112162 -> unknown
  appId 60111101 -> timestamp missing or not digits 99999996 -> sign mismatch 60112160 -> status
  0: 60102128, 2: 60102129 -> sandbox clock outside the validity period 60102156.
* refresh: JSON 99999996 -> appId empty 60102151 -> grantType != "refreshToken" 60112162 -> refresh
  token missing/unknown/spent or of another app 84115943 -> expired 60112505 -> within 3 h of the
  account's previous refresh 60112161.
* logout: no valid access token (missing, unknown, revoked or expired) 84115943, data null.
* account: token invalid 84115943, expired 60112505 -> userId missing 83115905 -> not a number
  99999996 -> not the token's own userId 84115925.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from aigc_desktop.sandbox import payloads
from aigc_desktop.sandbox.json_body import loads_limited
from aigc_desktop.sandbox.signs import login_sign, same
from aigc_desktop.sandbox.state import (
    CODE_APP_ID_EMPTY,
    CODE_APP_UNKNOWN,
    CODE_GRANT_TYPE,
    CODE_INVALID_INPUT,
    CODE_NO_PERMISSION,
    CODE_SIGN_FAILED,
    CODE_TOKEN_INVALID,
    CODE_USER_ID_EMPTY,
    BusinessError,
    SandboxState,
)

LOGIN_PATH = "/api/uc/v1/access/api/token"
REFRESH_PATH = "/api/uc/v1/access/api/token/refresh"
LOGOUT_PATH = "/api/uc/v1/web/logout"
ACCOUNT_PATH = "/api/2dvh/v1/user/config/resource"

log = logging.getLogger(__name__)

#: request key under which handlers leave the business code they answered with (for the request log).
CODE_KEY = web.RequestKey("aigc_sandbox_code", int)
#: request key under which the login handler leaves the timestamp it received (digits; for the request log).
LOGIN_TIMESTAMP_KEY = web.RequestKey("aigc_sandbox_login_timestamp", str)


def answer(request: web.Request, body: dict[str, Any]) -> web.Response:
    """A JSON envelope with HTTP 200; the code is remembered for the request log."""
    code = body.get("code")
    if isinstance(code, int):
        request[CODE_KEY] = code
    return web.json_response(body)


def business_error(request: web.Request, error: BusinessError) -> web.Response:
    return answer(request, payloads.error_envelope(error.code, *error.args_))


def bearer_token(request: web.Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


async def read_json_object(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object; a one-element array holding one is accepted too."""
    try:
        document = loads_limited(await request.text())  # 10^5 nested arrays: 99999996, not a 500
    except (ValueError, UnicodeDecodeError):
        raise BusinessError(CODE_INVALID_INPUT) from None
    if isinstance(document, list) and len(document) == 1:
        document = document[0]
    if not isinstance(document, dict):
        raise BusinessError(CODE_INVALID_INPUT)
    return document


def string_field(body: dict[str, Any], key: str, *, integer_ok: bool = False) -> str:
    """A string field ("" when absent or null); any other JSON type is invalid input.

    With ``integer_ok`` a JSON integer is taken as its digits: the platform (Java, Jackson's default
    coercion) accepts ``"timestamp": 1693206851000`` from clients that type it ``long``.
    """
    value = body.get(key)
    if value is None:
        return ""
    if integer_ok and type(value) is int:  # not a bool, not a float
        return str(value)
    if not isinstance(value, str):
        raise BusinessError(CODE_INVALID_INPUT)
    return value


#: String-typed login fields that hold digits: a JSON number is accepted for them (see ``string_field``).
_DIGIT_STRING_FIELDS = frozenset({"appId", "timestamp"})


class PlatformRoutes:
    """Handlers for the documented endpoints, sharing one :class:`SandboxState`."""

    def __init__(self, state: SandboxState) -> None:
        self.state = state

    def register(self, app: web.Application) -> None:
        app.router.add_post(LOGIN_PATH, self.login)
        app.router.add_post(REFRESH_PATH, self.refresh)
        app.router.add_post(LOGOUT_PATH, self.logout)
        app.router.add_get(ACCOUNT_PATH, self.account)

    async def login(self, request: web.Request) -> web.Response:
        try:
            body = await read_json_object(request)
            app_id, timestamp, sign, grant_type = (
                string_field(body, key, integer_ok=key in _DIGIT_STRING_FIELDS)
                for key in ("appId", "timestamp", "sign", "grantType")
            )
            if not app_id.strip():
                raise BusinessError(CODE_APP_ID_EMPTY)
            if grant_type != "sign":
                raise BusinessError(CODE_GRANT_TYPE)
            account = self.state.account(app_id)
            if account is None:
                raise BusinessError(CODE_APP_UNKNOWN)
            if not (timestamp.isascii() and timestamp.isdigit()):
                raise BusinessError(CODE_INVALID_INPUT)
            request[LOGIN_TIMESTAMP_KEY] = timestamp
            # the sandbox's own formula (not the client's): 10-digit seconds or 13-digit milliseconds
            if not same(login_sign(app_id, timestamp, account.app_key), sign):
                raise BusinessError(CODE_SIGN_FAILED)
            pair = self.state.login(account)
        except BusinessError as error:
            return business_error(request, error)
        return answer(request, payloads.envelope(0, payloads.login_data(pair, self.state.clock.now())))

    async def refresh(self, request: web.Request) -> web.Response:
        try:
            body = await read_json_object(request)
            app_id = string_field(body, "appId")
            grant_type = string_field(body, "grantType")
            if not app_id.strip():
                raise BusinessError(CODE_APP_ID_EMPTY)
            if grant_type != "refreshToken":
                raise BusinessError(CODE_GRANT_TYPE)
            pair = self.state.refresh(app_id, bearer_token(request))
        except BusinessError as error:
            return business_error(request, error)
        return answer(request, payloads.envelope(0, payloads.token_fields(pair, self.state.clock.now())))

    async def logout(self, request: web.Request) -> web.Response:
        try:
            self.state.logout(bearer_token(request))
        except BusinessError:
            return business_error(request, BusinessError(CODE_TOKEN_INVALID))
        return answer(request, payloads.envelope(0, 1))

    async def account(self, request: web.Request) -> web.Response:
        try:
            account = self.state.authenticate(bearer_token(request))
            raw = request.query.get("userId", "").strip()
            if not raw:
                raise BusinessError(CODE_USER_ID_EMPTY)
            if not (raw.isascii() and raw.isdigit()):
                raise BusinessError(CODE_INVALID_INPUT)
            if int(raw) != account.user_id:
                raise BusinessError(CODE_NO_PERMISSION)
        except BusinessError as error:
            return business_error(request, error)
        if self.state.usage_growth is not None:
            self.state.usage_growth.apply(account, self.state.clock.now())
        if account.doc_resource_example_slip:
            request[CODE_KEY] = 0
            return web.Response(text=payloads.DOC_RESOURCE_EXAMPLE, content_type="application/json")
        return answer(request, payloads.envelope(0, payloads.account_data(account)))
