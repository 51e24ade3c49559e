"""Regenerate the screenshots in this folder from the real app on the embedded sandbox.

Run under an X server, once per look (each needs a fresh process: the language is installed before the
window is built)::

    Xvfb :99 -screen 0 1600x1000x24 & export DISPLAY=:99
    python docs/screenshots/make_screenshots.py                      # every pane, English, light
    python docs/screenshots/make_screenshots.py --theme dark         # dark/<pane>.png
    python docs/screenshots/make_screenshots.py --lang zh_CN         # zh_CN/<pane>.png
    python docs/screenshots/make_screenshots.py --minimum            # minimum/<pane>.png at 720 x 500

Each window is captured with ImageMagick's ``import -window <id>`` when available, else ``QWidget.grab()``.
Settings, history and request log live in a throwaway folder; secrets stay in memory (the session-only
store), so the user's keyring is never touched and the screenshots show them masked, as the user sees them.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from aigc_desktop.application.model import AppModel
from aigc_desktop.callbacks.sender import CallbackSender
from aigc_desktop.platform.endpoints import ACCOUNT
from aigc_desktop.services.profiles import ProfileStore
from aigc_desktop.services.request_log import RequestLogStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui import event_loop
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.i18n import install_translator
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.panes import PANES
from aigc_desktop.ui.settings import QSettingsBackend
from aigc_desktop.ui.startup.frame import make_application

OUT = Path(__file__).resolve().parent
AUTH_KEY = "Screenshot-AuthKey-2026"
WRONG_KEY = "Screenshot-AuthKey-2025"
CALLBACK_URL = "https://hooks.example.com/aigc/callback"


async def settle(seconds: float = 0.5) -> None:
    """Let layouts and paints finish (screenshots only; tests never wait like this)."""
    await asyncio.sleep(seconds)


async def capture(window: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("import"):
        loop = asyncio.get_running_loop()
        command = ["import", "-window", str(int(window.winId())), str(path)]
        await loop.run_in_executor(None, lambda: subprocess.run(command, check=True))
    else:
        window.grab().save(str(path))
    print("wrote", path.relative_to(OUT))


async def fill(window: MainWindow, ctx: AppContext) -> None:
    """A signed-in sandbox session with something on every pane."""
    model = ctx.model
    server = await model.ensure_sandbox()
    server.demo.callback_url = CALLBACK_URL  # the account pane lists it; the calculator and receiver use it
    await model.start(sandbox=True)
    for problem in model.state.problems:  # the session-only store's notice: true here, not the subject
        model.dismiss(problem.id)
    for _ in range(3):  # quota history: a few loads, the sandbox clock moving between them
        server.clock.advance(2 * 3600)
        await model.load_account()
    await model.refresh()  # the token pane's 3-hour countdown
    await model.refresh_all()  # the overview's row
    receiver = window.show_pane("callback_receiver")
    receiver.rotation.current_edit.set_value(AUTH_KEY)
    receiver.rotation.save_button.click()
    await settle()
    task = receiver.start()
    if task is not None:
        await task
    url = receiver.local_url()
    async with CallbackSender(timeout_s=5.0, retry_delays_s=(0.05, 0.05)) as sender:
        for key, number in ((AUTH_KEY, 1), (WRONG_KEY, 2)):
            event = {"taskId": f"demo-{number}", "status": "SUCCESS"}
            await sender.send(url, key, event, signed_as_url=CALLBACK_URL)
    await settle()
    receiver.table.selectRow(0)


async def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("ui/language", args.lang)
        settings.setValue("ui/theme", args.theme)
        install_translator(make_application(), settings)
        model = AppModel(
            ProfileStore(QSettingsBackend(settings)),
            SecretStore.session_only("screenshots: nothing is saved"),
            request_log=RequestLogStore(Path(tmp) / "request_log.jsonl"),
            history_path=Path(tmp) / "history.sqlite3",
        )
        ctx = AppContext(model)
        window = MainWindow(ctx, settings)
        window.resize(*((720, 500) if args.minimum else (1180, 760)))
        window.move(0, 0)
        window.show()
        await settle()
        folder = OUT / ("minimum" if args.minimum else args.lang if args.lang != "en" else args.theme)
        if args.theme == "light" and args.lang == "en" and not args.minimum:
            folder = OUT
            await capture(window, folder / "first_run.png")
        await fill(window, ctx)
        for spec in PANES:
            window.show_pane(spec.PANE_ID)
            await settle()
            await capture(window, folder / f"{spec.PANE_ID}.png")
        quotas = window.show_pane("quotas")
        await settle()
        if quotas.chart is not None:  # use over time and the forecast, as the pane shows them below the bars
            quotas.chart.grab().save(str(folder / "quota_chart.png"))
            print("wrote", (folder / "quota_chart.png").relative_to(OUT))
        for opener, name in ((window.open_about, "about.png"), (window.open_settings, "settings.png")):
            opener()
            await settle()
            dialog = window.dialog
            assert dialog is not None
            await capture(dialog, folder / name)
            dialog.reject()
        # An error as the user sees it: code, catalogue meaning and advice in the banner.
        model.sandbox.faults.add(ACCOUNT.path, "rate_limit", 1)  # type: ignore[union-attr]
        window.show_pane("quotas")
        await asyncio.wait([ctx.run(model.load_account(), "Loading quotas…")])
        await settle()
        await capture(window, folder / "error_banner.png")
        await ctx.aclose()
        window.close()
    return 0


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "zh_CN"))
    parser.add_argument("--theme", default="light", choices=("light", "dark"))
    parser.add_argument("--minimum", action="store_true", help="the window at its minimum size, 720 x 500")
    return parser.parse_args()


if __name__ == "__main__":
    options = parse()
    make_application()
    sys.exit(event_loop.run(main(options)))
