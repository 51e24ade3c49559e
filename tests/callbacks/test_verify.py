"""The verifier's truth table: statuses, reasons, retry/replay memory and key rotation."""

from __future__ import annotations

import json

import pytest

from aigc_desktop.callbacks.verify import (
    DIAGNOSIS_IN_FLIGHT,
    CallbackVerifier,
    Diagnosis,
    KeyUsed,
    VerdictStatus,
)
from aigc_desktop.platform.signing import callback_signature

from .helpers import KEY, NOW, PREVIOUS, URL, signed_body


def test_doc_example_signature_is_valid() -> None:
    """The access doc's own worked example verifies (its key is short, so no policy applies here)."""
    verifier = CallbackVerifier("https://www.example.com/your/callback", "abc123", now=lambda: 1693206851)
    body = b'{"timestamp": 1693206851, "signature": "863151b586912152aacee3124f81e301"}'
    verdict = verifier.verify_body(body)
    assert verdict.status is VerdictStatus.VALID
    assert verdict.accepted and verdict.key_used is KeyUsed.CURRENT and verdict.age_s == 0


def test_valid_with_current_key(verifier: CallbackVerifier) -> None:
    verdict = verifier.verify_body(signed_body())
    assert (verdict.status, verdict.accepted, verdict.key_used, verdict.attempt) == (
        VerdictStatus.VALID,
        True,
        KeyUsed.CURRENT,
        1,
    )
    assert verdict.group_key == (NOW, callback_signature(URL, NOW, KEY))


def test_timestamp_as_numeric_string_is_accepted(verifier: CallbackVerifier) -> None:
    assert verifier.verify_body(signed_body(timestamp=str(NOW))).status is VerdictStatus.VALID


def test_wrong_key_is_invalid_without_near_miss(verifier: CallbackVerifier) -> None:
    verdict = verifier.verify_body(signed_body(key="SomebodyElse123abcXYZ"))
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE
    assert not verdict.accepted
    assert verdict.near_misses == ()
    assert "does not match" in verdict.reason


@pytest.mark.parametrize(
    ("offset", "status"),
    [
        (-300, VerdictStatus.VALID),
        (-301, VerdictStatus.EXPIRED),
        (300, VerdictStatus.VALID),
        (301, VerdictStatus.FUTURE),
    ],
)
def test_tolerance_applies_both_ways(verifier: CallbackVerifier, offset: int, status: VerdictStatus) -> None:
    verdict = verifier.verify_body(signed_body(timestamp=NOW + offset))
    assert verdict.status is status
    assert verdict.age_s == -offset


def test_expired_reason_names_age_and_tolerance(verifier: CallbackVerifier) -> None:
    verdict = verifier.verify_body(signed_body(timestamp=NOW - 3600))
    assert verdict.status is VerdictStatus.EXPIRED and not verdict.accepted
    assert "is 1 h old" in verdict.reason and "300 s tolerance" in verdict.reason


def test_tolerance_is_configurable() -> None:
    verifier = CallbackVerifier(URL, KEY, tolerance_s=10, now=lambda: NOW)
    assert verifier.verify_body(signed_body(timestamp=NOW - 11)).status is VerdictStatus.EXPIRED
    verifier.tolerance_s = 20
    assert verifier.verify_body(signed_body(timestamp=NOW - 11)).status is VerdictStatus.VALID
    with pytest.raises(ValueError, match="zero or more"):
        verifier.tolerance_s = -1


def test_retry_with_same_body_counts_attempts(verifier: CallbackVerifier) -> None:
    body = signed_body()
    assert [verifier.verify_body(body).attempt for _ in range(3)] == [1, 2, 3]
    third_as_reserialised = json.dumps(json.loads(body), indent=4, sort_keys=True).encode()
    verdict = verifier.verify_body(third_as_reserialised)
    assert verdict.status is VerdictStatus.VALID and verdict.attempt == 4
    assert "attempt 4" in verdict.reason


def test_same_signature_with_another_body_is_a_replay(verifier: CallbackVerifier) -> None:
    assert verifier.verify_body(signed_body(taskId="t-1")).status is VerdictStatus.VALID
    verdict = verifier.verify_body(signed_body(taskId="t-2-forged"))
    assert verdict.status is VerdictStatus.REPLAYED and not verdict.accepted
    assert "already used for a different body" in verdict.reason and "same second" in verdict.reason
    assert verdict.shared_signature
    # the original event's retry is still recognised as such
    assert verifier.verify_body(signed_body(taskId="t-1")).attempt == 2


def test_same_second_events_can_be_accepted_and_flagged() -> None:
    """Two events sent in one second share (timestamp, signature); the user may choose to accept them."""
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW, refuse_replays=False)
    first = verifier.verify_body(signed_body(taskId="a"))
    second = verifier.verify_body(signed_body(taskId="b"))
    retry_of_second = verifier.verify_body(signed_body(taskId="b"))
    assert (first.status, first.shared_signature) == (VerdictStatus.VALID, False)
    assert (second.status, second.accepted, second.shared_signature) == (VerdictStatus.VALID, True, True)
    assert "also came with a different body" in second.reason
    assert (retry_of_second.attempt, second.attempt) == (2, 1)


def test_dry_run_does_not_remember(verifier: CallbackVerifier) -> None:
    body = signed_body()
    assert verifier.verify_body(body, remember=False).attempt == 1
    assert verifier.verify_body(body).attempt == 1
    assert verifier.stats.current_key_count == 1


def test_replay_memory_is_bounded_and_pruned() -> None:
    clock = [float(NOW)]
    verifier = CallbackVerifier(URL, KEY, now=lambda: clock[0], replay_capacity=3)
    for offset in range(5):
        verifier.verify_body(signed_body(timestamp=NOW - offset))
    assert len(verifier._memory) == 3  # LRU cap
    clock[0] += 10_000  # everything leaves the tolerance window
    verifier.verify_body(signed_body(timestamp=int(clock[0])))
    assert len(verifier._memory) == 1


def test_previous_key_is_accepted_and_counted(verifier: CallbackVerifier) -> None:
    verdict = verifier.verify_body(signed_body(key=PREVIOUS))
    assert verdict.status is VerdictStatus.VALID and verdict.key_used is KeyUsed.PREVIOUS
    assert "previous AuthKey" in verdict.reason
    verifier.verify_body(signed_body(key=PREVIOUS, timestamp=NOW - 1))
    verifier.verify_body(signed_body())
    assert verifier.stats.previous_key_count == 2
    assert verifier.stats.current_key_count == 1
    assert verifier.stats.last_previous_key_at == NOW


def test_set_keys_at_runtime_and_too_early_retirement_is_diagnosed(verifier: CallbackVerifier) -> None:
    verifier.set_keys("BrandNewKey2025ghiRST", KEY)
    assert verifier.stats.previous_key_count == 0
    assert verifier.verify_body(signed_body(key=KEY)).key_used is KeyUsed.PREVIOUS
    verdict = verifier.verify_body(signed_body(key=PREVIOUS, timestamp=NOW - 2))
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE
    assert [miss.kinds for miss in verdict.near_misses] == [("retired_key",)]
    assert "retired at" in verdict.near_misses[0].detail
    with pytest.raises(ValueError, match="previous AuthKey needs a current"):
        verifier.set_keys(None, KEY)


def test_keys_never_appear_in_repr_or_texts(verifier: CallbackVerifier) -> None:
    texts = [repr(verifier)]
    for body in (signed_body(), signed_body(key=KEY + " "), signed_body(key="x"), b"{}", b"[]"):
        verdict = verifier.verify_body(body)
        texts += [repr(verdict), verdict.reason, *(m.detail + m.description for m in verdict.near_misses)]
    for text in texts:
        assert KEY not in text and PREVIOUS not in text


# ---------------------------------------------------------------- unsigned and malformed


def test_unsigned_accepted_only_without_key() -> None:
    open_verifier = CallbackVerifier(URL, None, now=lambda: NOW)
    assert open_verifier.verify_body(b'{"taskId": "t"}').accepted
    assert open_verifier.verify_body(b'{"taskId": "t"}').status is VerdictStatus.UNSIGNED
    keyed = CallbackVerifier(URL, KEY, now=lambda: NOW)
    verdict = keyed.verify_body(b'{"taskId": "t"}')
    assert verdict.status is VerdictStatus.UNSIGNED and not verdict.accepted
    assert "no timestamp or signature" in verdict.reason


@pytest.mark.parametrize(
    ("body", "problem", "words"),
    [
        (b"", "empty", "empty"),
        (b"\xff\xfe{}", "not_utf8", "not UTF-8"),
        (b"{not json", "not_json", "not valid JSON"),
        (b"[1, 2]", "not_object", "an array"),
        (b'"text"', "not_object", "a string"),
        (b'{"signature": "' + b"a" * 32 + b'"}', "missing_timestamp", "no timestamp"),
        (b'{"timestamp": 1764000000}', "missing_signature", "no signature"),
        (b'{"timestamp": 176400000, "signature": "' + b"a" * 32 + b'"}', "timestamp", "got 9"),
        (b'{"timestamp": 1764000000.5, "signature": "' + b"a" * 32 + b'"}', "timestamp", "decimal number"),
        (b'{"timestamp": true, "signature": "' + b"a" * 32 + b'"}', "timestamp", "true/false"),
        (b'{"timestamp": "17640000x0", "signature": "' + b"a" * 32 + b'"}', "timestamp", "10 digits"),
        (b'{"timestamp": -1764000000, "signature": "' + b"a" * 32 + b'"}', "timestamp", "10 digits"),
        (b'{"timestamp": " 1764000000", "signature": "' + b"a" * 32 + b'"}', "timestamp", "whitespace"),
        (b'{"timestamp": 1764000000, "signature": "abc"}', "signature", "got 3 characters"),
        (b'{"timestamp": 1764000000, "signature": "' + b"g" * 32 + b'"}', "signature", "other characters"),
        (b'{"timestamp": 1764000000, "signature": 12}', "signature", "a number"),
        (b'{"timestamp": 1764000000, "signature": null}', "signature", "null"),
        (b"[" * 100_000, "not_json", "JSON"),
    ],
)
def test_malformed_says_which_part(verifier: CallbackVerifier, body: bytes, problem: str, words: str) -> None:
    verdict = verifier.verify_body(body)
    assert verdict.status is VerdictStatus.MALFORMED and not verdict.accepted
    assert verdict.problem == problem
    assert words in verdict.reason


def test_verify_fields(verifier: CallbackVerifier) -> None:
    signature = callback_signature(URL, NOW, KEY)
    assert verifier.verify_fields(NOW, signature).status is VerdictStatus.VALID
    assert verifier.verify_fields(str(NOW), signature, b'{"x": 1}').status is VerdictStatus.REPLAYED
    assert verifier.verify_fields(None, None).status is VerdictStatus.UNSIGNED
    assert verifier.verify_fields(NOW, "zz").problem == "signature"


# --- the near-miss search's cost is bounded (issue 15) ---------------------------------------


def test_a_diagnosis_is_cached_by_url_timestamp_and_signature(verifier: CallbackVerifier) -> None:
    body = signed_body(URL + "/", KEY, NOW)  # a trailing slash: the search finds it
    verdict, task = verifier.check_body(body)
    assert verdict.diagnosis is Diagnosis.PENDING and verdict.near_misses == () and task is not None
    assert "looking for the likely cause" in verdict.reason
    misses, spent = task.run()
    done = verifier.complete(verdict, task, misses, spent)
    assert done.diagnosis is Diagnosis.DONE and "trailing slash" in done.reason
    again, no_task = verifier.check_body(body)  # the platform's retry: answered from the cache
    assert no_task is None and again.near_misses == done.near_misses
    verifier.set_keys(KEY, PREVIOUS)  # other keys: other answers
    assert verifier.check_body(body)[1] is not None


def test_past_the_per_second_budget_a_delivery_is_judged_without_diagnosis(
    verifier: CallbackVerifier,
) -> None:
    verifier.budget.per_second_s = 0.001
    verifier.budget._clock = lambda: 100.0  # one second-long window for the whole test
    first = verifier.verify_body(signed_body(URL + "/", KEY, NOW))
    assert first.diagnosis is Diagnosis.DONE
    verifier.budget.done(0.001)  # exactly the budget spent: no more this second
    second = verifier.verify_body(signed_body(URL + "/", KEY, NOW - 1))
    assert second.diagnosis is Diagnosis.SKIPPED and second.status is VerdictStatus.INVALID_SIGNATURE
    assert "judged without looking for the likely cause" in second.reason
    assert verifier.verify_body(signed_body(URL + "/", KEY, NOW)).near_misses == first.near_misses  # cached
    verifier.budget._clock = lambda: 101.0  # the next second: searching again
    assert verifier.verify_body(signed_body(URL + "/", KEY, NOW - 2)).diagnosis is Diagnosis.DONE


def test_searches_in_flight_are_bounded(verifier: CallbackVerifier) -> None:
    verifier.budget._clock = lambda: 100.0
    tasks = [
        verifier.check_body(signed_body(URL + "/", KEY, NOW - n)) for n in range(DIAGNOSIS_IN_FLIGHT + 1)
    ]
    assert [verdict.diagnosis for verdict, _ in tasks] == [Diagnosis.PENDING] * DIAGNOSIS_IN_FLIGHT + [
        Diagnosis.SKIPPED
    ]
    task = tasks[0][1]
    assert task is not None
    verifier.abandon(task)  # one place free again
    assert verifier.check_body(signed_body(URL + "/", KEY, NOW - 99))[0].diagnosis is Diagnosis.PENDING


def test_a_non_utf8_key_is_refused_and_a_non_utf8_url_is_not_diagnosed() -> None:
    with pytest.raises(ValueError, match="not valid UTF-8"):
        CallbackVerifier(URL, "Abcdefgh12345678\udcff")
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    verdict = verifier.verify_body(
        signed_body(URL, "WrongKey2024abcdefXYZ", NOW), request_url="http://a\udcffb/cb"
    )
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE
    verdict.reason.encode("utf-8")


def test_a_chinese_reason_for_a_wrong_signature(verifier: CallbackVerifier) -> None:
    verdict = verifier.verify_body(signed_body(URL + "/", KEY, NOW))
    assert verdict.reason_in("zh_CN").startswith("签名与用这里配置的两个 AuthKey 中的任何一个计算的")
    assert "疑似原因：签名所用地址多了末尾斜杠" in verdict.reason_in("zh_CN")
    [miss] = verdict.near_misses[:1]
    assert miss.detail_in("zh_CN").startswith("发送端签名用的是 ") and miss.detail_in("zh_CN").endswith("。")
