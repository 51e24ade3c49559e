"""Connection profiles: the non-secret half of an account (the secrets live in ``SecretStore``).

Only the fields of ``Profile`` are ever persisted, through a tiny key/value protocol that the UI
implements over QSettings and tests implement with a dict, so no secret can reach the settings file.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import urlsplit

from aigc_desktop.platform.config import check_url
from aigc_desktop.platform.endpoints import PRODUCTION_BASE_URL
from aigc_desktop.platform.exceptions import InvalidConfiguration
from aigc_desktop.services.preference_keys import KEY_PROFILES

SANDBOX_PROFILE_NAME = "Sandbox"
_PROFILES_KEY = KEY_PROFILES
_ACTIVE_KEY = "profiles/active"
_TOKENS_PREFIX = "token_meta/"
MAX_NAME_LENGTH = 64
# Explicit embeddings and overrides (LRE..RLO) and isolates (LRI..PDI): they make a name read
# differently from what it is ("Prod" shown for "dorP"), so a profile could pass for another.
_BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


class BaseUrlPreset:
    """The choices offered next to the base URL field."""

    PRODUCTION = "production"
    SANDBOX = "sandbox"
    CUSTOM = "custom"


class KeyValueBackend(Protocol):
    """Where non-secret settings are kept (QSettings in the app, a dict in tests)."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def remove(self, key: str) -> None: ...


class DictBackend:
    """In-memory ``KeyValueBackend`` (tests and the throwaway self-test)."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.data.get(key)

    def set(self, key: str, value: str) -> None:
        self.data[key] = value

    def remove(self, key: str) -> None:
        self.data.pop(key, None)


class ProfileValidationError(ValueError):
    """A profile field is not acceptable; ``field`` names it so the form can point at it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(slots=True)
class Profile:
    """One account on one platform deployment. Holds no secret by construction."""

    id: str
    name: str
    base_url: str
    app_id: str
    user_id: int | None = None
    callback_url: str = ""
    last_refresh_at: datetime | None = None
    is_sandbox: bool = False

    @property
    def preset(self) -> str:
        if self.is_sandbox:
            return BaseUrlPreset.SANDBOX
        if self.base_url.rstrip("/") == PRODUCTION_BASE_URL:
            return BaseUrlPreset.PRODUCTION
        return BaseUrlPreset.CUSTOM

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["last_refresh_at"] = self.last_refresh_at.isoformat() if self.last_refresh_at else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        last = data.get("last_refresh_at")
        user_id = data.get("user_id")
        return cls(
            id=str(data["id"]),
            name=str(data.get("name", "")),
            base_url=str(data.get("base_url", "")),
            app_id=str(data.get("app_id", "")),
            user_id=int(user_id) if isinstance(user_id, int | str) and str(user_id).isdigit() else None,
            callback_url=str(data.get("callback_url") or ""),
            last_refresh_at=datetime.fromisoformat(last) if isinstance(last, str) and last else None,
            is_sandbox=bool(data.get("is_sandbox", False)),
        )


@dataclass(frozen=True, slots=True)
class TokenMeta:
    """Non-secret facts about a profile's saved tokens, so a restart can restore a valid session."""

    obtained_at: datetime
    expires_at: datetime
    expires_assumed: bool
    refresh_expires_at: datetime | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "obtained_at": self.obtained_at.isoformat(),
                "expires_at": self.expires_at.isoformat(),
                "expires_assumed": self.expires_assumed,
                "refresh_expires_at": self.refresh_expires_at.isoformat()
                if self.refresh_expires_at
                else None,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> TokenMeta | None:
        try:
            data = json.loads(text)
            refresh = data.get("refresh_expires_at")
            return cls(
                obtained_at=datetime.fromisoformat(data["obtained_at"]),
                expires_at=datetime.fromisoformat(data["expires_at"]),
                expires_assumed=bool(data.get("expires_assumed", False)),
                refresh_expires_at=datetime.fromisoformat(refresh) if refresh else None,
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def new_profile_id() -> str:
    return uuid.uuid4().hex[:12]


def validate_url(value: str, field_name: str, *, required: bool) -> str:
    """Return the trimmed URL or raise a specific error.

    The base URL follows the client's own rules (``platform.config.check_url``: a port from 1 to
    65535, no user-info, query or fragment); a callback URL may carry a query, but no credentials.
    """
    text = value.strip()
    if not text:
        if required:
            raise ProfileValidationError(field_name, "Enter a URL, e.g. https://aigc.softsugar.com")
        return ""
    if field_name == "base_url":
        try:
            return check_url(text)
        except InvalidConfiguration as exc:
            raise ProfileValidationError(field_name, exc.summary) from None
    if any(ch.isspace() for ch in text):
        raise ProfileValidationError(field_name, "The URL must not contain spaces")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise ProfileValidationError(
            field_name, "The URL is not valid (check the host and that the port is from 1 to 65535)"
        ) from None
    if parts.scheme not in ("http", "https"):
        raise ProfileValidationError(
            field_name, f"The URL must start with http:// or https:// (got {text!r})"
        )
    if "@" in parts.netloc:
        raise ProfileValidationError(field_name, "The URL must not contain a user name or password")
    if not parts.hostname:
        raise ProfileValidationError(field_name, f"The URL has no host name: {text!r}")
    if port == 0:
        raise ProfileValidationError(field_name, "The port must be a number from 1 to 65535")
    return text


def validate_name(value: str) -> str:
    """The trimmed profile name, or ``ProfileValidationError`` for an empty, long or deceptive one."""
    name = value.strip()
    if not name:
        raise ProfileValidationError("name", "Give the profile a name")
    if len(name) > MAX_NAME_LENGTH:
        raise ProfileValidationError(
            "name", f"A profile name has at most {MAX_NAME_LENGTH} characters (this one has {len(name)})"
        )
    for ch in name:
        category = unicodedata.category(ch)
        if category == "Cc":
            raise ProfileValidationError(
                "name", "A profile name cannot contain control characters (a line break, a tab, NUL...)"
            )
        if category == "Cs":
            raise ProfileValidationError("name", "A profile name cannot contain invalid characters")
        if ch in _BIDI_CONTROLS:
            raise ProfileValidationError(
                "name", f"A profile name cannot contain the text-direction control U+{ord(ch):04X}"
            )
    return name


def _clean_name(profile: Profile, others: list[Profile]) -> str:
    name = validate_name(profile.name)
    if any(p.id != profile.id and p.name.casefold() == name.casefold() for p in others):
        raise ProfileValidationError("name", f"A profile named {name!r} already exists")
    return name


def _clean_app_id(profile: Profile) -> str:
    app_id = profile.app_id.strip()
    if not app_id:
        raise ProfileValidationError("app_id", "Enter the AppID the operations team gave you")
    if any(ch.isspace() for ch in app_id):
        raise ProfileValidationError("app_id", "The AppID must not contain spaces")
    return app_id


def profile_problems(profile: Profile, others: list[Profile]) -> list[ProfileValidationError]:
    """Every field ``validate_profile`` would refuse, in the form's order (a form shows them all at once)."""
    checks: tuple[Callable[[], object], ...] = (
        lambda: _clean_name(profile, others),
        lambda: validate_url(profile.base_url, "base_url", required=not profile.is_sandbox),
        lambda: _clean_app_id(profile),
        lambda: validate_url(profile.callback_url, "callback_url", required=False),
    )
    problems = []
    for check in checks:
        try:
            check()
        except ProfileValidationError as exc:
            problems.append(exc)
    return problems


def validate_profile(profile: Profile, others: list[Profile]) -> Profile:
    """A cleaned copy of ``profile``, or ``ProfileValidationError`` naming the first bad field."""
    name = _clean_name(profile, others)
    base_url = validate_url(profile.base_url, "base_url", required=not profile.is_sandbox)
    app_id = _clean_app_id(profile)
    callback_url = validate_url(profile.callback_url, "callback_url", required=False)
    return replace(profile, name=name, base_url=base_url, app_id=app_id, callback_url=callback_url)


class ProfileStore:
    """Profiles and the active profile id, persisted as JSON through a ``KeyValueBackend``."""

    def __init__(self, backend: KeyValueBackend) -> None:
        self._backend = backend
        self._profiles: dict[str, Profile] = {}
        self._load()

    def _load(self) -> None:
        raw = self._backend.get(_PROFILES_KEY)
        if not raw:
            return
        try:
            items = json.loads(raw)
        except json.JSONDecodeError:
            return  # a damaged settings value must not stop the app; the user re-creates profiles
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and "id" in item:
                try:
                    profile = Profile.from_json(item)
                except (TypeError, ValueError):
                    continue
                self._profiles[profile.id] = profile

    def _persist(self) -> None:
        self._backend.set(_PROFILES_KEY, json.dumps([p.to_json() for p in self._profiles.values()]))

    def list(self) -> list[Profile]:
        return list(self._profiles.values())

    def get(self, profile_id: str) -> Profile | None:
        return self._profiles.get(profile_id)

    def find_sandbox(self) -> Profile | None:
        return next((p for p in self._profiles.values() if p.is_sandbox), None)

    def save(self, profile: Profile) -> Profile:
        """Validate and store (insert or update); returns the cleaned profile."""
        others = [p for p in self._profiles.values() if p.id != profile.id]
        cleaned = validate_profile(profile, others)
        self._profiles[cleaned.id] = cleaned
        self._persist()
        return cleaned

    def delete(self, profile_id: str) -> None:
        self._profiles.pop(profile_id, None)
        self._persist()
        self.set_token_meta(profile_id, None)
        if self.active_id == profile_id:
            self.active_id = None

    def token_meta(self, profile_id: str) -> TokenMeta | None:
        raw = self._backend.get(f"{_TOKENS_PREFIX}{profile_id}")
        return TokenMeta.from_json(raw) if raw else None

    def set_token_meta(self, profile_id: str, meta: TokenMeta | None) -> None:
        if meta is None:
            self._backend.remove(f"{_TOKENS_PREFIX}{profile_id}")
        else:
            self._backend.set(f"{_TOKENS_PREFIX}{profile_id}", meta.to_json())

    @property
    def active_id(self) -> str | None:
        value = self._backend.get(_ACTIVE_KEY)
        return value if value and value in self._profiles else None

    @active_id.setter
    def active_id(self, profile_id: str | None) -> None:
        if profile_id is None:
            self._backend.remove(_ACTIVE_KEY)
        else:
            self._backend.set(_ACTIVE_KEY, profile_id)
