"""Signing: the doc's worked example, zero padding, and each AuthKey policy rule by name."""

from __future__ import annotations

import hashlib

import pytest

from aigc_desktop.platform.signing import (
    callback_signature,
    callback_signing_string,
    check_auth_key_policy,
    md5_hex,
    signatures_equal,
    token_sign,
)


def test_doc_callback_example() -> None:
    assert callback_signature("https://www.example.com/your/callback", 1693206851, "abc123") == (
        "863151b586912152aacee3124f81e301"
    )
    assert callback_signing_string("https://x/cb", "1693206851", "K") == "https://x/cb1693206851K"


def test_token_sign_concatenates_in_doc_order() -> None:
    expected = hashlib.md5(b"ID1676797061518secretKey123").hexdigest()
    assert token_sign("ID", "1676797061518", "secretKey123") == expected
    assert token_sign("ID", 1676797061518, "secretKey123") == expected
    assert token_sign("secretKey123", "1676797061518", "ID") != expected


def test_hex_is_zero_padded_lowercase_32_chars() -> None:
    # md5("363") starts with the byte 0x00; an unpadded hex conversion would drop its leading zero.
    digest = md5_hex("363")
    assert digest.startswith("0")
    assert len(digest) == 32 and digest == digest.lower()
    assert all(len(md5_hex(str(i))) == 32 for i in range(2000))


def test_signatures_equal() -> None:
    assert signatures_equal("abc", "abc")
    assert not signatures_equal("abc", "ABC")
    assert not signatures_equal("abc", "abcd")


@pytest.mark.parametrize(
    ("key", "expected_failure"),
    [
        ("Ab1" * 3, "too short: 9 characters, needs at least 16"),
        ("Abcdefghijklmn1", "too short: 15 characters, needs at least 16"),  # one under the limit
        ("Ab1" * 10 + "cde", "too long: 33 characters, allows at most 32"),
        ("Ab1" * 11, "too long: 33 characters, allows at most 32"),
        ("abcdefgh12345678", "needs an upper-case letter (A-Z)"),
        ("ABCDEFGH12345678", "needs a lower-case letter (a-z)"),
        ("ABCDefghIJKLmnop", "needs a digit (0-9)"),
    ],
)
def test_policy_names_each_failure(key: str, expected_failure: str) -> None:
    report = check_auth_key_policy(key)
    assert not report.ok
    assert report.failures == (expected_failure,)
    assert expected_failure in str(report)


def test_policy_counts_one_character_in_the_singular() -> None:
    assert check_auth_key_policy("A").failures[0] == "too short: 1 character, needs at least 16"
    assert check_auth_key_policy("Ab").failures[0] == "too short: 2 characters, needs at least 16"


def test_policy_accepts_a_good_key_and_lists_several_failures() -> None:
    assert check_auth_key_policy("Abcdefgh12345678").ok
    assert check_auth_key_policy("A" * 32 + "").failures == (
        "needs a lower-case letter (a-z)",
        "needs a digit (0-9)",
    )
    assert len(check_auth_key_policy("").failures) == 4
