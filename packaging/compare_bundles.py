"""Freeze the app and a bare PySide6 hello-world the same way, in the same run, and compare them.

    python packaging/compare_bundles.py               # build both, 7 runs each, offscreen
    python packaging/compare_bundles.py --reuse       # measure bundles already built by a previous run
    xvfb-run -a python packaging/compare_bundles.py --platform xcb

Prints bundle size (MB, file count) and start-up time: from process start to the main window's first
frame reaching the screen, the median of N runs, with the app/baseline ratio. "Window shown" is
detected the same way for both programs, without any hook in either: Qt's own paint log
(``QT_LOGGING_RULES=qt.widgets.painting=true``) says when a top-level widget is first flushed to its
window; the process is then ended. Cold runs drop the OS page cache first (Linux, as root); when that
is not allowed only warm runs are reported. Figures are printed, never asserted: they depend on the
machine, which is printed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))  # the repo root, for benchmarks/

import bundle_rules as rules

from benchmarks.measure import time_to_first_paint
from build import bundle_stats, freeze

DROP_CACHES = Path("/proc/sys/vm/drop_caches")


@dataclass
class Bundle:
    label: str
    folder: Path
    executable: Path


def _isolated_env(platform_name: str, home: Path) -> dict[str, str]:
    """Same environment for both programs; never the user's settings or keyring."""
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": platform_name,
            "QT_LOGGING_RULES": "qt.widgets.painting=true",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"),
            "APPDATA": str(home / "appdata"),
            "LOCALAPPDATA": str(home / "localappdata"),
            # The app checks the keyring at start-up: the null backend keeps it off the real one.
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
    )
    env.pop("AIGC_APP_KEY", None)
    return env


def time_to_window(executable: Path, env: dict[str, str], timeout_s: float) -> float:
    """Seconds from process start to the first frame of a top-level window (the benchmark suite's probe)."""
    return time_to_first_paint([str(executable)], env, timeout_s)


def time_to_exit(command: list[str], env: dict[str, str], timeout_s: float, expect: str) -> float:
    """Seconds for a command that exits by itself (the app's --self-test); checks its output."""
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or expect not in result.stdout:
        raise RuntimeError(
            f"{' '.join(command)} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return elapsed


def can_drop_caches() -> bool:
    if not DROP_CACHES.exists():
        return False
    try:
        drop_caches()
    except OSError:
        return False
    return True


def drop_caches() -> None:
    os.sync()
    DROP_CACHES.write_text("3\n")


def median_of(runs: int, measure: Callable[[], float], before: Callable[[], None] | None = None) -> float:
    samples = []
    for _ in range(runs):
        if before is not None:
            before()
        samples.append(measure())
    return statistics.median(samples)


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        if names:
            cpu = names[0]
    try:
        from importlib.metadata import version

        versions = f"PySide6 {version('PySide6-Essentials')}, PyInstaller {version('pyinstaller')}"
    except Exception:  # metadata missing: the figures still stand, only the label is poorer
        versions = "versions unknown"
    return f"{platform.platform()}; {cpu}; {os.cpu_count()} cores; Python {platform.python_version()}; {versions}"


def _row(name: str, base: float, app: float, fmt: str) -> str:
    ratio = f"{app / base:.2f}x" if base else "n/a"
    return f"| {name} | {format(base, fmt)} | {format(app, fmt)} | {ratio} |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compare the app's bundle with a hello-world baseline.")
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median reported)")
    parser.add_argument("--dist", type=Path, default=rules.REPO_ROOT / "build" / "compare" / "dist")
    parser.add_argument("--work", type=Path, default=rules.REPO_ROOT / "build" / "compare" / "work")
    parser.add_argument("--reuse", action="store_true", help="do not rebuild bundles that already exist")
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin (offscreen, xcb, ...)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as failed")
    args = parser.parse_args(argv)

    bundles = []
    for label, baseline, name in (
        ("hello-world", True, "hello-world"),
        ("aigc-desktop", False, rules.EXE_NAME),
    ):
        folder = args.dist / name
        executable = folder / rules.executable_name(name)
        if not (args.reuse and executable.exists()):
            folder = freeze(args.dist.resolve(), args.work.resolve(), baseline=baseline)
            executable = folder / rules.executable_name(name)
        bundles.append(Bundle(label, folder, executable))
    base, app = bundles

    cold = can_drop_caches()
    with tempfile.TemporaryDirectory(prefix="aigc-compare-") as tmp:
        env = _isolated_env(args.platform, Path(tmp))
        for bundle in bundles:  # one unmeasured run each: fonts cache, first-run files
            time_to_window(bundle.executable, env, args.timeout)
        warm = {
            b.label: median_of(args.runs, lambda b=b: time_to_window(b.executable, env, args.timeout))
            for b in bundles
        }
        cold_times = (
            {
                b.label: median_of(
                    args.runs, lambda b=b: time_to_window(b.executable, env, args.timeout), before=drop_caches
                )
                for b in bundles
            }
            if cold
            else {}
        )
        self_test_env = dict(env, QT_LOGGING_RULES="")
        self_test = median_of(
            args.runs,
            lambda: time_to_exit(
                [str(app.executable), "--self-test"], self_test_env, args.timeout, "self-test ok"
            ),
        )

    (base_mb, base_files), (app_mb, app_files) = bundle_stats(base.folder), bundle_stats(app.folder)
    print()
    print(f"machine: {machine_description()}")
    print(
        f"Qt platform: {args.platform}; start-up = process start -> first frame of the main window; median of {args.runs}"
    )
    print()
    print("| | hello-world | aigc-desktop | ratio |")
    print("|---|---:|---:|---:|")
    print(_row("bundle size (MB)", base_mb, app_mb, ".1f"))
    print(_row("files", base_files, app_files, ".0f"))
    if cold_times:
        print(
            _row("cold start, page cache dropped (s)", cold_times[base.label], cold_times[app.label], ".3f")
        )
    else:
        print("| cold start, page cache dropped (s) | not measured: needs root on Linux | | |")
    print(_row("warm start (s)", warm[base.label], warm[app.label], ".3f"))
    print(f"| app `--self-test`: window, sandbox, sign-in, account (s) | | {self_test:.3f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
