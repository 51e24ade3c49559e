"""Responsiveness: how long the GUI loop stalls while the app serves account calls and callbacks.

The app (``programs/app_stack.py serve``: its real main window offscreen, the embedded sandbox and the
Callback receiver pane's receiver in-process on the qasync loop, that pane on screen) runs a 5 ms QTimer
heartbeat; a separate process (``programs/load.py``) signs in, then sends the account calls all at once
and the callbacks with bounded concurrency. Stall = how late each beat fired. The baseline is the bare
stack (``bare_stack.py serve``) taking the same load with the same callback verification.
"""

from __future__ import annotations

from typing import Any

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import BenchmarkError, interleaved, program, run_load_under_heartbeat, served
from benchmarks.programs._common import BENCH_AUTH_KEY

NAME = "responsiveness"


def _sample(command: list[str], settings: Settings) -> dict[str, Any]:
    with served(command, settings.env, settings.timeout_s) as running:
        ready = running.ready
        load, heartbeat = run_load_under_heartbeat(
            running,
            {
                "sandbox": ready["sandbox"],
                "app_id": ready["app_id"],
                "app_key": ready["app_key"],
                "user_id": ready["user_id"],
                "account_calls": settings.account_calls,
                "receiver": ready["receiver"],
                "auth_key": BENCH_AUTH_KEY,
                "callbacks": settings.callbacks,
                "concurrency": settings.concurrency,
            },
            settings.env,
            settings.timeout_s,
        )
    if load["account_ok"] != settings.account_calls or load["callbacks_ok"] != settings.callbacks:
        raise BenchmarkError(f"{command[-2]}: not every request succeeded: {load}")
    return {**heartbeat, "load_s": load["elapsed_s"]}


def run(settings: Settings) -> list[Figure]:
    commands = {"baseline": program("bare_stack", "serve"), "app": program("app_stack", "serve")}
    raw = interleaved(
        settings.stall_runs, {label: (lambda c=c: _sample(c, settings)) for label, c in commands.items()}
    )
    load = f"{settings.account_calls} account calls + {settings.callbacks} callbacks"
    specs = (
        ("p50_ms", "loop stall p50", ()),
        ("p99_ms", "loop stall p99", (Goal("value_max", 16.0, strict=True),)),
        ("max_ms", "loop stall max", (Goal("value_max", 50.0, strict=True),)),
        ("load_s", "time to serve the load", ()),
    )
    figures = []
    for key, name, goals in specs:
        samples = {label: [float(s[key]) for s in values] for label, values in raw.items()}
        figures.append(
            Figure(
                NAME,
                name,
                "s" if key == "load_s" else "ms",
                app=median(samples["app"]),
                baseline=median(samples["baseline"]),
                goals=goals,
                samples=samples,
                note=f"5 ms heartbeat during {load}",
            )
        )
    return figures
