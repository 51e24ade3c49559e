"""Every near-miss kind: a sender's common mistake is named precisely, and nothing else is claimed."""

from __future__ import annotations

import json

import pytest

from aigc_desktop.callbacks.verify import CallbackVerifier, VerdictStatus
from aigc_desktop.platform.signing import callback_signature, md5_hex

from .helpers import KEY, NOW, PREVIOUS, signed_body

CONFIGURED = "https://hooks.example.com/aigc/callback"


def _misses(
    sent_url: str,
    *,
    configured: str = CONFIGURED,
    key: str = KEY,
    current: str = KEY,
    previous: str | None = None,
    request_url: str | None = None,
) -> list[tuple[tuple[str, ...], str]]:
    verifier = CallbackVerifier(configured, current, previous, now=lambda: NOW)
    verdict = verifier.verify_body(signed_body(sent_url, key), request_url=request_url)
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE
    return [(miss.kinds, miss.detail) for miss in verdict.near_misses]


@pytest.mark.parametrize(
    ("configured", "sent", "kinds", "words"),
    [
        (CONFIGURED, CONFIGURED + "/", ("trailing_slash",), "(with a trailing slash)"),
        (CONFIGURED + "/", CONFIGURED, ("trailing_slash",), "(without the trailing slash)"),
        (CONFIGURED, CONFIGURED.replace("https", "http"), ("scheme",), "with http:// instead of https://"),
        (
            "http://h.example.com/cb",
            "https://h.example.com/cb",
            ("scheme",),
            "with https:// instead of http://",
        ),
        (
            CONFIGURED,
            "https://hooks.example.com:443/aigc/callback",
            ("default_port",),
            "with the default port :443",
        ),
        (
            "http://h.example.com:80/cb",
            "http://h.example.com/cb",
            ("default_port",),
            "without the default port :80",
        ),
        (CONFIGURED + "?tenant=7", CONFIGURED, ("query",), "without the query string ?tenant=7"),
        (
            "https://h.example.com/a%20b",
            "https://h.example.com/a b",
            ("percent_encoding",),
            "percent-escapes decoded",
        ),
        ("https://h.example.com/ü", "https://h.example.com/%C3%BC", ("percent_encoding",), "percent-encoded"),
        (CONFIGURED, "https://Hooks.example.com/aigc/callback", ("host_case",), "capital first letter"),
        ("https://HOOKS.example.com/cb", "https://hooks.example.com/cb", ("host_case",), "lower case"),
        (" " + CONFIGURED + "\n", CONFIGURED, ("url_whitespace",), "whitespace around your configured URL"),
        (CONFIGURED, "http://hooks.example.com/aigc/callback/", ("scheme", "trailing_slash"), "and"),
    ],
)
def test_url_mistakes(configured: str, sent: str, kinds: tuple[str, ...], words: str) -> None:
    misses = _misses(sent, configured=configured)
    assert misses, f"no near-miss found for {sent!r} vs {configured!r}"
    found_kinds, detail = misses[0]
    assert found_kinds == kinds
    assert words in detail
    assert f"the sender signed {sent}".lower() in detail.lower()
    shown = configured if configured.strip() == configured else repr(configured)
    assert f"you configured {shown}" in detail


def test_detail_reads_like_the_brief() -> None:
    [(kinds, detail)] = _misses(CONFIGURED + "/")
    assert kinds == ("trailing_slash",)
    assert detail == (
        f"The sender signed {CONFIGURED}/ (with a trailing slash); you configured {CONFIGURED}."
    )


def test_query_string_present_on_the_request_but_not_configured() -> None:
    sent = CONFIGURED + "?tenant=7"
    misses = _misses(sent, request_url="http://127.0.0.1:8080/aigc/callback?tenant=7")
    assert misses[0][0] == ("request_path",)
    assert "/aigc/callback?tenant=7" in misses[0][1]


def test_sender_signed_the_local_request_url() -> None:
    local = "http://127.0.0.1:8080/aigc/callback"
    misses = _misses(local, request_url=local)
    assert misses[0][0] == ("request_url",)
    assert "actually sent to" in misses[0][1]


def test_previous_key_combined_with_url_mistake() -> None:
    misses = _misses(CONFIGURED + "/", key=PREVIOUS, previous=PREVIOUS)
    assert misses[0][0] == ("trailing_slash", "previous_key")
    assert "previous AuthKey" in misses[0][1]


def test_configured_key_with_whitespace_is_not_stripped_silently() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY + "\n", now=lambda: NOW)
    verdict = verifier.verify_body(signed_body(CONFIGURED, KEY))
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE  # not quietly accepted
    [miss] = verdict.near_misses
    assert miss.kinds == ("key_whitespace",)
    assert "trimmed" in miss.detail and "a trailing newline" in miss.detail


def test_sender_key_with_whitespace() -> None:
    misses = _misses(CONFIGURED, key=" " + KEY)
    assert misses[0][0] == ("key_whitespace",)
    assert "a leading space" in misses[0][1]


def test_upper_case_hex_signature() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY, now=lambda: NOW)
    upper = callback_signature(CONFIGURED, NOW, KEY).upper()
    verdict = verifier.verify_body(signed_body(CONFIGURED, KEY, signature=upper))
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE
    assert verdict.near_misses[0].kinds == ("uppercase_hex",)
    assert "upper-case hex" in verdict.near_misses[0].detail


def test_millisecond_timestamp_in_body_and_signature() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY, now=lambda: NOW)
    millis = NOW * 1000 + 123
    verdict = verifier.verify_body(signed_body(CONFIGURED, KEY, timestamp=millis))
    assert verdict.status is VerdictStatus.MALFORMED and verdict.problem == "timestamp"
    assert "milliseconds" in verdict.reason
    assert verdict.near_misses[0].kinds == ("timestamp_ms",)
    assert str(millis) in verdict.near_misses[0].detail


def test_milliseconds_in_body_but_seconds_signed() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY, now=lambda: NOW)
    millis = NOW * 1000 + 456
    body = signed_body(CONFIGURED, KEY, timestamp=millis, signature=callback_signature(CONFIGURED, NOW, KEY))
    verdict = verifier.verify_body(body)
    assert verdict.near_misses[0].kinds == ("timestamp_ms",)
    assert "in seconds" in verdict.near_misses[0].detail


def test_seconds_in_body_but_milliseconds_signed() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY, now=lambda: NOW)
    signed_ms = callback_signature(CONFIGURED, f"{NOW}789", KEY)
    verdict = verifier.verify_body(signed_body(CONFIGURED, KEY, signature=signed_ms))
    assert verdict.near_misses[0].kinds == ("timestamp_ms",)
    assert f"{NOW}789" in verdict.near_misses[0].detail


def test_fields_concatenated_in_wrong_order() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY, now=lambda: NOW)
    swapped = md5_hex(f"{KEY}{NOW}{CONFIGURED}")
    verdict = verifier.verify_body(signed_body(CONFIGURED, KEY, signature=swapped))
    assert verdict.near_misses[0].kinds == ("field_order",)
    assert "AuthKey + timestamp + URL" in verdict.near_misses[0].detail


def test_unrelated_signature_claims_nothing() -> None:
    verifier = CallbackVerifier(CONFIGURED, KEY, PREVIOUS, now=lambda: NOW)
    body = json.dumps({"timestamp": NOW, "signature": "0" * 32}).encode()
    verdict = verifier.verify_body(body)
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE and verdict.near_misses == ()
    assert "likely cause" not in verdict.reason
