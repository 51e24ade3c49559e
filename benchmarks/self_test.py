"""Self-test: the whole ``aigc-desktop --self-test`` process vs the bare stack doing the same two calls.

The baseline (``programs/bare_stack.py exit``) is a bare PySide6 window on qasync that starts a loopback
JSON server (aiohttp) and signs in and loads the account with httpx.
"""

from __future__ import annotations

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import app_command, interleaved, program, run_to_exit

NAME = "self-test"


def run(settings: Settings) -> list[Figure]:
    runs = {
        "baseline": (program("bare_stack", "exit"), "bare ok"),
        "app": (app_command("--self-test"), "self-test ok"),
    }
    for command, expect in runs.values():
        run_to_exit(command, settings.env, settings.timeout_s, expect)
    samples = interleaved(
        settings.runs,
        {
            label: (lambda c=command, e=expect: run_to_exit(c, settings.env, settings.timeout_s, e).seconds)
            for label, (command, expect) in runs.items()
        },
    )
    return [
        Figure(
            NAME,
            "whole process: window, server, sign-in, account, exit",
            "s",
            app=median(samples["app"]),
            baseline=median(samples["baseline"]),
            goals=(Goal("ratio_max", 1.2),),
            samples=samples,
            note="aigc-desktop --self-test vs bare qasync window + aiohttp server + httpx",
        )
    ]
