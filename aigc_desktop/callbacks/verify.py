"""Verify a platform callback the way the doc prescribes, and say exactly why one fails.

signature = md5(callbackURL + timestamp + AuthKey), carried in the JSON body with a 10-digit ``timestamp``.
Checks, in order: well-formed body and fields, signature (current, then previous AuthKey, constant time),
timestamp within the tolerance both ways, then retry/replay memory (the signature does not cover the body).
Keys live only in private attributes; no repr, verdict or reason ever contains one.

A wrong signature is explained by a near-miss search (``near_miss``), which costs up to a few ms of CPU.
Its cost is bounded so that bad deliveries cannot cost much more than good ones: results are cached by
(URL, timestamp, signature), a per-second CPU budget judges a delivery without diagnosis past it (the
verdict says so), and ``check_body`` hands the search back as a ``DiagnosisTask`` for the receiver to run
on a worker thread, off the UI loop. Reasons are messages (``platform.messages``), worded per language.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final

from aigc_desktop.callbacks.near_miss import KeyChoice, NearMiss, diagnose
from aigc_desktop.callbacks.replay import DEFAULT_CAPACITY, ReplayMemory, body_digest
from aigc_desktop.platform.bounded import safe_text
from aigc_desktop.platform.messages import Message, msg, render
from aigc_desktop.platform.signing import callback_signature, signatures_equal

DEFAULT_TOLERANCE_S = 300
RETIRED_KEYS_KEPT = 3
# CPU seconds of near-miss search allowed per second of wall time (5 % of a core), and searches at once:
# past either, a wrong signature is judged without the search and its verdict says so.
DIAGNOSIS_BUDGET_S = 0.05
DIAGNOSIS_IN_FLIGHT = 2
DIAGNOSIS_CACHE = 1024
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


class Diagnosis(StrEnum):
    """Where the near-miss search for a refused signature stands."""

    NONE = "none"  # nothing to explain (accepted, or refused for another reason)
    PENDING = "pending"  # handed out as a DiagnosisTask, not finished yet
    DONE = "done"  # searched (near_misses may still be empty: nothing common matched)
    SKIPPED = "skipped"  # over the per-second budget: judged without the search


class KeyUsed(StrEnum):
    CURRENT = "current"
    PREVIOUS = "previous"


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of one verification, in words (``message``) and in fields a UI can sort and colour by."""

    status: VerdictStatus
    message: Message
    accepted: bool
    key_used: KeyUsed | None = None
    age_s: int | None = None  # now - timestamp: positive = in the past
    attempt: int = 1  # n for the n-th identical delivery (platform retries)
    near_misses: tuple[NearMiss, ...] = ()
    timestamp: int | None = None
    signature: str | None = None
    problem: str | None = None  # for MALFORMED/UNSIGNED: which part, e.g. "timestamp", "not_json"
    shared_signature: bool = False  # this (timestamp, signature) also came with a different body
    diagnosis: Diagnosis = Diagnosis.NONE

    @property
    def explanation(self) -> Message:
        """The reason as a message, with the near-miss search's outcome for a wrong signature."""
        if self.status is not VerdictStatus.INVALID_SIGNATURE:
            return self.message
        if self.near_misses:
            cause: Message | str = msg("verdict.cause.found", cause=self.near_misses[0].label)
        elif self.diagnosis is Diagnosis.SKIPPED:
            cause = msg("verdict.cause.skipped")
        elif self.diagnosis is Diagnosis.PENDING:
            cause = msg("verdict.cause.pending")
        else:
            cause = ""
        return msg("verdict.with_cause", reason=self.message, cause=cause)

    @property
    def reason(self) -> str:
        """The reason in English (the CLI, the receiver's answer, exports)."""
        return render(self.explanation)

    def reason_in(self, language: str) -> str:
        return render(self.explanation, language)

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
class DiagnosisTask:
    """The near-miss search for one refused signature: pure, so a worker thread may run it.

    Holds copies of the keys to try (``KeyChoice`` never shows them); the verdict never does.
    """

    cache_key: tuple[object, ...]
    signature: str
    timestamp: str
    callback_url: str
    keys: tuple[KeyChoice, ...]
    request_url: str | None

    def run(self) -> tuple[tuple[NearMiss, ...], float]:
        """(near misses, CPU seconds it took on this thread)."""
        started = time.thread_time()
        misses = diagnose(
            self.signature,
            self.timestamp,
            self.callback_url,
            self.keys,
            request_url=self.request_url,
            pause=None if threading.current_thread() is threading.main_thread() else _yield_gil,
        )
        return tuple(misses), time.thread_time() - started


def _yield_gil() -> None:
    """Let the UI loop's thread take the GIL now (a worker thread's search otherwise holds it for its whole slice)."""
    time.sleep(0)


class DiagnosisBudget:
    """CPU seconds of search allowed per wall-clock second, and searches in flight at once."""

    def __init__(self, per_second_s: float | None = None, in_flight: int | None = None) -> None:
        # the module's values read now, not frozen as defaults: a test suite may lift the budget
        self.per_second_s = DIAGNOSIS_BUDGET_S if per_second_s is None else per_second_s
        self.max_in_flight = DIAGNOSIS_IN_FLIGHT if in_flight is None else in_flight
        self.in_flight = 0
        self.skipped = 0  # deliveries judged without diagnosis since start
        self._window = -1
        self._spent = 0.0
        self._clock = time.monotonic

    def take(self) -> bool:
        """Whether one more search may start now (counts it in flight)."""
        self._roll()
        if self._spent >= self.per_second_s or self.in_flight >= self.max_in_flight:
            self.skipped += 1
            return False
        self.in_flight += 1
        return True

    def done(self, spent_s: float) -> None:
        self._roll()
        self.in_flight = max(0, self.in_flight - 1)
        self._spent += spent_s

    def _roll(self) -> None:
        window = int(self._clock())
        if window != self._window:
            self._window, self._spent = window, 0.0


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
        self.budget = DiagnosisBudget()
        self._diagnosed: OrderedDict[tuple[object, ...], tuple[NearMiss, ...]] = OrderedDict()
        self._key_generation = 0
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
        for key in (current, previous):
            if key is not None and safe_text(key) != key:
                raise ValueError("the AuthKey is not valid UTF-8 text: set it again as plain text")
        for old in (self._current, self._previous):
            if old is not None and old not in (current, previous):
                self._retired.append(_RetiredKey(old, self._now()))
        if previous != self._previous:
            self.stats = RotationStats(since=self._now())
        self._current, self._previous = current, previous
        self._key_generation += 1
        self._diagnosed.clear()

    # ------------------------------------------------------------ verification

    def verify_body(self, raw: bytes, *, request_url: str | None = None, remember: bool = True) -> Verdict:
        """Verify a raw request body; ``request_url`` (as received) sharpens the near-miss diagnosis.

        ``remember=False`` checks without counting the delivery (a dry run from the UI). Any near-miss
        search runs here, on the caller's thread; the receiver uses ``check_body`` instead.
        """
        return self._inline(*self.check_body(raw, request_url=request_url, remember=remember))

    def check_body(
        self, raw: bytes, *, request_url: str | None = None, remember: bool = True
    ) -> tuple[Verdict, DiagnosisTask | None]:
        """Like ``verify_body``, but a needed near-miss search comes back as a task to run elsewhere.

        The verdict is then ``Diagnosis.PENDING``; pass the task's result to ``complete`` (or the task to
        ``abandon``) on this verifier's thread.
        """
        data = bytes(raw)
        if not data.strip():
            return _malformed("empty", msg("verdict.empty")), None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _malformed("not_utf8", msg("verdict.not_utf8", offset=exc.start)), None
        try:
            parsed: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            problem = msg("verdict.not_json", error=exc.msg, line=exc.lineno, column=exc.colno)
            return _malformed("not_json", problem), None
        except RecursionError:
            return _malformed("not_json", msg("verdict.too_deep")), None
        except ValueError as exc:
            return _malformed("not_json", msg("verdict.not_json_other", error=safe_text(str(exc)))), None
        if not isinstance(parsed, dict):
            return _malformed("not_object", msg("verdict.not_object", kind=_json_kind(parsed))), None
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
        return self._inline(
            *self._verify(
                _MISSING if timestamp is None else timestamp,
                _MISSING if signature is None else signature,
                body_digest(bytes(body), parsed),
                request_url,
                remember,
            )
        )

    def complete(
        self, verdict: Verdict, task: DiagnosisTask, misses: tuple[NearMiss, ...], spent_s: float
    ) -> Verdict:
        """The verdict with the search's result (cached for the next delivery of the same signature)."""
        self.budget.done(spent_s)
        self._diagnosed[task.cache_key] = misses
        while len(self._diagnosed) > DIAGNOSIS_CACHE:
            self._diagnosed.popitem(last=False)
        return replace(verdict, near_misses=misses, diagnosis=Diagnosis.DONE)

    def abandon(self, task: DiagnosisTask) -> None:
        """The task will not run (the receiver stopped): free its place in the budget."""
        self.budget.done(0.0)

    def _inline(self, verdict: Verdict, task: DiagnosisTask | None) -> Verdict:
        if task is None:
            return verdict
        misses, spent = task.run()
        return self.complete(verdict, task, misses, spent)

    def _diagnosis(
        self, verdict: Verdict, signature: str, ts_text: str, request_url: str | None
    ) -> tuple[Verdict, DiagnosisTask | None]:
        """The verdict with its near misses from the cache, or a task to find them, or judged without."""
        request_url = safe_text(request_url) if request_url else None
        key = (self._key_generation, self.callback_url, request_url, ts_text, signature)
        cached = self._diagnosed.get(key)
        if cached is not None:
            self._diagnosed.move_to_end(key)
            return replace(verdict, near_misses=cached, diagnosis=Diagnosis.DONE), None
        if safe_text(self.callback_url) != self.callback_url or not self.budget.take():
            return replace(verdict, diagnosis=Diagnosis.SKIPPED), None
        task = DiagnosisTask(
            key, signature, ts_text, self.callback_url, tuple(self._key_choices()), request_url
        )
        return replace(verdict, diagnosis=Diagnosis.PENDING), task

    def _verify(
        self, raw_ts: object, raw_sig: object, digest: str, request_url: str | None, remember: bool
    ) -> tuple[Verdict, DiagnosisTask | None]:
        if raw_ts is _MISSING and raw_sig is _MISSING:
            if self.has_key:
                return Verdict(
                    VerdictStatus.UNSIGNED,
                    msg("verdict.unsigned_refused"),
                    accepted=False,
                    problem="unsigned",
                ), None
            return Verdict(VerdictStatus.UNSIGNED, msg("verdict.unsigned_accepted"), accepted=True), None
        if not self.has_key:
            return Verdict(VerdictStatus.UNSIGNED, msg("verdict.signed_unchecked"), accepted=True), None
        if raw_ts is _MISSING:
            return _malformed("missing_timestamp", msg("verdict.missing_timestamp")), None
        if raw_sig is _MISSING:
            return _malformed("missing_signature", msg("verdict.missing_signature")), None
        signature, sig_problem = _parse_signature(raw_sig)
        ts_text, ts_problem = _parse_timestamp(raw_ts)
        if ts_text is None or ts_problem:
            verdict = _malformed("timestamp", ts_problem or msg("verdict.timestamp_invalid"))
            if ts_text is not None and signature is not None:  # 13 digits: can say whether ms was signed
                return self._diagnosis(verdict, signature, ts_text, request_url)
            return verdict, None
        if signature is None:
            return _malformed("signature", sig_problem or msg("verdict.signature_invalid")), None
        timestamp = int(ts_text)
        now = self._now()
        age = int(now) - timestamp
        self._memory.prune(now, self.tolerance_s)
        key_used = self._match(ts_text, signature)
        if key_used is None:
            keys = msg("verdict.keys.either" if self.has_previous_key else "verdict.keys.one")
            also = msg("verdict.also_age", age=_age_words(age)) if abs(age) > self.tolerance_s else ""
            verdict = Verdict(
                VerdictStatus.INVALID_SIGNATURE,
                msg("verdict.invalid", keys=keys, also=also),
                accepted=False,
                age_s=age,
                timestamp=timestamp,
                signature=signature,
            )
            return self._diagnosis(verdict, signature, ts_text, request_url)
        common: dict[str, Any] = {
            "key_used": key_used,
            "age_s": age,
            "timestamp": timestamp,
            "signature": signature,
        }
        tolerance = f"{self.tolerance_s:g}"
        if age > self.tolerance_s:
            reason = msg("verdict.expired", age=duration_words(age), tolerance=tolerance)
            return Verdict(VerdictStatus.EXPIRED, reason, accepted=False, **common), None
        if -age > self.tolerance_s:
            reason = msg("verdict.future", ahead=duration_words(-age), tolerance=tolerance)
            return Verdict(VerdictStatus.FUTURE, reason, accepted=False, **common), None
        if remember:
            check = self._memory.record(timestamp, signature, digest, keep_replays=not self.refuse_replays)
        else:
            check = self._memory.peek(timestamp, signature, digest)
        if check.replayed and self.refuse_replays:
            return Verdict(
                VerdictStatus.REPLAYED,
                msg("verdict.replayed"),
                accepted=False,
                attempt=check.attempt,
                shared_signature=True,
                **common,
            ), None
        if remember:
            self._count(key_used, now)
        return Verdict(
            VerdictStatus.VALID,
            _valid_reason(key_used, age, check.attempt, check.replayed),
            accepted=True,
            attempt=check.attempt,
            shared_signature=check.replayed,
            **common,
        ), None

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


def _malformed(problem: str, reason: Message, near_misses: tuple[NearMiss, ...] = ()) -> Verdict:
    return Verdict(VerdictStatus.MALFORMED, reason, accepted=False, problem=problem, near_misses=near_misses)


def _json_kind(value: object) -> Message:
    if isinstance(value, bool):
        return msg("json.bool")
    if value is None:
        return msg("json.null")
    if isinstance(value, int | float):
        return msg("json.number")
    if isinstance(value, str):
        return msg("json.string")
    if isinstance(value, list):
        return msg("json.array")
    if isinstance(value, dict):
        return msg("json.object")
    return msg("json.other", name=type(value).__name__)


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _parse_timestamp(value: object) -> tuple[str | None, Message | None]:
    """(digits, problem): digits are kept for a 13-digit value so the diagnosis can test millisecond signing."""
    if isinstance(value, bool) or value is None or not isinstance(value, int | str):
        if isinstance(value, float):
            return None, msg("ts.decimal", value=_shown(value))
        return None, msg("ts.kind", kind=_json_kind(value))
    if isinstance(value, int):
        if value < 0 or value.bit_length() > 64:
            return None, msg("ts.range", value=_shown(value))
        text = str(value)
    else:
        text = value
    if _TS_RE.fullmatch(text):
        return text, None
    if _TS_MS_RE.fullmatch(text):
        return text, msg("ts.millis", timestamp=text)
    if text.strip() != text and _TS_RE.fullmatch(text.strip()):
        return None, msg("ts.whitespace", value=_shown(text))
    digits = sum(c in "0123456789" for c in text)
    if digits == len(text) and text:
        return None, msg("ts.digits", count=len(text), value=_shown(text))
    return None, msg("ts.format", value=_shown(value))


def _parse_signature(value: object) -> tuple[str | None, Message | None]:
    if not isinstance(value, str):
        return None, msg("sig.kind", kind=_json_kind(value))
    if _SIG_RE.fullmatch(value):
        return value, None
    if _SIG_RE.fullmatch(value.strip()):
        return None, msg("sig.whitespace")
    if len(value) != 32:
        return None, msg("sig.length", count=len(value))
    return None, msg("sig.chars")


def _age_words(age: int) -> Message:
    if age >= 0:
        return msg("age.past", duration=duration_words(age))
    return msg("age.future", duration=duration_words(-age))


_UNITS = (("y", 365 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1))
_CODES = {"y": "duration.y", "d": "duration.d", "h": "duration.h", "m": "duration.min", "s": "duration.s"}
_PAIRS = {"y": "duration.y_d", "d": "duration.d_h", "h": "duration.h_min", "m": "duration.min_s"}


def duration_words(seconds: int | float) -> Message:
    """A span as people read it: ``45 s``, ``2 min 5 s``, ``3 h 2 min``, ``3 y 100 d`` (two units at most)."""
    left = int(abs(seconds))
    for index, (unit, size) in enumerate(_UNITS):
        if left >= size or unit == "s":
            whole, rest = divmod(left, size)
            if unit == "s":
                return msg("duration.s", s=whole)
            minor, minor_size = _UNITS[index + 1]
            part = rest // minor_size
            if part:
                return msg(_PAIRS[unit], **{unit: whole, minor: part})
            return msg(_CODES[unit], **{unit: whole})
    raise AssertionError("unreachable")


_KEY_WORDS = {KeyUsed.CURRENT: msg("verdict.key.current"), KeyUsed.PREVIOUS: msg("verdict.key.previous")}
_SHARED = msg("verdict.shared")


def _valid_reason(key_used: KeyUsed, age: int, attempt: int, shared: bool) -> Message:
    """Made for every accepted delivery (the receiver's hot path): the fixed parts are made once."""
    retry = msg("verdict.retry", attempt=attempt) if attempt > 1 else ""
    return msg(
        "verdict.valid",
        key=_KEY_WORDS[key_used],
        age=_age_words(age),
        retry=retry,
        shared=_SHARED if shared else "",
    )
