"""Hostile callbacks: wrong signatures and floods of junk must cost about what good deliveries cost.

Wrong signatures (issue 15, item 4): ``programs/app_stack.py serve`` with a previous AuthKey set and a
2 KB signed-as URL (each wrong signature then costs the most near-miss search) takes first valid
callbacks, or as many signed with a wrong key (a fresh process each), from ``programs/load.py``; the
5 ms heartbeat runs through the load. Figures: wrong-signature deliveries/s against valid ones in the same process (goal
>= 0.5x), and the loop stall p99 during the wrong-signature flood (goal < 16 ms) against the valid one.

Junk flood (item 1): POSTs of ~1 MB random bytes that are not JSON (every one refused 400), to the real
``aigc-desktop listen`` and to the app with the receiver pane open; RSS from ``/proc`` before and after
the flood in the same process (the "baseline" column is the RSS before). Goal: <= 200 MiB after.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from typing import Any

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import (
    BenchmarkError,
    app_command,
    interleaved,
    proc_status_kb,
    program,
    run_load,
    run_load_under_heartbeat,
    served,
)
from benchmarks.programs._common import BENCH_AUTH_KEY, BENCH_WRONG_KEY

NAME = "hostile-callbacks"
MIB = 1024.0
LONG_URL = 2048
CALLBACK_URL = "http://127.0.0.1/cb"
# (wrong-signature callbacks, junk posts, junk size) per preset; the flood is 1,200 x ~1 MB.
SIZES = {"full": (1000, 1200, 1_000_000), "quick": (1000, 1200, 1_000_000), "smoke": (20, 20, 65_536)}


def _sizes(settings: Settings) -> tuple[int, int, int]:
    return SIZES.get(settings.preset, SIZES["quick"])


def _signatures_sample(settings: Settings, wrong: bool) -> dict[str, float]:
    """One fresh app process taking ``count`` valid (or wrongly signed) callbacks under the heartbeat."""
    count = _sizes(settings)[0]
    command = program("app_stack", "serve", "--signed-as-length", str(LONG_URL), "--previous-key")
    key, status = (BENCH_WRONG_KEY, 401) if wrong else (BENCH_AUTH_KEY, 200)
    with served(command, settings.env, settings.timeout_s) as running:
        ready = running.ready
        load, heartbeat = run_load_under_heartbeat(
            running,
            {
                "receiver": ready["receiver"],
                "signed_as": ready["signed_as"],
                "auth_key": BENCH_AUTH_KEY,
                "sign_key": key,
                "expect": [status],
                "callbacks": count,
                "concurrency": settings.concurrency,
            },
            settings.env,
            settings.timeout_s,
        )
    if load["callbacks_ok"] != count:
        raise BenchmarkError(f"app_stack: not every callback was answered {status}: {load}")
    return {"rate": load["callbacks_ok"] / load["callbacks_elapsed_s"], "p99": float(heartbeat["p99_ms"])}


def _flood(receiver: str, settings: Settings) -> None:
    _, posts, size = _sizes(settings)
    load = run_load(
        {
            "receiver": receiver,
            "auth_key": BENCH_AUTH_KEY,
            "junk_size": size,
            "expect": [400, 401],
            "callbacks": posts,
            "concurrency": settings.concurrency,
        },
        settings.env,
        settings.timeout_s,
    )
    if load["callbacks_ok"] != posts:
        raise BenchmarkError(f"junk flood: not every post was refused: {load}")


def _app_flood_sample(settings: Settings) -> dict[str, float]:
    with served(program("app_stack", "serve"), settings.env, settings.timeout_s) as running:
        before = proc_status_kb(running.pid)
        _flood(running.ready["receiver"], settings)
        after = proc_status_kb(running.pid)
    return {"before": before["VmRSS"] / MIB, "after": after["VmRSS"] / MIB, "peak": after["VmHWM"] / MIB}


def _listen_flood_sample(settings: Settings) -> dict[str, float]:
    """The real ``aigc-desktop listen``: its first line says where it listens; the rest is drained."""
    env = {**settings.env, "AIGC_AUTH_KEY": BENCH_AUTH_KEY, "PYTHONUNBUFFERED": "1"}
    command = app_command("listen", "--port", "0", "--callback-url", CALLBACK_URL)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    watchdog = threading.Timer(settings.timeout_s, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if not first.startswith("listening on "):
            raise BenchmarkError(f"listen did not start: {first!r}")
        url = first.split()[2]
        drain = threading.Thread(target=lambda: [None for _ in process.stdout or ()], daemon=True)
        drain.start()
        before = proc_status_kb(process.pid)
        _flood(url + "/cb", settings)
        after = proc_status_kb(process.pid)
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=settings.timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return {"before": before["VmRSS"] / MIB, "after": after["VmRSS"] / MIB, "peak": after["VmHWM"] / MIB}


def run(settings: Settings) -> list[Figure]:
    if not os.path.exists("/proc/self/status"):
        raise BenchmarkError("reads RSS from /proc (Linux only)")
    count, posts, size = _sizes(settings)
    raw = interleaved(
        settings.throughput_runs,
        {
            "valid": lambda: _signatures_sample(settings, wrong=False),
            "wrong": lambda: _signatures_sample(settings, wrong=True),
            "listen": lambda: _listen_flood_sample(settings),
            "app": lambda: _app_flood_sample(settings),
        },
    )

    def values(label: str, key: str) -> list[float]:
        return [float(sample[key]) for sample in raw[label]]

    setup = f"{count} callbacks, previous AuthKey set, {LONG_URL}-character signed-as URL"
    flood = f"{posts} POSTs of {size:,} random non-JSON bytes; baseline = RSS before the flood"
    return [
        Figure(
            NAME,
            "wrong-signature deliveries per second (baseline: valid ones)",
            "/s",
            app=median(values("wrong", "rate")),
            baseline=median(values("valid", "rate")),
            goals=(Goal("ratio_min", 0.5),),
            samples={
                "app": values("wrong", "rate"),
                "baseline": values("valid", "rate"),
            },
            note=setup,
        ),
        Figure(
            NAME,
            "loop stall p99 during wrong signatures (baseline: valid ones)",
            "ms",
            app=median(values("wrong", "p99")),
            baseline=median(values("valid", "p99")),
            goals=(Goal("value_max", 16.0, strict=True),),
            samples={
                "app": values("wrong", "p99"),
                "baseline": values("valid", "p99"),
            },
            note=f"5 ms heartbeat; {setup}",
        ),
        _rss_figure(
            "`listen` RSS after a junk flood", values("listen", "after"), values("listen", "before"), flood
        ),
        _rss_figure(
            "app RSS after a junk flood (receiver pane open)",
            values("app", "after"),
            values("app", "before"),
            flood,
        ),
    ]


def _rss_figure(name: str, after: list[float], before: list[float], note: str) -> Figure:
    samples: dict[str, Any] = {"app": after, "baseline": before}
    return Figure(
        NAME,
        name,
        "MiB",
        app=median(after),
        baseline=median(before),
        goals=(Goal("value_max", 200.0),),
        samples=samples,
        note=note,
    )
