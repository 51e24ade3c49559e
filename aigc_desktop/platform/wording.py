"""Words of the Qt-free layers in each language, from ``resources/wording.json``.

The UI translates its own strings with Qt; text made below it (an exception's advice, the keyring's
reason, Python's JSON errors, the ``errors`` command's lines) travels as a key plus values and is worded
here for the language the reader uses. English is the source and the fallback.
"""

from __future__ import annotations

from functools import cache

from aigc_desktop.platform.resources import load_json_resource

SOURCE_LANGUAGE = "en"


def normalise_language(lang: str | None) -> str:
    """``zh``, ``zh_CN``, ``zh-Hans-CN``, ``zh_CN.UTF-8``, ``zh_SG`` -> ``zh_CN``; anything else -> ``en``.

    Traditional Chinese (``zh_TW``, ``zh_HK``, ``zh-Hant``) gets English: the texts are Simplified Chinese.
    """
    parts = (lang or "").replace("-", "_").split(".")[0].split("_")
    if parts[0].lower() == "zh" and not any(p in ("Hant", "TW", "HK", "MO") for p in parts[1:]):
        return "zh_CN"
    return SOURCE_LANGUAGE


@cache
def _texts() -> dict[str, dict[str, str]]:
    texts = load_json_resource("wording.json")["texts"]
    assert isinstance(texts, dict)
    return texts


def has(key: str) -> bool:
    return key in _texts()


def say(key: str, lang: str | None = SOURCE_LANGUAGE, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` (English when that language lacks it), ``{name}`` filled from ``values``.

    An unknown key raises ``KeyError``: a typo must fail in the tests, not show a key to a user.
    """
    entry = _texts()[key]
    template = entry.get(normalise_language(lang)) or entry[SOURCE_LANGUAGE]
    return template.format_map(values) if values else template
