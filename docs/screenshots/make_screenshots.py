"""Regenerate the screenshots in this folder from the real app on the embedded sandbox.

Run under an X server (e.g. ``Xvfb :99 -screen 0 1280x800x24 & DISPLAY=:99 python make_screenshots.py``);
each pane is captured with ImageMagick's ``import -window <id>`` when available, else ``QWidget.grab()``.
Uses a throwaway settings file and removes its keyring entries at the end; secrets are shown masked as
the user sees them. For a real keyring without touching yours: ``dbus-run-session -- sh -c 'export
XDG_DATA_HOME=$(mktemp -d); printf pw | gnome-keyring-daemon --unlock --components=secrets; python ...'``.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import qasync
from PySide6.QtCore import QSettings

from aigc_desktop.platform.endpoints import ACCOUNT
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.app import start_up
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.launch import make_application
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import QSettingsBackend

OUT = Path(__file__).resolve().parent
PANES = {"token": "token.png", "account": "account.png", "quotas": "quotas.png", "profiles": "profiles.png"}


async def settle(seconds: float = 0.4) -> None:
    """Let layouts and paints finish (screenshots only; tests never wait like this)."""
    await asyncio.sleep(seconds)


async def capture(window: MainWindow, path: Path) -> None:
    if shutil.which("import"):
        loop = asyncio.get_running_loop()
        command = ["import", "-window", str(int(window.winId())), str(path)]
        await loop.run_in_executor(None, lambda: subprocess.run(command, check=True))
    else:
        window.grab().save(str(path))
    print("wrote", path)


async def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(ProfileStore(QSettingsBackend(settings)), SecretStore())
        window = MainWindow(ctx, settings)
        window.resize(1180, 760)
        window.move(0, 0)
        window.show()
        await settle()
        await capture(window, OUT / "first_run.png")
        await start_up(ctx, sandbox=True)
        await ctx.refresh()  # shows the 3-hour countdown on the token pane
        for pane_id, name in PANES.items():
            window.show_pane(pane_id)
            await settle()
            await capture(window, OUT / name)
        # Thresholds: amber at >= 80 %, red at >= 95 %.
        ctx.sandbox.update_resources({"genVideoDurationUsageQty": 17, "videoGenMaxConTasksUsageQty": 11})
        await ctx.load_account()
        window.show_pane("quotas")
        await settle()
        await capture(window, OUT / "quotas_thresholds.png")
        # An error as the user sees it: code, catalogue meaning and advice in the banner.
        ctx.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)
        await asyncio.wait([ctx.run(ctx.load_account(), "Loading quotas…")])
        await settle()
        await capture(window, OUT / "error_banner.png")
        profile_id = ctx.session.profile.id if ctx.session is not None else None
        await ctx.aclose()
        if profile_id is not None:
            await ctx.secrets.delete_profile(profile_id)  # leave nothing in the keyring
        window.close()
    return 0


if __name__ == "__main__":
    make_application()
    sys.exit(qasync.run(main()))
