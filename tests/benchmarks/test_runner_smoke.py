"""CI smoke test of the benchmark suite: one run with tiny sizes must produce every figure.

Nothing is asserted about timings (they depend on the machine); only that each benchmark ran, that
the JSON carries every figure with app and baseline values, and that the table was printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXPECTED = {
    ("startup", "process start -> main window painted"),
    ("startup", "same, vs a bare window on qasync"),
    ("self-test", "whole process: window, server, sign-in, account, exit"),
    ("memory", "peak RSS after sign-in"),
    ("memory", "idle RSS after sign-in"),
    ("responsiveness", "loop stall p50"),
    ("responsiveness", "loop stall p99"),
    ("responsiveness", "loop stall max"),
    ("responsiveness", "time to serve the load"),
    ("receiver-throughput", "verified deliveries per second"),
    ("hostile-callbacks", "wrong-signature deliveries per second (baseline: valid ones)"),
    ("hostile-callbacks", "loop stall p99 during wrong signatures (baseline: valid ones)"),
    ("hostile-callbacks", "`listen` RSS after a junk flood"),
    ("hostile-callbacks", "app RSS after a junk flood (receiver pane open)"),
    ("client-overhead", "sign-in + account round trip"),
    ("exporter", "scrape p50"),
    ("exporter", "scrape p99"),
    ("exporter", "scrape max"),
    ("exporter", "RSS after warm-up"),
    ("exporter", "RSS after the scrapes"),
    ("exporter", "RSS growth over the scrapes"),
}
MACHINE_KEYS = {"cpu", "cores", "ram_gib", "os", "python", "pyside6", "qt"}


@pytest.mark.timeout(420)
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="RSS is read from /proc (Linux)")
def test_smoke_run_writes_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "smoke.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--json", str(output)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(output.read_text())
    assert document["errors"] == {}
    assert set(document["machine"]) >= MACHINE_KEYS
    figures = {(f["benchmark"], f["figure"]): f for f in document["figures"]}
    assert set(figures) == EXPECTED
    for figure in figures.values():
        assert figure["app"] > 0 or figure["figure"].startswith(("loop stall", "RSS growth"))
        assert figure["baseline"] is not None
        assert "ratio" in figure and "holds" in figure
    assert "| benchmark | figure |" in result.stdout
