"""GUI test harness: a qasync loop on pytest-qt's QApplication, isolated settings and keyring.

pytest-qt has no qasync integration. What works robustly: make the app's loop (``BatchingEventLoop``,
a ``qasync.QEventLoop``) with ``already_running=True`` and set it as the running loop for the duration of one test. Every Qt
event processing (``qtbot.waitUntil``/``waitSignal``) then also runs asyncio callbacks, timers and
socket notifiers, so app code that calls ``asyncio.ensure_future`` behaves as in the real app and
tests stay synchronous. ``aio.run(coro)`` drives one coroutine to completion the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.event_loop import BatchingEventLoop
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import QSettingsBackend
from tests.services.memory_keyring import MemoryKeyring

T = TypeVar("T")
WAIT_MS = 10_000


class AsyncHelper:
    """Runs coroutines on the test's qasync loop by processing Qt events until they finish."""

    def __init__(self, loop: asyncio.AbstractEventLoop, qtbot: QtBot) -> None:
        self.loop = loop
        self.qtbot = qtbot

    def run(self, coro: Coroutine[Any, Any, T], timeout_ms: int = WAIT_MS) -> T:
        task = asyncio.ensure_future(coro)
        return self.wait_task(task, timeout_ms).result()

    def wait_task(self, task: asyncio.Future[T], timeout_ms: int = WAIT_MS) -> asyncio.Future[T]:
        """Wait until ``task`` is done *and* its done-callbacks have run.

        A task is done before the callbacks it scheduled with ``call_soon`` run (``AppContext`` drops a
        finished job, and so re-enables buttons, in one of them). A marker queued after them, run in
        order, says they have all run; without it a click right after could hit a still-disabled button.
        """
        self.qtbot.waitUntil(task.done, timeout=timeout_ms)
        flushed = self.loop.create_future()
        self.loop.call_soon(flushed.set_result, None)
        self.qtbot.waitUntil(flushed.done, timeout=timeout_ms)
        return task


@pytest.fixture
def aio(qapp: Any, qtbot: QtBot) -> Iterator[AsyncHelper]:
    loop = BatchingEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(loop)
    helper = AsyncHelper(loop, qtbot)
    try:
        yield helper
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=WAIT_MS)
    finally:
        # Not loop.stop(): it calls QApplication.exit(), after which no later test's events are delivered.
        loop._QEventLoop__is_running = False  # type: ignore[attr-defined]
        asyncio.events._set_running_loop(None)
        asyncio.set_event_loop(None)
        loop.close()


@pytest.fixture(autouse=True, scope="session")
def _no_user_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Belt and braces: even a default-constructed QSettings lands in a temporary folder."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, folder)


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_path: Path) -> QSettings:
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


@pytest.fixture
def sandbox(aio: AsyncHelper) -> Iterator[SandboxServer]:
    server = SandboxServer()
    aio.run(server.start())
    yield server
    aio.run(server.stop())


class AppHarness:
    """A real main window over real services, as ``run_app`` builds it (minus the settings location)."""

    def __init__(self, aio: AsyncHelper, qtbot: QtBot, settings: QSettings) -> None:
        self.aio = aio
        self.qtbot = qtbot
        self.settings = settings
        self.model = AppModel(ProfileStore(QSettingsBackend(settings)), SecretStore(timeout_s=2.0))
        self.ctx = AppContext(self.model)
        aio.run(self.model.probe_secrets())
        self.window = MainWindow(self.ctx, settings)
        qtbot.addWidget(self.window)
        self.window.show()
        self.errors: list[BaseException] = []
        self.ctx.error_reported.connect(self.errors.append)

    @property
    def state(self) -> Any:
        return self.model.state

    def pane(self, pane_id: str) -> Any:
        return self.window.show_pane(pane_id)

    def wait_idle(self, timeout_ms: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(lambda: not self.ctx.busy, timeout=timeout_ms)

    def wait(self, condition: Callable[[], bool], timeout_ms: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout_ms)

    def start_sandbox(self) -> None:
        self.aio.run(self.model.start_sandbox_session())

    def close(self) -> None:
        self.aio.run(self.ctx.aclose())


@pytest.fixture
def app(
    aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> Iterator[AppHarness]:
    harness = AppHarness(aio, qtbot, settings)
    yield harness
    harness.close()


@pytest.fixture
def language(
    qapp: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """``language("zh_CN")`` installs that translator (before any window is built); English comes back after."""
    from PySide6.QtCore import QLocale

    from aigc_desktop.ui import i18n

    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    previous_locale = QLocale()

    def choose(choice: str) -> str:
        settings.setValue(i18n.KEY_LANGUAGE, choice)
        return i18n.install_translator(qapp, settings)

    yield choose
    i18n.remove_translators(qapp)
    QLocale.setDefault(previous_locale)


@pytest.fixture
def chinese_window(
    language: Any, aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> Iterator[AppHarness]:
    """The real window in Simplified Chinese, as ``run_app`` builds it after ``install_translator``."""
    assert language("zh_CN") == "zh_CN"
    harness = AppHarness(aio, qtbot, settings)
    try:
        yield harness
    finally:
        harness.close()
