"""Crash safety: bugs get a redacted crash report and a non-blocking dialog; quitting mid-call loses nothing.

Errors are raised where real ones happen: inside a ``ctx.run`` task, inside a qasync ``@asyncSlot``
and inside a plain Qt slot (PySide6 hands those to ``sys.excepthook``). The report on disk and in the
dialog must hold no secret — neither registered ones in the message nor unregistered ones in locals.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QObject, QSettings, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.exceptions import RateLimited
from aigc_desktop.platform.redaction import register_secret
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.secrets import SecretKind, SecretStore
from aigc_desktop.services.session import Session
from aigc_desktop.ui.error_hooks import ErrorHooks, build_crash_report, install_error_hooks
from aigc_desktop.ui.settings import QSettingsBackend
from tests.reliability.gui import GuiApp, Heartbeat, button, client_factory
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AsyncHelper

REGISTERED = "CrashTestAppKey-7f3a9c21"  # registered like every AppKey the app handles
LOCAL_ONLY = "".join(["Unregistered", "Local", "Secret", "-55e1"])  # never registered, only in a local


@pytest.fixture
def gui(
    aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> Iterator[GuiApp]:
    app = GuiApp(aio, qtbot, settings, client_factory(read_timeout=10.0))
    yield app
    app.close()


@pytest.fixture
def hooks(gui: GuiApp, aio: AsyncHelper, tmp_path: Path) -> Iterator[tuple[ErrorHooks, list[QUrl]]]:
    opened: list[QUrl] = []

    def opener(url: QUrl) -> bool:
        opened.append(url)
        return True

    installed = install_error_hooks(
        gui.ctx, aio.loop, log_dir=tmp_path / "logs", parent_window=gui.window, open_url=opener
    )
    yield installed, opened
    installed()
    if installed.reporter is not None and installed.reporter.dialog is not None:
        installed.reporter.dialog.close()


def _buggy(profile_name: str) -> None:
    hidden = LOCAL_ONLY  # a local holding a secret: tracebacks must never include locals
    register_secret(REGISTERED, partial=False)
    raise RuntimeError(f"profile {profile_name} failed with key {REGISTERED} ({len(hidden)} chars)")


def _assert_report_is_safe(text: str) -> None:
    assert REGISTERED not in text and LOCAL_ONLY not in text
    assert "RuntimeError" in text and "Traceback (most recent call last)" in text
    assert "AIGC Desktop" in text and "Python" in text and "Qt " in text  # versions
    assert "_buggy" in text  # the frames are there, just not their locals


def _check_crash(gui: GuiApp, hooks: tuple[ErrorHooks, list[QUrl]], tmp_path: Path) -> None:
    installed, _opened = hooks
    reporter = installed.reporter
    assert reporter is not None
    gui.wait(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert dialog is not None and not dialog.isModal()
    _assert_report_is_safe(dialog.report)
    files = sorted((tmp_path / "logs").glob("crash-*.txt"))
    assert len(files) == 1 and files == reporter.reports
    _assert_report_is_safe(files[0].read_text(encoding="utf-8"))
    assert any("Unexpected error" in t and "RuntimeError" in t for t in gui.banner_texts())  # banner too


def test_error_in_a_ctx_run_task(gui: GuiApp, hooks: tuple[ErrorHooks, list[QUrl]], tmp_path: Path) -> None:
    async def job() -> None:
        await asyncio.sleep(0)
        _buggy("Production")

    gui.ctx.run(job(), "A job with a bug")
    _check_crash(gui, hooks, tmp_path)


class _Emitter(QObject):
    fired = Signal()

    @qasync.asyncSlot()
    async def on_fired(self) -> None:
        await asyncio.sleep(0)
        _buggy("AsyncSlot")


@pytest.mark.qt_no_exception_capture
def test_error_in_an_async_slot(gui: GuiApp, hooks: tuple[ErrorHooks, list[QUrl]], tmp_path: Path) -> None:
    emitter = _Emitter()
    emitter.fired.connect(emitter.on_fired)
    emitter.fired.emit()
    _check_crash(gui, hooks, tmp_path)


@pytest.mark.qt_no_exception_capture
def test_error_in_a_plain_qt_slot(gui: GuiApp, hooks: tuple[ErrorHooks, list[QUrl]], tmp_path: Path) -> None:
    QTimer.singleShot(0, lambda: _buggy("QtSlot"))
    _check_crash(gui, hooks, tmp_path)


def test_dialog_never_blocks_and_its_buttons_work(
    gui: GuiApp, hooks: tuple[ErrorHooks, list[QUrl]], tmp_path: Path
) -> None:
    installed, opened = hooks
    gui.ctx.run(_raise_later(), "bug")
    _check_crash(gui, hooks, tmp_path)
    dialog = installed.reporter.dialog  # type: ignore[union-attr]
    assert dialog is not None
    heartbeat = Heartbeat()
    try:
        start = heartbeat.ticks
        gui.wait(lambda: heartbeat.ticks >= start + 3)  # the loop runs while the dialog is up
    finally:
        heartbeat.stop()
    button(dialog, "copy_button").click()
    assert QGuiApplication.clipboard().text() == dialog.report
    button(dialog, "open_folder_button").click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "logs")]
    # A second bug updates the same dialog (no pile of windows) and writes a second report.
    gui.ctx.run(_raise_later(), "bug again")
    gui.wait(lambda: dialog.errors_shown == 2)
    assert "2 errors so far" in dialog.title.text()
    assert len(list((tmp_path / "logs").glob("crash-*.txt"))) == 2
    assert [
        w for w in QApplication.topLevelWidgets() if type(w).__name__ == "CrashDialog" and w.isVisible()
    ] == [dialog]
    button(dialog, "dismiss_button").click()
    assert not dialog.isVisible()


async def _raise_later() -> None:
    await asyncio.sleep(0)
    _buggy("Later")


def test_expected_errors_get_a_banner_but_no_crash_report(
    gui: GuiApp, hooks: tuple[ErrorHooks, list[QUrl]], tmp_path: Path
) -> None:
    async def rate_limited() -> None:
        raise RateLimited(89999999, "too frequent", "Your access is too frequent")

    gui.ctx.run(rate_limited(), "call")
    gui.wait(lambda: any("89999999" in t for t in gui.banner_texts()))
    assert hooks[0].reporter is not None and hooks[0].reporter.dialog is None
    assert not (tmp_path / "logs").exists() or not list((tmp_path / "logs").glob("crash-*.txt"))


def test_without_a_log_folder_the_report_is_shown_but_not_written(gui: GuiApp, aio: AsyncHelper) -> None:
    """Self-test and tests configure no log folder: nothing may land in the user's real log folder."""
    installed = install_error_hooks(gui.ctx, aio.loop, parent_window=gui.window)
    try:
        assert installed.reporter is not None and installed.reporter.log_dir is None
        gui.ctx.run(_raise_later(), "bug")
        gui.wait(lambda: installed.reporter.dialog is not None and installed.reporter.dialog.isVisible())  # type: ignore[union-attr]
        dialog = installed.reporter.dialog
        assert dialog is not None and "Not saved" in dialog.saved_label.text()
        assert not dialog.open_folder_button.isEnabled() and installed.reporter.reports == []
        _assert_report_is_safe(dialog.report)
        dialog.close()
    finally:
        installed()


def test_report_paths_show_home_as_tilde_and_chained_causes_are_kept() -> None:
    try:
        try:
            _buggy("Inner")
        except RuntimeError as inner:
            raise ValueError("outer failure") from inner
    except ValueError as exc:
        report = build_crash_report(exc)
    _assert_report_is_safe(report)
    assert "ValueError: outer failure" in report and "direct cause" in report
    assert str(Path.home()) + "/" not in report


# --- quitting in the middle of a request ------------------------------------------------------


def _quit(gui: GuiApp) -> None:
    """What run_app does when the last window closes: close, then ctx.aclose() while the loop runs."""
    gui.window.close()
    gui.close()


def _reopen(settings: QSettings, keyring: MemoryKeyring, aio: AsyncHelper) -> tuple[ProfileStore, Session]:
    settings.sync()
    store = ProfileStore(QSettingsBackend(QSettings(settings.fileName(), QSettings.Format.IniFormat)))
    profile = store.get(store.active_id or "")
    assert profile is not None
    session = Session(profile, store, SecretStore(keyring, timeout_s=2.0))
    assert aio.run(session.restore())
    return store, session


def test_quitting_during_a_slow_sign_in_keeps_profile_and_keyring(
    gui: GuiApp, aio: AsyncHelper, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    gui.aio.run(gui.ctx.model.start_sandbox_session())
    gui.wait_idle()
    session = gui.ctx.model.session
    assert session is not None and session.tokens is not None
    before_tokens = session.tokens
    profile_before = session.profile
    entries_before = dict(memory_keyring.entries)
    app_key = gui.ctx.model.sandbox.demo.app_key
    gui.ctx.model.sandbox.faults.add(endpoints.LOGIN.path, "delay", 1, seconds=60)
    button(gui.pane("token"), "sign_in_button").click()
    gui.wait(lambda: gui.ctx.busy)
    _quit(gui)
    assert not gui.ctx.busy
    assert memory_keyring.entries == entries_before  # AppKey and tokens untouched
    store, restored = _reopen(settings, memory_keyring, aio)
    assert store.get(profile_before.id) == profile_before
    assert restored.tokens is not None and restored.tokens.access_token == before_tokens.access_token
    stored_key = aio.run(
        SecretStore(memory_keyring, timeout_s=2.0).get(profile_before.id, SecretKind.APP_KEY)
    )
    assert stored_key == app_key


def test_quitting_during_a_refresh_keeps_the_old_tokens(
    gui: GuiApp, aio: AsyncHelper, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    gui.aio.run(gui.ctx.model.start_sandbox_session())
    gui.wait_idle()
    session = gui.ctx.model.session
    assert session is not None and session.tokens is not None
    old = session.tokens
    refresh_time = session.profile.last_refresh_at
    gui.ctx.model.sandbox.faults.add(endpoints.REFRESH.path, "delay", 1, seconds=60)
    button(gui.pane("token"), "refresh_button").click()
    gui.wait(lambda: gui.ctx.busy)
    _quit(gui)
    _store, restored = _reopen(settings, memory_keyring, aio)
    assert restored.tokens is not None
    assert (restored.tokens.access_token, restored.tokens.refresh_token) == (
        old.access_token,
        old.refresh_token,
    )
    assert restored.profile.last_refresh_at == refresh_time
