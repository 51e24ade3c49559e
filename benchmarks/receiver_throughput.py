"""Receiver throughput: verified callbacks per second over loopback, the app's receiver vs a bare one.

The app is ``programs/app_stack.py serve`` (main window up, the Callback receiver pane's receiver running
and its pane on screen); the baseline ``programs/bare_receiver.py`` runs the same ``CallbackVerifier``
in a bare aiohttp server on plain asyncio, without Qt. ``programs/load.py`` posts signed callbacks with
bounded concurrency from its own process and counts only 200 answers. A fresh process per run.
"""

from __future__ import annotations

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import BenchmarkError, interleaved, program, run_load, served
from benchmarks.programs._common import BENCH_AUTH_KEY

NAME = "receiver-throughput"


def _sample(command: list[str], settings: Settings) -> float:
    with served(command, settings.env, settings.timeout_s) as running:
        load = run_load(
            {
                "receiver": running.ready["receiver"],
                "auth_key": BENCH_AUTH_KEY,
                "callbacks": settings.throughput_callbacks,
                "concurrency": settings.concurrency,
            },
            settings.env,
            settings.timeout_s,
        )
    if load["callbacks_ok"] != settings.throughput_callbacks:
        raise BenchmarkError(f"{command[-1]}: not every callback was accepted: {load}")
    return float(load["callbacks_ok"] / load["callbacks_elapsed_s"])


def run(settings: Settings) -> list[Figure]:
    commands = {"baseline": program("bare_receiver"), "app": program("app_stack", "serve")}
    samples = interleaved(
        settings.throughput_runs, {label: (lambda c=c: _sample(c, settings)) for label, c in commands.items()}
    )
    return [
        Figure(
            NAME,
            "verified deliveries per second",
            "/s",
            app=median(samples["app"]),
            baseline=median(samples["baseline"]),
            goals=(Goal("value_min", 1000.0), Goal("ratio_min", 0.8)),
            samples=samples,
            note=f"{settings.throughput_callbacks} callbacks, {settings.concurrency} in flight",
        )
    ]
