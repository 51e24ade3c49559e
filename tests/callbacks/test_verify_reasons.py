"""Every verdict in the exact words a user reads (the CLI, the receiver's table, exports).

One row per distinct outcome, with the status, whether it is accepted, the part at fault and the whole reason:
a changed word, a lost clause or a wrong number in a reason is a visible change and fails here.
"""

from __future__ import annotations

import json

import pytest

from aigc_desktop.callbacks.verify import CallbackVerifier, KeyUsed, VerdictStatus
from aigc_desktop.platform.signing import callback_signature

from .helpers import KEY, NOW, PREVIOUS, URL

SIG = "a" * 32
OTHER_KEY = "SomebodyElse123abcXYZ"
EXPECTS = "The timestamp must be 10 digits of UNIX seconds, got"


def fields(timestamp: object, signature: object = SIG) -> bytes:
    return json.dumps({"timestamp": timestamp, "signature": signature}).encode()


def body(timestamp: int, key: str = KEY, url: str = URL, **extra: object) -> bytes:
    signature = callback_signature(url, timestamp, key)
    return json.dumps({"taskId": "t-1", **extra, "timestamp": timestamp, "signature": signature}).encode()


MALFORMED = [
    (b"", "empty", "The body is empty; the platform sends a JSON object."),
    (b"  \n", "empty", "The body is empty; the platform sends a JSON object."),
    (b"\xff\xfe{}", "not_utf8", "The body is not UTF-8 text (invalid byte at offset 0)."),
    (b'{"a": "\xc3"}', "not_utf8", "The body is not UTF-8 text (invalid byte at offset 7)."),
    (
        b"{not json",
        "not_json",
        "The body is not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2.",
    ),
    (b"[" * 100_000, "not_json", "The body is JSON nested too deeply to read."),
    (b"[1, 2]", "not_object", "The body is JSON but not an object: it is an array."),
    (b'"text"', "not_object", "The body is JSON but not an object: it is a string."),
    (b"12", "not_object", "The body is JSON but not an object: it is a number."),
    (b"1.5", "not_object", "The body is JSON but not an object: it is a number."),
    (b"null", "not_object", "The body is JSON but not an object: it is null."),
    (b"true", "not_object", "The body is JSON but not an object: it is true/false."),
    (
        b'{"signature": "' + SIG.encode() + b'"}',
        "missing_timestamp",
        "The body has a signature but no timestamp field.",
    ),
    (b'{"timestamp": 1764000000}', "missing_signature", "The body has a timestamp but no signature field."),
    (
        fields(176400000),
        "timestamp",
        "The timestamp must have exactly 10 digits (UNIX seconds), got 9: '176400000'.",
    ),
    (fields(0), "timestamp", "The timestamp must have exactly 10 digits (UNIX seconds), got 1: '0'."),
    (
        fields(1764000000.5),
        "timestamp",
        "The timestamp must be a 10-digit integer, got a decimal number 1764000000.5.",
    ),
    (
        fields(True),
        "timestamp",
        "The timestamp must be a 10-digit integer or numeric string, got true/false.",
    ),
    (fields(None), "timestamp", "The timestamp must be a 10-digit integer or numeric string, got null."),
    (fields([1]), "timestamp", "The timestamp must be a 10-digit integer or numeric string, got an array."),
    (
        fields({"s": 1}),
        "timestamp",
        "The timestamp must be a 10-digit integer or numeric string, got an object.",
    ),
    (fields("17640000x0"), "timestamp", f"{EXPECTS} '17640000x0'."),
    (fields(""), "timestamp", f"{EXPECTS} ''."),
    (fields(-1764000000), "timestamp", f"{EXPECTS} -1764000000."),
    (fields(2**64), "timestamp", f"{EXPECTS} 18446744073709551616."),  # more than 64 bits
    (
        fields(2**64 - 1),  # 64 bits: read, then refused for its length
        "timestamp",
        "The timestamp must have exactly 10 digits (UNIX seconds), got 20: '18446744073709551615'.",
    ),
    (fields(" 1764000000"), "timestamp", "The timestamp ' 1764000000' has whitespace around its 10 digits."),
    (fields("1764000000 "), "timestamp", "The timestamp '1764000000 ' has whitespace around its 10 digits."),
    (fields(" 17640000 "), "timestamp", f"{EXPECTS} ' 17640000 '."),
    (
        fields("1" * 38),  # its repr is 40 characters: shown whole
        "timestamp",
        f"The timestamp must have exactly 10 digits (UNIX seconds), got 38: '{'1' * 38}'.",
    ),
    (
        fields("1" * 39),  # 41: cut to 37 characters and "..."
        "timestamp",
        f"The timestamp must have exactly 10 digits (UNIX seconds), got 39: '{'1' * 36}....",
    ),
    (
        fields(NOW * 1000),
        "timestamp",
        "The timestamp 1764000000000 has 13 digits: it is in milliseconds, but the platform sends 10-digit UNIX "
        "seconds.",
    ),
    (fields(NOW, "abc"), "signature", "The signature must be 32 hex characters, got 3 characters."),
    (fields(NOW, f" {SIG} "), "signature", "The signature has whitespace around its 32 hex characters."),
    (
        fields(NOW, "g" * 32),
        "signature",
        "The signature must be 32 hex characters (0-9, a-f); it contains other characters.",
    ),
    (fields(NOW, 12), "signature", "The signature must be a string of 32 hex characters, got a number."),
    (fields(NOW, None), "signature", "The signature must be a string of 32 hex characters, got null."),
]


@pytest.mark.parametrize(("raw", "problem", "reason"), MALFORMED)
def test_malformed_bodies_in_words(raw: bytes, problem: str, reason: str) -> None:
    verdict = CallbackVerifier(URL, KEY, now=lambda: NOW).verify_body(raw)
    assert (verdict.status, verdict.accepted, verdict.problem) == (VerdictStatus.MALFORMED, False, problem)
    assert verdict.reason == reason


def test_unsigned_bodies_in_words() -> None:
    keyed = CallbackVerifier(URL, KEY, now=lambda: NOW).verify_body(b'{"taskId": "t"}')
    assert (keyed.status, keyed.accepted, keyed.problem) == (VerdictStatus.UNSIGNED, False, "unsigned")
    assert keyed.reason == (
        "The body has no timestamp or signature, but an AuthKey is configured here: either no AuthKey is set "
        "on the platform or this request did not come from it."
    )
    open_verifier = CallbackVerifier(URL, None, now=lambda: NOW)
    unsigned = open_verifier.verify_body(b'{"taskId": "t"}')
    assert (unsigned.status, unsigned.accepted, unsigned.problem) == (VerdictStatus.UNSIGNED, True, None)
    assert (
        unsigned.reason
        == "Unsigned callback accepted: no AuthKey is configured, so there is nothing to check."
    )
    signed = open_verifier.verify_body(body(NOW))
    assert (signed.status, signed.accepted) == (VerdictStatus.UNSIGNED, True)
    assert signed.reason == (
        "Accepted without checking: the body is signed but no AuthKey is configured here; enter the AuthKey "
        "to verify it."
    )


@pytest.mark.parametrize(
    ("raw", "previous", "age", "reason"),
    [
        (body(NOW - 5), None, 5, "Signature valid with the current AuthKey, sent 5 s ago."),
        (body(NOW + 3), None, -3, "Signature valid with the current AuthKey, stamped 3 s in the future."),
        (
            body(NOW - 1, key=PREVIOUS),
            PREVIOUS,
            1,
            "Signature valid with the previous AuthKey (the platform still uses it), sent 1 s ago.",
        ),
    ],
)
def test_valid_in_words(raw: bytes, previous: str | None, age: int, reason: str) -> None:
    verdict = CallbackVerifier(URL, KEY, previous, now=lambda: NOW).verify_body(raw)
    assert (verdict.status, verdict.accepted, verdict.age_s, verdict.attempt) == (
        VerdictStatus.VALID,
        True,
        age,
        1,
    )
    assert verdict.key_used is (KeyUsed.PREVIOUS if previous else KeyUsed.CURRENT)
    assert verdict.timestamp == NOW - age and verdict.problem is None and not verdict.shared_signature
    assert verdict.reason == reason


INVALID = "The signature does not match md5(callback URL + timestamp + AuthKey) with"


@pytest.mark.parametrize(
    ("raw", "previous", "reason"),
    [
        (body(NOW, key=OTHER_KEY), None, f"{INVALID} the AuthKey configured here."),
        (body(NOW, key=OTHER_KEY), PREVIOUS, f"{INVALID} either AuthKey configured here."),
        (body(NOW - 300, key=OTHER_KEY), None, f"{INVALID} the AuthKey configured here."),  # age at the edge
        (
            body(NOW - 301, key=OTHER_KEY),
            None,
            f"{INVALID} the AuthKey configured here (the timestamp is also sent 5 min 1 s ago).",
        ),
        (
            body(NOW + 3600, key=OTHER_KEY),
            None,
            f"{INVALID} the AuthKey configured here (the timestamp is also stamped 1 h in the future).",
        ),
        (
            body(NOW, url=URL + "/"),
            None,
            f"{INVALID} the AuthKey configured here; likely cause: signed URL with a trailing slash.",
        ),
    ],
)
def test_invalid_signature_in_words(raw: bytes, previous: str | None, reason: str) -> None:
    verdict = CallbackVerifier(URL, KEY, previous, now=lambda: NOW).verify_body(raw)
    assert (verdict.status, verdict.accepted, verdict.key_used) == (
        VerdictStatus.INVALID_SIGNATURE,
        False,
        None,
    )
    assert verdict.reason == reason
    assert verdict.signature == json.loads(raw)["signature"]


def test_expired_and_future_in_words() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    expired = verifier.verify_body(body(NOW - 3600))
    assert (expired.status, expired.accepted, expired.key_used, expired.age_s) == (
        VerdictStatus.EXPIRED,
        False,
        KeyUsed.CURRENT,
        3600,
    )
    assert expired.reason == (
        "The timestamp is 1 h old, beyond the 300 s tolerance (the signature itself is valid): a stale or "
        "replayed request, or a clock off on one side."
    )
    future = verifier.verify_body(body(NOW + 3600))
    assert (future.status, future.accepted, future.age_s) == (VerdictStatus.FUTURE, False, -3600)
    assert future.reason == (
        "The timestamp is 1 h in the future, beyond the 300 s tolerance (the signature itself is valid): "
        "check the sender's and this computer's clocks."
    )


def test_retries_and_replays_in_words() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    assert verifier.verify_body(body(NOW)).attempt == 1
    retry = verifier.verify_body(body(NOW))
    assert (retry.status, retry.attempt, retry.shared_signature) == (VerdictStatus.VALID, 2, False)
    assert retry.reason == (
        "Signature valid with the current AuthKey, sent 0 s ago; attempt 2 of this event (a retry with the same "
        "body)."
    )
    replay = verifier.verify_body(body(NOW, other=1))
    assert (replay.status, replay.accepted, replay.attempt, replay.shared_signature) == (
        VerdictStatus.REPLAYED,
        False,
        1,
        True,
    )
    assert replay.key_used is KeyUsed.CURRENT and replay.timestamp == NOW
    assert replay.reason == (
        "Refused as a replay: this timestamp and signature were already used for a different body (the "
        "signature does not cover the body; a second event sent in the same second looks the same)."
    )
    lenient = CallbackVerifier(URL, KEY, now=lambda: NOW, refuse_replays=False)
    lenient.verify_body(body(NOW))
    shared = lenient.verify_body(body(NOW, other=1))
    assert (shared.status, shared.accepted, shared.attempt, shared.shared_signature) == (
        VerdictStatus.VALID,
        True,
        1,
        True,
    )
    assert shared.reason == (
        "Signature valid with the current AuthKey, sent 0 s ago; accepted although this timestamp and signature "
        "also came with a different body (another event in the same second, or a replay)."
    )


def test_a_dry_run_of_a_retry_reports_the_attempt_without_counting_it() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    verifier.verify_body(body(NOW))
    dry = verifier.verify_body(body(NOW), remember=False)
    assert dry.attempt == 2 and verifier.verify_body(body(NOW)).attempt == 2
    other = verifier.verify_body(body(NOW, other=1), remember=False)
    assert other.status is VerdictStatus.REPLAYED
    assert verifier.stats.current_key_count == 2  # the dry runs were not counted


def test_retired_key_is_named_with_its_time() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)  # NOW is 16:00:00 UTC
    verifier.set_keys("BrandNewKey2025ghiRST")
    verdict = verifier.verify_body(body(NOW))
    assert [miss.description for miss in verdict.near_misses] == ["the AuthKey you retired at 16:00:00 UTC"]
    assert (
        verdict.reason
        == f"{INVALID} the AuthKey configured here; likely cause: the AuthKey you retired at 16:00:00 UTC."
    )


def test_repr_and_configuration_errors_in_words() -> None:
    assert repr(CallbackVerifier(URL, KEY, PREVIOUS, tolerance_s=30)) == (
        f"CallbackVerifier(callback_url='{URL}', current_key=set, previous_key=set, tolerance_s=30)"
    )
    assert repr(CallbackVerifier(URL, None)) == (
        f"CallbackVerifier(callback_url='{URL}', current_key=None, previous_key=None, tolerance_s=300)"
    )
    with pytest.raises(ValueError) as empty_url:
        CallbackVerifier("", KEY)
    assert str(empty_url.value) == "the callback URL is empty: enter the URL configured on the platform"
    with pytest.raises(ValueError) as lone_previous:
        CallbackVerifier(URL, None, PREVIOUS)
    assert str(lone_previous.value) == "a previous AuthKey needs a current AuthKey next to it"
    with pytest.raises(ValueError) as negative:
        CallbackVerifier(URL, KEY, tolerance_s=-1)
    assert str(negative.value) == "the timestamp tolerance must be zero or more seconds, got -1"


def test_rotation_stats_restart_when_the_previous_key_changes() -> None:
    clock = [float(NOW)]
    verifier = CallbackVerifier(URL, KEY, PREVIOUS, now=lambda: clock[0])
    assert verifier.stats.since == NOW
    verifier.verify_body(body(NOW))
    verifier.verify_body(body(NOW - 1, key=PREVIOUS))
    assert (verifier.stats.current_key_count, verifier.stats.previous_key_count) == (1, 1)
    clock[0] += 10
    verifier.set_keys(KEY, PREVIOUS)  # the same keys: the counts go on
    assert (verifier.stats.current_key_count, verifier.stats.since) == (1, NOW)
    verifier.set_keys("BrandNewKey2025ghiRST", KEY)
    assert (verifier.stats.current_key_count, verifier.stats.previous_key_count) == (0, 0)
    assert verifier.stats.since == NOW + 10
    assert verifier.stats.last_previous_key_at is None


def test_verify_fields_reads_the_body_for_retries() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    signature = callback_signature(URL, NOW, KEY)
    first = verifier.verify_fields(NOW, signature, b'{"taskId": "t-1", "x": [1, 2]}')
    again = verifier.verify_fields(
        NOW, signature, b'{"x":[1,2],"taskId":"t-1"}'
    )  # the same JSON, re-serialised
    assert (first.attempt, again.attempt, again.status) == (1, 2, VerdictStatus.VALID)
    assert verifier.verify_fields(NOW, signature, b"not json").status is VerdictStatus.REPLAYED
    assert verifier.verify_fields(NOW, None).reason == "The body has a timestamp but no signature field."


def test_an_integer_too_long_to_read_is_malformed_json() -> None:
    verdict = CallbackVerifier(URL, KEY, now=lambda: NOW).verify_body(b'{"timestamp": 1' + b"1" * 5000 + b"}")
    assert (verdict.status, verdict.problem) == (VerdictStatus.MALFORMED, "not_json")
    assert verdict.reason.startswith("The body is not valid JSON: Exceeds the limit (4300 digits)")


def test_timestamp_of_letters_and_digits_and_of_a_non_json_type() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    assert verifier.verify_body(fields("12XX34")).reason == f"{EXPECTS} '12XX34'."
    odd = verifier.verify_fields(b"1764000000", SIG)  # type: ignore[arg-type]  # what a caller might hand over
    assert odd.reason == "The timestamp must be a 10-digit integer or numeric string, got bytes."


def test_a_retry_of_a_shared_signature_names_both() -> None:
    lenient = CallbackVerifier(URL, KEY, now=lambda: NOW, refuse_replays=False)
    lenient.verify_body(body(NOW))
    lenient.verify_body(body(NOW, other=1))
    again = lenient.verify_body(body(NOW))
    assert (again.attempt, again.shared_signature) == (2, True)
    assert again.reason == (
        "Signature valid with the current AuthKey, sent 0 s ago; attempt 2 of this event (a retry with the same "
        "body); accepted although this timestamp and signature also came with a different body (another event "
        "in the same second, or a replay)."
    )


def test_invalid_verdict_carries_age_and_timestamp() -> None:
    verdict = CallbackVerifier(URL, KEY, now=lambda: NOW).verify_body(body(NOW - 7, key=OTHER_KEY))
    assert (verdict.age_s, verdict.timestamp, verdict.attempt) == (7, NOW - 7, 1)


def test_the_url_the_request_came_to_sharpens_the_diagnosis() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    local = "http://127.0.0.1:8080/hooks/aigc"
    signature = callback_signature(local, NOW, KEY)
    raw = json.dumps({"timestamp": NOW, "signature": signature}).encode()
    expected = ["signed URL the URL this request was actually sent to and without the query string ?x=1"]
    assert verifier.verify_body(raw).near_misses == ()  # without it, nothing explains the signature
    by_body = verifier.verify_body(raw, request_url=local + "?x=1")
    assert [miss.description for miss in by_body.near_misses] == expected
    by_fields = verifier.verify_fields(NOW, signature, request_url=local + "?x=1")
    assert [miss.description for miss in by_fields.near_misses] == expected


def test_a_new_verifier_has_retired_no_key() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    assert verifier.stats.since == NOW
    signed_with_nothing = verifier.verify_body(body(NOW, key=""))
    assert signed_with_nothing.status is VerdictStatus.INVALID_SIGNATURE
    assert signed_with_nothing.near_misses == ()


def test_only_the_last_three_retired_keys_are_remembered() -> None:
    keys = [f"RetiredKey{n}abcdEFGH1234" for n in range(5)]
    verifier = CallbackVerifier(URL, keys[0], now=lambda: NOW)
    for key in keys[1:]:
        verifier.set_keys(key)  # retires the one before: 0, 1, 2, 3
    assert verifier.verify_body(body(NOW, key=keys[0])).near_misses == ()  # the fourth-last: forgotten
    named = verifier.verify_body(body(NOW - 1, key=keys[1]))
    assert [miss.kinds for miss in named.near_misses] == [("retired_key",)]


def test_fields_without_a_body_count_as_an_empty_body() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    signature = callback_signature(URL, NOW, KEY)
    verifier.verify_fields(NOW, signature)
    assert verifier.verify_fields(NOW, signature, b"").attempt == 2
    other = CallbackVerifier(URL, KEY, now=lambda: NOW)
    other.verify_fields(NOW, signature, b"not json 1")
    assert other.verify_fields(NOW, signature, b"not json 2").status is VerdictStatus.REPLAYED


def test_a_millisecond_timestamp_is_diagnosed_with_the_url_the_request_came_to() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    local = "http://127.0.0.1:8080/hooks/aigc"
    raw = json.dumps(
        {"timestamp": NOW * 1000, "signature": callback_signature(local, NOW * 1000, KEY)}
    ).encode()
    assert verifier.verify_body(raw).near_misses == ()
    verdict = verifier.verify_body(raw, request_url=local)
    assert (verdict.status, verdict.problem) == (VerdictStatus.MALFORMED, "timestamp")
    assert [miss.description for miss in verdict.near_misses] == [
        "signed URL the URL this request was actually sent to; signed the 13-digit millisecond timestamp "
        "1764000000000"
    ]
