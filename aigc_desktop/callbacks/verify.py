"""Verify a platform callback the way the doc prescribes, and say exactly why one fails.

signature = md5(callbackURL + timestamp + AuthKey), carried in the JSON body with a 10-digit ``timestamp``.
Checks, in order: well-formed body and fields, signature (current, then previous AuthKey, constant time),
timestamp within the tolerance both ways, then retry/replay memory (the signature does not cover the body).
Keys live only in private attributes; no repr, verdict or reason ever contains one.
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final

from aigc_desktop.callbacks.near_miss import KeyChoice, NearMiss, diagnose
from aigc_desktop.callbacks.replay import DEFAULT_CAPACITY, ReplayMemory, body_digest
from aigc_desktop.platform.signing import callback_signature, signatures_equal

DEFAULT_TOLERANCE_S = 300
RETIRED_KEYS_KEPT = 3
_TS_RE = re.compile(r"[0-9]{10}")
_TS_MS_RE = re.compile(r"[0-9]{13}")
_SIG_RE = re.compile(r"[0-9a-fA-F]{32}")
_MISSING: Final = object()


class VerdictStatus(StrEnum):
    VALID = "valid"
    INVALID_SIGNATURE = "invalid_signature"
    EXPIRED = "expired"
    FUTURE = "future"
    REPLAYED = "replayed"
    MALFORMED = "malformed"
    UNSIGNED = "unsigned"


class KeyUsed(StrEnum):
    CURRENT = "current"
    PREVIOUS = "previous"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one verification, in words (``reason``) and in fields a UI can sort and colour by."""

    status: VerdictStatus
    reason: str
    accepted: bool
    key_used: KeyUsed | None = None
    age_s: int | None = None  # now - timestamp: positive = in the past
    attempt: int = 1  # n for the n-th identical delivery (platform retries)
    near_misses: tuple[NearMiss, ...] = ()
    timestamp: int | None = None
    signature: str | None = None
    problem: str | None = None  # for MALFORMED/UNSIGNED: which part, e.g. "timestamp", "not_json"
    shared_signature: bool = False  # this (timestamp, signature) also came with a different body

    @property
    def group_key(self) -> tuple[int, str] | None:
        """(timestamp, signature): identical for every retry of one event."""
        if self.timestamp is None or self.signature is None:
            return None
        return (self.timestamp, self.signature.lower())


@dataclass(slots=True)
class RotationStats:
    """Deliveries per key since the keys were last set: retire the previous key once its count stops rising."""

    current_key_count: int = 0
    previous_key_count: int = 0
    last_previous_key_at: float | None = None  # UNIX time of the last delivery accepted with the previous key
    since: float = 0.0


@dataclass(frozen=True, slots=True)
class _RetiredKey:
    value: str = field(repr=False)
    retired_at: float


class CallbackVerifier:
    """Checks callback bodies against one configured callback URL and up to two AuthKeys (for rotation)."""

    def __init__(
        self,
        callback_url: str,
        current_key: str | None,
        previous_key: str | None = None,
        tolerance_s: float = DEFAULT_TOLERANCE_S,
        now: Callable[[], float] = time.time,
        replay_capacity: int = DEFAULT_CAPACITY,
        refuse_replays: bool = True,
    ) -> None:
        if not callback_url:
            raise ValueError("the callback URL is empty: enter the URL configured on the platform")
        self._now = now
        self.callback_url = callback_url
        # Two events the platform sends in the same second share (timestamp, signature): the signature
        # cannot tell them from a replay. Refusing is the safe default; False accepts and flags them.
        self.refuse_replays = refuse_replays
        self.tolerance_s = tolerance_s
        self._current: str | None = None
        self._previous: str | None = None
        self._retired: deque[_RetiredKey] = deque(maxlen=RETIRED_KEYS_KEPT)
        self.stats = RotationStats(since=now())
        self._memory = ReplayMemory(replay_capacity)
        self.set_keys(current_key, previous_key)

    def __repr__(self) -> str:
        return (
            f"CallbackVerifier(callback_url={self.callback_url!r}, current_key={'set' if self._current else None}, "
            f"previous_key={'set' if self._previous else None}, tolerance_s={self.tolerance_s})"
        )

    # ------------------------------------------------------------ configuration

    @property
    def tolerance_s(self) -> float:
        return self._tolerance_s

    @tolerance_s.setter
    def tolerance_s(self, value: float) -> None:
        if not value >= 0:  # also refuses NaN
            raise ValueError(f"the timestamp tolerance must be zero or more seconds, got {value}")
        self._tolerance_s = value

    @property
    def has_key(self) -> bool:
        return bool(self._current or self._previous)

    @property
    def has_previous_key(self) -> bool:
        return bool(self._previous)

    def set_keys(self, current: str | None, previous: str | None = None) -> None:
        """Swap keys at runtime; keys dropped here are remembered briefly to diagnose a too-early retirement."""
        current, previous = current or None, previous or None
        if previous is not None and current is None:
            raise ValueError("a previous AuthKey needs a current AuthKey next to it")
        for old in (self._current, self._previous):
            if old is not None and old not in (current, previous):
                self._retired.append(_RetiredKey(old, self._now()))
        if previous != self._previous:
            self.stats = RotationStats(since=self._now())
        self._current, self._previous = current, previous

    # ------------------------------------------------------------ verification

    def verify_body(self, raw: bytes, *, request_url: str | None = None, remember: bool = True) -> Verdict:
        """Verify a raw request body; ``request_url`` (as received) sharpens the near-miss diagnosis.

        ``remember=False`` checks without counting the delivery (a dry run from the UI).
        """
        data = bytes(raw)
        if not data.strip():
            return _malformed("empty", "The body is empty; the platform sends a JSON object.")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _malformed("not_utf8", f"The body is not UTF-8 text (invalid byte at offset {exc.start}).")
        try:
            parsed: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            return _malformed(
                "not_json", f"The body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}."
            )
        except RecursionError:
            return _malformed("not_json", "The body is JSON nested too deeply to read.")
        except ValueError as exc:
            return _malformed("not_json", f"The body is not valid JSON: {exc}.")
        if not isinstance(parsed, dict):
            return _malformed(
                "not_object", f"The body is JSON but not an object: it is {_json_kind(parsed)}."
            )
        return self._verify(
            parsed.get("timestamp", _MISSING),
            parsed.get("signature", _MISSING),
            body_digest(data, parsed),
            request_url,
            remember,
        )

    def verify_fields(
        self,
        timestamp: int | str | None,
        signature: str | None,
        body: bytes = b"",
        *,
        request_url: str | None = None,
        remember: bool = True,
    ) -> Verdict:
        """Verify values already taken out of a body (None means the field was absent)."""
        parsed: Any = None
        try:
            parsed = json.loads(body) if body else None
        except (ValueError, RecursionError):
            parsed = None
        return self._verify(
            _MISSING if timestamp is None else timestamp,
            _MISSING if signature is None else signature,
            body_digest(bytes(body), parsed),
            request_url,
            remember,
        )

    def _verify(
        self, raw_ts: object, raw_sig: object, digest: str, request_url: str | None, remember: bool
    ) -> Verdict:
        if raw_ts is _MISSING and raw_sig is _MISSING:
            if self.has_key:
                return Verdict(
                    VerdictStatus.UNSIGNED,
                    "The body has no timestamp or signature, but an AuthKey is configured here: either no "
                    "AuthKey is set on the platform or this request did not come from it.",
                    accepted=False,
                    problem="unsigned",
                )
            return Verdict(
                VerdictStatus.UNSIGNED,
                "Unsigned callback accepted: no AuthKey is configured, so there is nothing to check.",
                accepted=True,
            )
        if not self.has_key:
            return Verdict(
                VerdictStatus.UNSIGNED,
                "Accepted without checking: the body is signed but no AuthKey is configured here; enter the "
                "AuthKey to verify it.",
                accepted=True,
            )
        if raw_ts is _MISSING:
            return _malformed("missing_timestamp", "The body has a signature but no timestamp field.")
        if raw_sig is _MISSING:
            return _malformed("missing_signature", "The body has a timestamp but no signature field.")
        signature, sig_problem = _parse_signature(raw_sig)
        ts_text, ts_problem = _parse_timestamp(raw_ts)
        if ts_text is None or ts_problem:
            misses: list[NearMiss] = []
            if ts_text is not None and signature is not None:  # 13 digits: can say whether ms was signed
                misses = diagnose(
                    signature, ts_text, self.callback_url, self._key_choices(), request_url=request_url
                )
            return _malformed("timestamp", ts_problem or "The timestamp is invalid.", tuple(misses))
        if signature is None:
            return _malformed("signature", sig_problem or "The signature is invalid.")
        timestamp = int(ts_text)
        now = self._now()
        age = int(now) - timestamp
        self._memory.prune(now, self.tolerance_s)
        key_used = self._match(ts_text, signature)
        if key_used is None:
            misses = diagnose(
                signature, ts_text, self.callback_url, self._key_choices(), request_url=request_url
            )
            return Verdict(
                VerdictStatus.INVALID_SIGNATURE,
                _invalid_reason(misses, age, self.tolerance_s, self.has_previous_key),
                accepted=False,
                age_s=age,
                near_misses=tuple(misses),
                timestamp=timestamp,
                signature=signature,
            )
        common: dict[str, Any] = {
            "key_used": key_used,
            "age_s": age,
            "timestamp": timestamp,
            "signature": signature,
        }
        if age > self.tolerance_s:
            return Verdict(
                VerdictStatus.EXPIRED,
                f"The timestamp is {age} s old, beyond the {self.tolerance_s:g} s tolerance (the signature "
                "itself is valid): a stale or replayed request, or a clock off on one side.",
                accepted=False,
                **common,
            )
        if -age > self.tolerance_s:
            return Verdict(
                VerdictStatus.FUTURE,
                f"The timestamp is {-age} s in the future, beyond the {self.tolerance_s:g} s tolerance (the "
                "signature itself is valid): check the sender's and this computer's clocks.",
                accepted=False,
                **common,
            )
        if remember:
            check = self._memory.record(timestamp, signature, digest, keep_replays=not self.refuse_replays)
        else:
            check = self._memory.peek(timestamp, signature, digest)
        if check.replayed and self.refuse_replays:
            return Verdict(
                VerdictStatus.REPLAYED,
                "Refused as a replay: this timestamp and signature were already used for a different body "
                "(the signature does not cover the body; a second event sent in the same second looks "
                "the same).",
                accepted=False,
                attempt=check.attempt,
                shared_signature=True,
                **common,
            )
        if remember:
            self._count(key_used, now)
        return Verdict(
            VerdictStatus.VALID,
            _valid_reason(key_used, age, check.attempt, check.replayed),
            accepted=True,
            attempt=check.attempt,
            shared_signature=check.replayed,
            **common,
        )

    def _match(self, ts_text: str, signature: str) -> KeyUsed | None:
        for key, used in ((self._current, KeyUsed.CURRENT), (self._previous, KeyUsed.PREVIOUS)):
            if key is not None and signatures_equal(
                callback_signature(self.callback_url, ts_text, key), signature
            ):
                return used
        return None

    def _key_choices(self) -> list[KeyChoice]:
        choices = [KeyChoice(self._current, "current")] if self._current else []
        if self._previous:
            choices.append(KeyChoice(self._previous, "previous"))
        for retired in reversed(self._retired):
            when = time.strftime("%H:%M:%S UTC", time.gmtime(retired.retired_at))
            choices.append(KeyChoice(retired.value, f"retired at {when}", mistake=True))
        return choices

    def _count(self, key_used: KeyUsed, now: float) -> None:
        if key_used is KeyUsed.PREVIOUS:
            self.stats.previous_key_count += 1
            self.stats.last_previous_key_at = now
        else:
            self.stats.current_key_count += 1


# ---------------------------------------------------------------- field parsing and wording


def _malformed(problem: str, reason: str, near_misses: tuple[NearMiss, ...] = ()) -> Verdict:
    return Verdict(VerdictStatus.MALFORMED, reason, accepted=False, problem=problem, near_misses=near_misses)


def _json_kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _parse_timestamp(value: object) -> tuple[str | None, str | None]:
    """(digits, problem): digits are kept for a 13-digit value so the diagnosis can test millisecond signing."""
    if isinstance(value, bool) or value is None or not isinstance(value, int | str):
        if isinstance(value, float):
            return None, f"The timestamp must be a 10-digit integer, got a decimal number {_shown(value)}."
        return None, f"The timestamp must be a 10-digit integer or numeric string, got {_json_kind(value)}."
    if isinstance(value, int):
        if value < 0 or value.bit_length() > 64:
            return None, f"The timestamp must be 10 digits of UNIX seconds, got {_shown(value)}."
        text = str(value)
    else:
        text = value
    if _TS_RE.fullmatch(text):
        return text, None
    if _TS_MS_RE.fullmatch(text):
        return text, (
            f"The timestamp {text} has 13 digits: it is in milliseconds, but the platform sends 10-digit UNIX "
            "seconds."
        )
    if text.strip() != text and _TS_RE.fullmatch(text.strip()):
        return None, f"The timestamp {_shown(text)} has whitespace around its 10 digits."
    digits = sum(c in "0123456789" for c in text)
    if digits == len(text) and text:
        return (
            None,
            f"The timestamp must have exactly 10 digits (UNIX seconds), got {len(text)}: {_shown(text)}.",
        )
    return None, f"The timestamp must be 10 digits of UNIX seconds, got {_shown(value)}."


def _parse_signature(value: object) -> tuple[str | None, str | None]:
    if not isinstance(value, str):
        return None, f"The signature must be a string of 32 hex characters, got {_json_kind(value)}."
    if _SIG_RE.fullmatch(value):
        return value, None
    if _SIG_RE.fullmatch(value.strip()):
        return None, "The signature has whitespace around its 32 hex characters."
    if len(value) != 32:
        return None, f"The signature must be 32 hex characters, got {len(value)} characters."
    return None, "The signature must be 32 hex characters (0-9, a-f); it contains other characters."


def _age_words(age: int) -> str:
    if age >= 0:
        return f"sent {age} s ago"
    return f"stamped {-age} s in the future"


def _valid_reason(key_used: KeyUsed, age: int, attempt: int, shared: bool) -> str:
    key = (
        "the current AuthKey"
        if key_used is KeyUsed.CURRENT
        else "the previous AuthKey (the platform still uses it)"
    )
    retry = f"; attempt {attempt} of this event (a retry with the same body)" if attempt > 1 else ""
    if shared:
        retry += (
            "; accepted although this timestamp and signature also came with a different body "
            "(another event in the same second, or a replay)"
        )
    return f"Signature valid with {key}, {_age_words(age)}{retry}."


def _invalid_reason(misses: list[NearMiss], age: int, tolerance_s: float, has_previous: bool) -> str:
    keys = "either AuthKey" if has_previous else "the AuthKey"
    base = f"The signature does not match md5(callback URL + timestamp + AuthKey) with {keys} configured here"
    if misses:
        base += f"; likely cause: {misses[0].description}"
    if abs(age) > tolerance_s:
        base += f" (the timestamp is also {_age_words(age)})"
    return base + "."
