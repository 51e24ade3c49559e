"""The interface language: English (the source text) or Simplified Chinese, chosen in the settings.

``install_translator(app, settings)`` reads ``ui/language`` (``system`` | ``en`` | ``zh_CN``) and loads
the app's compiled catalogue (``resources/translations/aigc_desktop_<lang>.qm``) plus Qt's own
``qtbase_<lang>.qm``, so standard buttons and dialogs speak the same language. It must run before
any window is built: widgets translate their texts once, when they are created.

Where the ``.qm`` comes from: a frozen bundle and a wheel ship it (compiled at build time); in a
source checkout it is compiled on demand with PySide6's ``lrelease`` into the user cache folder
whenever it is missing or older than the ``.ts`` (one small file, well under a second).

Data that is not code text has its own lookups here: quota labels (``label_zh`` in
``resources/quota_fields.json``), error category names (the catalogue's language edition) and the
platform's status/action words.

Maintainers: ``python -m aigc_desktop.ui.i18n --update`` re-extracts the messages of ``aigc_desktop/ui``
into the ``.ts`` and lists those still untranslated (``--check`` only lists them); see
``resources/translations/README.md``.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from aigc_desktop.platform.resources import resources_dir
from aigc_desktop.services.preference_keys import KEY_LANGUAGE
from aigc_desktop.ui.settings import APPLICATION

# The translator is installed before the window's first frame: the compiler, the maintainer tools and
# the models are imported where they are used, not here.
if TYPE_CHECKING:
    from aigc_desktop.platform.models import QuotaField

log = logging.getLogger(__name__)

SYSTEM = "system"
SOURCE_LANGUAGE = "en"
CATALOGUE = "aigc_desktop"  # resources/translations/aigc_desktop_<lang>.ts
TOOL_TIMEOUT_S = 30.0


class Language(NamedTuple):
    """One interface language: its code (as stored in the settings) and its name in itself."""

    code: str
    native_name: str


_NATIVE_NAMES = {"en": "English", "zh_CN": "简体中文"}
# Installed translators, kept referenced (Qt does not own them) and removed on the next install.
_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def translations_dir() -> Path:
    return resources_dir() / "translations"


def available_languages() -> tuple[Language, ...]:
    """English plus every language with a catalogue (``.ts`` or ``.qm``) in the resources."""
    codes = {SOURCE_LANGUAGE}
    folder = translations_dir()
    if folder.is_dir():
        for path in folder.iterdir():
            if path.suffix in (".ts", ".qm") and path.stem.startswith(f"{CATALOGUE}_"):
                codes.add(path.stem.removeprefix(f"{CATALOGUE}_"))
    ordered = sorted(codes, key=lambda code: (code != SOURCE_LANGUAGE, code))
    return tuple(Language(code, _NATIVE_NAMES.get(code, code)) for code in ordered)


def _is_traditional(parts: list[str]) -> bool:
    return any(part in ("Hant", "TW", "HK", "MO") for part in parts[1:])


def _match(locale_name: str, codes: set[str]) -> str | None:
    """``zh-Hans-CN``/``zh_CN``/``zh-SG`` -> ``zh_CN``; ``en-GB`` -> ``en``; None when nothing fits."""
    parts = locale_name.replace("-", "_").split("_")
    language = parts[0].lower()
    if language == "zh":
        return "zh_CN" if "zh_CN" in codes and not _is_traditional(parts) else None
    return language if language in codes else None


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language to use for a settings value; ``system`` takes the first of the OS's UI languages we have."""
    codes = {language.code for language in available_languages()}
    if choice in codes:
        return choice
    if choice not in (SYSTEM, "", None):
        log.warning("unknown interface language %r in the settings; following the system", choice)
    locale = system if system is not None else QLocale.system()
    traditional = False
    for name in [*locale.uiLanguages(), locale.name()]:
        parts = name.replace("-", "_").split("_")
        traditional = traditional or (parts[0] == "zh" and _is_traditional(parts))
        if name == "zh" and traditional:
            continue  # "zh" here only shortens zh-Hant-TW: not a wish for Simplified Chinese
        found = _match(name, codes)
        if found:
            return found
    return SOURCE_LANGUAGE


def current_language() -> str:
    """The language installed last (``en`` until ``install_translator`` ran)."""
    return _current


def install_translator(app: QCoreApplication, settings: QSettings) -> str:
    """Load the chosen language's translations into ``app``; returns the language now in use.

    Falls back to English (and says so in the log) when the catalogue cannot be found or compiled.
    """
    global _current
    value = settings.value(KEY_LANGUAGE, SYSTEM)
    choice = value if isinstance(value, str) else SYSTEM
    language = resolve_language(choice)
    remove_translators(app)
    if language != SOURCE_LANGUAGE:
        catalogue = catalogue_file(language)
        translator = QTranslator(app)
        if catalogue is None or not translator.load(str(catalogue)):
            log.warning("no usable %s catalogue (%s); the interface stays in English", language, catalogue)
            language = SOURCE_LANGUAGE
        else:
            qt_translator = QTranslator(app)
            if any(qt_translator.load(f"qtbase_{language}", str(folder)) for folder in qt_translation_dirs()):
                app.installTranslator(qt_translator)
                _installed.append(qt_translator)
            else:
                log.info("Qt's own %s translations are not in %s", language, qt_translation_dirs())
            app.installTranslator(translator)  # installed last: looked up first
            _installed.append(translator)
    QLocale.setDefault(QLocale(language) if choice != SYSTEM else QLocale.system())
    _current = language
    return language


def qt_translation_dirs() -> list[Path]:
    """Where Qt's own ``qtbase_<lang>.qm`` may be: Qt's configured folder, then PySide6's (a bundle's)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    folders.append(Path(PySide6.__file__).resolve().parent / "Qt" / "translations")
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]


def remove_translators(app: QCoreApplication) -> None:
    """Undo ``install_translator``: English again for widgets built from now on."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = SOURCE_LANGUAGE


# --- finding and compiling the catalogue ---------------------------------------------------


def _in_source_checkout(folder: Path) -> bool:
    """``<repo>/resources/translations`` of a checkout (editable install), not a wheel's or a bundle's."""
    return (
        not getattr(sys, "frozen", False)
        and folder.parent.name == "resources"
        and (folder.parent.parent / "pyproject.toml").is_file()
    )


def cache_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir(APPLICATION, appauthor=False)) / "translations"


def catalogue_file(language: str) -> Path | None:
    """The ``.qm`` to load for ``language``: the shipped one, or one compiled from the ``.ts``."""
    folder = translations_dir()
    shipped = folder / f"{CATALOGUE}_{language}.qm"
    source = folder / f"{CATALOGUE}_{language}.ts"
    if not source.is_file():
        return shipped if shipped.is_file() else None
    if shipped.is_file() and not (_in_source_checkout(folder) and _older(shipped, source)):
        return shipped
    compiled = cache_dir() / shipped.name
    if compiled.is_file() and not _older(compiled, source):
        return compiled
    import subprocess

    try:
        return compile_catalogue(source, compiled)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not compile %s: %s", source, exc)
        return shipped if shipped.is_file() else None


def _older(target: Path, source: Path) -> bool:
    return target.stat().st_mtime < source.stat().st_mtime


def qt_tool(name: str) -> Path:
    """PySide6's ``lrelease`` / ``lupdate`` executable (what ``pyside6-<name>`` runs)."""
    import shutil

    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / (f"{name}.exe" if sys.platform == "win32" else name)
    if exe.is_file():
        return exe
    wrapper = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(
        f"pyside6-{name}"
    )
    if wrapper is None:
        raise FileNotFoundError(f"PySide6's {name} not found")
    return Path(wrapper)


def compile_catalogue(source: Path, target: Path) -> Path:
    """``lrelease source -qm target``, written atomically (two app instances may race)."""
    import subprocess
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(suffix=".qm", dir=target.parent)
    os.close(fd)
    try:
        subprocess.run(
            [str(qt_tool("lrelease")), "-silent", str(source), "-qm", temp_name],
            check=True,
            timeout=TOOL_TIMEOUT_S,
            capture_output=True,
        )
        os.replace(temp_name, target)
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return target


# --- data that is not code text --------------------------------------------------------------


def quota_label(spec: QuotaField) -> str:
    """The quota's label in the interface language: the platform's own term (``services.quota_terms``)."""
    from aigc_desktop.services import quota_terms

    return quota_terms.quota_label(spec, _current)


def quota_unit(spec: QuotaField) -> str:
    """The quota's unit in the interface language (``unit_zh``; may be empty)."""
    from aigc_desktop.services import quota_terms

    return quota_terms.quota_unit(spec, _current)


def quota_unit_note(spec: QuotaField) -> str:
    """What the doc says of a unit it does not give (video generation duration), else ""."""
    from aigc_desktop.services import quota_terms

    return "" if quota_terms.quota_unit(spec, _current) else quota_terms.unit_text(spec, _current)


# Words the Qt-free models produce (user status, permission action), shown as they are in English.
PLATFORM_TERMS = (
    QT_TRANSLATE_NOOP("platform_terms", "Not activated"),
    QT_TRANSLATE_NOOP("platform_terms", "Enabled"),
    QT_TRANSLATE_NOOP("platform_terms", "Disabled"),
    QT_TRANSLATE_NOOP("platform_terms", "All"),
    QT_TRANSLATE_NOOP("platform_terms", "Create"),
    QT_TRANSLATE_NOOP("platform_terms", "Modify"),
    QT_TRANSLATE_NOOP("platform_terms", "Delete"),
    QT_TRANSLATE_NOOP("platform_terms", "Query"),
)


def category_label(name: str) -> str:
    """An error category's name (``ErrorEntry.category``) in the interface language (from the catalogue's
    language edition, ``resources/error_codes_<lang>.json``, like the codes' meanings and advice)."""
    from aigc_desktop.platform.errors_catalogue import ErrorCatalogue

    return ErrorCatalogue.default().category_name(name, _current)


# The sandbox profile's default name (services.profiles.SANDBOX_PROFILE_NAME) as the user reads it.
SANDBOX_PROFILE = QT_TRANSLATE_NOOP("profile_names", "Sandbox")


def profile_display_name(name: str, is_sandbox: bool) -> str:
    """A profile's name as shown: the sandbox profile's default name (``Sandbox``, ``Sandbox 2``) in the
    interface language (沙箱, 沙箱 2); every other name, and a sandbox profile the user renamed, as stored.
    The stored name stays English, so switching languages never renames a profile.
    """
    if not is_sandbox:
        return name
    base, _, number = name.partition(" ")
    if base != SANDBOX_PROFILE or (number and not number.isdigit()):
        return name
    shown = QCoreApplication.translate("profile_names", SANDBOX_PROFILE)
    return f"{shown} {number}" if number else shown


def platform_term(word: str) -> str:
    """A status or action word from the models (``User.status_name``, ...) in the interface language."""
    return QCoreApplication.translate("platform_terms", word)


# --- maintenance: python -m aigc_desktop.ui.i18n --update | --check --------------------------


def source_root() -> Path:
    """The checkout's root (the folder with ``pyproject.toml``); the tools only work in a checkout."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "resources" / "translations").is_dir():
        raise FileNotFoundError(f"not a source checkout: {root}")
    return root


def run_lupdate(ts_file: Path, *, root: Path | None = None) -> None:
    """Extract every tr()/translate()/QT_TRANSLATE_NOOP message of ``aigc_desktop/ui`` into ``ts_file``.

    Existing translations are kept; messages gone from the code are dropped (git remembers them).
    """
    import subprocess

    root = root or source_root()
    subprocess.run(
        [
            str(qt_tool("lupdate")),
            "-silent",
            "-extensions",
            "py",
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            str(root / "aigc_desktop" / "ui"),
            "-ts",
            str(ts_file),
        ],
        check=True,
        timeout=TOOL_TIMEOUT_S * 4,
        capture_output=True,
        cwd=root,
    )


class Message(NamedTuple):
    context: str
    source: str
    translation: str
    finished: bool


def read_ts(ts_file: Path) -> list[Message]:
    """Every current message of a ``.ts`` (obsolete and vanished ones left out)."""
    import xml.etree.ElementTree as ET

    messages = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished"):
                continue
            text = (translation.text or "") if translation is not None else ""
            messages.append(
                Message(name, message.findtext("source") or "", text, kind != "unfinished" and bool(text))
            )
    return messages


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m aigc_desktop.ui.i18n", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--update", action="store_true", help="re-run lupdate over aigc_desktop/ui first")
    parser.add_argument("--check", action="store_true", help="only list untranslated messages (default)")
    args = parser.parse_args(argv)
    root = source_root()
    status = 0
    for ts_file in sorted((root / "resources" / "translations").glob(f"{CATALOGUE}_*.ts")):
        if args.update:
            run_lupdate(ts_file, root=root)
        todo = [m for m in read_ts(ts_file) if not m.finished]
        print(f"{ts_file.relative_to(root)}: {len(todo)} untranslated")
        for message in todo:
            print(f"  [{message.context}] {message.source!r}")
        status = status or int(bool(todo))
    return status


if __name__ == "__main__":
    sys.exit(main())
