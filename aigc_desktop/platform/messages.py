"""Text a user reads, made below the UI, as a code plus parameters; worded once per language in resources.

The callbacks layer and the AuthKey policy build ``Message`` values (a code from
``resources/messages/callbacks.json`` and named parameters); the CLI renders them in English, the UI in
its current language. A parameter may itself be a ``Message`` or a ``Joined`` list, rendered in the
same language, so composite sentences (a near miss of two mistakes) are still worded in one place.
Qt-free: the UI passes its language code (``en``, ``zh_CN``).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache

from aigc_desktop.platform.resources import load_json_resource

ENGLISH = "en"
CATALOGUES = ("messages/callbacks.json",)


@dataclass(frozen=True, slots=True)
class Message:
    """A code from the catalogue and its named parameters (sorted pairs, so messages hash and compare)."""

    code: str
    params: tuple[tuple[str, str | int | float | Message | Joined], ...] = ()

    def text(self, language: str = ENGLISH) -> str:
        return render(self, language)

    def __str__(self) -> str:
        return render(self)


@dataclass(frozen=True, slots=True)
class Joined:
    """Items rendered and joined with the wording of ``joiner`` (a catalogue code, e.g. ``join.and``)."""

    joiner: str
    items: tuple[str | int | float | Message | Joined, ...]


def msg(code: str, **params: str | int | float | Message | Joined) -> Message:
    """``Message(code, params)``. Not checked here (it is on the receiver's hot path): a test checks that
    every code the source makes is in the catalogue, and ``render`` raises KeyError for one that is not."""
    return Message(code, tuple(params.items()))


def joined(joiner: str, items: list[str | int | float | Message | Joined]) -> Joined:
    return Joined(joiner, tuple(items))


def catalogue() -> dict[str, dict[str, str]]:
    """code -> {language -> template}; templates name their placeholders, e.g. ``{age}``."""
    return _catalogue()


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    """code -> {language -> template}; templates name their placeholders, e.g. ``{age}``."""
    merged: dict[str, dict[str, str]] = {}
    for name in CATALOGUES:
        data = load_json_resource(name)
        merged.update({code: texts for code, texts in data.items() if not code.startswith("_")})
    return merged


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field}


@cache
def language_of(code: str) -> str:
    """The catalogue language for a UI language code: ``zh_CN``/``zh`` -> ``zh_CN``, anything else English."""
    return "zh_CN" if code.replace("-", "_").lower().startswith("zh") else ENGLISH


def render(value: str | int | float | Message | Joined, language: str = ENGLISH) -> str:
    """The text of a message (or parameter) in ``language``, English where a text is missing."""
    if isinstance(value, Message):
        texts = _catalogue()[value.code]
        template = texts.get(language_of(language)) or texts[ENGLISH]
        if not value.params:
            return template
        return template.format_map(
            {name: param if type(param) is str else render(param, language) for name, param in value.params}
        )
    if isinstance(value, Joined):
        separator = render(Message(value.joiner), language)
        return separator.join(render(item, language) for item in value.items)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
