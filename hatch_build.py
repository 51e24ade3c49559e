"""Hatch build hook: compile ``resources/translations/*.ts`` into ``.qm`` files inside the wheel.

Qt loads only the compiled ``.qm``; the ``.ts`` (XML, what translators edit) is the source. A wheel
(``pip install .``, ``python -m build``) gets ``aigc_desktop/_resources/translations/<name>.qm`` next
to the ``.ts`` that ``force-include`` already copies. Editable installs are left alone: a checkout
compiles on first use into the user cache (``aigc_desktop.ui.i18n.catalogue_file``), and the frozen
bundle has its own step (``packaging/bundle_rules.compile_translations``).

The compiler is PySide6's ``lrelease``; the hook asks for PySide6 as a build dependency (the same pin
as the runtime one) so isolated builds have it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TRANSLATIONS = Path("resources") / "translations"
WHEEL_TRANSLATIONS = "aigc_desktop/_resources/translations"
PYSIDE = "PySide6-Essentials"


def find_lrelease() -> str:
    """PySide6's lrelease binary (what ``pyside6-lrelease`` runs), or the wrapper script on PATH."""
    try:
        import PySide6
    except ImportError:
        pass
    else:
        exe = Path(PySide6.__file__).resolve().parent / (
            "lrelease.exe" if sys.platform == "win32" else "lrelease"
        )
        if exe.is_file():
            return str(exe)
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease"
    )
    if not found:
        raise RuntimeError(f"pyside6-lrelease not found: install {PYSIDE} in the build environment")
    return found


class TranslationsBuildHook(BuildHookInterface):
    """Adds one compiled ``.qm`` per ``.ts`` to standard wheels."""

    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        pins = [d for d in self.metadata.core.dependencies if d.lower().startswith(PYSIDE.lower())]
        return pins or [PYSIDE]

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sources = sorted((Path(self.root) / TRANSLATIONS).glob("*.ts"))
        if not sources:
            return
        self._out = Path(tempfile.mkdtemp(prefix="aigc-desktop-qm-"))
        lrelease = find_lrelease()
        for source in sources:
            target = self._out / f"{source.stem}.qm"
            subprocess.run([lrelease, "-silent", str(source), "-qm", str(target)], check=True, timeout=120)
            build_data["force_include"][str(target)] = f"{WHEEL_TRANSLATIONS}/{target.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            shutil.rmtree(out, ignore_errors=True)
