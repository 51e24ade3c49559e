"""Words of the Qt-free layers per language: exceptions' advice codes and Python's JSON errors."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from aigc_desktop.platform.exceptions import (
    ConnectionFailed,
    InvalidResponse,
    RateLimited,
    RefreshTooSoon,
    RequestTimeout,
    TlsFailure,
)
from aigc_desktop.platform.json_errors import describe_json_error
from aigc_desktop.platform.resources import load_json_resource
from aigc_desktop.platform.wording import say

CJK = re.compile(r"[\u4e00-\u9fff]")
TEXTS = load_json_resource("wording.json")["texts"]


def test_every_text_has_english_and_chinese_with_the_same_values() -> None:
    for key, entry in TEXTS.items():
        assert entry["en"] and CJK.search(entry["zh_CN"]), key
        assert set(re.findall(r"{(\w+)}", entry["en"])) == set(re.findall(r"{(\w+)}", entry["zh_CN"])), key


@pytest.mark.parametrize(
    "error",
    [
        RequestTimeout("t"),
        ConnectionFailed("c"),
        TlsFailure("t"),
        InvalidResponse("r"),
        RateLimited(89999999, "", ""),
        RefreshTooSoon(datetime(2026, 1, 1, tzinfo=UTC)),
    ],
    ids=lambda e: type(e).__name__,
)
def test_exceptions_carry_their_advice_as_a_code(error: Exception) -> None:
    code = error.advice_code  # type: ignore[attr-defined]
    assert code in TEXTS
    assert error.advice == TEXTS[code]["en"]  # type: ignore[attr-defined]
    assert error.advice_in("zh_CN") == TEXTS[code]["zh_CN"]  # type: ignore[attr-defined]
    assert error.advice_in("en") == error.advice  # type: ignore[attr-defined]


def test_given_advice_text_wins_over_the_code() -> None:
    error = RateLimited(89999999, "", "", advice="catalogue advice")
    assert error.advice == "catalogue advice" == error.advice_in("zh_CN")


def test_unknown_key_fails_loudly() -> None:
    with pytest.raises(KeyError):
        say("advice.no_such_key")


@pytest.mark.parametrize(
    ("text", "english", "chinese"),
    [
        ('{"a": 1 "b": 2}', "line 1, column 9: a comma ',' is missing", "第 1 行，第 9 列：缺少逗号“,”"),
        ('{\n  "a" 1}', "line 2, column 7: a colon ':' is missing", "第 2 行，第 7 列：缺少冒号“:”"),
        ("", "line 1, column 1: a value is expected here", "第 1 行，第 1 列：此处应为一个值"),
        (
            '{"a": "x',
            "line 1, column 7: the string is not closed",
            "第 1 行，第 7 列：字符串缺少结尾的双引号",
        ),
        (
            "{} x",
            "line 1, column 4: extra text after the JSON value",
            "第 1 行，第 4 列：JSON 值之后还有多余的内容",
        ),
    ],
)
def test_json_errors_say_line_column_and_reason(text: str, english: str, chinese: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    assert describe_json_error(caught.value, "en") == english
    assert describe_json_error(caught.value, "zh_CN") == chinese


def test_an_unknown_json_message_is_still_said_in_chinese() -> None:
    error = json.JSONDecodeError("Some future message", "x", 0)
    assert describe_json_error(error, "zh_CN") == "第 1 行，第 1 列：JSON 格式错误（Some future message）"
