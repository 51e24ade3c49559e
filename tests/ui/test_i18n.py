"""English and Simplified Chinese: what a user sees in each, and a catalogue that stays complete.

The window is built after ``install_translator`` (as ``run_app`` does); every test puts the
application back to English so the other UI tests keep reading English.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from aigc_desktop.ui import i18n
from aigc_desktop.ui.panes import PANES
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness, AsyncHelper

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "resources" / "translations" / "aigc_desktop_zh_CN.ts"
Choose = Callable[[str], str]  # language("zh_CN") -> the language installed
QUOTA_FIELDS = json.loads((ROOT / "resources" / "quota_fields.json").read_text("utf-8"))["fields"]


def open_window(aio: AsyncHelper, qtbot: QtBot, settings: QSettings) -> AppHarness:
    return AppHarness(aio, qtbot, settings)


def nav_titles(app: AppHarness) -> list[str]:
    return [app.window.nav.item(row).text() for row in range(app.window.nav.count())]


def test_chinese_window_token_buttons_and_quota_labels(
    language: Choose, aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    assert language("zh_CN") == "zh_CN"
    app = open_window(aio, qtbot, settings)
    try:
        titles = nav_titles(app)
        assert titles[:5] == ["令牌", "账号信息", "配额", "总览", "账号配置"]
        assert "回调接收端" in titles and "签名计算器" in titles
        token = app.pane("token")
        assert token.sign_in_button.text() == "登录"
        assert token.sign_out_button.text() == "退出登录"
        assert token.refresh_button.text() == "刷新访问令牌"  # the button, not the field "刷新令牌"
        assert token.auto_renew.text() == "过期前自动续期"
        quotas = app.pane("quotas")
        for field in QUOTA_FIELDS:
            assert quotas.bars[field["key"]].title.text() == field["label_zh"]
        assert quotas.updated_label.text() == "未加载"
        # Qt's own strings come from qtbase_zh_CN: standard buttons are Chinese too.
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        app.close()


def test_signed_in_chinese_quota_numbers_read_naturally(
    language: Choose, aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    language("zh_CN")
    app = open_window(aio, qtbot, settings)
    try:
        app.start_sandbox()
        quotas = app.window.panes["quotas"]
        app.wait(lambda: quotas.account is not None)
        numbers = quotas.bars["avatarModel"].numbers.text()
        assert re.fullmatch(r"已用 \d+ / 总量 \d+ 个 · 剩余 \d+ · [\d.]+%", numbers), numbers
        assert quotas.updated_label.text().startswith("更新于 ")
        assert app.window.panes["token"].status_label.text().startswith("已登录：")
    finally:
        app.close()


def test_english_when_chosen(
    language: Choose, aio: AsyncHelper, qtbot: QtBot, settings: QSettings, memory_keyring: MemoryKeyring
) -> None:
    assert language("en") == "en"
    app = open_window(aio, qtbot, settings)
    try:
        assert nav_titles(app)[:5] == ["Token", "Account", "Quotas", "Overview", "Profiles"]
        token = app.pane("token")
        assert (token.sign_in_button.text(), token.sign_out_button.text()) == ("Sign in", "Sign out")
        quotas = app.pane("quotas")
        for field in QUOTA_FIELDS:
            assert quotas.bars[field["key"]].title.text() == field["label"]
    finally:
        app.close()


def test_switching_back_to_english_removes_the_chinese_catalogue(language: Choose) -> None:
    language("zh_CN")
    assert QCoreApplication.translate("panes", "Token") == "令牌"
    assert language("en") == "en"
    assert QCoreApplication.translate("panes", "Token") == "Token"
    assert i18n.current_language() == "en"


@pytest.mark.parametrize(
    ("system", "expected"),
    [("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("en_GB", "en"), ("de_DE", "en"), ("zh_TW", "en")],
)
def test_system_choice_follows_the_os_language(system: str, expected: str) -> None:
    assert i18n.resolve_language("system", QLocale(system)) == expected
    assert i18n.resolve_language("zh_CN", QLocale("de_DE")) == "zh_CN"


def test_available_languages_are_english_and_simplified_chinese() -> None:
    assert [(lang.code, lang.native_name) for lang in i18n.available_languages()] == [
        ("en", "English"),
        ("zh_CN", "简体中文"),
    ]


def test_error_categories_and_platform_words_are_chinese(language: Choose) -> None:
    language("zh_CN")
    assert i18n.category_label("Access tokens") == "访问令牌"
    assert i18n.platform_term("Enabled") == "已启用"
    categories = json.loads((ROOT / "resources" / "error_codes.json").read_text("utf-8"))
    names = {c["name"] for c in categories["categories"]}
    names |= {categories["generalCategory"], categories["unknownCategory"]}
    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert all(cjk.search(i18n.category_label(name)) for name in names)  # every category has a Chinese name


# --- the catalogue itself -----------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"%\d+|%[sd]|\{\w*\}")


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\S", text.replace("&&", "")))


def test_every_message_is_translated_with_its_placeholders() -> None:
    messages = i18n.read_ts(TS_FILE)
    assert len(messages) > 400
    problems = []
    for m in messages:
        if not m.finished or not m.translation.strip():
            problems.append(f"untranslated: [{m.context}] {m.source!r}")
        elif sorted(_PLACEHOLDER.findall(m.source)) != sorted(_PLACEHOLDER.findall(m.translation)):
            problems.append(f"placeholders differ: [{m.context}] {m.source!r} -> {m.translation!r}")
        elif _accelerators(m.source) != _accelerators(m.translation):
            problems.append(f"accelerator lost: [{m.context}] {m.source!r} -> {m.translation!r}")
    assert not problems, "\n".join(problems)


def _translate_contexts() -> set[str]:
    """Class names of aigc_desktop/ui (self.tr contexts) and literal translate()/NOOP contexts."""
    names: set[str] = set()
    for path in (ROOT / "aigc_desktop" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("translate", "QT_TRANSLATE_NOOP"):
                    names.add(str(node.args[0].value))
    return names


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[i18n.Message]:
    """lupdate over aigc_desktop/ui as it is now, into a fresh file."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh_zh_CN.ts"
    i18n.run_lupdate(fresh, root=ROOT)
    return i18n.read_ts(fresh)


def test_every_string_in_the_code_has_an_entry_in_the_ts(extracted: list[i18n.Message]) -> None:
    committed = {(m.context, m.source) for m in i18n.read_ts(TS_FILE)}
    missing = sorted({(m.context, m.source) for m in extracted} - committed)
    assert not missing, "run `python -m aigc_desktop.ui.i18n --update` and translate:\n" + "\n".join(
        f"  [{c}] {s!r}" for c, s in missing
    )


def test_every_context_is_one_qt_looks_up_at_run_time(extracted: list[i18n.Message]) -> None:
    """``other.tr("x")`` files "x" under the variable's name, but Qt looks it up under other's class."""
    wrong = sorted({m.context for m in extracted} - _translate_contexts())
    assert not wrong, f"use self.tr() or translate('<context>', ...) instead of <object>.tr(): {wrong}"


def test_variable_texts_are_looked_up_in_contexts_lupdate_fills(extracted: list[i18n.Message]) -> None:
    """``translate("ctx", text)`` with a variable (a ``_tr`` helper, a TITLE) only works for marked texts.

    lupdate cannot read a variable; such a context must be filled by ``QT_TRANSLATE_NOOP("ctx", ...)``
    or literal calls, else the helper's callers are never extracted and stay English.
    """
    known = {m.context for m in extracted}
    blind = []
    for path in sorted((ROOT / "aigc_desktop" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and len(node.args) >= 2):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            context, text = node.args[0], node.args[1]
            if (
                name == "translate"
                and isinstance(context, ast.Constant)
                and not isinstance(text, ast.Constant)
            ) and context.value not in known:
                blind.append(f"{path.relative_to(ROOT)}:{node.lineno} context {context.value!r}")
    assert not blind, "write translate('<context>', '<text>') at each call site instead:\n" + "\n".join(blind)


def test_pane_titles_are_in_the_panes_context(extracted: list[i18n.Message]) -> None:
    titles = {m.source for m in extracted if m.context == "panes"}
    assert {pane.TITLE for pane in PANES} <= titles


# --- where the .qm comes from -----------------------------------------------------------------


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of resources/translations in a folder laid out like a source checkout."""
    (tmp_path / "pyproject.toml").write_text("", "utf-8")
    folder = tmp_path / "resources" / "translations"
    folder.mkdir(parents=True)
    shutil.copy2(TS_FILE, folder / TS_FILE.name)
    monkeypatch.setattr(i18n, "translations_dir", lambda: folder)
    monkeypatch.setattr(i18n, "cache_dir", lambda: tmp_path / "cache")
    return folder


def _loads_chinese(path: Path) -> bool:
    translator = QTranslator()
    return translator.load(str(path)) and translator.translate("panes", "Token") == "令牌"


def test_a_checkout_compiles_the_catalogue_into_the_cache(checkout: Path, tmp_path: Path) -> None:
    found = i18n.catalogue_file("zh_CN")
    assert found == tmp_path / "cache" / "aigc_desktop_zh_CN.qm"
    assert found is not None and _loads_chinese(found)
    assert not (checkout / "aigc_desktop_zh_CN.qm").exists()  # the checkout is left alone


def test_a_stale_qm_is_recompiled_after_the_ts_changes(checkout: Path, tmp_path: Path) -> None:
    stale = checkout / "aigc_desktop_zh_CN.qm"
    stale.write_bytes(b"not a catalogue")
    ts = checkout / TS_FILE.name
    os.utime(stale, (ts.stat().st_mtime - 60, ts.stat().st_mtime - 60))
    found = i18n.catalogue_file("zh_CN")
    assert found is not None and found != stale and _loads_chinese(found)
    # Up to date now: the next start loads it without compiling again.
    mtime = found.stat().st_mtime_ns
    assert i18n.catalogue_file("zh_CN") == found and found.stat().st_mtime_ns == mtime
    # A fresh .qm next to the .ts (as a wheel or bundle ships it) is used as it is.
    i18n.compile_catalogue(ts, stale)
    assert i18n.catalogue_file("zh_CN") == stale
