"""``aigc-desktop errors``: look up the platform's error codes by code or by words, in English or Chinese."""

from __future__ import annotations

import argparse
import locale
import os
import re
import sys

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue, ErrorEntry
from aigc_desktop.platform.wording import SOURCE_LANGUAGE, normalise_language, say

EXIT_FOUND = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
LANGUAGES = ("en", "zh_CN")
_CODE = re.compile(r"[+-]?\d+")


def locale_language(environ: dict[str, str] | None = None) -> str:
    """``zh_CN`` when the messages locale is Simplified Chinese, else ``en``.

    POSIX order: ``LC_ALL``, then ``LC_MESSAGES``, then ``LANG`` (the first one set decides); without any,
    Python's view of the locale (on Windows, the user's language).
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return normalise_language(value)
    if environ is None:
        return normalise_language(locale.getlocale()[0])
    return SOURCE_LANGUAGE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="+",
        metavar="CODE|TEXT",
        help="one or more codes (60112161), a code prefix (60112) or words to search (refresh token; 刷新令牌)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=None,
        help="language of meanings and advice: en or zh_CN (default: zh_CN when the locale — LC_ALL, "
        "LC_MESSAGES or LANG — is Simplified Chinese, otherwise en)",
    )


def _print_entry(entry: ErrorEntry, catalogue: ErrorCatalogue, lang: str) -> None:
    category = catalogue.category_name(entry.category, lang)
    print(f"{entry.code}  [{category}]  {catalogue.meaning(entry, lang)}")
    advice = catalogue.advice_for(entry.code, lang, command_line=True)
    if advice:
        print(say("cli.errors.advice", lang, advice=advice))


def _print_unknown(code: int, catalogue: ErrorCatalogue, lang: str) -> None:
    """Not documented: say so; a category from the prefix is only offered as a guess."""
    print(say("cli.errors.not_documented", lang, code=code))
    if catalogue.prefix_matches(code):
        category = catalogue.category_name(catalogue.category_for(code), lang)
        print(say("cli.errors.prefix_hint", lang, category=category))
    print(say("cli.errors.advice", lang, advice=catalogue.unknown_advice(lang)))


def _lookup_codes(codes: list[str], catalogue: ErrorCatalogue, lang: str) -> bool:
    found_any = False
    for text in codes:
        code = int(text)
        entries = catalogue.lookup(code) or (catalogue.search(text) if text.isdigit() else [])
        if entries:
            found_any = True
            for entry in entries:
                _print_entry(entry, catalogue, lang)
        else:
            _print_unknown(code, catalogue, lang)
    return found_any


def run(args: argparse.Namespace) -> int:
    lang = args.lang or locale_language()
    words = [str(word).strip() for word in args.query if str(word).strip()]
    if not words:
        print(say("cli.errors.usage", lang), file=sys.stderr)
        return EXIT_USAGE
    catalogue = ErrorCatalogue.default()
    if all(word.isascii() and _CODE.fullmatch(word) for word in words):
        return EXIT_FOUND if _lookup_codes(words, catalogue, lang) else EXIT_NOT_FOUND
    query = " ".join(words)
    entries = catalogue.search(query)
    for entry in entries:
        _print_entry(entry, catalogue, lang)
    if not entries:
        print(say("cli.errors.no_match", lang, query=repr(query)))
        return EXIT_NOT_FOUND
    return EXIT_FOUND
