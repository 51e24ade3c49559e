"""The catalogue in Simplified Chinese: every code has a meaning and advice, slots intact and readable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue, normalise_language

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = json.loads((ROOT / "resources" / "error_codes.json").read_text("utf-8"))
CHINESE = json.loads((ROOT / "resources" / "error_codes_zh_CN.json").read_text("utf-8"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_one_of_the_271_codes_has_chinese_meaning_and_advice() -> None:
    codes = {str(item["code"]) for item in ENGLISH["codes"]}
    assert len(codes) == 271
    assert set(CHINESE["codes"]) == codes
    for code, item in CHINESE["codes"].items():
        assert CJK.search(item["meaning"]), code
        assert CJK.search(item["advice"]), code
    catalogue = ErrorCatalogue.default()
    assert all(catalogue.advice_for(e.code, "zh_CN") != catalogue.advice_for(e.code) for e in catalogue)


def test_every_code_has_english_advice_too() -> None:
    catalogue = ErrorCatalogue.default()
    assert all(catalogue.advice_for(entry.code) for entry in catalogue)


@pytest.mark.parametrize("item", ENGLISH["codes"], ids=lambda item: str(item["code"]))
def test_slots_are_kept_as_slots_with_names(item: dict[str, object]) -> None:
    text = str(item["text"])
    chinese = CHINESE["codes"][str(item["code"])]
    assert chinese["meaning"].count("%s") == text.count("%s")
    assert len(item.get("slots", [])) == text.count("%s")  # type: ignore[arg-type]
    assert len(chinese.get("slots", [])) == text.count("%s")


def test_chinese_meaning_uses_the_platforms_own_terms() -> None:
    catalogue = ErrorCatalogue.default()
    assert "人物形象模型" in catalogue.describe(84115912, lang="zh_CN").meaning
    assert "TTS 个人音色模型" in catalogue.describe(84115940, lang="zh_CN").meaning
    assert "最大并发任务数" in catalogue.describe(84115979, lang="zh_CN").meaning
    assert "账户 ID" in catalogue.describe(83115905, lang="zh_CN").meaning


def test_no_raw_placeholder_is_ever_shown() -> None:
    catalogue = ErrorCatalogue.default()
    for lang in ("en", "zh_CN"):
        for entry in catalogue:
            assert "%s" not in catalogue.describe(entry.code, lang=lang).meaning
            assert "%s" not in catalogue.describe(entry.code, "unrelated words", lang=lang).meaning


def test_slots_read_as_names_until_the_server_fills_them() -> None:
    catalogue = ErrorCatalogue.default()
    assert catalogue.describe(60112161, lang="zh_CN").meaning == "令牌刷新过于频繁，每 ‹N› 小时只能刷新一次"
    filled = catalogue.describe(60112161, "Refresh token too frequent, limited to 3 hour intervals", "zh_CN")
    assert filled.meaning == "令牌刷新过于频繁，每 3 小时只能刷新一次"
    assert filled.server_message == ""  # it says nothing the catalogue's text does not
    two = catalogue.describe(
        60102130, "Failed to log in 5 consecutive times, please try again after 30 minutes", "en"
    )
    assert two.meaning == "Failed to log in 5 consecutive times, please try again after 30 minutes"
    assert catalogue.describe(60102130).meaning == (
        "Failed to log in ‹N› consecutive times, please try again after ‹time›"
    )


def test_a_chinese_server_message_is_kept_verbatim_beside_the_catalogue() -> None:
    catalogue = ErrorCatalogue.default()
    said = "刷新token过于频繁，限制3小时间隔"
    description = catalogue.describe(60112161, said, "zh_CN")
    assert description.meaning == "令牌刷新过于频繁，每 ‹N› 小时只能刷新一次"
    assert description.server_message == said


def test_categories_have_chinese_names() -> None:
    catalogue = ErrorCatalogue.default()
    for category in {entry.category for entry in catalogue} | {"General", "Unknown category"}:
        assert CJK.search(catalogue.category_name(category, "zh_CN")), category
    assert catalogue.describe(60112161, lang="zh_CN").category == "访问令牌"


def test_unknown_codes_in_chinese() -> None:
    description = ErrorCatalogue.default().describe(77777777, lang="zh_CN")
    assert not description.known and description.category_guessed
    assert description.meaning == "未收录的错误码 77777777"
    assert description.category == "未知类别"
    assert CJK.search(description.advice)


def test_search_finds_chinese_words_and_keeps_numbers_whole() -> None:
    catalogue = ErrorCatalogue.default()
    assert 60112161 in {e.code for e in catalogue.search("令牌刷新")}
    assert catalogue.search("-1") == []  # not the "-16" of "6-16 characters"
    assert {e.code for e in catalogue.search("5 characters")} == set()  # not the 5 of "25 characters"
    assert {e.code for e in catalogue.search("6-16 characters")} == {50102113}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh-Hans-CN", "zh_CN"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh_TW", "en"),
        ("zh-Hant", "en"),
        ("en_GB", "en"),
        ("", "en"),
        (None, "en"),
        ("fr", "en"),
    ],
)
def test_language_names(given: str | None, expected: str) -> None:
    assert normalise_language(given) == expected


def test_a_hyphenated_value_as_the_docs_prose_quotes_it_still_fills_the_slot() -> None:
    catalogue = ErrorCatalogue.default()
    said = "refresh token too frequent, limited to 3-hour intervals"  # the access doc's own words
    assert catalogue.describe(60112161, said, "zh_CN").meaning == "令牌刷新过于频繁，每 3 小时只能刷新一次"
    assert (
        catalogue.describe(60112161, said).meaning
        == "Refresh token too frequent, limited to 3 hour intervals"
    )
