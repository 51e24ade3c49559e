"""A description of the machine the figures were measured on (they mean nothing without it)."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return None


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "not installed"


def describe(qt_platform: str) -> dict[str, Any]:
    """CPU, cores, RAM, OS, Python and Qt versions, and the load when the run started (noise indicator)."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    try:
        load = list(os.getloadavg())
    except OSError:
        load = []
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "pyside6": pyside_version,
        "qt": qVersion(),
        "qt_platform": qt_platform,
        "qasync": _version("qasync"),
        "aiohttp": _version("aiohttp"),
        "httpx": _version("httpx"),
        "load_average_at_start": load,
    }


def one_line(machine: dict[str, Any]) -> str:
    load = ", ".join(f"{x:.2f}" for x in machine["load_average_at_start"]) or "n/a"
    return (
        f"{machine['cpu']}; {machine['cores']} cores; {machine['ram_gib']} GiB RAM; {machine['os']}; "
        f"Python {machine['python']}; PySide6 {machine['pyside6']} (Qt {machine['qt']}, "
        f"{machine['qt_platform']}); load average at start {load}"
    )
