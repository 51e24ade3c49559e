"""Typed, tolerant models of the platform's JSON.

Parsing never crashes on a field of an unexpected type: the value is coerced when that is
unambiguous (``"12"`` -> 12) or kept as ``None``, and every such case is recorded as a
``FieldIssue`` that the UI can show. The doc's own slips are handled here: permission ``appId``
typed Long but holding a string, token grants without ``expiresIn``, ``refreshToken`` or
``refreshTokenExpiresIn``, and a resource example whose ``basicInfo`` key was written as a second
``resourceConfig`` (recovered by its shape). Users keep every field, documented, seen in real answers
or unknown (``User.extra``).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from aigc_desktop.platform.resources import load_json_resource

DEFAULT_ACCESS_TOKEN_LIFETIME_S = 8 * 3600
PLATFORM_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_PLATFORM_DATETIME_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}")


@dataclass(frozen=True, slots=True)
class FieldIssue:
    """One thing in a response that did not match the doc, and what was done about it."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(slots=True)
class ParsedJson:
    """A JSON document plus the duplicate keys found in its objects (JSON allows them; Python keeps the last)."""

    value: Any
    duplicate_keys: list[str] = field(default_factory=list)
    #: (key, value) of every occurrence a later duplicate replaced, in document order
    shadowed: list[tuple[str, Any]] = field(default_factory=list)


class _DuplicateKeyDecoder(json.JSONDecoder):
    """One decoder for every document (``json.loads`` with a hook builds a new one per call).

    Duplicated keys of the document being decoded are collected per thread.
    """

    def __init__(self) -> None:
        super().__init__(object_pairs_hook=self._object)
        self._found = threading.local()

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)  # at C speed; only an object that lost keys is walked again
        if len(result) != len(pairs):
            seen: dict[str, Any] = {}
            for key, value in pairs:
                if key in seen:
                    self._found.duplicates.append(key)
                    self._found.shadowed.append((key, seen[key]))
                seen[key] = value
        return result

    def parse(self, text: str | bytes) -> ParsedJson:
        if isinstance(text, bytes | bytearray):
            text = text.decode(json.detect_encoding(text), "surrogatepass")  # as json.loads does
        if text.startswith("\ufeff"):
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        duplicates: list[str] = []
        shadowed: list[tuple[str, Any]] = []
        self._found.duplicates = duplicates
        self._found.shadowed = shadowed
        return ParsedJson(self.decode(text), duplicates, shadowed)


_DECODER = _DuplicateKeyDecoder()


def parse_json_document(text: str | bytes) -> ParsedJson:
    """Parse JSON, remembering duplicated object keys instead of silently dropping them."""
    return _DECODER.parse(text)


class _Reader:
    """Reads typed fields from one JSON object and records what it had to coerce."""

    def __init__(self, raw: Any, path: str, issues: list[FieldIssue]) -> None:
        self.path = path
        self.issues = issues
        if type(raw) is dict or isinstance(raw, Mapping):  # a parsed document's objects are dicts
            self.raw: Mapping[str, Any] = raw
        else:
            if raw is not None:
                issues.append(FieldIssue(path, f"expected an object, got {_type_name(raw)}"))
            self.raw = {}

    def _note(self, key: str, problem: str) -> None:
        self.issues.append(FieldIssue(f"{self.path}.{key}" if self.path else key, problem))

    def present(self, key: str) -> bool:
        return self.raw.get(key) is not None

    def as_int(self, key: str, *, required: bool = False) -> int | None:
        value = self.raw.get(key)
        if type(value) is int:  # the usual case, by exact type (a bool is not one)
            return value
        if value is None:
            if required:
                self._note(key, "missing")
            return None
        if isinstance(value, bool):
            self._note(key, f"expected an integer, got boolean {value}; used {int(value)}")
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                coerced = int(value.strip())
            except ValueError:
                pass
            else:
                self._note(key, f"expected an integer, got string {value!r}; used {coerced}")
                return coerced
        self._note(key, f"expected an integer, got {_type_name(value)} {_short(value)}; ignored")
        return None

    def as_str(self, key: str, *, required: bool = False) -> str | None:
        value = self.raw.get(key)
        if type(value) is str:
            return value
        if value is None:
            if required:
                self._note(key, "missing")
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        self._note(key, f"expected a string, got {_type_name(value)}; ignored")
        return None

    def as_id(self, key: str) -> int | str | None:
        """An identifier typed Long in the doc; strings are kept as they are (the doc's own example has one)."""
        value = self.raw.get(key)
        if value is None or type(value) is int:
            return value
        if isinstance(value, str):
            if not value[:1].isalpha():  # no number starts with a letter: skip the failing int()
                try:
                    return int(value)
                except ValueError:
                    pass
            self._note(key, f"typed Long in the doc, holds the string {value!r}; kept as text")
            return value
        self._note(key, f"expected an identifier, got {_type_name(value)}; ignored")
        return None

    def as_datetime(self, key: str, *, required: bool = False) -> datetime | None:
        value = self.raw.get(key)
        if isinstance(value, str):  # the usual case first
            parsed = parse_platform_datetime(value)
            if parsed is not None:
                return parsed
        elif value is None:
            if required:
                self._note(key, "missing")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            seconds = value / 1000 if value > 10**11 else value
            try:
                return datetime.fromtimestamp(seconds)
            except (OverflowError, OSError, ValueError):
                pass
        self._note(key, f"expected a date 'yyyy-MM-dd HH:mm:ss', got {_short(value)}; ignored")
        return None

    def as_scalar(self, key: str) -> str | int | float | bool | None:
        """An undocumented field, kept as the scalar it is (no issue: the doc promises no type)."""
        value = self.raw.get(key)
        if value is None or isinstance(value, str | int | float):
            return value
        self._note(key, f"expected a single value, got {_type_name(value)}; ignored")
        return None

    def as_list(self, key: str) -> list[Any]:
        value = self.raw.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self._note(key, f"expected an array, got {_type_name(value)}; ignored")
        return []

    def child(self, key: str) -> _Reader:
        return _Reader(self.raw.get(key), f"{self.path}.{key}" if self.path else key, self.issues)


@lru_cache(maxsize=256)  # every sign-in answer repeats the same few creation times
def parse_platform_datetime(text: str) -> datetime | None:
    """Parse 'yyyy-MM-dd HH:mm:ss' (also a bare date or ISO 'T' form); None when it is none of these."""
    candidate = text.strip()
    if _PLATFORM_DATETIME_RE.fullmatch(candidate):  # the platform's own form: skip strptime
        try:
            return datetime.fromisoformat(candidate)
        except ValueError:  # e.g. Feb 30: the formats below say no the same way
            pass
    for fmt in (PLATFORM_DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(candidate, fmt)
        except ValueError:
            continue
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        return None


def _type_name(value: Any) -> str:
    return {
        dict: "object",
        list: "array",
        str: "string",
        bool: "boolean",
        float: "number",
        int: "integer",
    }.get(type(value), type(value).__name__)


def _short(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- envelope ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Envelope:
    """The common ``{code, message, data}`` wrapper of every response."""

    code: int
    message: str
    data: Any
    issues: tuple[FieldIssue, ...] = ()

    @property
    def ok(self) -> bool:
        return self.code == 0


class EnvelopeShapeError(ValueError):
    """The JSON is valid but is not the platform envelope."""


def parse_envelope(value: Any) -> Envelope:
    """Validate the envelope; raise ``EnvelopeShapeError`` when it is not one."""
    if not isinstance(value, Mapping):
        raise EnvelopeShapeError(f"expected a JSON object, got {_type_name(value)}")
    if "code" not in value:
        raise EnvelopeShapeError("the object has no 'code' field")
    issues: list[FieldIssue] = []
    code = _Reader(value, "", issues).as_int("code")
    if code is None:
        raise EnvelopeShapeError(f"'code' is not an integer: {_short(value.get('code'))}")
    message = value.get("message")
    if message is not None and not isinstance(message, str):
        issues.append(FieldIssue("message", f"expected a string, got {_type_name(message)}"))
        message = str(message)
    return Envelope(code, message or "", value.get("data"), tuple(issues))


# --- token grant ---------------------------------------------------------------------------

PERMISSION_ACTION_NAMES = {0: "All", 1: "Create", 2: "Modify", 3: "Delete", 4: "Query"}
USER_STATUS_NAMES = {0: "Not activated", 1: "Enabled", 2: "Disabled"}


@dataclass(frozen=True, slots=True)
class Permission:
    id: int | str | None
    app_id: int | str | None
    resource_id: int | None
    action: int | None
    creator: int | str | None
    create_time: datetime | None

    @property
    def action_name(self) -> str:
        if self.action is None:
            return "—"
        return PERMISSION_ACTION_NAMES.get(self.action, f"Unknown ({self.action})")


@dataclass(frozen=True, slots=True)
class Role:
    id: int | str | None
    role_name: str | None
    app_id: int | str | None
    description: str | None
    is_delete: int | None
    creator: int | str | None
    create_time: datetime | None
    updater: int | str | None
    update_time: datetime | None


#: The doc's 19 user fields (its table, in order) and the ones a real answer carries beyond them.
USER_DOC_FIELDS: tuple[str, ...] = (
    "id",
    "userName",
    "profilePhoto",
    "company",
    "companyPhone",
    "companyContact",
    "status",
    "effectiveBeginDate",
    "effectiveEndDate",
    "extraInfo",
    "description",
    "appId",
    "appKey",
    "licensePath",
    "isDelete",
    "creator",
    "createTime",
    "updater",
    "updateTime",
)
USER_OBSERVED_FIELDS: tuple[str, ...] = (
    "email",
    "cellPhone",
    "userType",
    "userTag",
    "conceal",
    "callbackUrl",
    "liveCallbackUrl",
)
_USER_KNOWN_FIELDS = frozenset(USER_DOC_FIELDS + USER_OBSERVED_FIELDS)
_EMPTY_EXTRA: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class User:
    """The login answer's user: the doc's 19 fields, those seen in real answers, and any others in ``extra``."""

    id: int | str | None
    user_name: str | None
    company: str | None
    company_phone: str | None
    company_contact: str | None
    status: int | None
    effective_begin: datetime | None
    effective_end: datetime | None
    app_id: str | None
    app_key: str | None
    create_time: datetime | None
    update_time: datetime | None
    profile_photo: str | None = None
    extra_info: str | None = None
    description: str | None = None
    license_path: str | None = None
    is_delete: int | None = None
    creator: int | str | None = None
    updater: int | str | None = None
    # seen in a real answer, not in the doc's table
    email: str | None = None
    cell_phone: str | None = None
    user_type: str | int | float | bool | None = None
    user_tag: str | int | float | bool | None = None
    conceal: str | int | float | bool | None = None
    callback_url: str | None = None
    live_callback_url: str | None = None
    #: fields neither the doc nor a known real answer names, as received (read-only)
    extra: Mapping[str, object] = field(default_factory=lambda: _EMPTY_EXTRA, hash=False)

    @property
    def callback_urls(self) -> tuple[str, ...]:
        """The account's configured callback addresses (callback, then live callback), blanks skipped."""
        return tuple(url for url in (self.callback_url, self.live_callback_url) if url and url.strip())

    @property
    def status_name(self) -> str:
        if self.status is None:
            return "—"
        return USER_STATUS_NAMES.get(self.status, f"Unknown ({self.status})")

    @property
    def user_id(self) -> int | None:
        return self.id if isinstance(self.id, int) else None

    def __repr__(self) -> str:  # never print the AppKey
        return f"User(id={self.id!r}, user_name={self.user_name!r}, company={self.company!r})"


@dataclass(frozen=True, slots=True)
class TokenGrant:
    """What login and refresh return. Refresh answers carry no user, roles or permissions."""

    access_token: str
    expires_in: int
    expires_in_assumed: bool
    refresh_token: str | None
    refresh_token_expires_in: int | None
    permissions: tuple[Permission, ...] = ()
    roles: tuple[Role, ...] = ()
    user: User | None = None
    issues: tuple[FieldIssue, ...] = ()

    @property
    def refresh_available(self) -> bool:
        """False when the answer carried no refresh token: the session ends when the access token does."""
        return bool(self.refresh_token)

    def __repr__(self) -> str:  # tokens stay out of reprs, logs and tracebacks
        return (
            f"TokenGrant(access_token=<redacted>, expires_in={self.expires_in}, "
            f"assumed={self.expires_in_assumed}, refresh_token=<redacted>, user={self.user!r})"
        )


#: Said wherever a grant without a refresh token is shown (token pane, request log issues).
REFRESH_UNAVAILABLE = "Refresh unavailable: sign-in will be needed at expiry"
REFRESH_TOKEN_MISSING = "missing; refresh is unavailable, sign in again when the access token expires"


class GrantShapeError(ValueError):
    """The grant has no usable access token."""


def parse_token_grant(data: Any) -> TokenGrant:
    """Parse the ``data`` of a login or refresh answer."""
    issues: list[FieldIssue] = []
    reader = _Reader(data, "data", issues)
    access_token = reader.as_str("accessToken")
    if not access_token:
        raise GrantShapeError("the answer has no accessToken")
    expires_in = reader.as_int("expiresIn")
    assumed = expires_in is None or expires_in <= 0
    if expires_in is None:
        issues.append(FieldIssue("data.expiresIn", "missing; assumed the documented 8 h default"))
    elif expires_in <= 0:
        issues.append(FieldIssue("data.expiresIn", f"not positive ({expires_in}); assumed 8 h"))
    refresh_token = reader.as_str("refreshToken")
    if not refresh_token:
        issues.append(FieldIssue("data.refreshToken", REFRESH_TOKEN_MISSING))
    refresh_expires_in = reader.as_int("refreshTokenExpiresIn")
    if refresh_expires_in is None:
        issues.append(
            FieldIssue("data.refreshTokenExpiresIn", "missing; the refresh token's lifetime is unknown")
        )
    permissions = tuple(
        _parse_permission(_Reader(item, f"data.permissions[{i}]", issues))
        for i, item in enumerate(reader.as_list("permissions"))
    )
    roles = tuple(
        _parse_role(_Reader(item, f"data.roles[{i}]", issues))
        for i, item in enumerate(reader.as_list("roles"))
    )
    user = _parse_user(reader.child("user")) if reader.present("user") else None
    return TokenGrant(
        access_token=access_token,
        expires_in=DEFAULT_ACCESS_TOKEN_LIFETIME_S if assumed or expires_in is None else expires_in,
        expires_in_assumed=assumed,
        refresh_token=refresh_token or None,
        refresh_token_expires_in=refresh_expires_in,
        permissions=permissions,
        roles=roles,
        user=user,
        issues=tuple(issues),
    )


def _parse_permission(r: _Reader) -> Permission:
    return Permission(
        id=r.as_id("id"),
        app_id=r.as_id("appId"),
        resource_id=r.as_int("resourceId"),
        action=r.as_int("action"),
        creator=r.as_id("creator"),
        create_time=r.as_datetime("createTime"),
    )


def _parse_role(r: _Reader) -> Role:
    return Role(
        id=r.as_id("id"),
        role_name=r.as_str("roleName"),
        app_id=r.as_id("appId"),
        description=r.as_str("description"),
        is_delete=r.as_int("isDelete"),
        creator=r.as_id("creator"),
        create_time=r.as_datetime("createTime"),
        updater=r.as_id("updater"),
        update_time=r.as_datetime("updateTime"),
    )


def _parse_user(r: _Reader) -> User:
    return User(
        id=r.as_id("id"),
        user_name=r.as_str("userName"),
        company=r.as_str("company"),
        company_phone=r.as_str("companyPhone"),
        company_contact=r.as_str("companyContact"),
        status=r.as_int("status"),
        effective_begin=r.as_datetime("effectiveBeginDate"),
        effective_end=r.as_datetime("effectiveEndDate"),
        app_id=r.as_str("appId"),
        app_key=r.as_str("appKey"),
        create_time=r.as_datetime("createTime"),
        update_time=r.as_datetime("updateTime"),
        profile_photo=r.as_str("profilePhoto"),
        extra_info=r.as_str("extraInfo"),
        description=r.as_str("description"),
        license_path=r.as_str("licensePath"),
        is_delete=r.as_int("isDelete"),
        creator=r.as_id("creator"),
        updater=r.as_id("updater"),
        email=r.as_str("email"),
        cell_phone=r.as_str("cellPhone"),
        user_type=r.as_scalar("userType"),
        user_tag=r.as_scalar("userTag"),
        conceal=r.as_scalar("conceal"),
        callback_url=r.as_str("callbackUrl"),
        live_callback_url=r.as_str("liveCallbackUrl"),
        extra=_unknown_fields(r.raw, _USER_KNOWN_FIELDS),
    )


def _unknown_fields(raw: Mapping[str, Any], known: frozenset[str]) -> Mapping[str, object]:
    """The fields of ``raw`` not in ``known``, as a read-only mapping (shared empty one when none)."""
    extra = {key: value for key, value in raw.items() if key not in known}
    return MappingProxyType(extra) if extra else _EMPTY_EXTRA


# --- account -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuotaField:
    """One used/total pair, as described in ``resources/quota_fields.json``."""

    key: str
    kind: str  # "quota" or "concurrency"
    label: str
    unit: str
    total_field: str
    used_field: str


@cache
def load_quota_fields() -> tuple[QuotaField, ...]:
    """The six used/total pairs with their labels, from resources (read once: the sandbox asks per request)."""
    return tuple(
        QuotaField(
            key=item["key"],
            kind=item["kind"],
            label=item["label"],
            unit=item.get("unit", ""),
            total_field=item["totalField"],
            used_field=item["usedField"],
        )
        for item in load_json_resource("quota_fields.json")["fields"]
    )


QUOTA_FIELDS: tuple[QuotaField, ...] = load_quota_fields()
RESOURCE_CONFIG_FIELDS: tuple[str, ...] = tuple(
    name for spec in QUOTA_FIELDS for name in (spec.total_field, spec.used_field)
)


@dataclass(frozen=True, slots=True)
class QuotaUsage:
    """Derived view of one used/total pair."""

    spec: QuotaField
    used: int | None
    total: int | None

    @property
    def known(self) -> bool:
        return self.used is not None and self.total is not None

    @property
    def remaining(self) -> int | None:
        if self.used is None or self.total is None:
            return None
        return max(self.total - self.used, 0)

    @property
    def percent(self) -> float | None:
        """Share used in percent (over-use shows above 100); None when unknown, 100 for any use of a 0 total."""
        if self.used is None or self.total is None:
            return None
        if self.total <= 0:
            return 100.0 if self.used > 0 else 0.0
        return self.used * 100.0 / self.total


@dataclass(frozen=True, slots=True)
class BasicInfo:
    id: int | str | None
    company: str | None
    effective_begin: datetime | None
    effective_end: datetime | None
    app_id: str | None
    app_key: str | None

    def __repr__(self) -> str:
        return (
            f"BasicInfo(id={self.id!r}, company={self.company!r}, app_id={self.app_id!r}, app_key=<redacted>)"
        )


@dataclass(frozen=True, slots=True)
class ResourceConfig:
    id: int | str | None
    values: Mapping[str, int | None]

    def usage(self, spec: QuotaField) -> QuotaUsage:
        return QuotaUsage(spec, self.values.get(spec.used_field), self.values.get(spec.total_field))

    @property
    def quotas(self) -> tuple[QuotaUsage, ...]:
        return tuple(self.usage(s) for s in QUOTA_FIELDS if s.kind == "quota")

    @property
    def concurrency(self) -> tuple[QuotaUsage, ...]:
        return tuple(self.usage(s) for s in QUOTA_FIELDS if s.kind == "concurrency")

    @property
    def all_usages(self) -> tuple[QuotaUsage, ...]:
        return tuple(self.usage(s) for s in QUOTA_FIELDS)


@dataclass(frozen=True, slots=True)
class Account:
    basic_info: BasicInfo | None
    resource_config: ResourceConfig | None
    issues: tuple[FieldIssue, ...] = ()


_BASIC_INFO_FIELDS = frozenset({"company", "effectiveBeginDate", "effectiveEndDate", "appId"})


def looks_like_basic_info(value: Any) -> bool:
    """Whether an object has basic info's shape: company, appId and the validity dates, no quota fields."""
    return (
        isinstance(value, Mapping)
        and value.keys() >= _BASIC_INFO_FIELDS
        and not any(name in value for name in RESOURCE_CONFIG_FIELDS)
    )


def parse_account(
    data: Any,
    *,
    duplicate_keys: list[str] | None = None,
    shadowed: list[tuple[str, Any]] | None = None,
) -> Account:
    """Parse the resource endpoint's ``data``; missing halves are reported, not fatal.

    ``shadowed`` holds the (key, value) pairs a repeated key hid. The doc's own example writes
    ``basicInfo`` as a first ``resourceConfig``; without a ``basicInfo``, a hidden object of basic info's
    shape (company, appId, validity dates) is used, and the issue says so.
    """
    issues: list[FieldIssue] = []
    reader = _Reader(data, "data", issues)
    for key in duplicate_keys or []:
        issues.append(FieldIssue(f"data.{key}", "key appears more than once; the last occurrence was used"))
    basic: BasicInfo | None = None
    basic_path = "basicInfo"
    if not reader.present("basicInfo"):
        hidden = [(key, value) for key, value in shadowed or [] if looks_like_basic_info(value)]
        if hidden:
            key, value = hidden[0]
            basic_path = key
            reader = _Reader({**reader.raw, "basicInfo": value}, "data", issues)
            issues.append(
                FieldIssue(
                    "data.basicInfo",
                    f"missing; recovered from an earlier 'data.{key}' object that has basic info's fields "
                    "(company, appId, validity dates), as in the doc's example",
                )
            )
    if reader.present("basicInfo"):
        b = reader.child("basicInfo")
        if basic_path != "basicInfo":
            b.path = f"data.{basic_path}"
        basic = BasicInfo(
            id=b.as_id("id"),
            company=b.as_str("company"),
            effective_begin=b.as_datetime("effectiveBeginDate"),
            effective_end=b.as_datetime("effectiveEndDate"),
            app_id=b.as_str("appId"),
            app_key=b.as_str("appKey"),
        )
    else:
        issues.append(FieldIssue("data.basicInfo", "missing"))
    resources: ResourceConfig | None = None
    if reader.present("resourceConfig"):
        rc = reader.child("resourceConfig")
        raw = rc.raw  # the usual integers are taken as they are; anything else goes through as_int
        values = {
            name: value if type(value := raw.get(name)) is int else rc.as_int(name, required=True)
            for name in RESOURCE_CONFIG_FIELDS
        }
        for name, value in values.items():
            if value is not None and value < 0:  # a count cannot be negative: show 0, say so
                issues.append(FieldIssue(f"data.resourceConfig.{name}", f"negative ({value}); shown as 0"))
                values[name] = 0
        resources = ResourceConfig(id=rc.as_id("id"), values=values)
    else:
        issues.append(FieldIssue("data.resourceConfig", "missing"))
    return Account(basic, resources, tuple(issues))


# --- pagination ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pagination:
    page_no: int | None
    number_pages: int | None
    number_records: int | None
    page_size: int | None
    start_index: int | None
    next_page_token: str | None
    issues: tuple[FieldIssue, ...] = ()

    @property
    def has_next(self) -> bool:
        if self.next_page_token:
            return True
        if self.page_no is not None and self.number_pages is not None:
            return self.page_no < self.number_pages
        return False


def parse_pagination(data: Any) -> Pagination:
    issues: list[FieldIssue] = []
    r = _Reader(data, "pagination", issues)
    return Pagination(
        page_no=r.as_int("pageNo", required=True),
        number_pages=r.as_int("numberPages", required=True),
        number_records=r.as_int("numberRecords", required=True),
        page_size=r.as_int("pageSize", required=True),
        start_index=r.as_int("startIndex", required=True),
        next_page_token=r.as_str("nextPageToken"),
        issues=tuple(issues),
    )
