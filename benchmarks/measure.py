"""Process-level measuring: isolated environments, first paint, run-to-exit with peak RSS, served programs.

Everything here runs in the runner; the programs it starts live in ``benchmarks/programs``. First paint
is detected without any hook in the program: Qt's paint log (``QT_LOGGING_RULES=qt.widgets.painting=true``)
says when a top-level widget is first flushed to its window (the trick of ``packaging/compare_bundles.py``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

PROGRAMS = Path(__file__).resolve().parent / "programs"
FIRST_FLUSH = re.compile(r"qt\.widgets\.painting: Flushing QRegion\(.*\) of .* to QWidgetWindow")


class BenchmarkError(RuntimeError):
    """A program failed or did not answer in time; the text carries the tail of its output."""


def program(name: str, *args: str) -> list[str]:
    """The command line of a benchmark program run with this interpreter."""
    return [sys.executable, str(PROGRAMS / f"{name}.py"), *args]


def app_command(*args: str) -> list[str]:
    """``aigc-desktop ARGS``: the installed console script next to this interpreter, else ``-m``.

    The script is preferred: ``-m`` would put the working directory first on ``sys.path``.
    """
    script = Path(sys.executable).with_name("aigc-desktop")
    if script.is_file():
        return [str(script), *args]
    return [sys.executable, "-m", "aigc_desktop.cli", *args]


def isolated_env(home: Path, qt_platform: str, *, bytecode: bool = True) -> dict[str, str]:
    """The same environment for app and baselines; never the user's settings, logs or keyring.

    With ``bytecode`` (the default) children keep compiled bytecode in a throwaway
    ``PYTHONPYCACHEPREFIX`` under ``home``, so after a first run they load it as an installed app
    (wheel or bundle) does; the checkout is never written. Without it every run compiles every
    module from source again (``PYTHONDONTWRITEBYTECODE``), which weighs on the app's many modules
    and hardly on a one-file baseline.
    """
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": qt_platform,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_STATE_HOME": str(home / "state"),
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
        }
    )
    for name in ("AIGC_APP_KEY", "QT_LOGGING_RULES", "PYTHONPROFILEIMPORTTIME"):
        env.pop(name, None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    else:
        env.pop("PYTHONPYCACHEPREFIX", None)
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def prime_bytecode(env: dict[str, str], timeout_s: float) -> None:
    """One unmeasured run of the app's self-test and of the bare stack: every module they import
    is compiled into the environment's bytecode cache before anything is measured."""
    if "PYTHONPYCACHEPREFIX" not in env:
        return
    for command, expect in (
        (app_command("--self-test"), "self-test ok"),
        (program("bare_stack", "exit"), "bare ok"),
    ):
        run_to_exit(command, env, timeout_s, expect)


def _tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.splitlines()[-lines:])


def time_to_first_paint(command: list[str], env: dict[str, str], timeout_s: float) -> float:
    """Seconds from process start to the first flush of a top-level window; the process is then ended."""
    paint_env = dict(env, QT_LOGGING_RULES="qt.widgets.painting=true")
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        env=paint_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
    )
    watchdog = threading.Timer(timeout_s, process.kill)
    watchdog.start()
    elapsed: float | None = None
    tail: list[str] = []
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if FIRST_FLUSH.search(line):
                elapsed = time.perf_counter() - started
                break
            tail = [*tail[-15:], line.rstrip()]
    finally:
        watchdog.cancel()
        process.kill()
        process.communicate()
    if elapsed is None:
        raise BenchmarkError(f"{' '.join(command)} painted nothing in {timeout_s:.0f} s:\n" + "\n".join(tail))
    return elapsed


@dataclass(frozen=True, slots=True)
class ExitRun:
    seconds: float
    peak_rss_kb: int
    stdout: str


def run_to_exit(command: list[str], env: dict[str, str], timeout_s: float, expect: str) -> ExitRun:
    """Wall time and peak RSS (``ru_maxrss`` of this child alone, via ``wait4``) of a self-ending run."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    output: dict[str, bytes] = {}

    def drain(name: str, stream: IO[bytes]) -> None:
        output[name] = stream.read()

    readers = [
        threading.Thread(target=drain, args=(name, stream), daemon=True)
        for name, stream in (("out", process.stdout), ("err", process.stderr))
    ]
    for reader in readers:
        reader.start()
    watchdog = threading.Timer(timeout_s, process.kill)
    watchdog.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        watchdog.cancel()
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    stdout = output.get("out", b"").decode(errors="replace")
    if process.returncode != 0 or expect not in stdout:
        stderr = output.get("err", b"").decode(errors="replace")
        raise BenchmarkError(
            f"{' '.join(command)} failed (exit {process.returncode}):\n{_tail(stdout)}\n{_tail(stderr)}"
        )
    return ExitRun(elapsed, int(usage.ru_maxrss), stdout)


def proc_status_kb(pid: int) -> dict[str, int]:
    """VmRSS (now) and VmHWM (peak) of a running process, in KiB, from /proc (Linux)."""
    values: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


class ServedProgram:
    """A program speaking the line protocol of ``programs/_common.py``, with a deadline on every answer."""

    def __init__(
        self,
        command: list[str],
        env: dict[str, str],
        timeout_s: float,
        config: dict[str, Any] | None = None,
    ) -> None:
        """Start ``command``; ``config`` is written as its first input line; waits for ``ready``."""
        self.command = command
        self.timeout_s = timeout_s
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.process = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            errors="replace",
        )
        if config is not None:
            self.send(json.dumps(config))
        self.ready: dict[str, Any] = self.expect("ready")

    @property
    def pid(self) -> int:
        return self.process.pid

    def _failure(self, what: str) -> BenchmarkError:
        self._stderr.seek(0)
        stderr = self._stderr.read().decode(errors="replace")
        return BenchmarkError(f"{' '.join(self.command)}: {what}\n{_tail(stderr)}")

    def expect(self, key: str) -> dict[str, Any]:
        """Read protocol lines until one carries ``key`` (the program is killed at the deadline)."""
        watchdog = threading.Timer(self.timeout_s, self.process.kill)
        watchdog.start()
        try:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                if line.startswith("{"):
                    message: dict[str, Any] = json.loads(line)
                    if key in message:
                        return message
        finally:
            watchdog.cancel()
        raise self._failure(f"ended without answering {key!r}")

    def send(self, word: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()

    def close(self) -> None:
        """Ask it to quit; kill it if it does not end in time."""
        if self.process.poll() is None:
            try:
                self.send("quit")
                assert self.process.stdin is not None
                self.process.stdin.close()
                self.process.wait(timeout=self.timeout_s)
            except (OSError, subprocess.TimeoutExpired):
                self.process.kill()
                self.process.wait()
        self._stderr.close()


@contextmanager
def served(command: list[str], env: dict[str, str], timeout_s: float) -> Iterator[ServedProgram]:
    program = ServedProgram(command, env, timeout_s)
    try:
        yield program
    finally:
        program.close()


def run_load(
    config: dict[str, Any],
    env: dict[str, str],
    timeout_s: float,
    before_go: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Run ``programs/load.py`` with ``config``: once it is ready, call ``before_go``, start it, return its
    JSON result (the load's own start-up stays out of whatever ``before_go`` starts measuring)."""
    load = ServedProgram(program("load"), env, timeout_s, config=config)
    try:
        if before_go is not None:
            before_go()
        load.send("go")
        return load.expect("elapsed_s")
    finally:
        load.close()


def run_load_under_heartbeat(
    running: ServedProgram, config: dict[str, Any], env: dict[str, str], timeout_s: float
) -> tuple[dict[str, Any], dict[str, float]]:
    """``run_load`` with ``running``'s heartbeat on from the load's ``go`` to its end: (load, heartbeat)."""

    def start_heartbeat() -> None:
        running.send("start")
        running.expect("started")

    load = run_load(config, env, timeout_s, before_go=start_heartbeat)
    running.send("stop")
    heartbeat: dict[str, float] = running.expect("heartbeat")["heartbeat"]
    return load, heartbeat


def interleaved(runs: int, measures: dict[str, Callable[[], Any]]) -> dict[str, list[Any]]:
    """``runs`` samples of each measure, taken in turns (A B A B ...) so drifting load hits both alike."""
    samples: dict[str, list[Any]] = {label: [] for label in measures}
    for _ in range(runs):
        for label, measure in measures.items():
            samples[label].append(measure())
    return samples
