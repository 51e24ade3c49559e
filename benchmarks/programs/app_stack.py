"""The app under load: its real main window and context, signed in on the embedded sandbox.

Built the way ``aigc-desktop --self-test`` builds it (``AppContext`` with a throwaway profile store and a
session-only secret store, ``MainWindow``, ``start_sandbox_session``, collections paused during the start-up
and what it built frozen after, as the app does), so it never touches the user's
settings or keyring. Modes:

``hold``   stay up, signed in and idle, until ``quit`` (for RSS);
``serve``  also start the Callback receiver pane's receiver on loopback (a benchmark AuthKey, a wide
           timestamp tolerance), show that pane, and run the 5 ms heartbeat on ``start`` / ``stop``.
           ``--previous-key`` also sets a previous AuthKey (a rotation: two keys to check and to
           diagnose with) and ``--signed-as-length N`` a signed-as URL of N characters (the receiver
           checks signatures over it; ``ready`` says it as ``signed_as``).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
from typing import Any

from _common import BENCH_AUTH_KEY, BENCH_PREVIOUS_KEY, WIDE_TOLERANCE_S, emit, serve_commands

from aigc_desktop.application.model import AppModel
from aigc_desktop.ui import event_loop
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.error_hooks import install_error_hooks
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.startup.bootstrap import resume_gc, settle_gc
from aigc_desktop.ui.startup.frame import make_application

RECEIVER_PANE = "callback_receiver"


def long_url(length: int) -> str:
    """A callback URL of ``length`` characters (a long query string, as some integrations sign)."""
    base = "https://hooks.example.com/aigc/callback?state="
    return base + "a" * max(0, length - len(base))


async def start_receiver(window: MainWindow, signed_as: str = "", previous: str | None = None) -> str:
    """Start the receiver pane's receiver the way its Start button does; returns the URL to post to."""
    from aigc_desktop.services.callback_keys import AuthKeys

    pane: Any = window.panes[RECEIVER_PANE]
    pane.set_keys(AuthKeys(current=BENCH_AUTH_KEY, previous=previous))
    pane.tolerance_spin.setValue(WIDE_TOLERANCE_S)
    pane.signed_as_edit.setText(signed_as)
    task = pane.start()
    if task is not None:
        await task
    if not pane.running:
        raise RuntimeError("the receiver pane did not start its receiver")
    window.show_pane(RECEIVER_PANE)
    url: str = pane.local_url()  # the receiver answers on any path and checks the signed-as URL
    return url


async def run(mode: str, signed_as_length: int = 0, previous_key: bool = False) -> int:
    ctx = AppContext(AppModel.in_memory("benchmark: nothing is saved"))
    restore_hooks = install_error_hooks(ctx, asyncio.get_running_loop())
    errors: list[BaseException] = []
    ctx.error_reported.connect(errors.append)
    window = MainWindow(ctx, settings=None)
    window.show()
    resume_gc()  # as the app does once its window is up: what the start-up built is frozen
    try:
        await ctx.model.start_sandbox_session()
        if errors:
            raise errors[0]
        settle_gc()  # as the app does once its start-up (keyring, sandbox or profile) is done
        if mode == "hold":
            emit({"ready": True})
            await serve_commands()
            return 0
        from _heartbeat import Heartbeat

        signed_as = long_url(signed_as_length) if signed_as_length else ""
        receiver_url = await start_receiver(window, signed_as, BENCH_PREVIOUS_KEY if previous_key else None)
        demo = ctx.model.sandbox.demo
        heartbeat = Heartbeat()
        emit(
            {
                "ready": True,
                "sandbox": ctx.model.sandbox.base_url,
                "receiver": receiver_url,
                "signed_as": signed_as or receiver_url,
                "app_id": demo.app_id,
                "app_key": demo.app_key,
                "user_id": demo.user_id,
            }
        )
        await serve_commands(heartbeat.start, heartbeat.stop)
        if errors:
            print(f"app stack: {len(errors)} error(s) reported, first: {errors[0]!r}", file=sys.stderr)
        return 0
    finally:
        pane: Any = window.panes.get(RECEIVER_PANE)
        if pane is not None:
            await pane.aclose()
        await ctx.aclose()
        window.close()
        restore_hooks()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["hold", "serve"])
    parser.add_argument("--signed-as-length", type=int, default=0, metavar="N")
    parser.add_argument("--previous-key", action="store_true")
    args = parser.parse_args()
    gc.disable()  # as `aigc-desktop` does until its window is up (`resume_gc`)
    make_application()
    return int(event_loop.run(run(args.mode, args.signed_as_length, args.previous_key)))


if __name__ == "__main__":
    sys.exit(main())
