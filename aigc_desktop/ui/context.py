"""``AppContext``: what every pane gets — services, app-wide signals, and one way to run async work.

Panes never create clients or touch the keyring directly: they call the coroutines here through
``ctx.run(coro, label)``, which shows the busy indicator with a Cancel button, keeps a strong
reference to the task (qasync keeps only weak ones), and routes every failure to the banner.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.platform.models import Account
from aigc_desktop.platform.redaction import redact_text
from aigc_desktop.services.app_settings import AppSettingsStore
from aigc_desktop.services.profiles import Profile, ProfileStore
from aigc_desktop.services.request_log import RequestLogStore
from aigc_desktop.services.sandbox_profile import ensure_sandbox_profile
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.services.session import (
    ClientFactory,
    NotSignedIn,
    Session,
    TokenState,
    default_client_factory,
)

log = logging.getLogger(__name__)

CLOSE_TIMEOUT_S = 5.0


@dataclass(slots=True)
class Job:
    """One running call as the busy indicator shows it."""

    label: str
    task: asyncio.Task[Any]


class AppContext(QObject):
    """Services, signals and the async runner shared by the main window and every pane."""

    profiles_edited = Signal()  # the list of profiles changed (created, renamed, deleted)
    profile_changed = Signal(object)  # Profile | None: the active profile
    signed_in = Signal(object)  # Session
    tokens_changed = Signal(object)  # Session: sign-in, refresh or restore
    signed_out = Signal()
    account_loaded = Signal(object)  # Account
    jobs_changed = Signal()
    error_reported = Signal(object)  # BaseException
    notice = Signal(str, str)  # level ("info" / "warning" / "error"), text
    call_recorded = Signal(object)  # CallRecord, for the request log
    navigate = Signal(str)  # PANE_ID: ask the main window to show a pane
    lookup_error_code = Signal(int)  # show this platform code in the Error codes pane
    settings_changed = Signal(object)  # AppSettings, after the Settings dialog saved them

    def __init__(
        self,
        profiles: ProfileStore,
        secrets: SecretStore,
        *,
        client_factory: ClientFactory = default_client_factory,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.secrets = secrets
        self.client_factory = client_factory
        self.session: Session | None = None
        self.sandbox: Any = None  # aigc_desktop.sandbox.SandboxServer once started (imported lazily)
        self.app_settings: AppSettingsStore | None = None  # set by the bootstrap (None: defaults)
        self.request_log: RequestLogStore | None = None  # set by the bootstrap (None: in memory only)
        self._jobs: list[Job] = []
        self._close_hooks: list[Callable[[], Awaitable[None]]] = []
        self._closing = False

    # --- running work -----------------------------------------------------------------------

    def run(self, coro: Coroutine[Any, Any, Any], label: str) -> asyncio.Task[Any]:
        """Start ``coro`` on the loop with a visible busy state; errors go to the banner."""
        task: asyncio.Task[Any] = asyncio.ensure_future(coro)
        job = Job(label, task)
        self._jobs.append(job)
        task.add_done_callback(lambda done: self._finished(job, done))
        self.jobs_changed.emit()
        return task

    def _finished(self, job: Job, task: asyncio.Task[Any]) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
        self.jobs_changed.emit()
        if task.cancelled():
            if not self._closing:
                self.notice.emit("info", self.tr("Cancelled: %1").replace("%1", job.label))
            return
        exc = task.exception()
        if exc is not None:
            self.report_error(exc)

    def job_labels(self) -> list[str]:
        return [job.label for job in self._jobs]

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.task.cancel()

    def report_error(self, exc: BaseException) -> None:
        """The one place errors become visible (banner) and logged (redacted by the log filter)."""
        if isinstance(exc, AigcError):
            log.warning("%s", exc)
        else:
            # Format the traceback here so the text passes through redaction (exc_info would not).
            log.error("unexpected error\n%s", redact_text("".join(traceback.format_exception(exc))))
        self.error_reported.emit(exc)

    # --- profiles and sessions --------------------------------------------------------------

    @property
    def active_profile(self) -> Profile | None:
        return self.session.profile if self.session is not None else None

    def profiles_changed(self) -> None:
        """Panes that edit profiles call this so selectors and panes re-read the store."""
        self.profiles_edited.emit()
        if self.session is not None and self.profiles.get(self.session.profile.id) is None:
            self.run(self.activate_profile(None), self.tr("Closing the deleted profile"))

    async def activate_profile(self, profile_id: str | None) -> Session | None:
        """Close the current session's client and make ``profile_id`` the active profile."""
        old, self.session = self.session, None
        if old is not None:
            await self._close_session(old)
            if old.tokens is not None:
                self.signed_out.emit()
        profile = self.profiles.get(profile_id) if profile_id else None
        if profile is not None and profile.is_sandbox:
            profile = await self._attach_sandbox(profile)
        self.profiles.active_id = profile.id if profile else None
        if profile is None:
            self.profile_changed.emit(None)
            return None
        session = Session(profile, self.profiles, self.secrets, client_factory=self._observed_factory)
        self.session = session
        self.profile_changed.emit(profile)
        if await session.restore():
            self.tokens_changed.emit(session)
            self.signed_in.emit(session)
        return session

    def _observed_factory(self, profile: Profile) -> Any:
        client = self.client_factory(profile)
        client.add_observer(self._on_call)
        return client

    def _on_call(self, record: CallRecord) -> None:
        self.call_recorded.emit(record)

    def require_session(self) -> Session:
        if self.session is None:
            raise NotSignedIn(
                self.tr("No profile is selected"), advice=self.tr("Create or choose a profile first.")
            )
        return self.session

    async def sign_in(self, *, load_account: bool = True) -> TokenState:
        """Sign in with the active profile, then (by default) load the account and quotas."""
        session = self.require_session()
        state = await session.sign_in()
        self.tokens_changed.emit(session)
        self.signed_in.emit(session)
        if load_account:
            await self.load_account()
        return state

    async def refresh(self, *, force: bool = False) -> TokenState:
        session = self.require_session()
        state = await session.refresh(force=force)
        self.tokens_changed.emit(session)
        return state

    async def sign_out(self) -> None:
        session = self.require_session()
        try:
            await session.sign_out()
        finally:
            self.signed_out.emit()

    async def load_account(self) -> Account:
        session = self.require_session()
        account = await session.load_account()
        self.account_loaded.emit(account)
        return account

    # --- embedded sandbox -------------------------------------------------------------------

    async def ensure_sandbox(self) -> Any:
        """Start the in-process sandbox on a free loopback port (once)."""
        if self.sandbox is None:
            from aigc_desktop.sandbox import SandboxServer  # only the sandbox path loads it

            server = SandboxServer(host="127.0.0.1", port=0)
            await server.start()
            self.sandbox = server
            log.info("embedded sandbox listening on %s", server.base_url)
        return self.sandbox

    async def _attach_sandbox(self, profile: Profile | None = None) -> Profile:
        """The sandbox profile (``profile``'s id when given) pointed at the running sandbox and its demo."""
        server = await self.ensure_sandbox()
        demo = server.demo
        return await ensure_sandbox_profile(
            self.profiles,
            self.secrets,
            base_url=server.base_url,
            app_id=demo.app_id,
            app_key=demo.app_key,
            user_id=demo.user_id,
            profile_id=profile.id if profile is not None else None,
        )

    async def start_sandbox_session(self) -> Session:
        """``--sandbox`` and "Try the sandbox": start it, select its profile, sign in, load the account."""
        profile = await self._attach_sandbox()
        self.profiles_edited.emit()
        session = await self.activate_profile(profile.id)
        assert session is not None
        await self.sign_in()
        return session

    # --- shutdown ---------------------------------------------------------------------------

    async def _close_session(self, session: Session) -> None:
        try:
            await asyncio.wait_for(session.aclose(), CLOSE_TIMEOUT_S)
        except (TimeoutError, OSError, AigcError) as exc:
            log.warning("closing the HTTP client failed: %s", exc)

    def add_close_hook(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Await ``hook()`` on shutdown while the loop still runs (e.g. a pane's local server)."""
        self._close_hooks.append(hook)

    async def aclose(self) -> None:
        """Cancel running work, run close hooks, close the client and stop the sandbox — before the loop stops."""
        self._closing = True
        tasks = [job.task for job in self._jobs]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks, timeout=CLOSE_TIMEOUT_S)
        hooks, self._close_hooks = self._close_hooks, []
        for hook in hooks:
            try:
                await asyncio.wait_for(hook(), CLOSE_TIMEOUT_S)
            except Exception:  # one failing hook must not keep the others from closing
                log.exception("a close hook failed")
        if self.session is not None:
            await self._close_session(self.session)
        server, self.sandbox = self.sandbox, None
        if server is not None:
            with contextlib.suppress(TimeoutError, OSError):
                await asyncio.wait_for(server.stop(), CLOSE_TIMEOUT_S)
