"""Several sandbox accounts, saved profiles pointing at them, and a sandbox on its own thread for CLI runs."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aigc_desktop.sandbox import SandboxAccount, SandboxServer
from aigc_desktop.sandbox.accounts import demo_accounts
from aigc_desktop.services.profiles import Profile


def accounts(count: int, *, disabled: int | None = None, ends_days: int = 200) -> list[SandboxAccount]:
    """``count`` accounts ``team-0..`` (each its own AppKey); ``disabled`` makes one fail to sign in (60102129)."""
    demo = demo_accounts()[0]
    now = datetime.now(UTC).replace(microsecond=0)
    made = []
    for index in range(count):
        made.append(
            SandboxAccount(
                app_id=f"team-{index}",
                app_key=f"Team{index}AppKey0123456789",
                user_id=100 + index,
                user_name=f"team{index}",
                company=f"Team {index} Co",
                status=2 if index == disabled else 1,
                effective_begin=now - timedelta(days=30),
                effective_end=now + timedelta(days=ends_days),
                resource_config=dict(demo.resource_config),
            )
        )
    return made


def profile_for(account: SandboxAccount, base_url: str, *, sandbox: bool = False) -> Profile:
    return Profile(
        id=f"p-{account.app_id}",
        name=account.app_id.replace("team-", "Team "),
        base_url=base_url,
        app_id=account.app_id,
        is_sandbox=sandbox,
    )


@contextmanager
def threaded_sandbox(server: SandboxServer) -> Iterator[SandboxServer]:
    """Run ``server`` on a loop of its own thread, for commands that run ``asyncio.run`` themselves."""
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="sandbox", daemon=True)
    thread.start()
    assert started.wait(10), "the sandbox did not start"
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


def write_qt_settings(path: Path, profiles: list[Profile], active: str | None = None) -> Path:
    """The GUI's settings file for ``profiles``, written by real QSettings (as the app writes it)."""
    from PySide6.QtCore import QSettings

    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue("profiles/list", json.dumps([p.to_json() for p in profiles]))
    if active:
        settings.setValue("profiles/active", active)
    settings.sync()
    return path
