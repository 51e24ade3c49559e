"""Start-up: process start to the main window's first frame, ``aigc-desktop --sandbox`` vs a bare window.

Both are Python processes started the same way; the first frame is read from Qt's paint log and the
process is then ended. One unmeasured run each first (font cache, bytecode), then turns A B A B ...
"""

from __future__ import annotations

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import app_command, interleaved, program, time_to_first_paint

NAME = "startup"


def run(settings: Settings) -> list[Figure]:
    commands = {
        "baseline": program("bare_window"),
        "qasync": program("bare_window", "--qasync"),
        "app": app_command("--sandbox"),
    }
    for command in commands.values():
        time_to_first_paint(command, settings.env, settings.timeout_s)
    samples = interleaved(
        settings.runs,
        {
            label: (lambda c=command: time_to_first_paint(c, settings.env, settings.timeout_s))
            for label, command in commands.items()
        },
    )
    app = median(samples["app"])
    return [
        Figure(
            NAME,
            "process start -> main window painted",
            "s",
            app=app,
            baseline=median(samples["baseline"]),
            goals=(Goal("ratio_max", 1.3),),
            samples={"app": samples["app"], "baseline": samples["baseline"]},
            note="aigc-desktop --sandbox vs bare PySide6 window",
        ),
        Figure(
            NAME,
            "same, vs a bare window on qasync",
            "s",
            app=app,
            baseline=median(samples["qasync"]),
            samples={"app": samples["app"], "baseline": samples["qasync"]},
            note="informative: the floor of any Qt + asyncio app",
        ),
    ]
