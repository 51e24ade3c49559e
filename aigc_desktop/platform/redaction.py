"""Keep secrets (AppKey, sign, tokens, AuthKeys) out of logs and the request log.

Three layers: values registered at runtime (the client registers every key, sign and token it
handles) are replaced wherever they appear; well-known field patterns (``Authorization``,
``Bearer``, ``"sign"``, ``"appKey"``, ``"accessToken"``...) are masked even when the value was
never registered; and every URL in a text loses its user-info (``user:password@``) and the values
of token-like query parameters (``redact_url``).
"""

from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_left, insort
from collections import OrderedDict
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, TypeAlias

REDACTED = "***"
_MIN_SECRET_LENGTH = 6
_MAX_REGISTERED = 256

# Field names whose values are secrets. Keys are compared case-insensitively without '_' or '-'.
_FULLY_HIDDEN = frozenset({"appkey", "authkey", "secret", "password"})
_PARTLY_SHOWN = frozenset({"sign", "signature", "accesstoken", "refreshtoken", "token", "authorization"})
SECRET_FIELD_NAMES = _FULLY_HIDDEN | _PARTLY_SHOWN

_KEY_ALTERNATION = (
    r"sign|signature|token|app[_-]?key|access[_-]?token|refresh[_-]?token|auth[_-]?key|secret|password"
)
_FIELD_PATTERN = re.compile(
    rf"""(?P<key>["']?\b(?:{_KEY_ALTERNATION})\b["']?\s*[:=]\s*)"""
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}\])]+)""",
    re.IGNORECASE,
)
_AUTH_HEADER_PATTERN = re.compile(
    r"(?P<key>\bauthorization[\"']?\s*[:=]\s*[\"']?(?:bearer\s+)?)(?P<value>[^\s\"',;}&]+)", re.IGNORECASE
)
_BEARER_PATTERN = re.compile(r"(?P<key>\bbearer\s+)(?P<value>[A-Za-z0-9._~+/=-]{6,})", re.IGNORECASE)


def mask_secret(value: str | None) -> str:
    """Show a secret as its first and last four characters (``c4b0…911a``) so people can tell two apart."""
    if not value:
        return ""
    if len(value) < 16:
        return "•" * 6
    return f"{value[:4]}…{value[-4:]}"


# The registered values as of one moment: (-len(value), value, mask) triples, longest value first.
SecretsSnapshot: TypeAlias = tuple[tuple[int, str, str], ...]


class _Registry:
    """Recently seen secret values, bounded so a long session cannot grow it without limit.

    Lookups use a longest-first snapshot that is rebuilt only when the set of values changes (seeing a
    known value again just refreshes its place in the LRU order), and matching is plain substring
    search: no regular expression is compiled per new secret, which cost milliseconds per sign-in.
    """

    def __init__(self, limit: int = _MAX_REGISTERED) -> None:
        self._values: OrderedDict[str, str] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()
        # (-len(value), value, mask) for every value, kept sorted as values come and go (no sort per
        # sign-in), and an immutable copy of it, taken (one C-level tuple copy) only after a change
        self._by_length: list[tuple[int, str, str]] = []
        self._frozen: SecretsSnapshot | None = None

    def add(self, value: str, shown: str) -> None:
        with self._lock:
            previous = self._values.get(value)
            self._values[value] = shown
            self._values.move_to_end(value)
            if previous != shown:
                if previous is not None:
                    self._forget_length(value)
                insort(self._by_length, (-len(value), value, shown))
                self._frozen = None
            while len(self._values) > self._limit:
                evicted, _ = self._values.popitem(last=False)
                self._forget_length(evicted)
                self._frozen = None

    def discard(self, value: str) -> None:
        with self._lock:
            if self._values.pop(value, None) is not None:
                self._forget_length(value)
                self._frozen = None

    def _forget_length(self, value: str) -> None:
        """Drop ``value`` from the length order; call with the lock held."""
        index = bisect_left(self._by_length, (-len(value), value))  # sorts just before its triple
        if index < len(self._by_length) and self._by_length[index][1] == value:
            del self._by_length[index]

    def snapshot(self) -> tuple[tuple[str, str], ...]:
        """(value, shown) pairs, longest value first (the order a regex alternation would try them)."""
        return tuple((value, shown) for _, value, shown in self.current())

    def current(self) -> SecretsSnapshot:
        """Every value with its mask, longest first, as of now; never changed afterwards."""
        with self._lock:
            if self._frozen is None:
                self._frozen = tuple(self._by_length)
            return self._frozen

    def replace_in(self, text: str, secrets: SecretsSnapshot | None = None) -> str:
        """``text`` with every registered value (or every value of ``secrets``) masked, left to right.

        Same result as one alternation regex of all values, longest first: at each position the longest
        value that starts there wins, and the scan resumes after it (replacements are never rescanned).
        Values longer than the text are skipped without a search.
        """
        hits: list[tuple[int, int, str]] = []
        if len(text) < _MIN_SECRET_LENGTH:  # no registered value is that short
            return text
        ordered = self.current() if secrets is None else secrets
        for index in range(bisect_left(ordered, (-len(text),)), len(ordered)):
            negative_length, value, mask = ordered[index]
            start = text.find(value)
            while start >= 0:
                hits.append((start, negative_length, mask))
                start = text.find(value, start + 1)
        if not hits:
            return text
        hits.sort()
        parts: list[str] = []
        position = 0
        for start, negative_length, shown in hits:
            if start < position:
                continue
            parts.append(text[position:start])
            parts.append(shown)
            position = start - negative_length
        parts.append(text[position:])
        return "".join(parts)


_registry = _Registry()


def register_secret(value: str | None, *, partial: bool = True) -> None:
    """Redact ``value`` from every later log record (values shorter than 6 characters are ignored).

    ``partial`` keeps the first and last four characters visible (for signs and tokens, so two can be
    told apart); keys (AppKey, AuthKey) are registered with ``partial=False`` and vanish entirely.
    """
    if value and len(value) >= _MIN_SECRET_LENGTH:
        _registry.add(value, mask_secret(value) if partial else REDACTED)


def secrets_snapshot() -> SecretsSnapshot:
    """The registered values as of now, for redacting later exactly as now (``redact_json(v, secrets)``).

    A record whose body is redacted only when someone reads it keeps one of these, so a token forgotten
    at sign-out in the meantime is still masked. Cheap: the registry keeps it until its values change.
    """
    return _registry.current()


def forget_secret(value: str | None) -> None:
    """Stop tracking ``value`` (e.g. after logout); field patterns still apply."""
    if value:
        _registry.discard(value)


def _already_masked(text: str) -> bool:
    """True for our own masks, so redacting twice changes nothing."""
    return text == REDACTED or set(text) == {"•"} or (len(text) == 9 and text[4] == "…")


def _mask_match(match: re.Match[str]) -> str:
    key = match.group("key")
    value = match.group("value")
    quote = value[0] if value[:1] in {'"', "'"} and len(value) >= 2 and value[-1] == value[0] else ""
    inner = value[1:-1] if quote else value
    hidden = any(name in key.casefold().replace("_", "").replace("-", "") for name in _FULLY_HIDDEN)
    if _already_masked(inner):
        return match.group(0)
    shown = REDACTED if hidden or not inner else mask_secret(inner)
    return f"{key}{quote}{shown}{quote}"


# Every field-pattern key contains one of these words, and the header patterns need "authorization" or
# "bearer": ASCII text without any of them (most JSON values) cannot match, so the regexes are skipped.
_PATTERN_WORDS = re.compile("sign|token|key|secret|password|bearer|authorization")


def _may_match_patterns(text: str) -> bool:
    """False only when no field or header pattern can match ``text``.

    Only decided for ASCII text: under IGNORECASE a few non-ASCII letters (dotless i, long s, the Kelvin
    sign) match ASCII ones, so any other text is always given to the regexes.
    """
    if not text.isascii():
        return True
    return _PATTERN_WORDS.search(text.lower()) is not None


# Query (or fragment) parameter names whose values are credentials, compared like field names
# (case-insensitively, without '_', '-' and '.'); names ending in one of the suffixes count too.
_URL_SECRET_PARAMS = frozenset(
    {"sign", "sig", "auth", "authorization", "credential", "credentials", "passwd", "pwd", "session"}
)
_URL_SECRET_SUFFIXES = ("token", "key", "secret", "password", "signature")
# scheme://, then anything up to a space, a double quote, an angle bracket or a backtick (the usual ends
# of a URL inside a log line). A single quote may be part of a URL (user-info, query); one that ends
# the match is taken as the closing quote of a quoted URL and left outside it.
_URL_PATTERN = re.compile(r"""\b[A-Za-z][A-Za-z0-9+.-]*://[^\s"<>`]*""")


def _secret_param(name: str) -> bool:
    from urllib.parse import unquote  # loaded by the logging and HTTP stacks already

    key = unquote(name).casefold().replace("_", "").replace("-", "").replace(".", "")
    return key in _URL_SECRET_PARAMS or key.endswith(_URL_SECRET_SUFFIXES)


def _redact_params(text: str) -> str:
    """``a=1&token=x`` with the values of credential parameters replaced by ``***``."""
    parts = []
    for part in text.split("&"):
        name, equals, value = part.partition("=")
        hide = equals and value and not _already_masked(value) and _secret_param(name)
        parts.append(f"{name}={REDACTED}" if hide else part)
    return "&".join(parts)


def redact_url(url: str) -> str:
    """``url`` without user-info (``user:password@`` is dropped) and with token-like query values masked.

    Works on any text that starts with ``scheme://`` and never raises, whatever the URL's shape
    (an unclosed IPv6 bracket or a port out of range is left as it is, minus the credentials).
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    end = len(rest)
    for mark in "/?#":
        found = rest.find(mark)
        if 0 <= found < end:
            end = found
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        authority = authority.rpartition("@")[2]
    if "?" in tail or "#" in tail:
        path, hash_mark, fragment = tail.partition("#")
        path, question, query = path.partition("?")
        tail = path + question + _redact_params(query) + hash_mark + _redact_params(fragment)
    return f"{scheme}://{authority}{tail}"


def _redact_urls(text: str) -> str:
    """Every URL in ``text`` through ``redact_url``."""
    return _URL_PATTERN.sub(_redact_url_match, text)


def _redact_url_match(match: re.Match[str]) -> str:
    url = match.group(0)
    closing = len(url) - len(url.rstrip("'),.;"))  # a quote or punctuation that ends the sentence
    return redact_url(url[: len(url) - closing]) + url[len(url) - closing :] if closing else redact_url(url)


def redact_text(text: str, secrets: SecretsSnapshot | None = None) -> str:
    """``text`` with registered secrets (or those of ``secrets``), secret-looking fields and URL credentials masked."""
    text = _registry.replace_in(text, secrets)
    if "://" in text:
        text = _redact_urls(text)
    if not _may_match_patterns(text):
        return text
    text = _AUTH_HEADER_PATTERN.sub(_mask_match, text)
    text = _BEARER_PATTERN.sub(_mask_match, text)
    return _FIELD_PATTERN.sub(_mask_match, text)


@lru_cache(maxsize=1024)  # a pure function of the key; the same few field names come back in every answer
def _normalised(key: str) -> str:
    return key.casefold().replace("_", "").replace("-", "")


_PLAIN_SCALARS = (int, float, bool, type(None))


def redact_json(value: Any, secrets: SecretsSnapshot | None = None) -> Any:
    """A copy of a JSON value with secret fields masked (AppKey/AuthKey hidden entirely).

    Registered secrets inside values are masked too: those registered now, or those of ``secrets``.
    """
    kind = type(value)
    if kind is str:  # the common cases first, by exact type; anything else takes the general path below
        return redact_text(value, secrets)
    if kind in _PLAIN_SCALARS:
        return value
    if isinstance(value, Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            name = _normalised(str(key))
            if name in _FULLY_HIDDEN and item is not None:
                result[key] = REDACTED
            elif name in _PARTLY_SHOWN and isinstance(item, str):
                result[key] = mask_secret(item)
            else:
                result[key] = redact_json(item, secrets)
        return result
    if isinstance(value, list):
        return [redact_json(item, secrets) for item in value]
    if isinstance(value, str):
        return redact_text(value, secrets)
    return value


class RedactionFilter(logging.Filter):
    """Formats each record's message with its args, then masks secrets in the result."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not leak its args unredacted
            message = f"{record.msg} {record.args!r}"
        record.msg = redact_text(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True


def install_redaction(target: logging.Logger | logging.Handler) -> RedactionFilter:
    """Add the filter once to a logger or handler and return it."""
    for existing in target.filters:
        if isinstance(existing, RedactionFilter):
            return existing
    installed = RedactionFilter()
    target.addFilter(installed)
    return installed


_URL_TOKEN_PATTERN = re.compile(
    r"(?P<key>[?&]Authorization=(?:Bearer(?:%20|\+|\s))?)(?P<value>[^&#]+)", re.IGNORECASE
)


def mask_websocket_url(url: str) -> str:
    """A WebSocket URL with the token of its ``Authorization=Bearer%20<token>`` query masked (``ZGI3…Y2Mw``)."""
    from urllib.parse import unquote

    def masked(match: re.Match[str]) -> str:
        return f"{match.group('key')}{mask_secret(unquote(match.group('value'))) or REDACTED}"

    return _URL_TOKEN_PATTERN.sub(masked, url)
