"""Fast checks of the packaging inputs: icons, Linux desktop metadata, installer scripts, trim rules."""

from __future__ import annotations

import plistlib
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import aigc_desktop
from tests.packaging.helpers import PACKAGING, REPO_ROOT, load_packaging_module

rules = load_packaging_module("bundle_rules")
ICONS = REPO_ROOT / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("px", [16, 24, 32, 48, 64, 128, 256, 512, 1024])
def test_icon_png_has_its_size(px: int) -> None:
    assert png_size((ICONS / f"aigc-desktop-{px}.png").read_bytes()) == (px, px)


def test_windows_icon_holds_every_size_up_to_256() -> None:
    data = (ICONS / "aigc-desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        width, height, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        payload = data[offset : offset + length]
        assert png_size(payload) == (width or 256, height or 256)
        sizes.append(width or 256)
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_macos_icon_chunks_are_well_formed() -> None:
    data = (ICONS / "aigc-desktop.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset : offset + 4], struct.unpack(">I", data[offset + 4 : offset + 8])[0]
        kinds[kind] = png_size(data[offset + 8 : offset + length])
        offset += length
    assert kinds[b"ic10"] == (1024, 1024) and kinds[b"ic07"] == (128, 128) and kinds[b"icp4"] == (16, 16)


def linux_tool(name: str, debian_package: str) -> str:
    """The path of a validator; on Linux a missing one fails (tests/run.sh installs it), elsewhere it skips."""
    path = shutil.which(name)
    if path is not None:
        return path
    if not sys.platform.startswith("linux"):
        pytest.skip(f"{name} is a Linux tool ({debian_package}); the file is validated on the Linux runner")
    pytest.fail(f"{name} is missing: install the Debian package {debian_package} (tests/run.sh does)")


def _desktop_entry() -> dict[str, str]:
    text = (PACKAGING / "linux" / f"{rules.APP_ID}.desktop").read_text("utf-8")
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#"))


def test_desktop_entry_launches_the_app_with_its_icon() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "aigc-desktop"
    assert entry["Icon"] == rules.APP_ID
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    validate = linux_tool("desktop-file-validate", "desktop-file-utils")
    subprocess.run([validate, str(PACKAGING / "linux" / f"{rules.APP_ID}.desktop")], check=True)


def test_metainfo_names_the_desktop_file_and_gets_the_version(tmp_path: Path) -> None:
    build = load_packaging_module("build")
    source = PACKAGING / "linux" / f"{rules.APP_ID}.metainfo.xml"
    rendered = tmp_path / source.name
    rendered.write_text(build._render(source, aigc_desktop.__version__), "utf-8")
    root = ET.parse(rendered).getroot()
    assert root.findtext("id") == rules.APP_ID
    assert root.findtext("launchable") == f"{rules.APP_ID}.desktop"
    assert root.find("releases/release").get("version") == aigc_desktop.__version__  # type: ignore[union-attr]
    appstreamcli = linux_tool("appstreamcli", "appstream")
    subprocess.run([appstreamcli, "validate", "--no-net", str(rendered)], check=True, capture_output=True)


def test_macos_entitlements_are_a_valid_plist_with_the_hardened_runtime_exceptions() -> None:
    """Parsed with plistlib on every OS (plutil exists only on macOS)."""
    with (PACKAGING / "macos" / "entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)
    assert entitlements == {
        "com.apple.security.cs.allow-unsigned-executable-memory": True,
        "com.apple.security.cs.disable-library-validation": True,
    }


@pytest.mark.parametrize("script", ["linux/install.sh", "macos/make_dmg.sh"])
def test_shell_scripts_parse(script: str) -> None:
    if sys.platform == "win32":
        pytest.skip("no POSIX shell on Windows runners; these scripts run on Linux and macOS")
    path = PACKAGING / script
    shell = "bash" if "bash" in path.read_text("utf-8").splitlines()[0] else "sh"  # as its #! line says
    subprocess.run([shell, "-n", str(path)], check=True, capture_output=True)


def test_version_lives_only_in_the_package() -> None:
    """No packaging file repeats the version: they read aigc_desktop/__init__.py."""
    version = aigc_desktop.__version__
    assert rules.read_version() == version
    pattern = re.compile(rf"(?<![\d.]){re.escape(version)}(?![\d.])")
    offenders = [
        str(path.relative_to(REPO_ROOT))
        for path in PACKAGING.rglob("*")
        if path.is_file() and path.suffix in {".py", ".spec", ".iss", ".sh", ".xml", ".desktop", ".plist", ".md"}
        and path.name != "README.md" and pattern.search(path.read_text("utf-8"))
    ]  # fmt: skip
    assert not offenders


def test_windows_installer_is_per_user_with_start_menu_entry_and_uninstaller() -> None:
    script = (PACKAGING / "windows" / "aigc-desktop.iss").read_text("utf-8")
    assert "PrivilegesRequired=lowest" in script
    assert re.search(r'^Name: "\{autoprograms\}\\\{#AppName\}"', script, re.MULTILINE)
    assert "Uninstallable=no" not in script  # Inno Setup writes an uninstaller unless told not to
    assert "OutputBaseFilename=aigc-desktop-{#AppVersion}-windows-setup" in script


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", False),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/qml/QtQuick/qmldir", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
        ("PySide6/Qt/translations/qt_help_de.qm", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\Qt6Quick.dll", False),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6/Qt/lib/QtQml.framework/Versions/A/QtQml", False),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("keyring-25.7.0.dist-info/entry_points.txt", True),
        ("resources/error_codes.json", True),
    ],
)
def test_trim_rules(dest: str, kept: bool) -> None:
    assert rules.keep_entry(dest, ("zh_CN", "en")) is kept


def test_pruning_keeps_libraries_reached_from_kept_binaries() -> None:
    entries = [
        ("PySide6/QtGui.abi3.so", "/src/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
        ("libfreetype.so.6", "/src/libfreetype.so.6", "BINARY"),
        ("libpng16.so.16", "/src/libpng16.so.16", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/src/QtGui.abi3.so": {("libQt6Gui.so.6", None)},
        "/src/libQt6Gui.so.6": {("libfreetype.so.6", None)},
        "/src/libfreetype.so.6": {("libpng16.so.16", None)},
    }
    kept, dropped = rules.prune_unreferenced_libraries(entries, lambda src: links.get(src, set()))
    assert dropped == ["libgtk-3.so.0"]
    assert [e[0] for e in kept] == [e[0] for e in entries if e[0] != "libgtk-3.so.0"]


@pytest.mark.parametrize(
    ("text", "numbers"), [("0.1.0", (0, 1, 0, 0)), ("1.2.3rc1", (1, 2, 3, 0)), ("2", (2, 0, 0, 0))]
)
def test_version_numbers_for_windows_resources(text: str, numbers: tuple[int, ...]) -> None:
    assert rules.version_tuple(text) == numbers


def test_resources_go_in_without_sources_or_other_platforms_icons(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    (resources / "icons").mkdir(parents=True)
    (resources / "translations").mkdir()
    for name in (
        "error_codes.json",
        "icons/a-256.png",
        "icons/a.ico",
        "icons/a.icns",
        "translations/app_zh_CN.ts",
    ):
        (resources / name).write_text("x")
    linux = {(Path(src).name, dest) for src, dest in rules.resource_datas(resources, "linux")}
    assert linux == {("error_codes.json", "resources"), ("a-256.png", "resources/icons")}
    assert ("a.ico", "resources/icons") in {
        (Path(s).name, d) for s, d in rules.resource_datas(resources, "win32")
    }
    assert ("a.icns", "resources/icons") in {
        (Path(s).name, d) for s, d in rules.resource_datas(resources, "darwin")
    }


def test_translations_are_compiled_for_the_bundle(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    (resources / "translations").mkdir(parents=True)
    (resources / "translations" / "aigc_desktop_zh_CN.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'
        "<context><name>Pane</name><message><source>Sign in</source><translation>登录</translation></message>"
        "</context>\n</TS>\n",
        "utf-8",
    )
    pairs = rules.compile_translations(resources, tmp_path / "qm")
    assert [(Path(src).name, dest) for src, dest in pairs] == [
        ("aigc_desktop_zh_CN.qm", "resources/translations")
    ]
    assert Path(pairs[0][0]).read_bytes()[:16] == bytes.fromhex(
        "3cb86418caef9c95cd211cbf60a1bddd"
    )  # .qm magic
    assert "zh_CN" in rules.app_translation_langs(resources)
