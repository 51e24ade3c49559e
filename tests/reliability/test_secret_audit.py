"""Secret audit: a full session with distinctive secrets, then every byte the app wrote is searched.

The app runs as ``run_app`` assembles it (real settings file, log file, request log, crash reports,
keyring probe) with HOME and the XDG folders in a temporary directory. A user's session is played
through the panes: create a profile with an AppKey, sign in, refresh, account and quotas, AuthKey
rotation (current + previous) with deliveries to the local receiver, exports (quota CSV/JSON,
deliveries JSON, curl copy), sign out, one unexpected error, quit. Then every file under the
temporary HOME, the captured stdout/stderr, the log records and the clipboard are searched for each
secret, each token, each login sign and their MD5s: zero hits. The same for ``aigc-desktop
--self-test`` run as a subprocess.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from aigc_desktop.callbacks.sender import CallbackSender
from aigc_desktop.cli import build_parser
from aigc_desktop.platform import client as client_module
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.profiles import BaseUrlPreset
from aigc_desktop.ui import error_hooks
from aigc_desktop.ui.error_hooks import configure_logging
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import APPLICATION
from aigc_desktop.ui.startup.bootstrap import run_app
from tests.reliability import hardening
from tests.sandbox._helpers import account_entry, make_accounts
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AsyncHelper

APP_ID = "audit-app-4411"
APP_KEY = "AuditAppKey9b7f2d41e6c3Zq"
AUTH_KEY_OLD = "AuditOldAuthKey2024Xy7Q"
AUTH_KEY_NEW = "AuditNewAuthKey2025Pw3R"
AUTH_KEY_WRONG = "AuditWrongAuthKey99Lm5T"
CALLBACK_URL = "https://hooks.example.com/aigc/audit-callback"
LONG_WAIT_MS = 20_000


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def _needles(values: set[str]) -> dict[str, bytes]:
    """Each secret and its MD5 (as hex), as the bytes to search for."""
    needles: dict[str, bytes] = {}
    for value in values:
        needles[value] = value.encode()
        needles[f"md5({value[:6]}…)"] = _md5(value).encode()
    return needles


def _scan(needles: dict[str, bytes], sources: dict[str, bytes]) -> list[str]:
    return [
        f"{name} found in {where}"
        for where, data in sources.items()
        for name, n in needles.items()
        if n in data
    ]


def _files_under(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
    }


@pytest.fixture
def temp_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """HOME and every XDG folder in a temp dir; QSettings' user scope there too (as on a real desktop)."""
    home = tmp_path / "home"
    for variable, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home / ".config"))
    yield home
    # back to a throwaway folder (never the user's), like the session-wide fixture of tests/ui
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings-after")
    )


@pytest.fixture
def root_logging() -> Iterator[None]:
    """configure_logging adds handlers to the root logger: take them away again after the test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    error_hooks._configured_log_dir = None  # the crash-report folder configure_logging remembered


def _main_window() -> MainWindow | None:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    return windows[0] if windows else None


def test_full_gui_session_leaves_no_secret_in_any_file_log_or_output(
    aio: AsyncHelper,
    qtbot: QtBot,
    temp_home: Path,
    root_logging: None,
    memory_keyring: MemoryKeyring,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signs: list[str] = []
    real_sign = client_module.token_sign

    def spy_sign(app_id: str, timestamp: str, app_key: str) -> str:
        signs.append(real_sign(app_id, timestamp, app_key))
        return signs[-1]

    monkeypatch.setattr(client_module, "token_sign", spy_sign)
    previous_signals = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    server = SandboxServer(accounts=make_accounts(account_entry(appId=APP_ID, appKey=APP_KEY)))
    aio.run(server.start())
    exports = temp_home / "Documents"
    exports.mkdir()

    # Start the app the way `aigc-desktop` does (logging first, then run_app on the loop), all at DEBUG.
    configure_logging(log_dir=platformdirs.user_log_dir(APPLICATION, appauthor=False))
    logging.getLogger().setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    app_task = asyncio.ensure_future(run_app(build_parser().parse_args([])))  # `aigc-desktop`
    try:
        # the frame is painted first; the context is attached to the same window right after
        qtbot.waitUntil(lambda: getattr(_main_window(), "attached", False), timeout=LONG_WAIT_MS)
        window = _main_window()
        assert window is not None
        ctx = window.ctx
        tokens: set[str] = set()

        def remember(app_state: object, _aspects: object) -> None:
            state = getattr(app_state, "tokens", None)
            if state is not None:
                tokens.update(t for t in (state.access_token, state.refresh_token) if t)

        ctx.state_changed.connect(remember)

        def idle() -> None:
            qtbot.waitUntil(lambda: not ctx.busy, timeout=LONG_WAIT_MS)

        idle()
        # 1. a profile with its AppKey, typed into the Profiles pane
        profiles = window.show_pane("profiles")
        profiles.open_with("new")  # type: ignore[union-attr]
        profiles.name_edit.setText("Audit")  # type: ignore[union-attr]
        profiles.preset_combo.setCurrentIndex(profiles.preset_combo.findData(BaseUrlPreset.CUSTOM))  # type: ignore[union-attr]
        profiles.base_url_edit.setText(server.base_url)  # type: ignore[union-attr]
        profiles.app_id_edit.setText(APP_ID)  # type: ignore[union-attr]
        profiles.app_key_edit.setText(APP_KEY)  # type: ignore[union-attr]
        profiles.callback_edit.setText(CALLBACK_URL)  # type: ignore[union-attr]
        profiles.save_button.click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: ctx.model.session is not None and ctx.model.session.profile.app_id == APP_ID)
        idle()

        # 2. sign in (loads account and quotas), refresh, reload account and quotas
        token_pane = window.show_pane("token")
        token_pane.sign_in_button.click()  # type: ignore[union-attr]
        qtbot.waitUntil(
            lambda: ctx.model.session is not None and ctx.model.session.account is not None,
            timeout=LONG_WAIT_MS,
        )
        idle()
        first_access = ctx.model.session.tokens.access_token  # type: ignore[union-attr]
        token_pane.refresh_button.click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: ctx.model.session.tokens.access_token != first_access, timeout=LONG_WAIT_MS)  # type: ignore[union-attr]
        idle()
        window.show_pane("account").reload_button.click()  # type: ignore[union-attr]
        idle()
        quotas = window.show_pane("quotas")
        quotas.refresh_button.click()  # type: ignore[union-attr]
        idle()

        # 3. quota exports
        for name in ("quotas.csv", "quotas.json"):
            task = quotas.export_to(exports / name)  # type: ignore[union-attr]
            assert task is not None
            aio.wait_task(task)
        # 4. AuthKeys: set the current one, rotate (old one stays accepted), then deliveries
        receiver = window.show_pane("callback_receiver")
        rotation = receiver.rotation  # type: ignore[union-attr]
        rotation.current_edit.set_value(AUTH_KEY_OLD)
        rotation.save_button.click()
        qtbot.waitUntil(lambda: receiver.keys.current == AUTH_KEY_OLD)  # type: ignore[union-attr]
        rotation.new_edit.set_value(AUTH_KEY_NEW)
        rotation.rotate_button.click()
        qtbot.waitUntil(lambda: receiver.keys.previous == AUTH_KEY_OLD)  # type: ignore[union-attr]
        receiver.start_button.click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: receiver.running, timeout=LONG_WAIT_MS)  # type: ignore[union-attr]
        url = receiver.local_url()  # type: ignore[union-attr]

        async def deliver() -> None:
            async with CallbackSender(timeout_s=5.0, retry_delays_s=(0.01, 0.01)) as sender:
                for number, key in enumerate((AUTH_KEY_NEW, AUTH_KEY_OLD, AUTH_KEY_WRONG)):
                    event = {"taskId": f"audit-{number}", "status": "SUCCESS"}
                    await sender.send(url, key, event, signed_as_url=CALLBACK_URL)

        aio.run(deliver(), timeout_ms=LONG_WAIT_MS)
        qtbot.waitUntil(lambda: len(receiver.model.groups()) == 3)  # type: ignore[union-attr]
        receiver.table.selectRow(0)  # type: ignore[union-attr]
        curl = receiver.copy_curl()  # type: ignore[union-attr]
        assert curl.startswith("curl")
        aio.wait_task(receiver.export_to(exports / "deliveries.json"))  # type: ignore[union-attr]
        clipboard = QGuiApplication.clipboard().text()

        # 5. sign out; one unexpected error (a bug) whose message holds the AppKey
        idle()
        qtbot.waitUntil(token_pane.sign_out_button.isEnabled)  # type: ignore[union-attr]
        token_pane.sign_out_button.click()  # type: ignore[union-attr]
        qtbot.waitUntil(
            lambda: ctx.model.session is not None and ctx.model.session.tokens is None, timeout=LONG_WAIT_MS
        )
        idle()

        async def bug() -> None:
            raise RuntimeError(f"audit bug while holding {APP_KEY}")

        ctx.run(bug(), "audit bug")
        crash_dir = Path(platformdirs.user_log_dir(APPLICATION, appauthor=False))
        qtbot.waitUntil(lambda: any(crash_dir.glob("crash-*.txt")))
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == "CrashDialog":
                widget.close()

        # 6. quit like the user: close the window; run_app shuts everything down and returns
        window.close()
        assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        # Qt emits lastWindowClosed only inside QApplication.exec(), which qasync runs in the real app
        # but pytest-qt does not: emit it as Qt would, so run_app's own shutdown path runs.
        QApplication.instance().lastWindowClosed.emit()  # type: ignore[union-attr]
        qtbot.waitUntil(app_task.done, timeout=LONG_WAIT_MS)
        assert app_task.result() == 0
    finally:
        if not app_task.done():
            app_task.cancel()
        for number, handler in previous_signals.items():
            signal.signal(number, handler)
        aio.run(server.stop())

    captured = capfd.readouterr()
    log_text = "\n".join(
        [caplog.text, *(r.getMessage() for r in caplog.records), *(r.exc_text or "" for r in caplog.records)]
    )
    written = _files_under(temp_home)
    # The audit is only meaningful if the app really wrote and logged things.
    names = set(written)
    assert any(n.endswith(".ini") for n in names), names  # settings
    assert any(n.endswith("aigc-desktop.log") for n in names), names  # log file
    assert any("crash-" in n for n in names), names  # crash report
    assert any("request" in n.lower() for n in names), names  # persisted request log
    assert {"Documents/quotas.csv", "Documents/quotas.json", "Documents/deliveries.json"} <= names
    _assert_private(temp_home, names)
    log_file = next(data for n, data in written.items() if n.endswith("aigc-desktop.log"))
    assert b"/api/uc/v1/access/api/token" in log_file and b"refresh" in log_file
    assert len(tokens) >= 4 and len(signs) >= 1

    secrets = {APP_KEY, AUTH_KEY_OLD, AUTH_KEY_NEW, AUTH_KEY_WRONG, *tokens, *signs}
    sources = {
        **written,
        "stdout": captured.out.encode(),
        "stderr": captured.err.encode(),
        "log records": log_text.encode(),
        "clipboard (curl copy)": clipboard.encode(),
    }
    assert _scan(_needles(secrets), sources) == []


def _assert_private(home: Path, names: set[str]) -> None:
    """Issue 15 item 12: every file the app wrote is 0600 and every folder of its own 0700 (POSIX)."""
    ours = sorted(n for n in names if "AIGC" in n or n.startswith("Documents/"))
    modes = {n: stat.S_IMODE((home / n).stat().st_mode) for n in ours}
    assert {n: oct(m) for n, m in modes.items() if m != 0o600} == {}
    folders = {
        folder
        for n in ours
        for folder in (home / n).parents
        if folder != home
        and folder.is_relative_to(home)
        and any("AIGC" in part for part in folder.relative_to(home).parts)
    }
    assert {str(f.relative_to(home)): oct(stat.S_IMODE(f.stat().st_mode)) for f in folders} == {
        str(f.relative_to(home)): oct(0o700) for f in folders
    }
    hardening.record(
        "12",
        "12",
        "a full GUI session: settings, app log, request log, crash report, quota and delivery exports "
        "(were 0644)",
        f"{len(ours)} files, all 0600: {', '.join(ours)}; their app folders 0700: "
        + ", ".join(sorted(str(f.relative_to(home)) for f in folders)),
    )


async def test_self_test_subprocess_leaves_no_secret(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        key: value
        for key, value in os.environ.items()
        if key.lower() not in {"http_proxy", "https_proxy", "all_proxy", "no_proxy"}
    }
    for variable, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_STATE_HOME", ".local/state"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[variable] = str(home / sub)
    (home / "runtime").chmod(0o700)
    env.update({"QT_QPA_PLATFORM": "offscreen", "AIGC_APP_KEY": APP_KEY, "NO_PROXY": "127.0.0.1"})
    script = Path(sys.executable).with_name("aigc-desktop")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "aigc_desktop"]
    async with SandboxServer(accounts=make_accounts(account_entry(appId=APP_ID, appKey=APP_KEY))) as server:
        process = await asyncio.create_subprocess_exec(
            *command,
            "--self-test",
            "--base-url",
            server.base_url,
            "--app-id",
            APP_ID,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            out, err = await asyncio.wait_for(process.communicate(), 120)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        assert process.returncode == 0, (out, err)
        assert b"self-test ok" in out
        pair = server.state.login(server.account(APP_ID))  # type: ignore[arg-type]  # the session it opened
    assert APP_KEY not in " ".join(command)  # never on the command line
    secrets = {APP_KEY, pair.access_token, pair.refresh_token}
    sources = {**_files_under(home), "stdout": out, "stderr": err}
    assert _scan(_needles(secrets), sources) == []


def test_the_scan_finds_a_planted_secret_and_its_md5(tmp_path: Path) -> None:
    """The audit can fail: a secret (or only its MD5) written anywhere is reported with its place."""
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "settings.ini").write_text(f"key={APP_KEY}\n")
    (tmp_path / "hash.txt").write_text(_md5(AUTH_KEY_NEW))
    hits = _scan(_needles({APP_KEY, AUTH_KEY_NEW}), {**_files_under(tmp_path), "stderr": b"clean"})
    assert hits == [f"{APP_KEY} found in deep/er/settings.ini", f"md5({AUTH_KEY_NEW[:6]}…) found in hash.txt"]
