"""The message catalogue: every code worded in English and Simplified Chinese with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aigc_desktop.callbacks.verify import duration_words
from aigc_desktop.platform.messages import catalogue, joined, msg, placeholders, render
from aigc_desktop.platform.signing import check_auth_key_policy

CJK = r"[\u4e00-\u9fff]"
ROOT = Path(__file__).resolve().parents[2]


def test_every_code_has_both_languages_with_the_same_placeholders() -> None:
    codes = catalogue()
    assert len(codes) > 80
    for code, texts in codes.items():
        assert set(texts) == {"en", "zh_CN"}, code
        assert texts["en"].strip() and (texts["zh_CN"].strip() or texts["en"].isspace()), code
        assert placeholders(texts["en"]) == placeholders(texts["zh_CN"]), code


def test_chinese_texts_follow_the_glossary_style() -> None:
    for code, texts in catalogue().items():
        chinese = re.sub(r"md5\([^)]*\)", "md5()", texts["zh_CN"])  # a formula is code, not prose
        assert " — " not in chinese and "—" not in chinese.replace("——", ""), code
        # Half-width punctuation right after Chinese text is the English style: full-width it is.
        assert not re.search(CJK + r"[,;:()]", chinese), code
        assert not re.search(r"[,;:(]" + CJK, chinese), code


def test_a_message_renders_per_language_with_nested_parameters() -> None:
    ahead = msg("verdict.future", ahead=duration_words(3600), tolerance="300")
    assert render(ahead) == (
        "The timestamp is 1 h in the future, beyond the 300 s tolerance (the signature itself is valid): "
        "check the sender's and this computer's clocks."
    )
    assert render(ahead, "zh_CN").startswith("时间超前：时间戳为 1 小时后，超出 300 秒的时间容差")
    both = joined("join.and", [msg("nm.url.slash_added"), msg("nm.url.scheme", other="http", scheme="https")])
    assert render(both) == "with a trailing slash and with http:// instead of https://"
    assert render(both, "zh_CN") == "多了末尾斜杠，且用了 http:// 而不是 https://"
    assert render(ahead, "de_DE") == render(ahead)  # a language without texts reads English


def test_every_code_the_source_makes_is_in_the_catalogue() -> None:
    made: set[str] = set()
    for path in (ROOT / "aigc_desktop").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        made |= set(re.findall(r'\b(?:msg|joined)\(\s*"([a-z_.]+)"', text))
        made |= {f"nm.{kind}.{name}" for kind, name in re.findall(r'"nm\.(added|case)\.([a-z_]+)"', text)}
    made |= {f"nm.ws.name.{name}" for name in ("space", "newline", "crlf", "tab", "cr")}
    made |= {f"nm.role.{role}" for role in ("current", "previous")}
    assert len(made) > 90
    assert made - set(catalogue()) == set()


def test_an_unknown_code_fails_when_rendered() -> None:
    with pytest.raises(KeyError, match=r"verdict\.nope"):
        render(msg("verdict.nope"))


def test_auth_key_policy_findings_are_codes_worded_per_language() -> None:
    report = check_auth_key_policy("short")
    assert [finding.code for finding in report.findings] == [
        "policy.too_short",
        "policy.upper",
        "policy.digit",
    ]
    assert report.failures[0] == "too short: 5 characters, needs at least 16"
    assert (
        report.text("zh_CN") == "太短：5 个字符，至少需要 16 个；需要一个大写字母（A-Z）；需要一个数字（0-9）"
    )
    assert check_auth_key_policy("Abcdefgh12345678").text("zh_CN") == "AuthKey 符合规则"


@pytest.mark.parametrize(
    ("seconds", "english", "chinese"),
    [
        (0, "0 s", "0 秒"),
        (59, "59 s", "59 秒"),
        (60, "1 min", "1 分钟"),
        (61, "1 min 1 s", "1 分 1 秒"),
        (3599, "59 min 59 s", "59 分 59 秒"),
        (3600, "1 h", "1 小时"),
        (86399, "23 h 59 min", "23 小时 59 分"),
        (86400, "1 d", "1 天"),
        (365 * 86400 - 1, "364 d 23 h", "364 天 23 小时"),
        (365 * 86400, "1 y", "1 年"),
        (103294915, "3 y 100 d", "3 年 100 天"),
        (-125, "2 min 5 s", "2 分 5 秒"),
    ],
)
def test_ages_read_as_people_say_them_at_every_unit_edge(seconds: int, english: str, chinese: str) -> None:
    words = duration_words(seconds)
    assert (render(words), render(words, "zh_CN")) == (english, chinese)
