"""Python's JSON error text (``json.JSONDecodeError``) for a person, with line and column, in their language."""

from __future__ import annotations

import json

from aigc_desktop.platform.wording import has, say


def json_error_reason(message: str, lang: str | None = "en") -> str:
    """``Expecting ',' delimiter`` -> "缺少逗号“,”" (``lang`` zh_CN); unknown messages are kept, marked as JSON errors."""
    key = f"json.{message}"
    if has(key):
        return say(key, lang)
    return say("json.other", lang, reason=message)


def describe_json_error(exc: json.JSONDecodeError, lang: str | None = "en") -> str:
    """``line 3, column 7: a comma ',' is missing`` / ``第 3 行，第 7 列：缺少逗号“,”``."""
    return say(
        "json.position", lang, line=exc.lineno, column=exc.colno, reason=json_error_reason(exc.msg, lang)
    )
