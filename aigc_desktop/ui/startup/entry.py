"""``run_gui``: what ``aigc_desktop.cli`` calls for the window or the ``--self-test``."""

from __future__ import annotations

import sys

from aigc_desktop.ui.startup.frame import LaunchOptions, show_frame


def run_gui(args: LaunchOptions) -> int:
    """The window (its frame painted first, the rest loaded into it), or ``--self-test``."""
    if args.self_test:
        from aigc_desktop.ui.startup.self_test import run_self_test_process

        return run_self_test_process(args)
    if args.base_url or args.app_id:
        print("aigc-desktop: error: --base-url and --app-id are used only with --self-test", file=sys.stderr)
        return 2
    window = show_frame(sandbox=bool(args.sandbox))
    from aigc_desktop.ui.startup.bootstrap import run_window  # asyncio, qasync, the model: after the frame

    return run_window(window, args)
