"""Explain a signature mismatch: which common integration mistake would have produced this signature.

The callback signature is md5(callbackURL + timestamp + AuthKey). When it does not match, the cause is
nearly always a small difference between the URL or key the sender used and the ones configured here
(trailing slash, http vs https, default port, ...). Each candidate costs one MD5, so trying every single
mistake and every pair of mistakes is cheap, and naming the one that matches saves users hours.
Texts never contain an AuthKey: keys are named by role ("your previous AuthKey"), never shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from aigc_desktop.platform.signing import callback_signature, md5_hex, signatures_equal

MAX_NEAR_MISSES = 5
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_URL_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<netloc>[^/?#]*)(?P<rest>.*)$", re.DOTALL)
_KEY_WHITESPACE = (
    ("", " ", "a trailing space"),
    ("", "\n", "a trailing newline"),
    (" ", "", "a leading space"),
)


@dataclass(frozen=True, slots=True)
class NearMiss:
    """One mistake (or pair of mistakes) that reproduces the received signature exactly."""

    description: str  # short label, e.g. "trailing slash added"
    detail: str  # the precise sentence: what the sender signed versus what is configured
    kinds: tuple[str, ...]  # machine-readable mistake kinds, e.g. ("trailing_slash", "previous_key")


@dataclass(frozen=True, slots=True)
class KeyChoice:
    """A key to try, named by its role; ``mistake`` says whether using it counts as a mistake."""

    value: str
    role: str  # "current", "previous" or "retired at 12:00:03 UTC"
    mistake: bool = False

    def __repr__(self) -> str:  # never show the key itself
        return f"KeyChoice(role={self.role!r}, mistake={self.mistake})"


@dataclass(frozen=True, slots=True)
class _Variant:
    value: str
    kinds: tuple[str, ...]
    phrases: tuple[str, ...]
    cost: int  # how many mistakes this variant stands for


# ---------------------------------------------------------------- URL mistakes


def _split(url: str) -> tuple[str, str, str] | None:
    match = _URL_RE.match(url)
    if not match:
        return None
    return match["scheme"], match["netloc"], match["rest"]


def _scheme_flip(url: str) -> Iterator[tuple[str, str, str]]:
    parts = _split(url)
    if parts and parts[0].lower() in ("http", "https"):
        scheme, netloc, rest = parts
        other = "http" if scheme.lower() == "https" else "https"
        yield f"{other}://{netloc}{rest}", "scheme", f"with {other}:// instead of {scheme}://"


def _trailing_slash(url: str) -> Iterator[tuple[str, str, str]]:
    parts = _split(url)
    if not parts:
        return
    scheme, netloc, rest = parts
    cut = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    path, tail = rest[:cut], rest[cut:]
    if path.endswith("/"):
        yield f"{scheme}://{netloc}{path[:-1]}{tail}", "trailing_slash", "without the trailing slash"
    else:
        yield f"{scheme}://{netloc}{path}/{tail}", "trailing_slash", "with a trailing slash"


def _query_dropped(url: str) -> Iterator[tuple[str, str, str]]:
    if "?" in url:
        base, _, query = url.partition("?")
        yield base, "query", f"without the query string ?{query}"


def _default_port(url: str) -> Iterator[tuple[str, str, str]]:
    parts = _split(url)
    if not parts:
        return
    scheme, netloc, rest = parts
    port = _DEFAULT_PORTS.get(scheme.lower())
    if port is None:
        return
    if netloc.endswith(f":{port}"):
        yield (
            f"{scheme}://{netloc[: -len(port) - 1]}{rest}",
            "default_port",
            f"without the default port :{port}",
        )
    elif not re.search(r":\d*$", netloc):
        yield f"{scheme}://{netloc}:{port}{rest}", "default_port", f"with the default port :{port}"


def _percent(url: str) -> Iterator[tuple[str, str, str]]:
    decoded = unquote(url)
    if decoded != url:
        yield decoded, "percent_encoding", "with the percent-escapes decoded"
    encoded = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    if encoded != url:
        yield encoded, "percent_encoding", "percent-encoded"


def _host_case(url: str) -> Iterator[tuple[str, str, str]]:
    parts = _split(url)
    if not parts:
        return
    scheme, netloc, rest = parts
    capitalised = ".".join(label[:1].upper() + label[1:] for label in netloc.lower().split("."))
    first = netloc[:1].upper() + netloc[1:].lower()
    choices = (
        (netloc.lower(), "lower case"),
        (netloc.upper(), "upper case"),
        (first, "capital first letter"),
        (capitalised, "capitalised"),
    )
    for changed, words in dict(choices).items():
        if changed != netloc:
            yield f"{scheme}://{changed}{rest}", "host_case", f"with the host {changed} ({words})"


def _url_whitespace(url: str) -> Iterator[tuple[str, str, str]]:
    if url.strip() != url:
        yield url.strip(), "url_whitespace", "without the whitespace around your configured URL"


_URL_MISTAKES: tuple[Callable[[str], Iterator[tuple[str, str, str]]], ...] = (
    _url_whitespace,
    _scheme_flip,
    _trailing_slash,
    _query_dropped,
    _default_port,
    _percent,
    _host_case,
)


def _request_urls(configured: str, request_url: str | None) -> Iterator[tuple[str, str, str]]:
    """Candidates from the request as it arrived: its own URL, and its path/query on the configured origin."""
    if not request_url:
        return
    if request_url != configured:
        yield request_url, "request_url", "the URL this request was actually sent to"
    mine, theirs = _split(configured.strip()), _split(request_url)
    if mine and theirs and theirs[2] != mine[2]:
        path = theirs[2]
        yield (
            f"{mine[0]}://{mine[1]}{path}",
            "request_path",
            f"with the path and query the request used ({path})",
        )


def url_variants(configured: str, request_url: str | None = None) -> list[_Variant]:
    """The configured URL with one or two common mistakes applied (deduplicated, fewest mistakes first)."""
    seen: dict[str, _Variant] = {configured: _Variant(configured, (), (), 0)}
    level1: list[_Variant] = []
    singles = [*_request_urls(configured, request_url)]
    for mistake in _URL_MISTAKES:
        singles.extend(mistake(configured))
    for value, kind, phrase in singles:
        if value not in seen:
            seen[value] = _Variant(value, (kind,), (phrase,), 1)
            level1.append(seen[value])
    level2: list[_Variant] = []
    for first in level1:
        for mistake in _URL_MISTAKES:
            for value, kind, phrase in mistake(first.value):
                if kind in first.kinds or value in seen:
                    continue
                seen[value] = _Variant(value, (*first.kinds, kind), (*first.phrases, phrase), 2)
                level2.append(seen[value])
    return [seen[configured], *level1, *level2]


# ---------------------------------------------------------------- key and timestamp mistakes


def describe_whitespace(key: str) -> str:
    """Words for the whitespace around a key, e.g. "a trailing newline" (never the key itself)."""
    lead = key[: len(key) - len(key.lstrip())]
    trail = key[len(key.rstrip()) :]
    parts = []
    if lead:
        parts.append(f"leading {_ws_name(lead)}")
    if trail:
        parts.append(f"trailing {_ws_name(trail)}")
    return "a " + " and a ".join(parts) if parts else "no surrounding whitespace"


def _ws_name(text: str) -> str:
    names = {" ": "space", "\n": "newline", "\r\n": "CR-LF line break", "\t": "tab", "\r": "carriage return"}
    return names.get(text, f"whitespace ({text!r})")


def _key_variants(keys: Sequence[KeyChoice]) -> Iterator[_Variant]:
    for key in keys:
        if key.role == "current":
            base = _Variant(key.value, (), (), 0)
        elif key.role == "previous":
            base = _Variant(key.value, ("previous_key",), ("with your previous AuthKey",), 0)
        else:
            base = _Variant(key.value, ("retired_key",), (f"with the AuthKey you {key.role}",), 1)
        yield base
        if key.value.strip() != key.value:
            phrase = f"with your {key.role} AuthKey trimmed (yours has {describe_whitespace(key.value)})"
            yield _Variant(key.value.strip(), (*base.kinds, "key_whitespace"), (phrase,), base.cost + 1)
        else:
            for lead, trail, words in _KEY_WHITESPACE:
                phrase = (
                    f"with {words} added to your {_role_words(key.role)} AuthKey (check how it was pasted)"
                )
                yield _Variant(
                    f"{lead}{key.value}{trail}", (*base.kinds, "key_whitespace"), (phrase,), base.cost + 1
                )


def _role_words(role: str) -> str:
    return role if role in ("current", "previous") else f"old ({role})"


def _timestamp_variants(timestamp: str) -> Iterator[_Variant]:
    if len(timestamp) == 13:
        yield _Variant(timestamp, ("timestamp_ms",), (f"the 13-digit millisecond timestamp {timestamp}",), 1)
        yield _Variant(
            timestamp[:10],
            ("timestamp_ms",),
            (f"the timestamp in seconds ({timestamp[:10]}) while the body carries milliseconds",),
            1,
        )
    else:
        yield _Variant(timestamp, (), (), 0)
        yield _Variant(
            timestamp + "000",
            ("timestamp_ms",),
            (f"the timestamp in milliseconds ({timestamp}000) while the body carries seconds",),
            1,
        )


# ---------------------------------------------------------------- diagnosis


def diagnose(
    signature: str,
    timestamp: str,
    configured_url: str,
    keys: Sequence[KeyChoice],
    *,
    request_url: str | None = None,
    limit: int = MAX_NEAR_MISSES,
) -> list[NearMiss]:
    """Every single mistake and every cheap pair that reproduces ``signature``, fewest mistakes first."""
    wanted = signature.lower()
    upper = signature != wanted
    found: list[tuple[int, NearMiss]] = []
    urls = url_variants(configured_url, request_url)
    key_variants = list(_key_variants(keys))
    ts_variants = list(_timestamp_variants(timestamp))
    for url in urls:
        for key in key_variants:
            for ts in ts_variants:
                mistakes = url.cost + key.cost + ts.cost
                if mistakes > 2 or (mistakes == 0 and not upper):
                    continue
                if signatures_equal(callback_signature(url.value, ts.value, key.value), wanted):
                    found.append((mistakes, _explain(configured_url, url, key, ts, upper)))
    if not found:
        found.extend((1, miss) for miss in _unusual(wanted, upper, timestamp, configured_url, keys))
    found.sort(key=lambda item: item[0])
    return [miss for _, miss in found[:limit]]


def _explain(configured: str, url: _Variant, key: _Variant, ts: _Variant, upper: bool) -> NearMiss:
    kinds = (*url.kinds, *key.kinds, *ts.kinds) + (("uppercase_hex",) if upper else ())
    labels = [f"signed URL {' and '.join(url.phrases)}"] if url.kinds else []
    labels += [_strip_with(p) for p in key.phrases] + [f"signed {p}" for p in ts.phrases]
    extras = [*key.phrases, *(f"using {p}" for p in ts.phrases)]
    if url.kinds:
        detail = f"the sender signed {show_url(url.value)} ({' and '.join(url.phrases)})"
    else:
        detail = f"the sender signed your configured URL {show_url(configured)}"
    if extras:
        detail += ", " + ", ".join(extras)
    if url.kinds:
        detail += f"; you configured {show_url(configured)}"
    if upper:
        detail += "; the signature is upper-case hex, the platform sends 32 lower-case hex characters"
        labels.append("upper-case hex signature")
    return NearMiss(description="; ".join(labels), detail=detail[0].upper() + detail[1:] + ".", kinds=kinds)


def show_url(url: str) -> str:
    """The URL as text, quoted when it has whitespace or control characters that would otherwise hide."""
    return url if url.strip() == url and url.isprintable() else repr(url)


def _strip_with(phrase: str) -> str:
    return phrase[5:] if phrase.startswith("with ") else phrase


_ORDERS: tuple[tuple[str, Callable[[str, str, str], str]], ...] = (
    ("AuthKey + timestamp + URL", lambda u, t, k: k + t + u),
    ("URL + AuthKey + timestamp", lambda u, t, k: u + k + t),
    ("timestamp + URL + AuthKey", lambda u, t, k: t + u + k),
    ("timestamp + AuthKey + URL", lambda u, t, k: t + k + u),
    ("AuthKey + URL + timestamp", lambda u, t, k: k + u + t),
)


def _unusual(
    wanted: str, upper: bool, timestamp: str, url: str, keys: Sequence[KeyChoice]
) -> Iterator[NearMiss]:
    """Rarer mistakes, tried only when nothing common matched: field order and millisecond signing."""
    case = " (and the signature is upper-case hex)" if upper else ""
    for key in keys:
        for words, join in _ORDERS:
            if signatures_equal(md5_hex(join(url, timestamp, key.value)), wanted):
                yield NearMiss(
                    "fields concatenated in the wrong order",
                    f"The sender hashed {words} with your {key.role} AuthKey instead of URL + timestamp + "
                    f"AuthKey{case}.",
                    ("field_order",),
                )
        if len(timestamp) == 10:
            for millis in range(1000):
                signed = f"{timestamp}{millis:03d}"
                if signatures_equal(callback_signature(url, signed, key.value), wanted):
                    yield NearMiss(
                        "timestamp signed in milliseconds",
                        f"The sender signed the millisecond timestamp {signed} but put {timestamp} (seconds) in "
                        f"the body; sign the same 10-digit value you send{case}.",
                        ("timestamp_ms",),
                    )
                    break
