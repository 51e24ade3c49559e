"""Locate files under ``resources/`` in a checkout, an installed wheel or a frozen bundle.

Data that is data (error catalogue, quota labels, demo accounts) lives there rather than in code.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def resources_dir() -> Path:
    """The first existing resources folder: frozen bundle, installed wheel, then source checkout."""
    candidates: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "resources")
    candidates.append(_PACKAGE_DIR / "_resources")
    candidates.append(_PACKAGE_DIR.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found; looked in {', '.join(map(str, candidates))}")


def resource_path(name: str) -> Path:
    """Path of one resource file by its name relative to the resources folder."""
    return resources_dir() / name


def load_json_resource(name: str) -> Any:
    """Parse one JSON resource; the caller knows its shape."""
    with resource_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)
