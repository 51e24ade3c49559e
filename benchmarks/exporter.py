"""Exporter load: scrape latency and memory of ``aigc-desktop exporter`` watching many sandbox accounts.

The sandbox (its own process) serves ``ACCOUNTS`` accounts; the real exporter command polls all of them
(AppKeys from environment variables named in a TOML profiles file) and serves their metrics. Once every
profile is up, the runner fetches the app's metrics text and starts the baseline, ``programs/bare_exporter.py``:
a bare ``prometheus-client`` exporter serving exactly those families, labels and values. Then it scrapes
the two alternately (app, bare, app, bare ...) ``SCRAPES`` times each over one keep-alive-less HTTP client,
timing every scrape, and reads each process's RSS from ``/proc`` after a warm-up and at the end.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.figures import Figure, Goal, Settings, median
from benchmarks.measure import BenchmarkError, app_command, proc_status_kb, program

NAME = "exporter"
SIZES = {"full": (50, 1000), "quick": (50, 300), "smoke": (5, 20)}  # accounts, scrapes per exporter
WARM_UP_SCRAPES = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accounts_document(count: int) -> dict[str, object]:
    numbers = {
        "genCharModelTotalQty": 12, "genCharModelUsageQty": 2,
        "genTtsCharVoiceModelTotalQty": 12, "genTtsCharVoiceModelUsageQty": 2,
        "genVideoDurationTotalQty": 21, "genVideoDurationUsageQty": 11,
        "charModelMaxConTasksTotalQty": 12, "charModelMaxConTasksUsageQty": 3,
        "ttsCharVoiceModelMaxConTasksTotalQty": 11, "ttsCharVoiceModelMaxConTasksUsageQty": 4,
        "videoGenMaxConTasksTotalQty": 11, "videoGenMaxConTasksUsageQty": 7,
    }  # fmt: skip
    return {
        "accounts": [
            {
                "appId": f"bench-{i}",
                "appKey": f"BenchAppKey{i:04d}abcdef",
                "userId": 1000 + i,
                "userName": f"bench{i}",
                "company": f"Bench {i}",
                "status": 1,
                "effectiveBeginDate": "-10d",
                "effectiveEndDate": "+100d",
                "resourceConfig": numbers,
            }
            for i in range(count)
        ]
    }


@contextmanager
def _process(
    command: list[str], env: dict[str, str], settings: Settings, expect: str
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A long-running child and its first stdout line, which must contain ``expect`` (within the deadline)."""
    process = subprocess.Popen(
        command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    watchdog = threading.Timer(settings.timeout_s, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        watchdog.cancel()
        if expect not in line:
            raise BenchmarkError(f"{' '.join(command)} did not start: {line!r}")
        yield process, line.strip()
    finally:
        watchdog.cancel()
        if process.stdin is not None:
            process.stdin.close()
        process.terminate()
        try:
            process.wait(timeout=settings.timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _get(port: int) -> tuple[float, str]:
    import http.client

    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/metrics")
        response = connection.getresponse()
        body = response.read().decode("utf-8")
    finally:
        connection.close()
    if response.status != 200:
        raise BenchmarkError(f"scrape of :{port} answered HTTP {response.status}")
    return (time.perf_counter() - started) * 1000.0, body


def _wait_until_loaded(port: int, accounts: int, deadline_s: float) -> str:
    from prometheus_client.parser import text_string_to_metric_families

    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            _, text = _get(port)
        except OSError:
            text = ""
        ups = [
            s.value
            for family in text_string_to_metric_families(text)
            if family.name == "aigc_up"
            for s in family.samples
        ]
        if len(ups) == accounts and all(value == 1 for value in ups):
            return text
        time.sleep(0.2)
    raise BenchmarkError(f"the exporter did not load all {accounts} profiles in {deadline_s:.0f} s")


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def run(settings: Settings) -> list[Figure]:
    accounts, scrapes = SIZES.get(settings.preset, SIZES["smoke"])
    with tempfile.TemporaryDirectory(prefix="aigc-exporter-bench-") as folder:
        work = Path(folder)
        accounts_file = work / "accounts.json"
        accounts_file.write_text(json.dumps(_accounts_document(accounts)), encoding="utf-8")
        sandbox_cmd = [
            sys.executable, "-m", "aigc_desktop.commands.sandbox", "--port", "0", "--accounts", str(accounts_file),
        ]  # fmt: skip
        with _process(sandbox_cmd, settings.env, settings, "AIGC sandbox listening on ") as (_, line):
            return _measure(work, line.rsplit(" ", 1)[1], accounts, scrapes, settings)


def _measure(work: Path, base_url: str, accounts: int, scrapes: int, settings: Settings) -> list[Figure]:
    profiles = work / "profiles.toml"
    env = dict(settings.env)
    blocks = []
    for i in range(accounts):
        env[f"BENCH_KEY_{i}"] = f"BenchAppKey{i:04d}abcdef"
        blocks.append(
            f'[[profile]]\nname = "bench-{i}"\nbase_url = "{base_url}"\napp_id = "bench-{i}"\n'
            f'app_key_env = "BENCH_KEY_{i}"\n'
        )
    profiles.write_text("\n".join(blocks), encoding="utf-8")
    app_port, bare_port = _free_port(), _free_port()
    app_cmd = app_command(
        "exporter", "--profiles", str(profiles), "--port", str(app_port), "--interval", "300"
    )
    with _process(app_cmd, env, settings, "serving metrics") as (app, _):
        metrics_text = _wait_until_loaded(app_port, accounts, settings.timeout_s)
        metrics_file = work / "metrics.txt"
        metrics_file.write_text(metrics_text, encoding="utf-8")
        bare_cmd = program("bare_exporter", str(bare_port), str(metrics_file))
        with _process(bare_cmd, settings.env, settings, "bare exporter ready") as (bare, _):
            ports = {"app": (app_port, app.pid), "baseline": (bare_port, bare.pid)}
            for _ in range(WARM_UP_SCRAPES):
                for port, _pid in ports.values():
                    _get(port)
            rss_before = {label: proc_status_kb(pid)["VmRSS"] / 1024 for label, (_, pid) in ports.items()}
            latencies: dict[str, list[float]] = {label: [] for label in ports}
            for _ in range(scrapes):
                for label, (port, _pid) in ports.items():
                    latencies[label].append(_get(port)[0])
            rss_after = {label: proc_status_kb(pid)["VmRSS"] / 1024 for label, (_, pid) in ports.items()}
    growth = {label: rss_after[label] - rss_before[label] for label in ports}
    note = f"{accounts} accounts, {scrapes} scrapes each, alternating"
    under_100 = (Goal("value_max", 100.0, strict=True),)
    return [
        Figure(NAME, "scrape p50", "ms", median(latencies["app"]), median(latencies["baseline"]), under_100, latencies, note),
        Figure(NAME, "scrape p99", "ms", _percentile(latencies["app"], 0.99), _percentile(latencies["baseline"], 0.99), under_100, note=note),
        Figure(NAME, "scrape max", "ms", max(latencies["app"]), max(latencies["baseline"]), note=note),
        Figure(NAME, "RSS after warm-up", "MiB", rss_before["app"], rss_before["baseline"], note=note),
        Figure(NAME, "RSS after the scrapes", "MiB", rss_after["app"], rss_after["baseline"], note=note),
        Figure(NAME, "RSS growth over the scrapes", "MiB", growth["app"], growth["baseline"], (Goal("value_max", 1.0),), note=note),
    ]  # fmt: skip
