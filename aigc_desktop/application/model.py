"""``AppModel``: the application's one source of truth and its use cases, without Qt.

It owns the active profile and its session (tokens, expiry, refresh guard), the latest account
snapshot, the last sign-in request, the request log, the clock-skew tracker, the embedded sandbox
and the callback receiver's lifecycle. Every use case is a coroutine method; every change replaces
the immutable ``AppState`` and tells each observer ``(state, aspects)``. The GUI (through a thin Qt
adapter), the ``--self-test`` and the headless commands all drive the app through this class, so no
view keeps a copy of a session fact and no two views can disagree.

Problems (the banners) belong to the state they describe: a failed sign-in is dropped by the next
success, a profile switch or a sign-out; a keyring problem by the store persisting again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from aigc_desktop.application.errors import NoProfileSelected
from aigc_desktop.application.profile_rules import check_app_key_input, forgets_tokens
from aigc_desktop.application.state import (
    AppState,
    Aspect,
    Problem,
    ProblemScope,
    ReceiverStatus,
    TokenState,
)
from aigc_desktop.platform.call_record import CallRecord, RequestPreview
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.platform.models import Account, TokenGrant
from aigc_desktop.services.callback_keys import CallbackKeyStore
from aigc_desktop.services.clock_skew import ClockSkewTracker
from aigc_desktop.services.fleet import FleetLoader, LoadResult
from aigc_desktop.services.history import HistoryError, HistoryStore, Snapshot
from aigc_desktop.services.profiles import (
    DictBackend,
    Profile,
    ProfileStore,
    ProfileValidationError,
    new_profile_id,
    profile_problems,
)
from aigc_desktop.services.request_log import LogEntry, RequestLogStore
from aigc_desktop.services.sandbox_profile import ensure_sandbox_profile
from aigc_desktop.services.secrets import SecretKind, SecretStore, StoreStatus
from aigc_desktop.services.session import ClientFactory, Session, default_client_factory, utc_now

if TYPE_CHECKING:
    from aigc_desktop.callbacks.receiver import CallbackReceiver
    from aigc_desktop.sandbox import SandboxServer

log = logging.getLogger(__name__)

Observer = Callable[[AppState, frozenset[Aspect]], None]
Clock = Callable[[], datetime]
SandboxFactory = Callable[[], "SandboxServer"]

CLOSE_TIMEOUT_S = 5.0
DEFAULT_CLIENT_FACTORY: ClientFactory = default_client_factory  # clients with the built-in settings
AUTO_RENEW_MARGIN = timedelta(minutes=5)
# Problem codes the model raises itself; views word them (``params`` carry the facts).
KEYRING_SESSION_ONLY = "keyring_session_only"
CLOCK_SKEW = "clock_skew"


def _embedded_sandbox() -> SandboxServer:
    from aigc_desktop.sandbox import SandboxServer  # only the sandbox path loads it

    return SandboxServer(host="127.0.0.1", port=0)


@dataclass(frozen=True, slots=True)
class _SessionFacts:
    """What a profile's last sign-in and account load told us this run (restored on a switch back)."""

    access_token: str
    tokens: TokenState
    account: Account | None
    account_loaded_at: datetime | None
    last_login_request: RequestPreview | None


class AppModel:
    """State plus use cases; observers get every new ``AppState`` with the aspects that changed."""

    def __init__(
        self,
        profiles: ProfileStore,
        secrets: SecretStore | None = None,
        *,
        client_factory: ClientFactory = default_client_factory,
        request_log: RequestLogStore | None = None,
        sandbox_factory: SandboxFactory = _embedded_sandbox,
        clock: Clock = utc_now,
        history_path: Path | None = None,
        history: HistoryStore | None = None,
        sandbox_usage_growth: float | None = None,
    ) -> None:
        self.profiles = profiles
        self.secrets = secrets = secrets if secrets is not None else SecretStore()  # the system keyring
        self.client_factory = client_factory
        self.request_log = request_log if request_log is not None else RequestLogStore(None)
        self.callback_keys = CallbackKeyStore(secrets)
        self._sandbox_factory = sandbox_factory
        self._clock = clock
        self._observers: list[Observer] = []
        self._session: Session | None = None
        self._facts: dict[str, _SessionFacts] = {}
        self._skew = ClockSkewTracker()
        self._sandbox: SandboxServer | None = None
        self._receiver: CallbackReceiver | None = None
        self._next_problem_id = 1
        self._renewing = False
        self._history_path = history_path  # opened by ``start`` (None, and no ``history``: no quota history)
        self._owns_history = False  # a store handed in (``history``) is closed by whoever opened it
        self._sandbox_usage_growth = sandbox_usage_growth  # % per hour: --sandbox makes charts move
        self.history: HistoryStore | None = history
        self.fleet = FleetLoader(profiles, secrets, history=history, client_factory=self._fleet_client)
        self._state = AppState(profiles=tuple(profiles.list()), secrets=secrets.status)
        self._unwatch_secrets = secrets.add_status_observer(self._secrets_status_changed)

    @classmethod
    def in_memory(cls, reason: str, reason_code: str = "", **options: Any) -> AppModel:
        """A model that saves nothing: profiles in a dict, secrets in memory (``--self-test``, commands)."""
        return cls(ProfileStore(DictBackend()), SecretStore.session_only(reason, reason_code), **options)

    # --- state and observers -----------------------------------------------------------------

    @property
    def state(self) -> AppState:
        return self._state

    def subscribe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer(state, aspects)`` after every change; returns the unsubscribe function."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def _publish(self, aspects: Iterable[Aspect], **changes: Any) -> AppState:
        self._state = replace(self._state, **changes)
        changed = frozenset(aspects)
        for observer in list(self._observers):
            observer(self._state, changed)
        return self._state

    def _profile_facts(self) -> dict[str, Any]:
        """The profile list and the active profile as stored now (edits and sandbox runs show up)."""
        session = self._session
        return {
            "profiles": tuple(self.profiles.list()),
            "active": session.profile if session is not None else None,
        }

    @property
    def session(self) -> Session | None:
        """The active profile's session (the model's own; views read ``state``)."""
        return self._session

    @property
    def sandbox(self) -> SandboxServer | None:
        return self._sandbox

    @property
    def receiver(self) -> CallbackReceiver | None:
        return self._receiver

    # --- problems ----------------------------------------------------------------------------

    def report(self, exc: BaseException, scope: ProblemScope | None = None) -> Problem | None:
        """Show ``exc`` as a banner (once: an error the model reported already is not added again)."""
        if any(problem.error is exc for problem in self._state.problems):
            return None
        if scope is None:
            scope = ProblemScope.PROFILE if self._session is not None else ProblemScope.APP
        return self._add_problem(Problem(0, "error", scope, self._active_id(scope), error=exc))

    def report_notice(
        self, level: str, title: str, detail: str = "", scope: ProblemScope = ProblemScope.PROFILE
    ) -> Problem:
        """A warning or error made of ready words (a view's own text)."""
        if scope is ProblemScope.PROFILE and self._session is None:
            scope = ProblemScope.APP
        return self._add_problem(Problem(0, level, scope, self._active_id(scope), title=title, detail=detail))

    def _active_id(self, scope: ProblemScope) -> str | None:
        if scope in (ProblemScope.SESSION, ProblemScope.PROFILE) and self._session is not None:
            return self._session.profile.id
        return None

    def _add_problem(self, problem: Problem) -> Problem:
        for existing in self._state.problems:
            if existing.fingerprint() == problem.fingerprint():
                bumped = replace(existing, count=existing.count + 1, error=problem.error or existing.error)
                self._replace_problems([bumped if p is existing else p for p in self._state.problems])
                return bumped
        added = replace(problem, id=self._next_problem_id)
        self._next_problem_id += 1
        self._replace_problems([*self._state.problems, added])
        return added

    def dismiss(self, problem_id: int) -> None:
        """The user closed a banner."""
        kept = [p for p in self._state.problems if p.id != problem_id]
        if len(kept) != len(self._state.problems):
            self._replace_problems(kept)

    def _drop_problems(self, *scopes: ProblemScope) -> list[Problem]:
        return [p for p in self._state.problems if p.scope not in scopes]

    def _replace_problems(self, problems: list[Problem]) -> None:
        self._publish({Aspect.PROBLEMS}, problems=tuple(problems))

    # --- secrets -----------------------------------------------------------------------------

    async def probe_secrets(self) -> None:
        """Check the keyring really stores things; say so when it does not (never a silent fallback)."""
        status = await self.secrets.probe()
        self._secrets_changed()
        if status.persistent or any(p.code == KEYRING_SESSION_ONLY for p in self._state.problems):
            return
        self._add_problem(
            Problem(0, "warning", ProblemScope.KEYRING, code=KEYRING_SESSION_ONLY, detail=status.reason)
        )

    def _secrets_status_changed(self, status: StoreStatus) -> None:
        """The store changed mode by itself (a keyring that stopped answering): say so at once."""
        self._secrets_changed()
        if not status.persistent and not any(p.code == KEYRING_SESSION_ONLY for p in self._state.problems):
            self._add_problem(
                Problem(0, "warning", ProblemScope.KEYRING, code=KEYRING_SESSION_ONLY, detail=status.reason)
            )

    def _secrets_changed(self) -> None:
        status = self.secrets.status
        problems = self._state.problems
        if status.persistent:
            problems = tuple(p for p in problems if p.scope is not ProblemScope.KEYRING)
        self._publish({Aspect.SECRETS, Aspect.PROBLEMS}, secrets=status, problems=problems)

    async def check_app_key(self, profile_id: str) -> bool:
        """Ask the secret store whether the profile has an AppKey (the Profiles pane shows it)."""
        stored = bool(await self.secrets.get(profile_id, SecretKind.APP_KEY))
        self._set_key_known(profile_id, stored)
        return stored

    def _set_key_known(self, profile_id: str, stored: bool | None) -> None:
        known = dict(self._state.app_keys_stored)
        if stored is None:
            known.pop(profile_id, None)
        else:
            known[profile_id] = stored
        self._publish({Aspect.SECRETS}, app_keys_stored=MappingProxyType(known), secrets=self.secrets.status)

    # --- profiles ----------------------------------------------------------------------------

    async def activate_profile(self, profile_id: str | None) -> Profile | None:
        """Close the current session and make ``profile_id`` the active profile (None: none)."""
        old, self._session = self._session, None
        if old is not None:
            await self._close_session(old)
        profile = self.profiles.get(profile_id) if profile_id else None
        if profile is not None and profile.is_sandbox:
            profile = await self._attach_sandbox(profile)
        self.profiles.active_id = profile.id if profile else None
        self._skew.reset()
        problems = self._drop_problems(ProblemScope.SESSION, ProblemScope.PROFILE, ProblemScope.CLOCK)
        everything = {Aspect.PROFILES, Aspect.SESSION, Aspect.ACCOUNT, Aspect.PROBLEMS, Aspect.CLOCK}
        if profile is None:
            self._publish(
                everything,
                profiles=tuple(self.profiles.list()),
                active=None,
                tokens=None,
                account=None,
                account_loaded_at=None,
                last_login_request=None,
                problems=tuple(problems),
                clock_skew=None,
            )
            return None
        session = Session(
            profile, self.profiles, self.secrets, client_factory=self._client_for, clock=self._clock
        )
        self._session = session
        restored = await session.restore()
        facts = self._facts.get(profile.id)
        same_token = restored and facts is not None and session.tokens is not None
        if same_token and facts is not None and session.tokens is not None:
            same_token = facts.access_token == session.tokens.access_token
        if same_token and facts is not None:
            session.tokens = facts.tokens  # the same token: user, roles and permissions still hold
            session.account, session.account_loaded_at = facts.account, facts.account_loaded_at
        self._publish(
            everything,
            **self._profile_facts(),
            tokens=session.tokens,
            account=session.account,
            account_loaded_at=session.account_loaded_at,
            last_login_request=facts.last_login_request if facts is not None and same_token else None,
            problems=tuple(problems),
            clock_skew=None,
        )
        await self.check_app_key(profile.id)
        if restored and session.account is None:
            with contextlib.suppress(AigcError):  # reported as a problem; the switch itself worked
                await self.load_account()
        return profile

    def profile_problems(
        self, candidate: Profile, app_key: str = "", *, is_new: bool
    ) -> list[ProfileValidationError]:
        """Every field ``save_profile`` would refuse, in the form's order (empty: it can be saved)."""
        problems = profile_problems(candidate, [p for p in self.profiles.list() if p.id != candidate.id])
        try:
            check_app_key_input(app_key, is_new=is_new, is_sandbox=candidate.is_sandbox)
        except ProfileValidationError as exc:
            after = [i for i, problem in enumerate(problems) if problem.field == "callback_url"]
            problems.insert(
                after[0] if after else len(problems), exc
            )  # the form's order: before the callback
        return problems

    async def save_profile(self, candidate: Profile, app_key: str = "", *, is_new: bool) -> Profile:
        """Validate and store a profile, its AppKey to the secret store only.

        A changed base URL or AppID forgets the old tokens and refresh time (they belong to the old
        place); the profile is then re-activated if it was the active one, or activated when none is.
        """
        check_app_key_input(app_key, is_new=is_new, is_sandbox=candidate.is_sandbox)
        before = self.profiles.get(candidate.id)
        saved = self.profiles.save(candidate)  # raises ProfileValidationError with the field
        if app_key:
            await self.secrets.set(saved.id, SecretKind.APP_KEY, app_key)
            self._set_key_known(saved.id, True)
        reconnect = forgets_tokens(before, saved)
        if reconnect:
            await self.secrets.delete(saved.id, SecretKind.ACCESS_TOKEN)
            await self.secrets.delete(saved.id, SecretKind.REFRESH_TOKEN)
            self.profiles.set_token_meta(saved.id, None)
            self._facts.pop(saved.id, None)
            saved = self.profiles.save(replace(saved, last_refresh_at=None, user_id=None))
        active = self._session.profile.id if self._session is not None else None
        if active is None or (reconnect and active == saved.id):
            await self.activate_profile(saved.id)  # a new client for the new place
        else:
            self._publish({Aspect.PROFILES}, **self._profile_facts())
        return saved

    async def test_sign_in(self, candidate: Profile, app_key: str = "") -> TokenGrant:
        """Sign in with a form's values without saving anything (the typed AppKey, else the stored one).

        Nothing is stored and no session changes; the platform hands back the same token while one is
        valid, so the test costs the account nothing and leaves a signed-in session as it was.
        """
        key = app_key or (await self.secrets.get(candidate.id, SecretKind.APP_KEY) or "")
        if not key:
            raise ProfileValidationError("app_key", "Enter the AppKey to test the sign-in.")
        client = self.client_factory(candidate)
        try:
            return await client.login(candidate.app_id.strip(), key)
        finally:
            await client.aclose()

    async def add_profile(self, name: str, *, base_url: str, app_id: str, app_key: str) -> Profile:
        """A new profile with its AppKey (activated when none is active)."""
        profile = Profile(id=new_profile_id(), name=name, base_url=base_url, app_id=app_id)
        return await self.save_profile(profile, app_key, is_new=True)

    async def delete_profile(self, profile_id: str, *, delete_history: bool = False) -> None:
        """Delete a profile with its AppKey and tokens (and, when asked, its quota history)."""
        if self._session is not None and self._session.profile.id == profile_id:
            await self.activate_profile(None)
        profile = self.profiles.get(profile_id)
        store = self.history
        if delete_history and store is not None and profile is not None:
            sandbox = profile.is_sandbox
            await self.fleet.in_history_thread(lambda: store.delete_profile(profile_id, sandbox=sandbox))
            self._publish({Aspect.HISTORY}, history_version=self._state.history_version + 1)
        await self.fleet.forget(profile_id)
        await self.secrets.delete_profile(profile_id)
        self.profiles.delete(profile_id)
        self._facts.pop(profile_id, None)
        self._set_key_known(profile_id, None)
        self._publish({Aspect.PROFILES}, **self._profile_facts())

    # --- session use cases -------------------------------------------------------------------

    def require_session(self) -> Session:
        if self._session is None:
            raise NoProfileSelected("No profile is selected")
        return self._session

    async def sign_in(self, *, load_account: bool = True) -> TokenState:
        """Sign in with the active profile, then (by default) load the account and quotas."""
        session = self.require_session()
        try:
            tokens = await session.sign_in()
        except BaseException as exc:
            self._publish({Aspect.SESSION}, last_login_request=self._login_request(session))
            if isinstance(exc, Exception):
                self._session_failed(exc)
            raise
        self._session_succeeded(session, last_login_request=self._login_request(session))
        if load_account:
            await self.load_account()
        return tokens

    async def refresh(self, *, force: bool = False) -> TokenState:
        """Refresh the tokens (the 3-hour rule holds unless ``force``); a failure keeps the old ones."""
        session = self.require_session()
        try:
            tokens = await session.refresh(force=force)
        except Exception as exc:
            self._session_failed(exc)
            raise
        self._session_succeeded(session)
        return tokens

    async def sign_out(self) -> None:
        """Log out on the server and forget the tokens locally, even when the server call failed."""
        session = self.require_session()
        try:
            await session.sign_out()
        finally:
            self._facts.pop(session.profile.id, None)
            self._publish(
                {Aspect.SESSION, Aspect.ACCOUNT, Aspect.PROBLEMS, Aspect.PROFILES},
                **self._profile_facts(),
                tokens=None,
                account=None,
                account_loaded_at=None,
                problems=tuple(self._drop_problems(ProblemScope.SESSION)),
            )

    async def load_account(self) -> Account:
        """Fetch basic information and quotas for the signed-in account."""
        session = self.require_session()
        try:
            account = await session.load_account()
        except Exception as exc:
            self._session_failed(exc)
            raise
        self._session_succeeded(session)
        loaded_at = session.account_loaded_at or self._clock()
        tokens = session.tokens
        self._overview_row(
            LoadResult(
                profile=session.profile,
                account=account,
                loaded_at=loaded_at,
                token_expires_at=tokens.expires_at if tokens is not None else None,
                signed_in=tokens is not None,
            )
        )
        await self._record_history(session.profile, account, loaded_at)
        return account

    async def renew_if_due(self, now: datetime | None = None) -> bool:
        """Auto-renew: five minutes before expiry, refresh (or sign in again when refresh must wait)."""
        state = self._state
        if not state.auto_renew or state.tokens is None or self._renewing or self._session is None:
            return False
        now = now or self._clock()
        if state.tokens.remaining(now) > AUTO_RENEW_MARGIN:
            return False
        self._renewing = True
        try:
            if state.can_refresh and state.refresh_wait(now) <= timedelta(0):
                await self.refresh()
            else:
                await self.sign_in(load_account=False)
        finally:
            self._renewing = False
        return True

    def set_auto_renew(self, on: bool) -> None:
        if on != self._state.auto_renew:
            self._publish({Aspect.PREFERENCES}, auto_renew=on)

    def use_callback_url(self, url: str) -> None:
        """Sign and verify callbacks with ``url`` (the calculator and the receiver take it)."""
        self._publish({Aspect.CALLBACK_URL}, signed_as_url=url.strip())

    def set_quota_refresh(self, seconds: int) -> None:
        if seconds != self._state.quota_refresh_s:
            self._publish({Aspect.PREFERENCES}, quota_refresh_s=max(int(seconds), 0))

    def _login_request(self, session: Session) -> RequestPreview | None:
        return session.client.last_login_request if session.has_client else None

    def _session_succeeded(self, session: Session, **extra: Any) -> None:
        if session is not self._session:
            return  # the user switched profile while the call ran
        tokens = session.tokens
        state = self._publish(
            {Aspect.SESSION, Aspect.ACCOUNT, Aspect.PROBLEMS, Aspect.PROFILES},
            **self._profile_facts(),
            tokens=tokens,
            account=session.account,
            account_loaded_at=session.account_loaded_at,
            problems=tuple(self._drop_problems(ProblemScope.SESSION)),
            **extra,
        )
        if tokens is not None:
            self._facts[session.profile.id] = _SessionFacts(
                tokens.access_token, tokens, state.account, state.account_loaded_at, state.last_login_request
            )

    def _session_failed(self, exc: Exception) -> None:
        if isinstance(exc, asyncio.CancelledError):
            return
        self.report(exc, ProblemScope.SESSION)

    def _client_for(self, profile: Profile) -> PlatformClient:
        """Every client of the app reports its calls here, whichever view is open."""
        client = self.client_factory(profile)
        client.add_observer(self.record_call)
        return client

    def record_call(self, record: CallRecord) -> None:
        """A client finished a call: the request log keeps it and the clock-skew tracker reads its Date."""
        active = self._state.active
        base_url, profile = (active.base_url, active.name) if active is not None else ("", "")
        self.request_log.add(LogEntry.from_record(record, base_url, profile))
        changes: dict[str, Any] = {"request_log_count": self._state.request_log_count + 1}
        aspects = {Aspect.REQUEST_LOG}
        reading = self._skew.observe_record(record)
        if reading is not None:
            changes["clock_skew"] = reading
            aspects.add(Aspect.CLOCK)
            if reading.episode_started:
                skew = Problem(0, "warning", ProblemScope.CLOCK, code=CLOCK_SKEW)
                problems = [*self._drop_problems(ProblemScope.CLOCK), replace(skew, id=self._next_problem_id)]
                self._next_problem_id += 1
                changes["problems"] = tuple(problems)
                aspects.add(Aspect.PROBLEMS)
            elif reading.episode_ended:
                changes["problems"] = tuple(self._drop_problems(ProblemScope.CLOCK))
                aspects.add(Aspect.PROBLEMS)
        self._publish(aspects, **changes)

    async def clear_request_log(self) -> None:
        await self.request_log.clear()
        self._publish(
            {Aspect.REQUEST_LOG}, request_log_count=0, request_log_clears=self._state.request_log_clears + 1
        )

    def request_log_entries(self) -> list[LogEntry]:
        """Every kept call, oldest first (the request log view renders these)."""
        return self.request_log.entries()

    # --- quota history and the overview of every profile ------------------------------------

    async def open_history(self) -> None:
        """Open the quota history database off the loop's thread; a problem says why when it cannot."""
        if self._history_path is None or self.history is not None:
            return
        path = self._history_path
        try:
            store = await asyncio.get_running_loop().run_in_executor(None, HistoryStore.open, path)
        except HistoryError as exc:
            self.report(exc, ProblemScope.APP)
            return
        self.history = store
        self._owns_history = True
        self.fleet = FleetLoader(
            self.profiles, self.secrets, history=store, client_factory=self._fleet_client
        )
        self._publish({Aspect.HISTORY}, history_version=self._state.history_version + 1)

    async def _record_history(self, profile: Profile, account: Account, loaded_at: datetime) -> None:
        store = self.history
        if store is None:
            return
        snapshot = Snapshot.from_account(profile.id, account, loaded_at, sandbox=profile.is_sandbox)
        try:
            await self.fleet.in_history_thread(lambda: store.record(snapshot))
        except HistoryError as exc:
            self.report(exc, ProblemScope.APP)
            return
        self._publish({Aspect.HISTORY}, history_version=self._state.history_version + 1)

    async def history_of(self, profile: Profile, since: datetime | None = None) -> list[Snapshot]:
        """A profile's quota history, oldest first, from ``since`` on (empty without a history database)."""
        store = self.history
        if store is None:
            return []
        found = await self.fleet.in_history_thread(
            lambda: store.snapshots(profile.id, sandbox=profile.is_sandbox, since=since)
        )
        return (
            [snapshot for snapshot in found if isinstance(snapshot, Snapshot)]
            if isinstance(found, list)
            else []
        )

    async def refresh_all(
        self, profiles: list[Profile] | None = None, on_result: Callable[[LoadResult], object] | None = None
    ) -> list[LoadResult]:
        """Load every saved profile (or ``profiles``), a few at a time; each row fails alone with its code."""
        if self.history is None:
            await self.open_history()
        chosen = profiles if profiles is not None else self.profiles.list()

        def row_loaded(result: LoadResult) -> None:
            self._overview_row(result)
            if on_result is not None:
                on_result(result)

        results = await self.fleet.load_all(chosen, on_result=row_loaded)
        if any(r.ok for r in results):
            self._publish({Aspect.HISTORY}, history_version=self._state.history_version + 1)
        return results

    async def load_all(
        self, profiles: Iterable[Profile], on_result: Callable[[LoadResult], object] | None = None
    ) -> list[LoadResult]:
        """The fleet loader's interface (``status``, ``exporter`` and the Overview pane load through it)."""
        return await self.refresh_all(list(profiles), on_result=on_result)

    def _overview_row(self, result: LoadResult) -> None:
        """Keep a profile's latest load for the overview; a failed one keeps the last numbers beside its error."""
        rows = dict(self._state.overview)
        rows[result.profile.id] = result.keeping_numbers_of(rows.get(result.profile.id))
        known = {p.id for p in self.profiles.list()}
        rows = {key: value for key, value in rows.items() if key in known}
        self._publish({Aspect.OVERVIEW}, overview=MappingProxyType(rows))

    def _fleet_client(self, profile: Profile) -> PlatformClient:
        """The overview's clients: the same settings as the active profile's client."""
        return self.client_factory(profile)

    # --- embedded sandbox --------------------------------------------------------------------

    async def ensure_sandbox(self) -> SandboxServer:
        """Start the in-process sandbox on a free loopback port (once)."""
        if self._sandbox is None:
            server = self._sandbox_factory()
            if self._sandbox_usage_growth:
                from aigc_desktop.sandbox.usage_growth import UsageGrowth

                server.state.usage_growth = UsageGrowth(percent_per_hour=self._sandbox_usage_growth)
            await server.start()
            self._sandbox = server
            log.info("embedded sandbox listening on %s", server.base_url)
            self._publish({Aspect.SANDBOX}, sandbox_url=server.base_url)
        return self._sandbox

    async def _attach_sandbox(self, profile: Profile | None = None) -> Profile:
        """The sandbox profile (``profile``'s id when given) pointed at the running sandbox and its demo."""
        server = await self.ensure_sandbox()
        demo = server.demo
        saved = await ensure_sandbox_profile(
            self.profiles,
            self.secrets,
            base_url=server.base_url,
            app_id=demo.app_id,
            app_key=demo.app_key,
            user_id=demo.user_id,
            profile_id=profile.id if profile is not None else None,
        )
        self._set_key_known(saved.id, True)
        return saved

    async def start_sandbox_session(self) -> Profile:
        """``--sandbox`` and "Try the sandbox": start it, select its profile, sign in, load the account."""
        profile = await self._attach_sandbox()
        activated = await self.activate_profile(profile.id)
        assert activated is not None
        await self.sign_in()
        return activated

    # --- start-up ----------------------------------------------------------------------------

    async def start(self, *, sandbox: bool) -> None:
        """Check the keyring and open the history, then open the sandbox or the last profile."""
        await self.probe_secrets()
        await self.open_history()
        if sandbox:
            await self.start_sandbox_session()
        elif self.profiles.active_id and self.profiles.get(self.profiles.active_id):
            await self.activate_profile(self.profiles.active_id)
        elif self.profiles.list():
            await self.activate_profile(self.profiles.list()[0].id)

    # --- callback receiver -------------------------------------------------------------------

    async def start_receiver(self, receiver: CallbackReceiver) -> CallbackReceiver:
        """Start ``receiver`` and own it from now on (one at a time: a running one is stopped first)."""
        await self.stop_receiver()
        await receiver.start()
        self._receiver = receiver
        self._publish(
            {Aspect.RECEIVER},
            receiver=ReceiverStatus(True, receiver.url, receiver.host, receiver.port),
        )
        return receiver

    async def stop_receiver(self) -> None:
        receiver, self._receiver = self._receiver, None
        if receiver is None:
            return
        try:
            await receiver.stop()
        finally:
            self._publish({Aspect.RECEIVER}, receiver=ReceiverStatus())

    # --- shutdown ----------------------------------------------------------------------------

    async def _close_session(self, session: Session) -> None:
        try:
            await asyncio.wait_for(session.aclose(), CLOSE_TIMEOUT_S)
        except (TimeoutError, OSError, AigcError) as exc:
            log.warning("closing the HTTP client failed: %s", exc)

    async def aclose(self) -> None:
        """Stop the receiver, close the client and the sandbox, flush the request log (loop still running)."""
        steps: list[Callable[[], Awaitable[None]]] = [self.stop_receiver, self.fleet.aclose]
        if self._session is not None:
            steps.append(lambda: self._close_session(self._session) if self._session else _nothing())
        steps.append(self._stop_sandbox)
        steps.append(self.request_log.flush)
        if self.history is not None and self._owns_history:
            steps.append(self._close_history)
        for step in steps:
            try:
                await asyncio.wait_for(step(), CLOSE_TIMEOUT_S)
            except Exception:  # one failing step must not keep the others from closing
                log.exception("closing the app: a step failed")

    async def _close_history(self) -> None:
        store, self.history = self.history, None
        if store is not None:
            await asyncio.get_running_loop().run_in_executor(None, store.close)

    async def _stop_sandbox(self) -> None:
        server, self._sandbox = self._sandbox, None
        if server is not None:
            with contextlib.suppress(TimeoutError, OSError):
                await server.stop()


async def _nothing() -> None:
    return None
