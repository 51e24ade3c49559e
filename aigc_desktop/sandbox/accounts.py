"""Sandbox accounts: the data model and the validated loader for ``--accounts FILE``.

File shape::

    {"accounts": [{"appId": "...", "appKey": "...", "userId": 4, "userName": "...",
                   "company": "...", "status": 1,
                   "effectiveBeginDate": "2024-01-01 00:00:00" | "-180d",
                   "effectiveEndDate": "2030-01-01 00:00:00" | "+200d",
                   "resourceConfig": {"id"?: 1, <the doc's 12 quota fields>: <int >= 0>},
                   "omitExpiresIn"?: false, "omitRefreshToken"?: false,
                   "omitRefreshTokenExpiresIn"?: false, "permissions"?: "doc" | "empty",
                   "callbackUrl"?: "https://...", "liveCallbackUrl"?: "https://...",
                   "userFields"?: {<any user field>: <any JSON>},
                   "docResourceExampleSlip"?: false}]}

Dates are either the platform's "yyyy-MM-dd HH:mm:ss" (China Standard Time, as the platform) or
relative to the sandbox clock when the file is loaded: ``[+-]N`` followed by d, h, m or s.
Every problem is reported with its place (``accounts[1].resourceConfig.genCharModelTotalQty``).
"""

from __future__ import annotations

import difflib
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aigc_desktop.platform.models import load_quota_fields
from aigc_desktop.platform.resources import resource_path
from aigc_desktop.sandbox.clock import PLATFORM_DATE_FORMAT, parse_platform_date

DEMO_ACCOUNTS_RESOURCE = "sandbox_demo_account.json"

_RELATIVE_DATE = re.compile(r"^([+-])(\d{1,6})([dhms])$")
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_STATUSES = {0: "not activated", 1: "enabled", 2: "disabled"}
_REQUIRED_KEYS = (
    "appId",
    "appKey",
    "userId",
    "userName",
    "company",
    "status",
    "effectiveBeginDate",
    "effectiveEndDate",
    "resourceConfig",
)
_OPTIONAL_KEYS = (
    "omitExpiresIn",
    "omitRefreshToken",
    "omitRefreshTokenExpiresIn",
    "permissions",
    "callbackUrl",
    "liveCallbackUrl",
    "userFields",
    "docResourceExampleSlip",
)
#: ``permissions`` knob: the doc's example (one permission whose Long-typed appId holds a string) or ``[]``
#: (seen on real accounts).
PERMISSIONS_STYLES = ("doc", "empty")


def resource_field_names() -> tuple[str, ...]:
    """The doc's 12 resource fields in the doc's order (total before used, per quota)."""
    names: list[str] = []
    for spec in load_quota_fields():
        names += [spec.total_field, spec.used_field]
    return tuple(names)


class AccountsFileError(ValueError):
    """The accounts file (or a control request) is unusable; the text names the place and the problem."""


@dataclass(slots=True)
class SandboxAccount:
    """One platform account as the sandbox serves it. The AppKey stays out of the repr."""

    app_id: str
    app_key: str = field(repr=False)
    user_id: int
    user_name: str
    company: str
    status: int
    effective_begin: datetime
    effective_end: datetime
    resource_config: dict[str, int]
    resource_id: int = 1
    omit_expires_in: bool = False
    doc_resource_example_slip: bool = False
    omit_refresh_token: bool = False
    omit_refresh_token_expires_in: bool = False
    permissions: str = "doc"
    callback_url: str | None = None
    live_callback_url: str | None = None
    #: user fields set by the accounts file, laid over the generated user object (unknown names too)
    user_fields: dict[str, Any] = field(default_factory=dict)

    def is_effective_at(self, moment: float) -> bool:
        """Whether ``moment`` (UNIX seconds) lies within [effectiveBeginDate, effectiveEndDate]."""
        return self.effective_begin.timestamp() <= moment <= self.effective_end.timestamp()


def parse_date(value: Any, now: float, where: str) -> datetime:
    """An absolute platform date or a relative offset like "-180d" resolved against ``now``."""
    if not isinstance(value, str):
        raise AccountsFileError(
            f'{where}: expected a date string like "2025-01-31 23:59:59" or "+200d"; got {_show(value)}'
        )
    match = _RELATIVE_DATE.match(value.strip())
    if match:
        sign, amount, unit = match.groups()
        offset = int(amount) * _UNIT_SECONDS[unit] * (-1 if sign == "-" else 1)
        moment = datetime.fromtimestamp(now, UTC) + timedelta(seconds=offset)
        return moment.replace(microsecond=0)
    try:
        return parse_platform_date(value.strip())
    except ValueError:
        raise AccountsFileError(
            f'{where}: {value!r} is not a date; use "yyyy-MM-dd HH:mm:ss" '
            f"(e.g. {datetime(2025, 1, 31, 23, 59, 59).strftime(PLATFORM_DATE_FORMAT)!r}) "
            'or a relative offset like "-180d", "+200d", "+2h"'
        ) from None


def parse_resource_config(
    value: Any, where: str, *, partial: bool = False
) -> tuple[dict[str, int], int | None]:
    """Validated quota numbers (all 12 unless ``partial``) and the optional ``id``."""
    if not isinstance(value, Mapping):
        raise AccountsFileError(
            f"{where}: expected an object with the 12 resource fields; got {_show(value)}"
        )
    names = resource_field_names()
    numbers: dict[str, int] = {}
    resource_id: int | None = None
    for key, number in value.items():
        if key == "id":
            resource_id = _non_negative_int(number, f"{where}.id")
            continue
        if key not in names:
            raise AccountsFileError(f"{where}: unknown field {key!r}{_suggest(key, names)}")
        numbers[key] = _non_negative_int(number, f"{where}.{key}")
    if not partial:
        missing = [name for name in names if name not in numbers]
        if missing:
            raise AccountsFileError(f"{where}: missing field(s) {', '.join(missing)}")
    return numbers, resource_id


def parse_account(raw: Any, index: int, now: float) -> SandboxAccount:
    """One entry of the ``accounts`` list; ``index`` only serves the error messages."""
    where = f"accounts[{index}]"
    if not isinstance(raw, Mapping):
        raise AccountsFileError(f"{where}: expected an object; got {_show(raw)}")
    known = _REQUIRED_KEYS + _OPTIONAL_KEYS
    for key in raw:
        if key not in known:
            raise AccountsFileError(f"{where}: unknown field {key!r}{_suggest(key, known)}")
    for key in _REQUIRED_KEYS:
        if key not in raw:
            raise AccountsFileError(f"{where}: missing required field {key!r}")
    status = raw["status"]
    if isinstance(status, bool) or not isinstance(status, int) or status not in _STATUSES:
        choices = ", ".join(f"{k} ({v})" for k, v in _STATUSES.items())
        raise AccountsFileError(f"{where}.status: expected one of {choices}; got {_show(status)}")
    begin = parse_date(raw["effectiveBeginDate"], now, f"{where}.effectiveBeginDate")
    end = parse_date(raw["effectiveEndDate"], now, f"{where}.effectiveEndDate")
    if end < begin:
        raise AccountsFileError(f"{where}: effectiveEndDate is before effectiveBeginDate")
    numbers, resource_id = parse_resource_config(raw["resourceConfig"], f"{where}.resourceConfig")
    user_id = _non_negative_int(raw["userId"], f"{where}.userId")
    if user_id == 0:
        raise AccountsFileError(f"{where}.userId: must be a positive integer; got 0")
    return SandboxAccount(
        app_id=_text(raw["appId"], f"{where}.appId"),
        app_key=_text(raw["appKey"], f"{where}.appKey", secret=True),
        user_id=user_id,
        user_name=_text(raw["userName"], f"{where}.userName"),
        company=_text(raw["company"], f"{where}.company", allow_empty=True),
        status=status,
        effective_begin=begin,
        effective_end=end,
        resource_config=numbers,
        resource_id=resource_id if resource_id is not None else user_id,
        omit_expires_in=_flag(raw, "omitExpiresIn", where),
        doc_resource_example_slip=_flag(raw, "docResourceExampleSlip", where),
        omit_refresh_token=_flag(raw, "omitRefreshToken", where),
        omit_refresh_token_expires_in=_flag(raw, "omitRefreshTokenExpiresIn", where),
        permissions=_choice(raw, "permissions", PERMISSIONS_STYLES, where),
        callback_url=_optional_url(raw, "callbackUrl", where),
        live_callback_url=_optional_url(raw, "liveCallbackUrl", where),
        user_fields=_user_fields(raw, where),
    )


def parse_accounts(document: Any, now: float | None = None) -> list[SandboxAccount]:
    """Validate a parsed accounts document; relative dates resolve against ``now`` (default: real time)."""
    moment = time.time() if now is None else now
    if not isinstance(document, Mapping):
        raise AccountsFileError(f'expected a JSON object {{"accounts": [...]}}; got {_show(document)}')
    extra = [key for key in document if key not in ("accounts", "_comment", "$comment")]
    if extra:
        raise AccountsFileError(f"unknown top-level field {extra[0]!r}; only 'accounts' is expected")
    accounts = document.get("accounts")
    if not isinstance(accounts, list) or not accounts:
        raise AccountsFileError(f"'accounts' must be a non-empty list of accounts; got {_show(accounts)}")
    parsed = [parse_account(raw, index, moment) for index, raw in enumerate(accounts)]
    seen_ids: dict[str, int] = {}
    seen_users: dict[int, int] = {}
    for index, account in enumerate(parsed):
        if account.app_id in seen_ids:
            raise AccountsFileError(
                f"accounts[{index}].appId: {account.app_id!r} is already used by accounts[{seen_ids[account.app_id]}]"
            )
        if account.user_id in seen_users:
            raise AccountsFileError(
                f"accounts[{index}].userId: {account.user_id} is already used by "
                f"accounts[{seen_users[account.user_id]}]"
            )
        seen_ids[account.app_id] = index
        seen_users[account.user_id] = index
    return parsed


def load_accounts(path: str | Path | None = None, now: float | None = None) -> list[SandboxAccount]:
    """Read and validate an accounts file; None loads the built-in demo account from resources."""
    file = resource_path(DEMO_ACCOUNTS_RESOURCE) if path is None else Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AccountsFileError(f"{file}: no such file") from None
    except UnicodeDecodeError as exc:
        raise AccountsFileError(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise AccountsFileError(f"{file}: cannot read ({exc.strerror or exc})") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AccountsFileError(
            f"{file}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    try:
        return parse_accounts(document, now)
    except AccountsFileError as exc:
        raise AccountsFileError(f"{file}: {exc}") from None


def demo_accounts(now: float | None = None) -> list[SandboxAccount]:
    """The built-in demo account(s) from ``resources/sandbox_demo_account.json``."""
    return load_accounts(None, now)


def _text(value: Any, where: str, *, allow_empty: bool = False, secret: bool = False) -> str:
    if not isinstance(value, str):
        shown = type(value).__name__ if secret else _show(value)
        raise AccountsFileError(f"{where}: expected a string; got {shown}")
    if not allow_empty and not value.strip():
        raise AccountsFileError(f"{where}: must not be empty")
    return value


_MAX_LONG = 2**63 - 1  # the platform's numbers are Java Longs


def _non_negative_int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AccountsFileError(f"{where}: expected a whole number >= 0; got {_show(value)}")
    if value < 0:
        raise AccountsFileError(f"{where}: must not be negative; got {value}")
    if value > _MAX_LONG:
        raise AccountsFileError(f"{where}: must fit the platform's Long (at most {_MAX_LONG}); got {value}")
    return value


def _flag(raw: Mapping[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise AccountsFileError(f"{where}.{key}: expected true or false; got {_show(value)}")
    return value


def _choice(raw: Mapping[str, Any], key: str, choices: tuple[str, ...], where: str) -> str:
    value = raw.get(key, choices[0])
    if value not in choices:
        options = ", ".join(json.dumps(choice) for choice in choices)
        raise AccountsFileError(f"{where}.{key}: expected one of {options}; got {_show(value)}")
    return str(value)


def _optional_url(raw: Mapping[str, Any], key: str, where: str) -> str | None:
    """A callback URL as the platform keeps it (any text; it is signed exactly as written), or None."""
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise AccountsFileError(f"{where}.{key}: expected a URL string or null; got {_show(value)}")
    return value


def _user_fields(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    value = raw.get("userFields", {})
    if not isinstance(value, Mapping):
        raise AccountsFileError(f"{where}.userFields: expected an object of user fields; got {_show(value)}")
    if "appKey" in value:  # the login answer's user.appKey is null; the key lives in "appKey" above
        raise AccountsFileError(f"{where}.userFields.appKey: not settable; the login answer carries null")
    return dict(value)


def _suggest(key: str, choices: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else f"; expected one of: {', '.join(choices)}"


def _show(value: Any) -> str:
    """A short rendering of a JSON value with its JSON type, for messages."""
    kinds = {bool: "boolean", int: "number", float: "number", str: "string", list: "array", dict: "object"}
    kind = "null" if value is None else kinds.get(type(value), type(value).__name__)
    text = json.dumps(value, ensure_ascii=False) if value is not None else "null"
    if len(text) > 40:
        text = text[:37] + "..."
    return text if kind == "null" else f"{kind} {text}"
