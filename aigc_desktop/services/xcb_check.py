"""Before Qt starts on X11: can its xcb platform plugin load, and if not, which packages fix it?

Qt's own answer to a missing library is an abort (exit 134) saying ``libxcb-cursor0`` is needed,
whichever library is missing (seen on Debian 12 with ``libxcb-cursor0`` installed and
``libxcb-icccm4`` / ``libxcb-keysyms1`` missing). So, before ``QApplication`` exists, the app loads
the plugin itself: when that works (the usual case, and Qt then finds it already loaded),
nothing is said; when it fails, ``ldd`` lists every missing library and the app prints the apt and
dnf lines that install them and exits 1. The soname -> package table lives in
``resources/linux_xcb_packages.json``, the one list README, ``tests/run.sh``,
``tools/run-sandbox.sh`` and ``packaging/README.md`` use too (``python3 -m
aigc_desktop.services.xcb_check --packages debian`` prints it for shell scripts). Qt-free, stdlib only:
it also runs under the system's ``python3`` before the venv exists.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

PACKAGES_RESOURCE = "linux_xcb_packages.json"
PLUGIN_NAME = "libqxcb.so"
DISTROS = {"debian": "Debian/Ubuntu", "fedora": "Fedora"}
INSTALLERS = {"debian": "sudo apt-get install", "fedora": "sudo dnf install"}
EXIT_MISSING = 1
PREFIX = "aigc-desktop: error:"

PackageTable = Mapping[str, Mapping[str, str]]  # soname -> {"debian": package, "fedora": package}


class Missing(NamedTuple):
    """What the plugin could not load: sonames, and the packages that ship the known ones."""

    sonames: tuple[str, ...]
    packages: dict[str, list[str]]  # distro -> packages, in the order of ``sonames``
    unknown: tuple[str, ...]  # sonames the table does not know


def wants_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt is about to try the xcb platform first (Linux, a ``DISPLAY``, xcb asked for or the default).

    ``QT_QPA_PLATFORM`` may be a ``;``-separated list with ``:options``; only its first entry counts.
    With nothing asked for, a Wayland session gets Qt's Wayland plugin first, so xcb is not checked.
    """
    if not platform.startswith("linux") or not environ.get("DISPLAY"):
        return False
    first = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if first:
        return first == "xcb"
    return not (environ.get("XDG_SESSION_TYPE") == "wayland" and environ.get("WAYLAND_DISPLAY"))


def plugin_path(environ: Mapping[str, str]) -> Path | None:
    """The ``libqxcb.so`` Qt will load: ``QT_QPA_PLATFORM_PLUGIN_PATH``, else PySide6's own (also when frozen)."""
    folders: list[Path] = []
    override = environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
    if override:
        folders.extend(Path(part) for part in override.split(os.pathsep) if part)
    for location in _pyside6_locations():
        folders.append(Path(location) / "Qt" / "plugins" / "platforms")
    for folder in folders:
        candidate = folder / PLUGIN_NAME
        if candidate.is_file():
            return candidate
    return None


def _pyside6_locations() -> list[str]:
    """PySide6's package folders: the imported module's (the GUI imported it already), else found, not imported."""
    module = sys.modules.get("PySide6")
    if module is not None:
        return list(getattr(module, "__path__", []))
    import importlib.util  # only when PySide6 is not imported yet

    spec = importlib.util.find_spec("PySide6")
    return list(spec.submodule_search_locations or []) if spec is not None else []


def loads(plugin: Path) -> str | None:
    """``None`` when the dynamic linker loads the plugin and everything it needs, else its error.

    The plugin stays loaded: Qt's own load of the same file a moment later costs nothing more.
    """
    import _ctypes  # lighter than ``ctypes`` on the first frame's path

    try:
        _ctypes.dlopen(str(plugin), os.RTLD_LAZY)
    except OSError as error:
        return str(error)
    return None


def unresolved(plugin: Path) -> list[str] | None:
    """Every library ``ldd`` reports "not found" for the plugin (transitively); ``None`` without ``ldd``."""
    import subprocess

    try:
        result = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_ldd(result.stdout)


def parse_ldd(output: str) -> list[str]:
    """The sonames on ``name => not found`` lines of ``ldd`` output, once each, in order."""
    found: list[str] = []
    for line in output.splitlines():
        name, arrow, where = line.strip().partition("=>")
        if arrow and where.strip() == "not found" and name.strip() not in found:
            found.append(name.strip())
    return found


def load_table() -> PackageTable:
    from aigc_desktop.platform.resources import load_json_resource

    table: PackageTable = load_json_resource(PACKAGES_RESOURCE)["libraries"]
    return table


def packages_for(sonames: Sequence[str], table: PackageTable) -> Missing:
    """The packages (per distro, each once) that ship ``sonames``, and the sonames not in ``table``."""
    packages: dict[str, list[str]] = {distro: [] for distro in DISTROS}
    unknown: list[str] = []
    for soname in sonames:
        entry = table.get(soname)
        if entry is None:
            unknown.append(soname)
            continue
        for distro, names in packages.items():
            if entry[distro] not in names:
                names.append(entry[distro])
    return Missing(tuple(sonames), packages, tuple(unknown))


def all_packages(distro: str, table: PackageTable | None = None) -> list[str]:
    """Every package of the table for ``distro`` (``debian`` or ``fedora``), each once, in table order."""
    table = load_table() if table is None else table
    return packages_for(list(table), table).packages[distro]


def unloadable(table: PackageTable) -> list[str]:
    """The table's sonames the dynamic linker cannot load here (for setup scripts: what to install)."""
    import _ctypes

    missing = []
    for soname in table:
        try:
            _ctypes.dlopen(soname, os.RTLD_LAZY)
        except OSError:
            missing.append(soname)
    return missing


def install_commands(packages: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """distro -> ``sudo apt-get install …`` / ``sudo dnf install …``, for the distros with packages."""
    return {distro: f"{INSTALLERS[distro]} {' '.join(names)}" for distro, names in packages.items() if names}


def install_lines(packages: Mapping[str, Sequence[str]]) -> list[str]:
    """``Debian/Ubuntu: sudo apt-get install …`` and the Fedora line, for the distros with packages."""
    width = max(len(label) for label in DISTROS.values()) + 2
    return [
        f"{(DISTROS[distro] + ':').ljust(width)}{command}"
        for distro, command in install_commands(packages).items()
    ]


def doc_block(table: PackageTable | None = None) -> str:
    """What the READMEs show (a shell block: a comment naming the distro above each command)."""
    table = load_table() if table is None else table
    commands = install_commands({distro: all_packages(distro, table) for distro in DISTROS})
    return "\n".join(f"# {DISTROS[distro]}\n{command}" for distro, command in commands.items())


def report(missing: Missing, loader_error: str | None = None) -> str:
    """What the user reads on stderr: what is missing and the exact install commands."""
    lines = [
        f"{PREFIX} Qt's X11 (xcb) platform cannot start: "
        + (
            f"missing system libraries: {', '.join(missing.sonames)}"
            if missing.sonames
            else f"its plugin did not load ({loader_error})"
        )
    ]
    if any(missing.packages.values()):
        lines.append("Install them, then start aigc-desktop again:")
        lines.extend(f"  {line}" for line in install_lines(missing.packages))
    if missing.unknown:
        lines.append(
            "Not in the app's package list (find the package that ships each): " + ", ".join(missing.unknown)
        )
    lines.append("Or use another Qt platform, e.g. QT_QPA_PLATFORM=wayland in a Wayland session.")
    return "\n".join(lines)


def check(environ: Mapping[str, str] | None = None, table: PackageTable | None = None) -> str | None:
    """The report when Qt's xcb plugin would not load, else ``None`` (also when xcb is not wanted)."""
    environ = os.environ if environ is None else environ
    if not wants_xcb(environ):
        return None
    plugin = plugin_path(environ)
    if plugin is None:
        return None  # nothing to check: Qt says itself that the plugin is not there
    error = loads(plugin)
    if error is None:
        return None
    missing = unresolved(plugin)
    if missing is None:  # no ldd: the loader's message names the first missing library
        missing = [error.split(":", 1)[0]] if "cannot open shared object file" in error else []
    return report(packages_for(missing, load_table() if table is None else table), error)


def exit_if_xcb_libraries_missing() -> None:
    """For ``ui/launch.py`` before ``QApplication``: print the report and exit 1 when xcb cannot load."""
    text = check()
    if text is not None:
        print(text, file=sys.stderr, flush=True)
        raise SystemExit(EXIT_MISSING)


def main(argv: Sequence[str] | None = None) -> int:
    """For scripts: ``--packages D`` every package, ``--missing D`` those whose libraries do not load here
    (D: debian or fedora), ``--install-lines`` both install commands; no argument: run the check."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) == 2 and arguments[0] == "--packages" and arguments[1] in DISTROS:
        print(" ".join(all_packages(arguments[1])))
        return 0
    if len(arguments) == 2 and arguments[0] == "--missing" and arguments[1] in DISTROS:
        table = load_table()
        print(" ".join(packages_for(unloadable(table), table).packages[arguments[1]]))
        return 0
    if arguments == ["--install-lines"]:
        print(doc_block())
        return 0
    if arguments:
        print(
            f"usage: python3 -m {__spec__.name if __spec__ else 'xcb_check'} "
            "[--packages debian|fedora | --missing debian|fedora | --install-lines]",
            file=sys.stderr,
        )
        return 2
    text = check()
    print(text if text is not None else "xcb check: nothing missing (or xcb is not the platform)")
    return EXIT_MISSING if text is not None else 0


if __name__ == "__main__":
    sys.exit(main())
