"""``aigc-desktop errors``: look up the platform's error codes by code or by words."""

from __future__ import annotations

import argparse
import sys

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue, ErrorEntry

EXIT_FOUND = 0
EXIT_NOT_FOUND = 1
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        nargs="+",
        metavar="CODE|TEXT",
        help="one or more codes (60112161), a code prefix (60112) or words to search (refresh token)",
    )


def _print_entry(entry: ErrorEntry, catalogue: ErrorCatalogue) -> None:
    print(f"{entry.code}  [{entry.category}]  {entry.text}")
    advice = catalogue.advice_for(entry.code)
    if advice:
        print(f"    advice: {advice}")


def _lookup_codes(codes: list[str], catalogue: ErrorCatalogue) -> bool:
    found_any = False
    for text in codes:
        entries = catalogue.lookup(int(text)) or catalogue.search(text)
        if entries:
            found_any = True
            for entry in entries:
                _print_entry(entry, catalogue)
        else:
            category = catalogue.category_for(int(text))
            print(f"{text}  [{category}]  not in the documented catalogue")
    return found_any


def run(args: argparse.Namespace) -> int:
    words = [str(word).strip() for word in args.query if str(word).strip()]
    if not words:
        print("aigc-desktop errors: error: give a code or some words to search for", file=sys.stderr)
        return EXIT_USAGE
    catalogue = ErrorCatalogue.default()
    if all(word.isascii() and word.isdigit() for word in words):
        return EXIT_FOUND if _lookup_codes(words, catalogue) else EXIT_NOT_FOUND
    query = " ".join(words)
    entries = catalogue.search(query)
    for entry in entries:
        _print_entry(entry, catalogue)
    if not entries:
        print(f"no documented error matches {query!r}")
        return EXIT_NOT_FOUND
    return EXIT_FOUND
