"""Memory: peak (VmHWM) and idle (VmRSS) resident set once signed in, app vs the bare stack.

The app is ``programs/app_stack.py hold`` (its real main window, signed in on the embedded sandbox); the
baseline ``programs/bare_stack.py hold``. Both are read from ``/proc/<pid>/status`` (Linux) as soon as
they report being signed in, then asked to quit.
"""

from __future__ import annotations

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import interleaved, proc_status_kb, program, served

NAME = "memory"
MIB = 1024.0


def _sample(command: list[str], settings: Settings) -> dict[str, int]:
    with served(command, settings.env, settings.timeout_s) as running:
        return proc_status_kb(running.pid)


def run(settings: Settings) -> list[Figure]:
    commands = {"baseline": program("bare_stack", "hold"), "app": program("app_stack", "hold")}
    raw = interleaved(
        settings.memory_runs, {label: (lambda c=c: _sample(c, settings)) for label, c in commands.items()}
    )
    figures = []
    for key, name in (("VmHWM", "peak RSS after sign-in"), ("VmRSS", "idle RSS after sign-in")):
        samples = {label: [s[key] / MIB for s in values] for label, values in raw.items()}
        figures.append(
            Figure(
                NAME,
                name,
                "MiB",
                app=median(samples["app"]),
                baseline=median(samples["baseline"]),
                goals=(Goal("ratio_max", 1.3),),
                samples=samples,
            )
        )
    return figures
