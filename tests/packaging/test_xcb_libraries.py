"""Every system library the installed Qt xcb plugin needs is in the one package list, and the docs show that list.

``resources/linux_xcb_packages.json`` is what README's first command, ``tests/run.sh``, the packaging
README and the app's start-up check (``services/xcb_check.py``) install or name. A new PySide6 whose
xcb plugin needs a library the list does not know fails here, on the machine that has it installed,
before a user on a fresh desktop meets Qt's abort.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aigc_desktop.platform.resources import load_json_resource
from aigc_desktop.services import xcb_check

REPO_ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")


def _ldd(path: Path) -> dict[str, str]:
    """soname -> where ``ldd`` resolved it (``not found`` when it did not)."""
    done = subprocess.run(["ldd", str(path)], capture_output=True, text=True, timeout=60, check=True)
    resolved: dict[str, str] = {}
    for line in done.stdout.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow:
            resolved[name.strip()] = where.strip().split(" (")[0]
    return resolved


@linux_only
@pytest.mark.skipif(shutil.which("ldd") is None, reason="needs ldd")
def test_every_library_of_the_xcb_plugin_resolves_or_the_package_list_covers_it() -> None:
    plugin = xcb_check.plugin_path({})
    assert plugin is not None, "PySide6's xcb platform plugin is not installed"
    qt_tree = plugin.parents[2].resolve()  # PySide6/Qt: Qt's own libraries come with the wheel
    data = load_json_resource(xcb_check.PACKAGES_RESOURCE)
    covered = set(data["libraries"]) | set(data["base"])
    needed = _ldd(plugin)
    assert "libQt6XcbQpa.so.6" in needed  # ldd really read the plugin
    system = {name: where for name, where in needed.items() if not where.startswith(str(qt_tree))}
    not_found = sorted(name for name, where in system.items() if where == "not found")
    uncovered_missing = [name for name in not_found if name not in covered]
    assert not uncovered_missing, f"missing here and not in the package list: {uncovered_missing}"
    assert not not_found, "the xcb plugin cannot load on this machine; install: " + " / ".join(
        xcb_check.install_lines(xcb_check.packages_for(not_found, data["libraries"]).packages)
    )


@linux_only
@pytest.mark.skipif(shutil.which("readelf") is None, reason="needs readelf (binutils)")
def test_every_direct_system_dependency_of_the_plugin_and_its_qt_libraries_is_in_the_list() -> None:
    """Stricter than the ldd test: what the plugin and Qt's libraries link against *directly*.

    Their own dependencies (libXau under libxcb, …) come with the listed packages through apt/dnf.
    """
    plugin = xcb_check.plugin_path({})
    assert plugin is not None
    qt_lib = plugin.parents[2] / "lib"
    data = load_json_resource(xcb_check.PACKAGES_RESOURCE)
    covered = set(data["libraries"]) | set(data["base"])
    files = [
        plugin,
        *(
            qt_lib / name
            for name in (
                "libQt6XcbQpa.so.6",
                "libQt6Gui.so.6",
                "libQt6Core.so.6",
                "libQt6DBus.so.6",
                "libQt6Widgets.so.6",
            )
        ),
    ]
    uncovered: dict[str, list[str]] = {}
    for path in files:
        dynamic = subprocess.run(
            ["readelf", "-d", str(path)], capture_output=True, text=True, timeout=60, check=True
        ).stdout
        for line in dynamic.splitlines():
            if "(NEEDED)" in line:
                soname = line.split("[", 1)[1].rstrip("]")
                if not soname.startswith(("libQt6", "libicu")) and soname not in covered:
                    uncovered.setdefault(soname, []).append(path.name)
    assert not uncovered, f"not in resources/{xcb_check.PACKAGES_RESOURCE}: {uncovered}"


@pytest.mark.parametrize("doc", ["README.md", "packaging/README.md", "packaging/linux/README.txt"])
def test_the_docs_give_the_install_commands_of_the_package_list(doc: str) -> None:
    text = (REPO_ROOT / doc).read_text(encoding="utf-8")
    table = xcb_check.load_table()
    commands = xcb_check.install_commands({d: xcb_check.all_packages(d, table) for d in xcb_check.DISTROS})
    for command in commands.values():
        assert command in text, (
            f"{doc} lacks: {command}  (python3 -m aigc_desktop.services.xcb_check --install-lines)"
        )


def test_the_setup_scripts_install_from_the_package_list() -> None:
    for script in ("tests/run.sh", "tools/run-sandbox.sh"):
        text = (REPO_ROOT / script).read_text(encoding="utf-8")
        assert "aigc_desktop.services.xcb_check --packages" in text or "xcb_check --missing" in text, script
        assert "libxcb-icccm4" not in text, f"{script} lists Qt's packages itself"
