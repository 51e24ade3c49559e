"""The async client of the platform's user-access API (login, refresh, logout, account).

One ``httpx.AsyncClient`` per ``PlatformClient``; every call is recorded as a redacted
``CallRecord`` for observers (the request log) and ends either in a typed model or in one of the
errors of ``exceptions``. Secrets are registered with the log redaction as soon as they are seen.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import lru_cache, partial
from types import TracebackType
from typing import Any, Self, TypeVar
from urllib.parse import urlencode

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.call_record import CallRecord, LazyText, RequestPreview, clip
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.endpoints import Endpoint
from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from aigc_desktop.platform.exceptions import AigcError, PlatformError
from aigc_desktop.platform.models import Account, Envelope, TokenGrant
from aigc_desktop.platform.redaction import (
    SECRET_FIELD_NAMES,
    SecretsSnapshot,
    forget_secret,
    install_redaction,
    redact_json,
    redact_text,
    register_secret,
    secrets_snapshot,
)
from aigc_desktop.platform.refresh_guard import check_refresh_allowed
from aigc_desktop.platform.responses import (
    DecodedResponse,
    account_from,
    decode_response,
    envelope_from,
    grant_from,
    logout_from,
)
from aigc_desktop.platform.signing import now_ms, token_sign
from aigc_desktop.platform.transport import (
    AttemptCounter,
    RawResponse,
    Transport,
    build_http_client,
    default_headers,
)

logger = logging.getLogger("aigc_desktop.platform")
install_redaction(logger)

Observer = Callable[[CallRecord], None]
T = TypeVar("T")


def _required_text(label: str, value: str) -> str:
    """Refuse empty or padded credentials before sending: a pasted space would fail as a wrong sign."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{label} is empty")
    if value != value.strip():
        raise ValueError(f"{label} has leading or trailing spaces; copy it again without them")
    return value


def _user_id_text(user_id: int | str) -> str:
    """The userId query value; anything but digits would only earn an unhelpful 99999996."""
    text = str(user_id).strip() if not isinstance(user_id, bool) else ""
    if not text.isdigit():
        raise ValueError(f"user ID must be a non-negative whole number, got {user_id!r}")
    return text


def _server_offset(response: RawResponse) -> float | None:
    """Server Date minus local time, seconds (1 s resolution); None without a usable Date header."""
    value = response.headers.get("date")
    server = _date_header_epoch(value) if value else None
    if server is None:
        return None
    return round(server - time.time(), 1)


@lru_cache(maxsize=4)  # the header changes once a second; calls within that second parse it once
def _date_header_epoch(value: str) -> float | None:
    from email.utils import parsedate_to_datetime  # only once a server has answered

    try:
        server = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return (server if server.tzinfo is not None else server.replace(tzinfo=UTC)).timestamp()


def _query_text(params: dict[str, str] | None) -> str:
    """``params`` as the query string the request carried (``userId=4``)."""
    if not params:
        return ""
    if all(key.isalnum() and value.isalnum() and value.isascii() for key, value in params.items()):
        return "&".join(f"{key}={value}" for key, value in params.items())  # nothing to escape
    return urlencode(params)


def _request_text(body: dict[str, Any], secrets: SecretsSnapshot) -> str:
    """The request body for the request log: redacted JSON."""
    return json.dumps(redact_json(body, secrets), ensure_ascii=False)


def _response_text(body: bytes, secrets: SecretsSnapshot) -> str:
    """The response body for the request log: redacted JSON when it is JSON, else redacted text; clipped.

    Parsed again here rather than kept parsed: a record holds one bytes object, not a tree of them that
    the garbage collector would walk for as long as the request log keeps the record.
    """
    try:
        parsed = json.loads(body)
        text = json.dumps(redact_json(parsed, secrets), ensure_ascii=False)
    except (ValueError, RecursionError):
        text = redact_text(body[:16384].decode("utf-8", errors="replace"), secrets)
    return clip(text)


_NO_BODY = LazyText.of("")


class PlatformClient:
    """Async client of the user-access endpoints. Use as ``async with PlatformClient(cfg) as client``."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        catalogue: ErrorCatalogue | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """``rng`` draws the backoff jitter (pass a seeded one for repeatable waits)."""
        self.config = config or ClientConfig()
        self._catalogue = catalogue if catalogue is not None else ErrorCatalogue.default()
        self._http = build_http_client(self.config)
        self._transport = Transport(self._http, self.config, logger, rng)
        self._observers: list[Observer] = []
        self._login_request: tuple[str, dict[str, str], dict[str, Any]] | None = None
        self._login_preview: RequestPreview | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool; safe to call twice."""
        await self._http.aclose()

    @property
    def closed(self) -> bool:
        return self._http.is_closed

    @property
    def last_login_request(self) -> RequestPreview | None:
        """The last login request as sent (sign masked); built when first asked for, not per login."""
        if self._login_preview is None and self._login_request is not None:
            self._login_preview = RequestPreview.build("POST", *self._login_request)
        return self._login_preview

    # --- observers ---------------------------------------------------------------------------

    def add_observer(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer`` with every ``CallRecord``; returns a function that removes it again."""
        self._observers.append(observer)
        return lambda: self.remove_observer(observer)

    def remove_observer(self, observer: Observer) -> None:
        if observer in self._observers:
            self._observers.remove(observer)

    # --- API ---------------------------------------------------------------------------------

    async def login(self, app_id: str, app_key: str, *, timestamp_ms: int | None = None) -> TokenGrant:
        """Sign in with md5(appId + timestamp + appKey); the AppKey itself is never sent."""
        _required_text("AppID", app_id)
        register_secret(_required_text("AppKey", app_key), partial=False)
        timestamp = str(now_ms() if timestamp_ms is None else timestamp_ms)
        sign = token_sign(app_id, timestamp, app_key)
        register_secret(sign)
        body = {
            "appId": app_id,
            "timestamp": timestamp,
            "sign": sign,
            "grantType": endpoints.LOGIN_GRANT_TYPE,
        }
        headers = {"Content-Type": "application/json"}
        url = f"{self.config.base_url}{endpoints.LOGIN.path}"
        self._login_request = (url, {**default_headers(self.config), **headers}, body)
        self._login_preview = None
        try:
            return await self._call(endpoints.LOGIN, grant_from, headers=headers, json_body=body)
        finally:
            # A sign is good for this one request; its record keeps the secrets as of its end, and the
            # registry stays small (every value in it is searched for in every logged text).
            forget_secret(sign)

    async def refresh(
        self,
        app_id: str,
        refresh_token: str,
        *,
        last_refresh_at: datetime | None = None,
        force: bool = False,
        now: datetime | None = None,
    ) -> TokenGrant:
        """New tokens for a refresh token. Within 3 h of ``last_refresh_at`` nothing is sent unless ``force``."""
        check_refresh_allowed(last_refresh_at, now, force, endpoint=str(endpoints.REFRESH))
        _required_text("AppID", app_id)
        register_secret(_required_text("refresh token", refresh_token))
        body = {"appId": app_id, "grantType": endpoints.REFRESH_GRANT_TYPE}
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {refresh_token}"}
        return await self._call(endpoints.REFRESH, grant_from, headers=headers, json_body=body)

    async def logout(self, access_token: str) -> bool:
        """Revoke the access token on the server; True when the platform answered data 1."""
        register_secret(_required_text("access token", access_token))
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {access_token}"}
        return await self._call(endpoints.LOGOUT, logout_from, headers=headers)

    async def get_account(self, access_token: str, user_id: int | str) -> Account:
        """Basic information and resource quotas of account ``user_id``."""
        register_secret(_required_text("access token", access_token))
        params = {"userId": _user_id_text(user_id)}
        headers = {"Authorization": f"Bearer {access_token}"}
        return await self._call(endpoints.ACCOUNT, account_from, headers=headers, params=params)

    async def request(
        self,
        endpoint: Endpoint,
        *,
        headers: dict[str, str] | None = None,
        json_body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> Envelope:
        """Send a hand-made request to a documented endpoint (for debugging); recorded like any call.

        Values in ``headers`` and ``json_body`` are registered as secrets when their names say so.
        """
        for name, value in {**(headers or {}), **(json_body or {})}.items():
            if isinstance(value, str) and name.lower().replace("_", "") in SECRET_FIELD_NAMES:
                register_secret(value.removeprefix("Bearer ").strip())
        json_body = dict(json_body) if json_body is not None else None  # the caller may change theirs later
        return await self._call(endpoint, envelope_from, headers=headers, json_body=json_body, params=params)

    # --- one recorded call -------------------------------------------------------------------

    async def _call(
        self,
        endpoint: Endpoint,
        parse: Callable[[DecodedResponse, int, str], T],
        *,
        headers: dict[str, str] | None = None,
        json_body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> T:
        if self.closed:
            raise RuntimeError("this PlatformClient has been closed; create a new one")
        where = str(endpoint)
        started = datetime.now(UTC)
        clock = time.monotonic()
        counter = AttemptCounter()
        status: int | None = None
        code: int | None = None
        raw: RawResponse | None = None
        error = ""
        offset: float | None = None
        if logger.isEnabledFor(logging.DEBUG):
            shown = "" if json_body is None else _request_text(json_body, secrets_snapshot())
            logger.debug("→ %s params=%s body=%s", where, params or {}, shown)
        try:
            raw = await self._transport.send(
                endpoint, counter, headers=headers, json_body=json_body, params=params
            )
            status, offset = raw.status, _server_offset(raw)
            decoded = decode_response(
                status=raw.status,
                content_type=raw.headers.get("content-type"),
                body=raw.body,
                endpoint=where,
                catalogue=self._catalogue,
            )
            code = decoded.envelope.code
            return parse(decoded, raw.status, where)
        except PlatformError as exc:
            code, error = exc.code, exc.summary
            raise
        except AigcError as exc:
            error = exc.summary
            raise
        except asyncio.CancelledError:
            error = "cancelled"
            raise
        except Exception as exc:  # a bug, not a platform answer: still leave a trace in the request log
            error = f"internal error: {type(exc).__name__}"
            raise
        finally:
            secrets = secrets_snapshot()  # includes tokens registered while parsing the answer
            record = CallRecord(
                time=started,
                endpoint=endpoint.name,
                method=endpoint.method,
                path=endpoint.path,
                http_status=status,
                platform_code=code,
                duration_ms=round((time.monotonic() - clock) * 1000, 1),
                request=_NO_BODY
                if json_body is None
                else LazyText(partial(_request_text, json_body, secrets)),
                # the request log shows the body whatever the verdict on it
                response=_NO_BODY if raw is None else LazyText(partial(_response_text, raw.body, secrets)),
                error=error,
                attempts=counter.attempts,
                server_clock_offset_s=offset,
                query=_query_text(params),
                request_headers={**default_headers(self.config), **(headers or {})},
                response_headers=raw.headers if raw is not None else {},
            )
            self._finish(record)

    def _finish(self, record: CallRecord) -> None:
        level = logging.INFO if not record.error else logging.WARNING
        if logger.isEnabledFor(level):  # the line is built only when someone reads it
            logger.log(
                level,
                "%s %s → %s, %s in %.0f ms (%d attempt(s))",
                record.method,
                record.path,
                f"HTTP {record.http_status}" if record.http_status is not None else "no answer",
                record.error or f"code {record.platform_code}",
                record.duration_ms,
                record.attempts,
            )
            logger.debug("← %s body=%s", record.path, record.response)  # rendered only when DEBUG is on
        for observer in list(self._observers):
            try:
                observer(record)
            except Exception:
                logger.exception("a request-log observer failed")
