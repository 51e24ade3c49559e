"""The start-up check of Qt's xcb plugin, on a real plugin whose one library is made missing.

The fake plugin is a copy of PySide6's real ``libqxcb.so`` with one needed library renamed to a
soname no machine has (same length, so the ELF stays valid); its Qt libraries resolve as the real
plugin's do. ``ldd`` and the dynamic linker run for real.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aigc_desktop.services import xcb_check

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the xcb platform is Linux's")

REAL_NEED = b"libxcb-icccm.so.4\x00"
FAKE_NEED = b"libaigc-fake.so.4\x00"  # same length as REAL_NEED
FAKE_SONAME = FAKE_NEED[:-1].decode()
XCB_ENV = {"DISPLAY": ":99", "QT_QPA_PLATFORM": "xcb"}


def _real_plugin() -> Path:
    plugin = xcb_check.plugin_path({})
    if plugin is None:
        pytest.skip("PySide6 has no xcb plugin here")
    return plugin


@pytest.fixture
def fake_plugin_dir(tmp_path: Path) -> Path:
    """``<tmp>/Qt/plugins/platforms/libqxcb.so`` needing ``libaigc-fake.so.4``; ``<tmp>/Qt/lib`` is PySide6's."""
    real = _real_plugin()
    data = real.read_bytes()
    assert data.count(REAL_NEED) == 1, "the plugin no longer needs libxcb-icccm: pick another library"
    platforms = tmp_path / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / xcb_check.PLUGIN_NAME).write_bytes(data.replace(REAL_NEED, FAKE_NEED))
    (tmp_path / "Qt" / "lib").symlink_to(real.parent.parent.parent / "lib", target_is_directory=True)
    return platforms


@pytest.mark.parametrize(
    ("environ", "platform", "wanted"),
    [
        ({"DISPLAY": ":0"}, "linux", True),  # Qt's default on X11
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb;wayland"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", False),  # no display: Qt's own message is right
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "x11"}, "linux", True),
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_the_check_runs_only_where_qt_tries_xcb_first(
    environ: dict[str, str], platform: str, wanted: bool
) -> None:
    assert xcb_check.wants_xcb(environ, platform) is wanted


def test_the_installed_plugin_loads_and_nothing_is_reported() -> None:
    _real_plugin()
    assert xcb_check.check(XCB_ENV) is None


def test_a_plugin_with_a_missing_library_is_reported_with_the_packages_that_ship_it(
    fake_plugin_dir: Path,
) -> None:
    table = {**xcb_check.load_table(), FAKE_SONAME: {"debian": "libaigc-fake4", "fedora": "aigc-fake"}}
    environ = {**XCB_ENV, "QT_QPA_PLATFORM_PLUGIN_PATH": str(fake_plugin_dir)}

    text = xcb_check.check(environ, table)

    assert text is not None
    lines = text.splitlines()
    assert lines[0] == (
        "aigc-desktop: error: Qt's X11 (xcb) platform cannot start: missing system libraries: " + FAKE_SONAME
    )
    assert "  Debian/Ubuntu: sudo apt-get install libaigc-fake4" in lines
    assert "  Fedora:        sudo dnf install aigc-fake" in lines
    assert "cursor" not in text  # not Qt's guess


def test_a_missing_library_the_table_does_not_know_is_named_as_such(fake_plugin_dir: Path) -> None:
    environ = {**XCB_ENV, "QT_QPA_PLATFORM_PLUGIN_PATH": str(fake_plugin_dir)}
    text = xcb_check.check(environ)
    assert text is not None
    assert "apt-get" not in text  # nothing known to install
    assert f"Not in the app's package list (find the package that ships each): {FAKE_SONAME}" in text


def test_the_app_exits_1_with_the_report_before_qt_starts(fake_plugin_dir: Path, tmp_path: Path) -> None:
    """The real start-up path (``aigc-desktop`` -> ``ui.startup.frame.make_application``), in its own process."""
    env = {
        **os.environ,
        **XCB_ENV,
        "QT_QPA_PLATFORM_PLUGIN_PATH": str(fake_plugin_dir),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    done = subprocess.run(
        [sys.executable, "-m", "aigc_desktop", "--sandbox"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("aigc-desktop: error: Qt's X11 (xcb) platform cannot start")
    assert FAKE_SONAME in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


@pytest.mark.parametrize(
    ("sonames", "debian", "fedora"),
    [
        (
            ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"],
            ["libxcb-icccm4", "libxcb-keysyms1"],
            ["xcb-util-wm", "xcb-util-keysyms"],
        ),
        # two sonames from one package: the package once
        (["libglib-2.0.so.0", "libgthread-2.0.so.0"], ["libglib2.0-0"], ["glib2"]),
        (["libxcb-shm.so.0", "libxcb-xkb.so.1"], ["libxcb-shm0", "libxcb-xkb1"], ["libxcb"]),
    ],
)
def test_the_table_maps_sonames_to_each_distros_packages(
    sonames: list[str], debian: list[str], fedora: list[str]
) -> None:
    missing = xcb_check.packages_for(sonames, xcb_check.load_table())
    assert missing.packages == {"debian": debian, "fedora": fedora}
    assert missing.unknown == ()


def test_ldd_output_is_read_for_not_found_lines_only() -> None:
    output = (
        "\tlinux-vdso.so.1 (0x00007ffd)\n"
        "\tlibQt6XcbQpa.so.6 => /x/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)\n"
        "\tlibxcb-icccm.so.4 => not found\n"
        "\tlibxcb-keysyms.so.1 => not found\n"
        "\tlibxcb-icccm.so.4 => not found\n"
    )
    assert xcb_check.parse_ldd(output) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_scripts_get_the_package_names_from_the_module_without_the_venv(tmp_path: Path) -> None:
    """``tests/run.sh`` and ``tools/run-sandbox.sh`` run it with the system's python3 from the checkout."""
    python = shutil.which("python3") or sys.executable
    root = Path(__file__).resolve().parents[2]
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    done = subprocess.run(
        [python, "-m", "aigc_desktop.services.xcb_check", "--packages", "debian"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    names = done.stdout.split()
    assert names == xcb_check.all_packages("debian")
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"} <= set(names)


def test_setup_scripts_are_told_only_the_packages_whose_libraries_do_not_load() -> None:
    table = {
        "libxcb.so.1": {"debian": "libxcb1", "fedora": "libxcb"},  # there wherever Qt's xcb plugin runs
        FAKE_SONAME: {"debian": "libaigc-fake4", "fedora": "aigc-fake"},
    }
    missing = xcb_check.packages_for(xcb_check.unloadable(table), table)
    assert missing.packages == {"debian": ["libaigc-fake4"], "fedora": ["aigc-fake"]}
