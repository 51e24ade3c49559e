"""What goes into a frozen bundle, shared by the app's spec and the hello-world baseline's spec.

PyInstaller's Qt hooks collect every plugin and translation of each imported Qt module. Most of it
is dead weight for a widgets app: QML, the virtual keyboard, eglfs/vnc platforms, a dozen image
formats, 200 translation files. ``keep_entry`` decides per collected file (by its destination path
inside the bundle), so the same rules trim the app and the baseline alike.

This module is plain Python (no PyInstaller import) so ``build.py``, ``compare_bundles.py`` and the
tests can use it too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "AIGC Desktop"
EXE_NAME = "aigc-desktop"
# Reverse-DNS id: the .desktop file, AppStream metainfo and macOS bundle identifier share it.
APP_ID = "com.softsugar.AigcDesktop"

# Python packages a bundle never needs (tests, dev tools, other GUI toolkits).
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "turtle",
    "turtledemo",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "test",
    "tests",
    "pytest",
    "_pytest",
    "pytestqt",
    "pytest_asyncio",
    "pytest_timeout",
    "hypothesis",
    "mypy",
    "importlinter",
    "grimp",
    "setuptools",
    "pkg_resources",
    "distutils",
    "pip",
    "PyInstaller",
    "IPython",
    "numpy",
    # httpx's command-line client and what it imports (present beside the test tools): the app never uses it
    "click",
    "rich",
    "pygments",
    "markdown_it",
    "mdurl",
    "PyQt5",
    "PyQt6",
    "PySide2",
    # Qt modules the app does not use; each would drag in big libraries, plugins and QML.
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtQuickTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtTest",
    "PySide6.QtSql",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    "PySide6.QtLabsStyleKit",
    "PySide6.QtQmlFeatures",
)

# Qt shared libraries (any platform's naming: libQt6Foo.so.6, Qt6Foo.dll, QtFoo.framework) that no
# widgets app needs, in case a plugin's dependency scan pulls them in anyway.
_UNUSED_QT_LIBS = (
    "Qml",
    "Quick",
    "Labs",
    "Lottie",
    "Designer",
    "Help",
    "Pdf",
    "Multimedia",
    "WebEngine",
    "WebChannel",
    "WebSockets",
    "WebView",
    "3D",
    "Charts",
    "DataVisualization",
    "Graphs",
    "VirtualKeyboard",
    "Sql",
    "Test",
    "UiTools",
    "ShaderTools",
    "SpatialAudio",
    "Location",
    "Positioning",
    "Sensors",
    "Bluetooth",
    "Nfc",
    "RemoteObjects",
    "Scxml",
    "StateMachine",
    "TextToSpeech",
    "EglFSDeviceIntegration",
    "EglFsKmsSupport",
    "EglFsKmsGbmSupport",
    "WaylandCompositor",
)
_UNUSED_QT_LIB_RE = re.compile(
    r"(^|[/\\])(lib)?Qt6?(" + "|".join(_UNUSED_QT_LIBS) + r")[A-Za-z0-9]*(\.framework|\.dll|\.so|\.dylib|$)",
)

# Plugin folders kept, and within some of them only the named plugins (stem without lib/q prefix).
_KEPT_PLUGINS: dict[str, tuple[str, ...] | None] = {
    # Linux: X11 and Wayland desktops, plus offscreen for CI and --self-test on servers.
    "platforms": ("xcb", "wayland", "offscreen", "windows", "cocoa", "direct2d"),
    "platformthemes": ("xdgdesktopportal",),
    # Input methods: compose keys and IBus (Chinese/Japanese input on Linux).
    "platforminputcontexts": ("composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"),
    "xcbglintegrations": None,
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("bradient", "adwaita"),
    "wayland-graphics-integration-client": ("qt-plugin-wayland-egl", "shm-emulation-server"),
    # PNG is built into QtGui; ICO for Windows icons, SVG for theme icons.
    "imageformats": ("ico", "svg"),
    "iconengines": ("svgicon",),
    "styles": ("windowsvistastyle", "modernwindowsstyle", "macstyle"),
}

# Single files never needed: the software OpenGL fallback (20 MB; widgets paint with the raster engine).
_DROPPED_FILES = frozenset({"opengl32sw.dll"})

# Qt's own translations: only the core ones, only in languages the app itself ships.
DEFAULT_TRANSLATION_LANGS = ("zh_CN", "en")


def _plugin_stem(filename: str) -> str:
    stem = filename.split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    if stem.startswith("q") and not stem.startswith(("qt-", "qt_")):
        stem = stem[1:]
    return stem


def app_translation_langs(resources: Path = REPO_ROOT / "resources") -> tuple[str, ...]:
    """Languages the app ships (``resources/translations/*_<lang>.ts``), plus the defaults."""
    langs = set(DEFAULT_TRANSLATION_LANGS)
    folder = resources / "translations"
    if folder.is_dir():
        for path in folder.glob("*.ts"):
            match = re.search(r"_([a-z]{2}(?:_[A-Z]{2})?)$", path.stem)
            if match:
                langs.add(match.group(1))
    return tuple(sorted(langs))


def keep_entry(dest: str, langs: Iterable[str] = DEFAULT_TRANSLATION_LANGS) -> bool:
    """Whether a collected file (destination path inside the bundle) stays in the bundle."""
    path = dest.replace("\\", "/")
    parts = path.split("/")
    if parts[-1].lower() in _DROPPED_FILES:
        return False
    if "PySide6" in parts:
        inner = parts[parts.index("PySide6") + 1 :]
        if inner[:1] == ["Qt"]:
            inner = inner[1:]
        if inner[:1] in (["qml"], ["metatypes"], ["resources"]) and any(
            "webengine" in p.lower() for p in inner
        ):
            return False
        if inner[:1] == ["qml"]:
            return False
        if inner[:1] == ["plugins"] and len(inner) >= 3:
            folder = inner[1]
            if folder not in _KEPT_PLUGINS:
                return False
            wanted = _KEPT_PLUGINS[folder]
            return wanted is None or _plugin_stem(inner[-1]) in wanted
        if inner[:1] == ["translations"]:
            name = inner[-1]
            return any(name == f"qtbase_{lang}.qm" for lang in langs)
    return not _UNUSED_QT_LIB_RE.search(path)


def filter_toc(entries: list[tuple[str, str, str]], langs: Iterable[str]) -> list[tuple[str, str, str]]:
    """The entries of a PyInstaller TOC (dest, src, typecode) that ``keep_entry`` keeps."""
    langs = tuple(langs)
    return [entry for entry in entries if keep_entry(entry[0], langs)]


def resource_datas(resources: Path, platform: str = sys.platform) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for ``resources/``, minus what this OS never reads.

    Translation sources (``.ts``) stay out: their compiled ``.qm`` come from ``compile_translations``.
    The Windows ``.ico`` and macOS ``.icns`` icons go only to their own OS.
    """
    skipped = {".ts"}
    if platform != "win32":
        skipped.add(".ico")
    if platform != "darwin":
        skipped.add(".icns")
    pairs = []
    for path in sorted(resources.rglob("*")):
        if path.is_file() and path.suffix not in skipped and not path.name.startswith("."):
            dest = PurePosixPath("resources", *path.parent.relative_to(resources).parts)
            pairs.append((str(path), str(dest)))
    return pairs


def compile_translations(resources: Path, out_dir: Path) -> list[tuple[str, str]]:
    """Compile ``resources/translations/*.ts`` with PySide6's lrelease into ``out_dir``.

    Returns (``.qm`` file, ``resources/translations``) pairs for the spec's datas; empty when the app
    ships no translations yet.
    """
    sources = sorted((resources / "translations").glob("*.ts"))
    if not sources:
        return []
    scripts = Path(sys.executable).parent
    lrelease = shutil.which("pyside6-lrelease", path=str(scripts)) or shutil.which("pyside6-lrelease")
    if not lrelease:
        raise SystemExit("pyside6-lrelease not found: it comes with PySide6, install the project first")
    out_dir.mkdir(parents=True, exist_ok=True)
    pairs = []
    for source in sources:
        target = out_dir / f"{source.stem}.qm"
        subprocess.run([lrelease, "-silent", str(source), "-qm", str(target)], check=True)
        pairs.append((str(target), "resources/translations"))
    return pairs


TocEntry = tuple[str, str, str]
_SHARED_LIB_RE = re.compile(r"^lib.+\.so(\.\d+)*$")
# Loaded with dlopen() by the bootloader, not linked: never pruned.
_ALWAYS_KEEP = ("libpython",)


def _prunable(dest: str, typecode: str) -> bool:
    """A shared library PyInstaller collected only as some other binary's dependency (Linux layout)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if typecode != "BINARY" or not _SHARED_LIB_RE.match(path.name) or path.name.startswith(_ALWAYS_KEEP):
        return False
    return str(path.parent) in (".", "PySide6/Qt/lib")


def prune_unreferenced_libraries(
    entries: list[TocEntry], get_imports: Callable[[str], Iterable[tuple[str, str | None]]]
) -> tuple[list[TocEntry], list[str]]:
    """Drop shared libraries that no kept binary links against any more (Linux).

    Dropping a Qt plugin (say the GTK3 platform theme) leaves behind the libraries PyInstaller
    collected for it (GTK, cairo, pango: ~20 MB). Starting from every binary that is not a mere
    dependency (Python extensions, Qt plugins, the Qt Python modules), follow link-time imports
    (``get_imports(src) -> {(name, path)}``) and keep only the libraries reached. Symlinks follow
    their target. Returns the kept entries and the destination names dropped.
    """
    libraries: dict[str, TocEntry] = {}
    roots: list[TocEntry] = []
    for entry in entries:
        dest, _src, typecode = entry
        if _prunable(dest, typecode):
            libraries.setdefault(PurePosixPath(dest.replace("\\", "/")).name, entry)
        elif typecode in ("BINARY", "EXTENSION"):
            roots.append(entry)
    reached: set[str] = set()
    queue = list(roots)
    while queue:
        _dest, src, _typecode = queue.pop()
        for name, _path in get_imports(src):
            base = PurePosixPath(name).name
            if base in libraries and base not in reached:
                reached.add(base)
                queue.append(libraries[base])
    dropped = {entry[0] for name, entry in libraries.items() if name not in reached}
    kept = [
        entry
        for entry in entries
        if entry[0] not in dropped and not (entry[2] == "SYMLINK" and entry[1] in dropped)
    ]
    return kept, sorted(dropped)


def read_version(init_file: Path = REPO_ROOT / "aigc_desktop" / "__init__.py") -> str:
    """``__version__`` from ``aigc_desktop/__init__.py``, read as text (the one place it lives)."""
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', init_file.read_text("utf-8"), re.MULTILINE)
    if not match:
        raise SystemExit(f"no __version__ in {init_file}")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``1.2.3rc1`` -> (1, 2, 3, 0) for Windows version resources and plists."""
    match = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(n) for n in match.group(0).split(".")[:4]] if match else []
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def executable_name(base: str = EXE_NAME) -> str:
    return f"{base}.exe" if sys.platform == "win32" else base
