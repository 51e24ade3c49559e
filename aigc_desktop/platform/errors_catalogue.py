"""The platform's error-code table, loaded from ``resources/error_codes.json`` (+ its Chinese edition).

Lookup by code, search by text (in every language), a category from the code's prefix, and the doc's
``%s`` placeholders: filled from the server's message when that message matches the template, shown as
a readable slot (``‹N›``) when it does not — never as a raw ``%s``.

Languages: ``en`` (the doc's own text, the default) and ``zh_CN`` (``resources/error_codes_zh_CN.json``,
one file per language like the UI's ``.ts``, so the doc's English table stays a faithful transcription
and a translator edits one file). Every lookup that returns words takes ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from aigc_desktop.platform.resources import load_json_resource
from aigc_desktop.platform.wording import SOURCE_LANGUAGE, normalise_language

_PLACEHOLDER = "%s"
LANGUAGES = ("en", "zh_CN")
_EDITIONS = {"zh_CN": "error_codes_zh_CN.json"}
_SIGNED_INTEGER = re.compile(r"[+-]?\d+")


def slot_marker(name: str) -> str:
    """How an unfilled ``%s`` reads: ``‹N›``."""
    return f"‹{name}›"


def _fill_template(template: str, values: list[str] | None, slots: tuple[str, ...]) -> str:
    parts = template.split(_PLACEHOLDER)
    if len(parts) == 1:
        return template
    shown = values if values is not None and len(values) == len(parts) - 1 else None
    filled = parts[0]
    for index, tail in enumerate(parts[1:]):
        if shown is not None:
            value = shown[index]
        else:
            value = slot_marker(slots[index] if index < len(slots) else "…")
        filled += value + tail
    return filled


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One row of the doc's table: ``text`` is the doc's (English) text, ``%s`` included."""

    code: int
    text: str
    category: str
    listed: int = 1
    slots: tuple[str, ...] = ()

    @property
    def has_placeholders(self) -> bool:
        return _PLACEHOLDER in self.text

    def fill(self, server_message: str | None) -> str:
        """The English text with ``%s`` replaced by the server's values, or by ``‹slot›`` when unknown."""
        values = (
            extract_placeholder_values(self.text, server_message or "") if self.has_placeholders else None
        )
        return _fill_template(self.text, values, self.slots)


@dataclass(frozen=True, slots=True)
class LocalText:
    """A code's words in one language other than the doc's."""

    meaning: str
    advice: str
    slots: tuple[str, ...] = ()
    advice_command_line: str = ""


@dataclass(frozen=True, slots=True)
class Description:
    """What a person reads about a code in one language.

    ``category`` is the category's name in that language; ``category_guessed`` says it only comes from
    the code's prefix (the code is not documented). ``server_message`` is the server's own words when
    they add something to ``meaning`` (empty when they are the catalogue's text, filled or not).
    """

    code: int
    meaning: str
    category: str
    advice: str
    known: bool
    alternatives: tuple[str, ...] = ()
    server_message: str = ""
    lang: str = SOURCE_LANGUAGE

    @property
    def category_guessed(self) -> bool:
        return not self.known


def extract_placeholder_values(template: str, message: str) -> list[str] | None:
    """Values that turn ``template`` into ``message``, or None when the message does not fit it."""
    # A space of the template also matches a hyphen: the doc's own prose quotes the server as
    # "limited to 3-hour intervals" for the template "limited to %s hour intervals".
    pieces = [r"[\s-]+".join(re.escape(word) for word in p.split(" ")) for p in template.split(_PLACEHOLDER)]
    pattern = "(.+?)".join(pieces)
    match = re.fullmatch(pattern, message.strip(), flags=re.IGNORECASE | re.DOTALL)
    return list(match.groups()) if match else None


def _word_matches(word: str, haystack: str) -> bool:
    """A Latin word starts a word of ``haystack`` (``token`` is in ``rtcToken``), a number is a whole number
    (``-1`` is not in ``6-16``, ``5`` not in ``50``); a word with other letters (Chinese) may be anywhere.
    """
    if not word.isascii():
        return word.casefold() in haystack.casefold()
    start = r"(?:(?<![0-9A-Za-z])|(?<=[a-z])(?=[A-Z]))"
    end = r"(?![0-9])" if word[-1].isdigit() else ""  # a number is whole: 5 is not the start of 50
    return re.search(start + "(?i:" + re.escape(word) + ")" + end, haystack) is not None


class ErrorCatalogue:
    """Every documented code; codes listed twice with different texts keep both."""

    def __init__(self, data: dict[str, object], editions: dict[str, dict[str, object]] | None = None) -> None:
        categories = data.get("categories", [])
        assert isinstance(categories, list)
        self._prefixes = sorted(
            ((str(c["prefix"]), str(c["name"])) for c in categories), key=lambda p: -len(p[0])
        )
        self._general = str(data.get("generalCategory", "General"))
        self._unknown = str(data.get("unknownCategory", "Unknown category"))
        self._unknown_advice = {SOURCE_LANGUAGE: str(data.get("unknownAdvice", ""))}
        self._unknown_meaning = {
            SOURCE_LANGUAGE: str(data.get("unknownMeaning", "Undocumented error code {code}"))
        }
        advice = data.get("advice", {})
        assert isinstance(advice, dict)
        self._advice = {int(k): str(v) for k, v in advice.items()}
        command_line = data.get("adviceCommandLine", {})
        assert isinstance(command_line, dict)
        self._advice_command_line = {int(k): str(v) for k, v in command_line.items()}
        self._by_code: dict[int, list[ErrorEntry]] = {}
        codes = data.get("codes", [])
        assert isinstance(codes, list)
        for item in codes:
            code = int(item["code"])
            slots = tuple(str(s) for s in item.get("slots", ()))
            entry = ErrorEntry(
                code, str(item["text"]), self.category_for(code), int(item.get("listed", 1)), slots
            )
            self._by_code.setdefault(code, []).append(entry)
        self._local: dict[str, dict[int, LocalText]] = {}
        self._category_names: dict[str, dict[str, str]] = {}
        for lang, edition in (editions or {}).items():
            self._add_edition(lang, edition)
        self._search_text: dict[ErrorEntry, str] = {}

    def _add_edition(self, lang: str, edition: dict[str, object]) -> None:
        names = edition.get("categories", {})
        assert isinstance(names, dict)
        self._category_names[lang] = {str(k): str(v) for k, v in names.items()}
        self._category_names[lang][self._general] = str(edition.get("generalCategory", self._general))
        self._category_names[lang][self._unknown] = str(edition.get("unknownCategory", self._unknown))
        self._unknown_advice[lang] = str(edition.get("unknownAdvice", ""))
        self._unknown_meaning[lang] = str(edition.get("unknownMeaning", ""))
        codes = edition.get("codes", {})
        assert isinstance(codes, dict)
        self._local[lang] = {
            int(code): LocalText(
                str(item["meaning"]),
                str(item.get("advice", "")),
                tuple(str(s) for s in item.get("slots", ())),
                str(item.get("adviceCommandLine", "")),
            )
            for code, item in codes.items()
        }

    @classmethod
    @cache
    def default(cls) -> ErrorCatalogue:
        """The catalogue shipped in resources, with every language edition (parsed once per process)."""
        editions = {lang: load_json_resource(name) for lang, name in _EDITIONS.items()}
        return cls(load_json_resource("error_codes.json"), editions)

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_code.values())

    def __iter__(self) -> Iterator[ErrorEntry]:
        for code in sorted(self._by_code):
            yield from self._by_code[code]

    def languages(self) -> tuple[str, ...]:
        return (SOURCE_LANGUAGE, *self._local)

    # --- categories ----------------------------------------------------------------------------

    def category_for(self, code: int) -> str:
        """Category (its English name, the key) by the longest matching prefix of an 8-digit code."""
        digits = str(abs(code))
        if len(digits) < 8:
            return self._general
        for prefix, name in self._prefixes:
            if digits.startswith(prefix):
                return name
        return self._unknown

    def prefix_matches(self, code: int) -> bool:
        """True when an 8-digit code starts with a documented category's prefix (its category is a real guess)."""
        digits = str(abs(code))
        return len(digits) >= 8 and any(digits.startswith(prefix) for prefix, _ in self._prefixes)

    def category_name(self, category: str, lang: str = SOURCE_LANGUAGE) -> str:
        """A category's name in ``lang`` (``category`` is the English name ``category_for`` returns)."""
        return self._category_names.get(normalise_language(lang), {}).get(category, category)

    # --- one code ------------------------------------------------------------------------------

    def lookup(self, code: int) -> list[ErrorEntry]:
        return list(self._by_code.get(code, []))

    def local_text(self, code: int, lang: str) -> LocalText | None:
        """The code's words in ``lang`` (None for English, or when the edition lacks the code)."""
        return self._local.get(normalise_language(lang), {}).get(code)

    def advice_for(self, code: int, lang: str = SOURCE_LANGUAGE, *, command_line: bool = False) -> str:
        """What to do about ``code`` in ``lang`` (English when the edition has none).

        ``command_line``: worded for someone at a shell, where advice naming the app's panes would not fit.
        """
        local = self.local_text(code, lang)
        if command_line:
            if local is not None and local.advice_command_line:
                return local.advice_command_line
            if normalise_language(lang) == SOURCE_LANGUAGE and code in self._advice_command_line:
                return self._advice_command_line[code]
        return local.advice if local is not None and local.advice else self._advice.get(code, "")

    def unknown_advice(self, lang: str = SOURCE_LANGUAGE) -> str:
        lang = normalise_language(lang)
        return self._unknown_advice.get(lang) or self._unknown_advice[SOURCE_LANGUAGE]

    def unknown_meaning(self, code: int, lang: str = SOURCE_LANGUAGE) -> str:
        lang = normalise_language(lang)
        template = self._unknown_meaning.get(lang) or self._unknown_meaning[SOURCE_LANGUAGE]
        return template.replace("{code}", str(code))

    def template(self, entry: ErrorEntry, lang: str = SOURCE_LANGUAGE) -> tuple[str, tuple[str, ...]]:
        """The text with its ``%s`` and the slots' names in ``lang``."""
        local = self.local_text(entry.code, lang) if self._entry_index(entry) == 0 else None
        if local is None:
            return entry.text, entry.slots
        return local.meaning, local.slots or entry.slots

    def meaning(
        self, entry: ErrorEntry, lang: str = SOURCE_LANGUAGE, server_message: str | None = None
    ) -> str:
        """The entry's text in ``lang``: slots filled from ``server_message`` when it fits, else ``‹slot›``."""
        text, slots = self.template(entry, lang)
        if _PLACEHOLDER not in text:
            return text
        values = self.placeholder_values(entry, server_message)
        return _fill_template(text, values, slots)

    def placeholder_values(self, entry: ErrorEntry, server_message: str | None) -> list[str] | None:
        """The server's values for the entry's ``%s``: its message matched against the doc's or a translated text."""
        if not server_message or not entry.has_placeholders:
            return None
        for template in (entry.text, *(t.meaning for t in self._translations(entry))):
            values = extract_placeholder_values(template, server_message)
            if values is not None and template.count(_PLACEHOLDER) == entry.text.count(_PLACEHOLDER):
                return values
        return None

    def _translations(self, entry: ErrorEntry) -> list[LocalText]:
        if self._entry_index(entry) != 0:
            return []
        return [local[entry.code] for local in self._local.values() if entry.code in local]

    def _entry_index(self, entry: ErrorEntry) -> int:
        entries = self._by_code.get(entry.code, [])
        return entries.index(entry) if entry in entries else 0

    def _is_catalogue_text(self, entry: ErrorEntry, message: str) -> bool:
        """The server's message says nothing more than the entry's text (in any language, values aside)."""
        said = " ".join(message.split()).casefold()
        templates = [entry.text, *(t.meaning for t in self._translations(entry))]
        if any(" ".join(t.split()).casefold().rstrip(".。") == said.rstrip(".。") for t in templates):
            return True
        return entry.has_placeholders and self.placeholder_values(entry, message) is not None

    def describe(
        self, code: int, server_message: str | None = None, lang: str = SOURCE_LANGUAGE
    ) -> Description:
        """Meaning of ``code`` for a person in ``lang``; unknown codes get a guessed category and the server's words."""
        lang = normalise_language(lang)
        entries = self.lookup(code)
        category = self.category_name(self.category_for(code), lang)
        said = server_message.strip() if server_message and server_message.strip() else ""
        if not entries:
            return Description(
                code,
                said or self.unknown_meaning(code, lang),
                category,
                self.advice_for(code, lang) or self.unknown_advice(lang),
                known=False,
                server_message=said,
                lang=lang,
            )
        texts = [self.meaning(entry, lang, said) for entry in entries]
        extra = "" if not said or any(self._is_catalogue_text(e, said) for e in entries) else said
        return Description(
            code,
            texts[0],
            category,
            self.advice_for(code, lang),
            known=True,
            alternatives=tuple(texts[1:]),
            server_message=extra,
            lang=lang,
        )

    # --- search --------------------------------------------------------------------------------

    def _haystack(self, entry: ErrorEntry) -> str:
        text = self._search_text.get(entry)
        if text is None:
            parts = [entry.text, entry.category, self._advice.get(entry.code, "")]
            for lang, local in self._local.items():
                words = local.get(entry.code)
                if words is not None and self._entry_index(entry) == 0:
                    parts += [words.meaning, words.advice]
                parts.append(self.category_name(entry.category, lang))
            text = " ".join(parts)
            self._search_text[entry] = text
        return text

    def search(self, query: str) -> list[ErrorEntry]:
        """Entries whose code starts with ``query`` (digits), equals it (a signed number such as ``-1``), or
        whose text, advice or category — in any language — holds every word (a Latin word at a word's start).
        """
        text = query.strip()
        if not text:
            return list(self)
        if text.isdigit():
            return [e for e in self if str(e.code).startswith(text)]
        if _SIGNED_INTEGER.fullmatch(text):
            return self.lookup(int(text))
        words = text.split()
        return [e for e in self if all(_word_matches(w, self._haystack(e)) for w in words)]
