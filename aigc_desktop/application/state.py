"""The application's state as one immutable snapshot: what every view renders, and nothing else.

``AppModel`` replaces the snapshot on every change and hands the new one to its observers with the
set of aspects that changed (``Aspect``), so a view can skip work that does not concern it. Nothing
here refers to Qt; time-dependent facts (how long until the token expires, until a refresh is
allowed) are methods that take ``now``, so a view asks them once per tick instead of keeping a copy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from aigc_desktop.platform.call_record import RequestPreview
from aigc_desktop.platform.models import Account
from aigc_desktop.platform.refresh_guard import next_refresh_allowed_at, refresh_wait
from aigc_desktop.services.clock_skew import SkewReading
from aigc_desktop.services.fleet import LoadResult
from aigc_desktop.services.profiles import Profile
from aigc_desktop.services.secrets import StoreStatus
from aigc_desktop.services.session import TokenState, utc_now

__all__ = [
    "AppState",
    "Aspect",
    "Problem",
    "ProblemScope",
    "ReceiverStatus",
    "TokenState",
]


class Aspect(StrEnum):
    """Which part of the state a change touched (observers get a set of these)."""

    PROFILES = "profiles"  # the list of saved profiles, or which one is active
    SESSION = "session"  # tokens, expiry, refresh time, the last sign-in request
    ACCOUNT = "account"  # the account snapshot
    SECRETS = "secrets"  # where secrets are kept, which AppKeys are stored
    PROBLEMS = "problems"  # the banners
    CLOCK = "clock"  # the clock-skew reading
    RECEIVER = "receiver"  # the callback receiver's lifecycle
    REQUEST_LOG = "request_log"  # a call was recorded or the log was cleared
    PREFERENCES = "preferences"  # auto-renew, quota auto-refresh
    SANDBOX = "sandbox"  # the embedded sandbox started or stopped
    CALLBACK_URL = "callback_url"  # the callback URL chosen to sign and verify with
    HISTORY = "history"  # a quota snapshot was stored, or history was opened or deleted
    OVERVIEW = "overview"  # a profile's row of the overview (all profiles) was loaded


class ProblemScope(StrEnum):
    """What a problem is about; it goes away when that changes (success, profile switch, sign-out)."""

    SESSION = "session"  # sign-in, refresh, account: gone on the next success, a switch or a sign-out
    PROFILE = "profile"  # anything else done with the active profile: gone on a switch
    KEYRING = "keyring"  # the secret store: gone when it persists again
    CLOCK = "clock"  # clock skew: gone when the clocks agree again
    APP = "app"  # not tied to a profile: stays until dismissed


@dataclass(frozen=True, slots=True)
class Problem:
    """One banner: an exception (worded by the view) or a ready title and detail, and what it is about."""

    id: int
    level: str  # "error" | "warning"
    scope: ProblemScope
    profile_id: str | None = None
    error: BaseException | None = None
    code: str = ""  # a problem the model words nothing of itself ("keyring_session_only", ...)
    title: str = ""
    detail: str = ""
    count: int = 1

    def fingerprint(self) -> tuple[object, ...]:
        """Equal for repeats of the same message (they are counted, not stacked)."""
        if self.error is not None:
            code = getattr(self.error, "code", None)
            return (self.level, self.scope, type(self.error).__name__, code, str(self.error))
        return (self.level, self.scope, self.code, self.title, self.detail)


@dataclass(frozen=True, slots=True)
class ReceiverStatus:
    """The callback receiver's lifecycle as the views show it."""

    running: bool = False
    url: str = ""  # the local URL while running
    host: str = ""
    port: int | None = None


_EMPTY: Mapping[str, bool] = MappingProxyType({})
_NO_ROWS: Mapping[str, LoadResult] = MappingProxyType({})
_UNPROBED = StoreStatus(True, "system keyring")


@dataclass(frozen=True, slots=True)
class AppState:
    """Everything the views render. Replace, never mutate: ``dataclasses.replace`` makes the next one."""

    profiles: tuple[Profile, ...] = ()
    active: Profile | None = None
    tokens: TokenState | None = None
    account: Account | None = None
    account_loaded_at: datetime | None = None
    last_login_request: RequestPreview | None = None
    secrets: StoreStatus = _UNPROBED
    app_keys_stored: Mapping[str, bool] = field(default_factory=lambda: _EMPTY)  # profile id -> stored?
    problems: tuple[Problem, ...] = ()
    clock_skew: SkewReading | None = None
    receiver: ReceiverStatus = ReceiverStatus()
    sandbox_url: str | None = None  # the embedded sandbox's base URL while it runs
    signed_as_url: str = ""  # a callback URL the user chose (e.g. the account's own) for signatures
    auto_renew: bool = False
    quota_refresh_s: int = 0
    request_log_count: int = 0  # calls recorded since start (views fetch the new rows from the model)
    request_log_clears: int = 0  # times the log was cleared (views empty their rows)
    history_version: int = 0  # bumps whenever the quota history changed (views fetch it again)
    overview: Mapping[str, LoadResult] = field(default_factory=lambda: _NO_ROWS)  # profile id -> last load

    # --- derived facts -----------------------------------------------------------------------

    @property
    def signed_in(self) -> bool:
        return self.tokens is not None

    @property
    def can_refresh(self) -> bool:
        """The platform sent a refresh token (some answers omit it: then only a new sign-in renews)."""
        return self.tokens is not None and bool(self.tokens.refresh_token)

    @property
    def callback_urls(self) -> tuple[str, ...]:
        """The account's configured callback URLs, as the sign-in answer gave them (a signature covers them)."""
        user = self.tokens.user if self.tokens is not None else None
        return tuple(user.callback_urls) if user is not None else ()

    def app_key_stored(self, profile_id: str) -> bool | None:
        """Whether an AppKey is stored for the profile; None until the store was asked."""
        return self.app_keys_stored.get(profile_id)

    def profile(self, profile_id: str | None) -> Profile | None:
        return next((p for p in self.profiles if p.id == profile_id), None) if profile_id else None

    def next_refresh_allowed_at(self) -> datetime | None:
        """When the 3-hour rule allows the next refresh; None while signed out or never refreshed."""
        last = self.active.last_refresh_at if self.active is not None else None
        if self.tokens is None or last is None:
            return None
        return next_refresh_allowed_at(last)

    def refresh_wait(self, now: datetime | None = None) -> timedelta:
        """Zero when a refresh is allowed now (and always zero while signed out: nothing to count down)."""
        if self.tokens is None or self.active is None:
            return timedelta(0)
        return refresh_wait(self.active.last_refresh_at, now or utc_now())
