"""Per-profile session: tokens, their expiry arithmetic, and the calls that change them.

One ``PlatformClient`` per session (so per profile); the UI closes it when the profile changes and
on quit. Tokens are saved to the ``SecretStore``; their expiry (not secret) lives on the profile so
a restart can restore a still-valid session. A failed refresh keeps the old tokens; a failed
sign-in keeps the profile and whatever session existed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.platform.models import Account, Permission, Role, TokenGrant, User
from aigc_desktop.platform.redaction import forget_secret
from aigc_desktop.platform.refresh_guard import next_refresh_allowed_at, refresh_wait
from aigc_desktop.services.profiles import Profile, ProfileStore, TokenMeta
from aigc_desktop.services.secrets import SecretKind, SecretStore

log = logging.getLogger(__name__)

ClientFactory = Callable[[Profile], PlatformClient]
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def default_client_factory(profile: Profile) -> PlatformClient:
    return PlatformClient(ClientConfig(base_url=profile.base_url))


class SessionError(AigcError):
    """A session action that cannot start (nothing was sent)."""


class NotSignedIn(SessionError):
    advice_code = "advice.not_signed_in"


class MissingAppKey(SessionError):
    advice_code = "advice.missing_app_key"


class MissingUserId(SessionError):
    advice_code = "advice.missing_user_id"


@dataclass(frozen=True, slots=True)
class TokenState:
    """The current tokens and when they stop working. ``grant`` is None after a restore from the keyring."""

    access_token: str
    refresh_token: str | None
    obtained_at: datetime
    expires_at: datetime
    expires_assumed: bool
    refresh_expires_at: datetime | None = None
    user: User | None = None
    roles: tuple[Role, ...] = ()
    permissions: tuple[Permission, ...] = ()

    def remaining(self, now: datetime | None = None) -> timedelta:
        return max(self.expires_at - (now or utc_now()), timedelta(0))

    def expired(self, now: datetime | None = None) -> bool:
        return self.remaining(now) <= timedelta(0)

    def __repr__(self) -> str:
        return f"TokenState(expires_at={self.expires_at.isoformat()}, assumed={self.expires_assumed}, <redacted>)"


class Session:
    """Sign-in state of one profile; every method is a coroutine run on the app's loop."""

    def __init__(
        self,
        profile: Profile,
        profiles: ProfileStore,
        secrets: SecretStore,
        *,
        client_factory: ClientFactory = default_client_factory,
        clock: Clock = utc_now,
    ) -> None:
        self._profile = profile
        self._profiles = profiles
        self._secrets = secrets
        self._client_factory = client_factory
        self._clock = clock
        self._client: PlatformClient | None = None
        self.tokens: TokenState | None = None
        self.account: Account | None = None
        self.account_loaded_at: datetime | None = None

    # --- state ------------------------------------------------------------------------------

    @property
    def profile(self) -> Profile:
        """The latest stored version of the profile (edits in the Profiles pane show up here)."""
        return self._profiles.get(self._profile.id) or self._profile

    @property
    def client(self) -> PlatformClient:
        if self._client is None:
            self._client = self._client_factory(self.profile)
        return self._client

    @property
    def has_client(self) -> bool:
        return self._client is not None

    @property
    def signed_in(self) -> bool:
        return self.tokens is not None

    @property
    def user_id(self) -> int | None:
        if self.tokens is not None and self.tokens.user is not None and self.tokens.user.user_id is not None:
            return self.tokens.user.user_id
        return self.profile.user_id

    def next_refresh_allowed_at(self) -> datetime | None:
        last = self.profile.last_refresh_at
        return next_refresh_allowed_at(last) if last is not None else None

    def refresh_wait(self) -> timedelta:
        """Zero when a refresh is allowed now."""
        return refresh_wait(self.profile.last_refresh_at, self._clock())

    def _update_profile(self, **changes: object) -> None:
        updated = replace(self.profile, **changes)  # type: ignore[arg-type]
        self._profile = self._profiles.save(updated) if self._profiles.get(updated.id) else updated

    # --- actions ----------------------------------------------------------------------------

    async def restore(self) -> bool:
        """Load still-valid tokens saved by an earlier run; True when a session was restored."""
        meta = self._profiles.token_meta(self.profile.id)
        if meta is None or meta.expires_at <= self._clock():
            return False
        access = await self._secrets.get(self.profile.id, SecretKind.ACCESS_TOKEN)
        if not access:
            return False
        refresh = await self._secrets.get(self.profile.id, SecretKind.REFRESH_TOKEN)
        self.tokens = TokenState(
            access_token=access,
            refresh_token=refresh,
            obtained_at=meta.obtained_at,
            expires_at=meta.expires_at,
            expires_assumed=meta.expires_assumed,
            refresh_expires_at=meta.refresh_expires_at,
        )
        return True

    async def sign_in(self) -> TokenState:
        """Log in with the stored AppKey; on success the tokens go to the secret store."""
        profile = self.profile
        app_key = await self._secrets.get(profile.id, SecretKind.APP_KEY)
        if not app_key:
            raise MissingAppKey(f"No AppKey is stored for the profile {profile.name!r}")
        grant = await self.client.login(profile.app_id, app_key)
        user = grant.user
        state = self._state_from_grant(grant, previous=None)
        await self._save_tokens(state)
        if user is not None and user.user_id is not None and user.user_id != profile.user_id:
            self._update_profile(user_id=user.user_id)
        self.tokens = state
        return state

    async def refresh(self, *, force: bool = False) -> TokenState:
        """Refresh the tokens (3-hour rule enforced by the client unless ``force``); failure keeps the old ones."""
        current = self.tokens
        if current is None or not current.refresh_token:
            raise NotSignedIn("There is no refresh token: sign in first")
        profile = self.profile
        grant = await self.client.refresh(
            profile.app_id, current.refresh_token, last_refresh_at=profile.last_refresh_at, force=force
        )
        state = self._state_from_grant(grant, previous=current)
        await self._save_tokens(state)
        self._update_profile(last_refresh_at=self._clock())
        self.tokens = state
        return state

    async def sign_out(self) -> None:
        """Log out on the server, then forget the tokens locally even if the server call failed."""
        current = self.tokens
        error: AigcError | None = None
        if current is not None:
            try:
                await self.client.logout(current.access_token)
            except AigcError as exc:
                error = exc
        self.tokens = None
        self.account = None
        self.account_loaded_at = None
        await self._secrets.delete(self.profile.id, SecretKind.ACCESS_TOKEN)
        await self._secrets.delete(self.profile.id, SecretKind.REFRESH_TOKEN)
        self._profiles.set_token_meta(self.profile.id, None)
        if current is not None:
            forget_secret(current.access_token)
            forget_secret(current.refresh_token)
        if error is not None:
            raise error

    async def load_account(self) -> Account:
        """Fetch basic information and quotas for the signed-in account."""
        if self.tokens is None:
            raise NotSignedIn("Not signed in: the account cannot be loaded")
        user_id = self.user_id
        if user_id is None:
            raise MissingUserId("The account id is unknown")
        account = await self.client.get_account(self.tokens.access_token, user_id)
        self.account = account
        self.account_loaded_at = self._clock()
        return account

    async def aclose(self) -> None:
        """Close the HTTP client (call before the event loop stops)."""
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    # --- helpers ----------------------------------------------------------------------------

    def _state_from_grant(self, grant: TokenGrant, previous: TokenState | None) -> TokenState:
        now = self._clock()
        refresh_expires = (
            now + timedelta(seconds=grant.refresh_token_expires_in)
            if grant.refresh_token_expires_in is not None and grant.refresh_token_expires_in > 0
            else None
        )
        return TokenState(
            access_token=grant.access_token,
            # a refresh answer without refreshToken leaves none: the old one was spent by that refresh
            refresh_token=grant.refresh_token or None,
            obtained_at=now,
            expires_at=now + timedelta(seconds=grant.expires_in),
            expires_assumed=grant.expires_in_assumed,
            refresh_expires_at=refresh_expires,
            user=grant.user or (previous.user if previous else None),
            roles=grant.roles or (previous.roles if previous else ()),
            permissions=grant.permissions or (previous.permissions if previous else ()),
        )

    async def _save_tokens(self, state: TokenState) -> None:
        profile_id = self.profile.id
        await self._secrets.set(profile_id, SecretKind.ACCESS_TOKEN, state.access_token)
        if state.refresh_token:
            await self._secrets.set(profile_id, SecretKind.REFRESH_TOKEN, state.refresh_token)
        self._profiles.set_token_meta(
            profile_id,
            TokenMeta(state.obtained_at, state.expires_at, state.expires_assumed, state.refresh_expires_at),
        )
