"""Explain a signature mismatch: which common integration mistake would have produced this signature.

The callback signature is md5(callbackURL + timestamp + AuthKey). When it does not match, the cause is
nearly always a small difference between the URL or key the sender used and the ones configured here
(trailing slash, http vs https, default port, ...). Each candidate costs one MD5, so trying every single
mistake and every pair of mistakes is cheap, and naming the one that matches saves users hours.
Texts never contain an AuthKey: keys are named by role ("your previous AuthKey"), never shown. They are
messages (``platform.messages``): worded per language in ``resources/messages/callbacks.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote, unquote

from aigc_desktop.platform.messages import ENGLISH, Message, joined, msg, render
from aigc_desktop.platform.signing import callback_signature, md5_hex
from aigc_desktop.platform.signing import signatures_equal as _signatures_equal

MAX_NEAR_MISSES = 5
PAUSE_EVERY = 16  # candidates between two calls of ``diagnose``'s ``pause``
_DEFAULT_PORTS = {"http": "80", "https": "443"}
_URL_RE = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<netloc>[^/?#]*)(?P<rest>.*)$", re.DOTALL)
_KEY_WHITESPACE = (
    ("", " ", "nm.added.trailing_space"),
    ("", "\n", "nm.added.trailing_newline"),
    (" ", "", "nm.added.leading_space"),
)


@dataclass(frozen=True, slots=True)
class NearMiss:
    """One mistake (or pair of mistakes) that reproduces the received signature exactly."""

    label: Message  # short label, e.g. "signed URL with a trailing slash"
    explanation: Message  # the precise sentence: what the sender signed versus what is configured
    kinds: tuple[str, ...]  # machine-readable mistake kinds, e.g. ("trailing_slash", "previous_key")

    @property
    def description(self) -> str:
        """The label in English (the CLI, exports)."""
        return render(self.label)

    @property
    def detail(self) -> str:
        """The precise sentence in English (the CLI, exports)."""
        return render(self.explanation)

    def description_in(self, language: str) -> str:
        return render(self.label, language)

    def detail_in(self, language: str) -> str:
        return render(self.explanation, language)


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
    phrases: tuple[Message, ...]
    cost: int  # how many mistakes this variant stands for


# ---------------------------------------------------------------- URL mistakes


def _split(url: str) -> tuple[str, str, str] | None:
    match = _URL_RE.match(url)
    if not match:
        return None
    return match["scheme"], match["netloc"], match["rest"]


_Mistake = tuple[str, str, Message]  # (the URL with the mistake, its kind, its phrase)


def _scheme_flip(url: str) -> Iterator[_Mistake]:
    parts = _split(url)
    if parts and parts[0].lower() in ("http", "https"):
        scheme, netloc, rest = parts
        other = "http" if scheme.lower() == "https" else "https"
        yield f"{other}://{netloc}{rest}", "scheme", msg("nm.url.scheme", other=other, scheme=scheme)


def _trailing_slash(url: str) -> Iterator[_Mistake]:
    parts = _split(url)
    if not parts:
        return
    scheme, netloc, rest = parts
    cut = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    path, tail = rest[:cut], rest[cut:]
    if path.endswith("/"):
        yield f"{scheme}://{netloc}{path[:-1]}{tail}", "trailing_slash", msg("nm.url.slash_removed")
    else:
        yield f"{scheme}://{netloc}{path}/{tail}", "trailing_slash", msg("nm.url.slash_added")


def _query_dropped(url: str) -> Iterator[_Mistake]:
    if "?" in url:
        base, _, query = url.partition("?")
        yield base, "query", msg("nm.url.query_dropped", query=query)


def _default_port(url: str) -> Iterator[_Mistake]:
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
            msg("nm.url.port_removed", port=port),
        )
    elif not re.search(r":\d*$", netloc):
        yield f"{scheme}://{netloc}:{port}{rest}", "default_port", msg("nm.url.port_added", port=port)


def _percent(url: str) -> Iterator[_Mistake]:
    decoded = unquote(url)
    if decoded != url:
        yield decoded, "percent_encoding", msg("nm.url.percent_decoded")
    encoded = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
    if encoded != url:
        yield encoded, "percent_encoding", msg("nm.url.percent_encoded")


def _host_case(url: str) -> Iterator[_Mistake]:
    parts = _split(url)
    if not parts:
        return
    scheme, netloc, rest = parts
    capitalised = ".".join(label[:1].upper() + label[1:] for label in netloc.lower().split("."))
    first = netloc[:1].upper() + netloc[1:].lower()
    choices = (
        (netloc.lower(), "nm.case.lower"),
        (netloc.upper(), "nm.case.upper"),
        (first, "nm.case.first"),
        (capitalised, "nm.case.capitalised"),
    )
    for changed, words in dict(choices).items():
        if changed != netloc:
            phrase = msg("nm.url.host_case", host=changed, case=msg(words))
            yield f"{scheme}://{changed}{rest}", "host_case", phrase


def _url_whitespace(url: str) -> Iterator[_Mistake]:
    if url.strip() != url:
        yield url.strip(), "url_whitespace", msg("nm.url.whitespace")


_URL_MISTAKES: tuple[Callable[[str], Iterator[_Mistake]], ...] = (
    _url_whitespace,
    _scheme_flip,
    _trailing_slash,
    _query_dropped,
    _default_port,
    _percent,
    _host_case,
)


def _request_urls(configured: str, request_url: str | None) -> Iterator[_Mistake]:
    """Candidates from the request as it arrived: its own URL, and its path/query on the configured origin."""
    if not request_url:
        return
    if request_url != configured:
        yield request_url, "request_url", msg("nm.url.request_url")
    mine, theirs = _split(configured.strip()), _split(request_url)
    if mine and theirs and theirs[2] != mine[2]:
        path = theirs[2]
        yield f"{mine[0]}://{mine[1]}{path}", "request_path", msg("nm.url.request_path", path=path)


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


def whitespace_message(key: str) -> Message:
    """Words for the whitespace around a key, e.g. "a trailing newline" (never the key itself)."""
    lead = key[: len(key) - len(key.lstrip())]
    trail = key[len(key.rstrip()) :]
    if lead and trail:
        return msg("nm.ws.both", lead=_ws_name(lead), trail=_ws_name(trail))
    if lead:
        return msg("nm.ws.leading", name=_ws_name(lead))
    if trail:
        return msg("nm.ws.trailing", name=_ws_name(trail))
    return msg("nm.ws.none")


def describe_whitespace(key: str, language: str = ENGLISH) -> str:
    return render(whitespace_message(key), language)


_WS_NAMES = {" ": "space", "\n": "newline", "\r\n": "crlf", "\t": "tab", "\r": "cr"}


def _ws_name(text: str) -> Message:
    name = _WS_NAMES.get(text)
    return msg(f"nm.ws.name.{name}") if name else msg("nm.ws.name.other", text=repr(text))


def _key_variants(keys: Sequence[KeyChoice]) -> Iterator[_Variant]:
    for key in keys:
        if key.role == "current":
            base = _Variant(key.value, (), (), 0)
        elif key.role == "previous":
            base = _Variant(key.value, ("previous_key",), (msg("nm.key.previous"),), 0)
        else:
            base = _Variant(
                key.value,
                ("retired_key",),
                (msg("nm.key.retired", when=key.role.removeprefix("retired at ")),),
                1,
            )
        yield base
        if key.value.strip() != key.value:
            phrase = msg("nm.key.trimmed", role=_role(key.role), whitespace=whitespace_message(key.value))
            yield _Variant(key.value.strip(), (*base.kinds, "key_whitespace"), (phrase,), base.cost + 1)
        else:
            for lead, trail, words in _KEY_WHITESPACE:
                phrase = msg("nm.key.added", added=msg(words), role=_role(key.role))
                yield _Variant(
                    f"{lead}{key.value}{trail}", (*base.kinds, "key_whitespace"), (phrase,), base.cost + 1
                )


def _role(role: str) -> Message:
    """A key's role in words: current, previous, or retired (with the time it was retired)."""
    if role in ("current", "previous"):
        return msg(f"nm.role.{role}")
    return msg("nm.role.retired", when=role.removeprefix("retired at "))


def _timestamp_variants(timestamp: str) -> Iterator[_Variant]:
    if len(timestamp) == 13:
        yield _Variant(timestamp, ("timestamp_ms",), (msg("nm.ts.millis_13", timestamp=timestamp),), 1)
        yield _Variant(
            timestamp[:10], ("timestamp_ms",), (msg("nm.ts.seconds_of_ms", seconds=timestamp[:10]),), 1
        )
    else:
        yield _Variant(timestamp, (), (), 0)
        yield _Variant(
            timestamp + "000", ("timestamp_ms",), (msg("nm.ts.ms_of_seconds", millis=timestamp + "000"),), 1
        )


# ---------------------------------------------------------------- diagnosis


def _pausing(pause: Callable[[], None]) -> Callable[[str, str], bool]:
    """``signatures_equal`` that calls ``pause`` every ``PAUSE_EVERY`` comparisons."""
    count = 0

    def equal(expected: str, received: str) -> bool:
        nonlocal count
        count += 1
        if count % PAUSE_EVERY == 0:
            pause()
        return _signatures_equal(expected, received)

    return equal


def diagnose(
    signature: str,
    timestamp: str,
    configured_url: str,
    keys: Sequence[KeyChoice],
    *,
    request_url: str | None = None,
    limit: int = MAX_NEAR_MISSES,
    pause: Callable[[], None] | None = None,
) -> list[NearMiss]:
    """Every single mistake and every cheap pair that reproduces ``signature``, fewest mistakes first.

    ``pause`` is called every ``PAUSE_EVERY`` candidates: on a worker thread, ``time.sleep(0)`` hands the
    GIL to the UI loop often (a search holding it stalled the loop as long).
    """
    signatures_equal = _pausing(pause) if pause is not None else _signatures_equal
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
        unusual = _unusual(wanted, upper, timestamp, configured_url, keys, signatures_equal)
        found.extend((1, miss) for miss in unusual)
    found.sort(key=lambda item: item[0])
    return [miss for _, miss in found[:limit]]


def _explain(configured: str, url: _Variant, key: _Variant, ts: _Variant, upper: bool) -> NearMiss:
    kinds = (*url.kinds, *key.kinds, *ts.kinds) + (("uppercase_hex",) if upper else ())
    url_phrases = joined("join.and", list(url.phrases))
    labels: list[Message] = [msg("nm.label.url", phrases=url_phrases)] if url.kinds else []
    labels += [*key.phrases, *(msg("nm.label.timestamp", phrase=p) for p in ts.phrases)]
    parts: list[Message] = []
    if url.kinds:
        parts.append(msg("nm.detail.signed_url", url=show_url(url.value), phrases=url_phrases))
    else:
        parts.append(msg("nm.detail.signed_configured", url=show_url(configured)))
    extras = [*(msg("nm.detail.key", phrase=p) for p in key.phrases)]
    extras += [msg("nm.detail.timestamp", phrase=p) for p in ts.phrases]
    if extras:
        parts[0] = msg("nm.detail.with_extras", first=parts[0], extras=joined("join.comma", list(extras)))
    if url.kinds:
        parts.append(msg("nm.detail.configured", url=show_url(configured)))
    if upper:
        parts.append(msg("nm.detail.upper_hex"))
        labels.append(msg("nm.label.upper_hex"))
    detail = msg("nm.sentence", text=joined("join.semicolon", list(parts)))
    label = msg("nm.label", parts=joined("join.semicolon", list(labels)))
    return NearMiss(label=label, explanation=detail, kinds=kinds)


def show_url(url: str) -> str:
    """The URL as text, quoted when it has whitespace or control characters that would otherwise hide."""
    return url if url.strip() == url and url.isprintable() else repr(url)


_ORDERS: tuple[tuple[str, Callable[[str, str, str], str]], ...] = (
    ("AuthKey + timestamp + URL", lambda u, t, k: k + t + u),
    ("URL + AuthKey + timestamp", lambda u, t, k: u + k + t),
    ("timestamp + URL + AuthKey", lambda u, t, k: t + u + k),
    ("timestamp + AuthKey + URL", lambda u, t, k: t + k + u),
    ("AuthKey + URL + timestamp", lambda u, t, k: k + u + t),
)


def _unusual(
    wanted: str,
    upper: bool,
    timestamp: str,
    url: str,
    keys: Sequence[KeyChoice],
    signatures_equal: Callable[[str, str], bool],
) -> Iterator[NearMiss]:
    """Rarer mistakes, tried only when nothing common matched: field order and millisecond signing."""
    case = msg("nm.unusual.upper_hex") if upper else ""
    for key in keys:
        for words, join in _ORDERS:
            if signatures_equal(md5_hex(join(url, timestamp, key.value)), wanted):
                yield NearMiss(
                    msg("nm.unusual.order_label"),
                    msg("nm.unusual.order", order=words, role=_role(key.role), case=case),
                    ("field_order",),
                )
        if len(timestamp) == 10:
            for millis in range(1000):
                signed = f"{timestamp}{millis:03d}"
                if signatures_equal(callback_signature(url, signed, key.value), wanted):
                    yield NearMiss(
                        msg("nm.unusual.millis_label"),
                        msg("nm.unusual.millis", signed=signed, timestamp=timestamp, case=case),
                        ("timestamp_ms",),
                    )
                    break
