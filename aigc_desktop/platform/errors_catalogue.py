"""The platform's error-code table, loaded from ``resources/error_codes.json``.

Lookup by code, search by text, a category from the code's prefix, and the doc's ``%s``
placeholders filled from the server's message when that message matches the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from aigc_desktop.platform.resources import load_json_resource

_PLACEHOLDER = "%s"


@dataclass(frozen=True, slots=True)
class ErrorEntry:
    """One row of the doc's table."""

    code: int
    text: str
    category: str
    listed: int = 1

    @property
    def has_placeholders(self) -> bool:
        return _PLACEHOLDER in self.text

    def fill(self, server_message: str | None) -> str:
        """The text with ``%s`` replaced by the values in ``server_message`` (or '…' when unknown)."""
        if not self.has_placeholders:
            return self.text
        values = extract_placeholder_values(self.text, server_message or "")
        if values is None:
            return self.text.replace(_PLACEHOLDER, "…")
        parts = self.text.split(_PLACEHOLDER)
        filled = parts[0]
        for value, tail in zip(values, parts[1:], strict=True):
            filled += value + tail
        return filled


@dataclass(frozen=True, slots=True)
class Description:
    """What the UI shows for a code: meaning, category, advice, and whether the code is known."""

    code: int
    meaning: str
    category: str
    advice: str
    known: bool
    alternatives: tuple[str, ...] = ()


def extract_placeholder_values(template: str, message: str) -> list[str] | None:
    """Values that turn ``template`` into ``message``, or None when the message does not fit it."""
    pieces = [re.escape(p) for p in template.split(_PLACEHOLDER)]
    pattern = "(.+?)".join(pieces)
    match = re.fullmatch(pattern, message.strip(), flags=re.IGNORECASE | re.DOTALL)
    return list(match.groups()) if match else None


class ErrorCatalogue:
    """Every documented code; codes listed twice with different texts keep both."""

    def __init__(self, data: dict[str, object]) -> None:
        categories = data.get("categories", [])
        assert isinstance(categories, list)
        self._prefixes = sorted(
            ((str(c["prefix"]), str(c["name"])) for c in categories), key=lambda p: -len(p[0])
        )
        self._general = str(data.get("generalCategory", "General"))
        self._unknown = str(data.get("unknownCategory", "Unknown category"))
        self._unknown_advice = str(data.get("unknownAdvice", ""))
        advice = data.get("advice", {})
        assert isinstance(advice, dict)
        self._advice = {int(k): str(v) for k, v in advice.items()}
        self._by_code: dict[int, list[ErrorEntry]] = {}
        codes = data.get("codes", [])
        assert isinstance(codes, list)
        for item in codes:
            code = int(item["code"])
            entry = ErrorEntry(code, str(item["text"]), self.category_for(code), int(item.get("listed", 1)))
            self._by_code.setdefault(code, []).append(entry)

    @classmethod
    @cache
    def default(cls) -> ErrorCatalogue:
        """The catalogue shipped in resources (parsed once per process)."""
        return cls(load_json_resource("error_codes.json"))

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_code.values())

    def __iter__(self):  # type: ignore[no-untyped-def]
        for code in sorted(self._by_code):
            yield from self._by_code[code]

    def category_for(self, code: int) -> str:
        """Category by the longest matching prefix of an 8-digit code."""
        digits = str(abs(code))
        if len(digits) < 8:
            return self._general
        for prefix, name in self._prefixes:
            if digits.startswith(prefix):
                return name
        return self._unknown

    def lookup(self, code: int) -> list[ErrorEntry]:
        return list(self._by_code.get(code, []))

    def advice_for(self, code: int) -> str:
        return self._advice.get(code, "")

    def describe(self, code: int, server_message: str | None = None) -> Description:
        """Meaning of ``code`` for a person; unknown codes still get a category and the server's words."""
        entries = self.lookup(code)
        category = self.category_for(code)
        advice = self.advice_for(code)
        if not entries:
            meaning = server_message.strip() if server_message and server_message.strip() else ""
            meaning = meaning or f"Undocumented error code {code}"
            return Description(code, meaning, category, advice or self._unknown_advice, known=False)
        texts = [entry.fill(server_message) for entry in entries]
        return Description(code, texts[0], category, advice, known=True, alternatives=tuple(texts[1:]))

    def search(self, query: str) -> list[ErrorEntry]:
        """Entries whose code starts with ``query`` (digits) or whose text or category contains every word."""
        text = query.strip()
        if not text:
            return list(self)
        if text.isdigit():
            return [e for e in self if str(e.code).startswith(text)]
        words = text.casefold().split()
        return [e for e in self if all(w in f"{e.text} {e.category}".casefold() for w in words)]
