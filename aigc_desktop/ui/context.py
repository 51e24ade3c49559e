"""``AppContext``: the Qt side of the ``AppModel`` — its changes as signals, and one way to run async work.

The model (``aigc_desktop.application``) holds every fact and use case; this adapter re-emits each
change as ``state_changed(state, aspects)``, keeps the busy indicator's list of running calls
(``run(coro, label)``: a visible busy state with Cancel, a strong reference to the task — qasync keeps
only weak ones — and every failure routed to the model's problems, which the banner area renders),
and ticks once a second for every countdown and for auto-renew. Panes render ``ctx.state`` when
shown and on ``state_changed``; they never keep a copy of a session fact or ask each other.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from aigc_desktop.application.errors import SecretStoreError
from aigc_desktop.application.model import AUTO_RENEW_MARGIN, AppModel
from aigc_desktop.application.state import AppState, Aspect, ProblemScope
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.platform.redaction import redact_text

if TYPE_CHECKING:
    from aigc_desktop.services.app_settings import AppSettingsStore
    from aigc_desktop.services.profiles import Profile

log = logging.getLogger(__name__)

CLOSE_TIMEOUT_S = 5.0
TICK_MS = 1000


@dataclass(slots=True)
class Job:
    """One running call as the busy indicator shows it."""

    label: str
    task: asyncio.Task[Any]


class AppContext(QObject):
    """The model's changes as Qt signals, the running calls, and the app's one-second clock."""

    state_changed = Signal(object, object)  # AppState, frozenset[Aspect]
    profile_changed = Signal(object)  # Profile | None: another profile became active
    jobs_changed = Signal()
    error_reported = Signal(object)  # BaseException: every failure (the crash reporter listens)
    notice = Signal(str, str)  # level, text: "info" goes to the status bar, the rest become banners
    navigate = Signal(str)  # PANE_ID: ask the main window to show a pane
    lookup_error_code = Signal(int)  # show this platform code in the Error codes pane
    settings_changed = Signal(object)  # AppSettings, after the Settings dialog saved them
    tick = Signal()  # once a second while the app runs: countdowns

    def __init__(self, model: AppModel, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.app_settings: AppSettingsStore | None = None  # set by the bootstrap (None: defaults)
        self._jobs: list[Job] = []
        self._close_hooks: list[Callable[[], Awaitable[None]]] = []
        self._closing = False
        self._active_id: str | None = model.state.active.id if model.state.active else None
        self._unsubscribe = model.subscribe(self._model_changed)
        self.notice.connect(self._route_notice)
        self._clock = QTimer(self)
        self._clock.setInterval(TICK_MS)
        self._clock.timeout.connect(self._on_tick)
        self._clock.start()

    # --- the model's state -------------------------------------------------------------------

    @property
    def state(self) -> AppState:
        return self.model.state

    @property
    def active_profile(self) -> Profile | None:
        return self.model.state.active

    def _model_changed(self, state: AppState, aspects: frozenset[Aspect]) -> None:
        active_id = state.active.id if state.active is not None else None
        if active_id != self._active_id:
            self._active_id = active_id
            self.profile_changed.emit(state.active)
        self.state_changed.emit(state, aspects)

    def _route_notice(self, level: str, text: str) -> None:
        if level == "info":
            return  # the status bar shows it (main window)
        title, _, detail = text.partition("\n")  # first line is the title, the rest the detail
        self.model.report_notice(level, title, detail)

    def _on_tick(self) -> None:
        self.tick.emit()
        tokens = self.model.state.tokens
        due = tokens is not None and tokens.remaining() <= AUTO_RENEW_MARGIN
        if due and self.model.state.auto_renew and not self.busy:
            self.run(self.model.renew_if_due(), self.tr("Renewing the token…"))

    # --- running work ------------------------------------------------------------------------

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

    def report_error(self, exc: BaseException, scope: ProblemScope | None = None) -> None:
        """The one place errors become visible (a banner) and logged (redacted by the log filter)."""
        if isinstance(exc, AigcError | SecretStoreError):  # expected failures: one line, no traceback
            log.warning("%s", exc)
        else:
            # Format the traceback here so the text passes through redaction (exc_info would not).
            log.error("unexpected error\n%s", redact_text("".join(traceback.format_exception(exc))))
        self.model.report(exc, scope)
        self.error_reported.emit(exc)

    # --- shutdown ----------------------------------------------------------------------------

    def add_close_hook(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Await ``hook()`` on shutdown while the loop still runs (e.g. a pane's local server)."""
        self._close_hooks.append(hook)

    async def aclose(self) -> None:
        """Cancel running work, run close hooks, then close the model — before the loop stops."""
        self._closing = True
        self._clock.stop()
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
        await self.model.aclose()
        self._unsubscribe()
