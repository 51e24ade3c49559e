"""Load the scripts under ``packaging/`` (not a package) for the packaging tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGING = REPO_ROOT / "packaging"


def load_packaging_module(name: str) -> ModuleType:
    """Import ``packaging/<name>.py`` under the name ``aigc_packaging_<name>``."""
    module_name = f"aigc_packaging_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    if str(PACKAGING) not in sys.path:  # the scripts import bundle_rules beside them
        sys.path.insert(0, str(PACKAGING))
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module
