"""The runner: settings from the command line, each benchmark in turn, the table, the JSON.

    python -m benchmarks                  # full sizes (several minutes)
    python -m benchmarks --quick          # fewer repetitions
    python -m benchmarks --only startup --only memory --json /tmp/x.json

Figures are printed, never asserted: a benchmark that fails to run is reported (exit 1); a goal that
does not hold is only marked in the table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks import (
    client_overhead,
    exporter,
    hostile_callbacks,
    machine,
    memory,
    receiver_throughput,
    responsiveness,
    self_test,
    startup,
)
from benchmarks.figures import Figure, Settings
from benchmarks.measure import isolated_env, prime_bytecode

BENCHMARKS: list[ModuleType] = [
    startup,
    self_test,
    memory,
    responsiveness,
    receiver_throughput,
    hostile_callbacks,
    client_overhead,
    exporter,
]
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="fewer repetitions and smaller loads")
    sizes.add_argument("--smoke", action="store_true", help="tiny sizes, one run each (CI smoke test)")
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help=f"where to write (default {DEFAULT_JSON})"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=[module.NAME for module in BENCHMARKS],
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin (default offscreen)")
    parser.add_argument(
        "--cold-bytecode",
        action="store_true",
        help="no bytecode cache: every run compiles every module from source (the suite's old setting)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds before a program counts as hung"
    )
    return parser.parse_args(argv)


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "/s":
        return f"{value:,.0f}"
    if unit == "s":
        return f"{value:.3f}"
    return f"{value:.1f}"


def table(figures: list[Figure]) -> str:
    """The Markdown table the README shows."""
    lines = [
        "| benchmark | figure | baseline | app | ratio | goal | holds |",
        "|---|---|---:|---:|---:|---|:---:|",
    ]
    for f in figures:
        ratio = f"{f.ratio:.2f}x" if f.ratio is not None else ""
        holds = {True: "yes", False: "**no**", None: ""}[f.holds]
        lines.append(
            f"| {f.benchmark} | {f.name} ({f.unit}) | {_number(f.baseline, f.unit)} | "
            f"{_number(f.app, f.unit)} | {ratio} | {f.goal_text()} | {holds} |"
        )
    return "\n".join(lines)


def run_all(
    modules: list[ModuleType], settings: Settings, progress: Callable[[str], None]
) -> tuple[list[Figure], dict[str, str], dict[str, float]]:
    figures: list[Figure] = []
    errors: dict[str, str] = {}
    durations: dict[str, float] = {}
    for module in modules:
        progress(f"running {module.NAME} ...")
        started = time.perf_counter()
        try:
            figures.extend(module.run(settings))
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            errors[module.NAME] = "".join(traceback.format_exception_only(exc)).strip()
            progress(f"  {module.NAME} failed: {errors[module.NAME]}")
            progress(traceback.format_exc())
        durations[module.NAME] = round(time.perf_counter() - started, 1)
    return figures, errors, durations


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    preset = "smoke" if args.smoke else "quick" if args.quick else "full"
    modules = [m for m in BENCHMARKS if not args.only or m.NAME in args.only]
    described = machine.describe(args.platform)

    def progress(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory(prefix="aigc-bench-") as home:
        env = isolated_env(Path(home), args.platform, bytecode=not args.cold_bytecode)
        settings = Settings.preset_named(preset, env, args.timeout)
        progress("compiling bytecode (one unmeasured run of the app and the bare stack) ...")
        prime_bytecode(env, args.timeout)
        figures, errors, durations = run_all(modules, settings, progress)

    print()
    print(f"machine: {machine.one_line(described)}")
    bytecode = "compiled from source every run" if args.cold_bytecode else "cached after a first run"
    print(
        f"preset: {preset}; bytecode {bytecode}; every ratio is app / baseline, both measured in this run (medians)"
    )
    print()
    print(table(figures))
    for name, error in errors.items():
        print(f"\n{name}: FAILED: {error}")

    document: dict[str, Any] = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "preset": preset,
        "bytecode": "cold" if args.cold_bytecode else "cached",
        "machine": described,
        "settings": _settings_json(settings),
        "figures": [f.as_json() for f in figures],
        "errors": errors,
        "durations_s": durations,
        "table": table(figures),
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(document, indent=2) + "\n")
    print(f"\nJSON written to {args.json}")
    return 1 if errors else 0


def _settings_json(settings: Settings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in Settings.__slots__ if name != "env"}
