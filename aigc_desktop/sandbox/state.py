"""Accounts and tokens: the platform's sign-in rules, judged on the sandbox clock.

Lifetimes and rules (the doc's where it says, ours where it does not):

* Access tokens last 8 hours (doc). A login while the account's access token is still valid returns
  the same access and refresh tokens with their remaining lifetimes (doc: "multiple requests within
  validity period return the same token").
* Refresh tokens last 7 days (the doc names no lifetime; ours, ``REFRESH_TOKEN_LIFETIME_S``).
* A refresh issues a new pair; the old access token stops working (84115943) and the old refresh
  token is spent. Refreshes of one account less than 3 hours apart are refused with 60112161; the
  guard belongs to the account, so it survives a new login (as a server-side guard would).
* One session per account: a login after the access token expired replaces the old pair entirely.
* Logout revokes the access token and its refresh token.
* An unknown or revoked token answers 84115943; a known one past its lifetime 60112505.
"""

from __future__ import annotations

import base64
import math
import secrets
import uuid
from dataclasses import dataclass

from aigc_desktop.sandbox.accounts import SandboxAccount
from aigc_desktop.sandbox.clock import SandboxClock
from aigc_desktop.sandbox.usage_growth import UsageGrowth

ACCESS_TOKEN_LIFETIME_S = 8 * 3600
REFRESH_TOKEN_LIFETIME_S = 7 * 24 * 3600
REFRESH_MIN_INTERVAL_S = 3 * 3600
REFRESH_MIN_INTERVAL_HOURS = REFRESH_MIN_INTERVAL_S // 3600

CODE_INVALID_INPUT = 99999996
CODE_APP_ID_EMPTY = 60102151
CODE_APP_UNKNOWN = 60111101
CODE_SIGN_FAILED = 60112160
CODE_GRANT_TYPE = 60112162
CODE_NOT_ACTIVATED = 60102128
CODE_DISABLED = 60102129
CODE_ABNORMAL_STATUS = 60102140
CODE_NOT_EFFECTIVE = 60102156
CODE_TOKEN_INVALID = 84115943
CODE_TOKEN_EXPIRED = 60112505
CODE_REFRESH_TOO_FREQUENT = 60112161
CODE_USER_ID_EMPTY = 83115905
CODE_NO_PERMISSION = 84115925
CODE_RATE_LIMITED = 89999999


class BusinessError(Exception):
    """A platform answer with a non-zero code; ``args_`` fill the catalogue text's %s."""

    def __init__(self, code: int, *args_: object) -> None:
        super().__init__(code)
        self.code = code
        self.args_ = tuple(str(a) for a in args_)


def new_token() -> str:
    """A token shaped like the doc's example: unpadded base64url of hex + '-' + a UUID."""
    raw = f"{secrets.token_hex(20)}-{uuid.uuid4()}"
    return base64.urlsafe_b64encode(raw.encode("ascii")).decode("ascii").rstrip("=")


@dataclass(slots=True)
class TokenPair:
    """An account's current session; times are sandbox-clock UNIX seconds."""

    account: SandboxAccount
    access_token: str
    access_expires_at: float
    refresh_token: str
    refresh_expires_at: float

    # Whole seconds rounded up: the answer is built a moment after the token was issued, and a fresh
    # token must say 28800 (8 h), not 28799; a token with any time left never says 0.
    def access_remaining(self, now: float) -> int:
        return max(0, math.ceil(self.access_expires_at - now))

    def refresh_remaining(self, now: float) -> int:
        return max(0, math.ceil(self.refresh_expires_at - now))


class SandboxState:
    """What the fake platform remembers: accounts, their sessions and the refresh guard."""

    def __init__(self, accounts: list[SandboxAccount], clock: SandboxClock) -> None:
        if not accounts:
            raise ValueError("the sandbox needs at least one account")
        self.accounts = accounts
        self.clock = clock
        self._by_app_id = {account.app_id: account for account in accounts}
        self._sessions: dict[str, TokenPair] = {}  # appId -> current pair
        self._by_access: dict[str, TokenPair] = {}
        self._by_refresh: dict[str, TokenPair] = {}
        self._last_refresh_at: dict[str, float] = {}
        #: None (the default) keeps usage as set; a ``UsageGrowth`` makes it grow with the clock
        self.usage_growth: UsageGrowth | None = None

    def account(self, app_id: str) -> SandboxAccount | None:
        return self._by_app_id.get(app_id)

    def check_login_allowed(self, account: SandboxAccount) -> None:
        """Status and validity-period rules, in the order the platform reports them."""
        if account.status == 0:
            raise BusinessError(CODE_NOT_ACTIVATED)
        if account.status == 2:
            raise BusinessError(CODE_DISABLED)
        if account.status != 1:
            raise BusinessError(CODE_ABNORMAL_STATUS)
        if not account.is_effective_at(self.clock.now()):
            raise BusinessError(CODE_NOT_EFFECTIVE)

    def login(self, account: SandboxAccount) -> TokenPair:
        """The account's valid session, or a fresh one (after status and validity checks)."""
        self.check_login_allowed(account)
        now = self.clock.now()
        current = self._sessions.get(account.app_id)
        if current is not None and current.access_expires_at > now:
            return current
        if current is not None:
            self._revoke(current)
        return self._issue(account, now)

    def refresh(self, app_id: str, refresh_token: str | None) -> TokenPair:
        """A new pair for a valid refresh token of ``app_id``; the old pair stops working."""
        pair = self._by_refresh.get(refresh_token or "")
        if pair is None or pair.account.app_id != app_id:
            raise BusinessError(CODE_TOKEN_INVALID)
        now = self.clock.now()
        if pair.refresh_expires_at <= now:
            raise BusinessError(CODE_TOKEN_EXPIRED)
        last = self._last_refresh_at.get(app_id)
        if last is not None and now - last < REFRESH_MIN_INTERVAL_S:
            raise BusinessError(CODE_REFRESH_TOO_FREQUENT, REFRESH_MIN_INTERVAL_HOURS)
        self._revoke(pair)
        self._last_refresh_at[app_id] = now
        return self._issue(pair.account, now)

    def authenticate(self, access_token: str | None) -> SandboxAccount:
        """The account owning a valid access token; 84115943 unknown/revoked, 60112505 expired."""
        pair = self._by_access.get(access_token or "")
        if pair is None:
            raise BusinessError(CODE_TOKEN_INVALID)
        if pair.access_expires_at <= self.clock.now():
            raise BusinessError(CODE_TOKEN_EXPIRED)
        return pair.account

    def logout(self, access_token: str | None) -> None:
        """Revoke a valid access token and its refresh token."""
        self.authenticate(access_token)
        self._revoke(self._by_access[access_token or ""])

    def last_refresh_at(self, app_id: str) -> float | None:
        return self._last_refresh_at.get(app_id)

    def _issue(self, account: SandboxAccount, now: float) -> TokenPair:
        pair = TokenPair(
            account=account,
            access_token=new_token(),
            access_expires_at=now + ACCESS_TOKEN_LIFETIME_S,
            refresh_token=new_token(),
            refresh_expires_at=now + REFRESH_TOKEN_LIFETIME_S,
        )
        self._sessions[account.app_id] = pair
        self._by_access[pair.access_token] = pair
        self._by_refresh[pair.refresh_token] = pair
        return pair

    def _revoke(self, pair: TokenPair) -> None:
        self._by_access.pop(pair.access_token, None)
        self._by_refresh.pop(pair.refresh_token, None)
        if self._sessions.get(pair.account.app_id) is pair:
            del self._sessions[pair.account.app_id]
