"""Load many profiles' accounts concurrently, a few at a time; each row fails on its own.

Used by the Overview pane, ``aigc-desktop status`` and the exporter. Each profile keeps one
``Session`` across loads (its HTTP client and tokens are reused): a load restores saved tokens,
signs in only when there is no token or it has expired (by its expiry, or because the platform says
60112505 / 84115943, after which it signs in once and retries), then loads the account. Every
successful load stores a history snapshot (off the loop, on one worker thread: SQLite blocks).
Nothing here logs or returns a secret.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime

from aigc_desktop.platform.exceptions import AigcError, PlatformError
from aigc_desktop.platform.models import Account
from aigc_desktop.services.history import HistoryError, HistoryStore, Snapshot
from aigc_desktop.services.profiles import Profile, ProfileStore
from aigc_desktop.services.secrets import SecretStore, SecretStoreError
from aigc_desktop.services.session import ClientFactory, Clock, Session, default_client_factory, utc_now

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 4
#: the platform's "token expired" and "token invalid or revoked": a fresh sign-in may fix them
TOKEN_RETRY_CODES = frozenset({60112505, 84115943})


@dataclass(frozen=True, slots=True)
class LoadResult:
    """One profile's row after a load: the account, or the error (one line, with the platform code)."""

    profile: Profile
    account: Account | None
    loaded_at: datetime | None
    token_expires_at: datetime | None
    signed_in: bool
    error: str | None = None
    error_code: int | None = None
    history_error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.account is not None

    def keeping_numbers_of(self, previous: LoadResult | None) -> LoadResult:
        """This load as a row shows it: a failed one keeps ``previous``'s account and time beside its error."""
        if not self.ok and previous is not None and previous.account is not None:
            return replace(self, account=previous.account, loaded_at=previous.loaded_at)
        return self


def describe_error(exc: BaseException) -> tuple[str, int | None]:
    """A one-line error text and the platform code (None unless the platform answered with one)."""
    code = exc.code if isinstance(exc, PlatformError) else None
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text, code


class FleetLoader:
    """Loads profiles through ``Session`` with at most ``concurrency`` loads in flight."""

    def __init__(
        self,
        profiles: ProfileStore,
        secrets: SecretStore,
        *,
        history: HistoryStore | None = None,
        client_factory: ClientFactory = default_client_factory,
        clock: Clock = utc_now,
        concurrency: int = DEFAULT_CONCURRENCY,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self._profiles = profiles
        self._secrets = secrets
        self._history = history
        self._client_factory = client_factory
        self._clock = clock
        self._concurrency = concurrency
        self._semaphore: asyncio.Semaphore | None = None
        self._sessions: dict[str, Session] = {}
        self._urls: dict[str, str] = {}  # the base URL each session's client was made for
        self._retired: list[Session] = []  # sessions of a profile whose base URL changed; closed in aclose
        self._history_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="history")

    def _session(self, profile: Profile) -> Session:
        session = self._sessions.get(profile.id)
        if session is None or self._urls.get(profile.id) != profile.base_url:
            if session is not None:
                self._retired.append(session)
            session = Session(
                profile, self._profiles, self._secrets, client_factory=self._client_factory, clock=self._clock
            )
            self._sessions[profile.id] = session
            self._urls[profile.id] = profile.base_url
        return session

    async def load(self, profile: Profile) -> LoadResult:
        """Load one profile (waits for a free slot); never raises for a platform or keyring failure."""
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self._concurrency)
        async with self._semaphore:
            return await self._load(profile)

    async def load_all(
        self,
        profiles: Iterable[Profile],
        on_result: Callable[[LoadResult], object] | None = None,
    ) -> list[LoadResult]:
        """Load every profile concurrently (a few at a time); results in the given order.

        ``on_result`` is called as each row finishes, so a table can fill in while the rest load.
        """

        async def one(profile: Profile) -> LoadResult:
            result = await self.load(profile)
            if on_result is not None:
                on_result(result)
            return result

        return list(await asyncio.gather(*(one(p) for p in profiles)))

    async def _load(self, profile: Profile) -> LoadResult:
        session = self._session(profile)
        try:
            account = await self._fetch(session)
        except (AigcError, SecretStoreError) as exc:
            text, code = describe_error(exc)
            log.info("profile %s: load failed: %s", profile.id, text)
            tokens = session.tokens
            return LoadResult(
                profile=session.profile,
                account=None,
                loaded_at=None,
                token_expires_at=tokens.expires_at if tokens else None,
                signed_in=tokens is not None and not tokens.expired(self._clock()),
                error=text,
                error_code=code,
            )
        loaded_at = session.account_loaded_at or self._clock()
        history_error = await self._record(session.profile, account, loaded_at)
        tokens = session.tokens
        return LoadResult(
            profile=session.profile,
            account=account,
            loaded_at=loaded_at,
            token_expires_at=tokens.expires_at if tokens else None,
            signed_in=tokens is not None,
            history_error=history_error,
        )

    async def _fetch(self, session: Session) -> Account:
        now = self._clock()
        if session.tokens is None:
            await session.restore()
        if session.tokens is None or session.tokens.expired(now):
            await session.sign_in()
            return await session.load_account()
        try:
            return await session.load_account()
        except PlatformError as exc:
            if exc.code not in TOKEN_RETRY_CODES:
                raise
        await session.sign_in()
        return await session.load_account()

    async def _record(self, profile: Profile, account: Account, loaded_at: datetime) -> str | None:
        """Store the snapshot; a history failure is reported with the row, never fails the load."""
        if self._history is None:
            return None
        snapshot = Snapshot.from_account(profile.id, account, loaded_at, sandbox=profile.is_sandbox)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._history_worker, self._history.record, snapshot)
        except HistoryError as exc:
            return str(exc)
        return None

    async def in_history_thread(self, func: Callable[[], object]) -> object:
        """Run a blocking history call on the same worker that records (keeps SQLite on one thread)."""
        return await asyncio.get_running_loop().run_in_executor(self._history_worker, func)

    def forget(self, profile_id: str) -> Awaitable[None]:
        """Drop a profile's session (its client is closed); call when the profile was deleted."""
        session = self._sessions.pop(profile_id, None)
        return session.aclose() if session is not None else asyncio.sleep(0)

    async def aclose(self) -> None:
        """Close every session's HTTP client and the history worker (call before the loop stops)."""
        sessions, self._sessions = [*self._sessions.values(), *self._retired], {}
        self._retired = []
        for session in sessions:
            await session.aclose()
        self._history_worker.shutdown(wait=True)
