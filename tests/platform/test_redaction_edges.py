"""Redaction at its edges: mask lengths, quoting, key spellings, snapshots, repeats and the log filter.

Each case is something a user would see in a log line or the request log: a secret shown, or a mask
mangled on a second pass.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from aigc_desktop.platform.redaction import (
    REDACTED,
    RedactionFilter,
    forget_secret,
    mask_secret,
    redact_json,
    redact_text,
    register_secret,
    secrets_snapshot,
)

LONG = "0123456789abcdef0123"  # 20 characters: shown as its ends
DOTS = "••••••"


@pytest.fixture
def registered() -> Iterator[list[str]]:
    values: list[str] = []
    yield values
    for value in values:
        forget_secret(value)


def test_mask_length_edge_is_16_characters() -> None:
    assert mask_secret("0123456789abcdef") == "0123…cdef"  # 16: long enough to show its ends
    assert mask_secret("0123456789abcde") == DOTS  # 15: too short to show any of it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"sign": "***"', '"sign": "***"'),  # our own masks stay as they are
        (f'"appKey": "{DOTS}"', f'"appKey": "{DOTS}"'),
        ('"token": "abcd…wxyz"', '"token": "abcd…wxyz"'),
        ('"sign": "abcdefghi"', f'"sign": "{DOTS}"'),  # 9 characters but no ellipsis: a secret
        ('"token": "abcd…wxyz12"', f'"token": "{DOTS}"'),  # an ellipsis but not a mask's length
        ('"sign": ""', '"sign": "***"'),
        (f"sign='{LONG}'", "sign='0123…0123'"),  # single quotes are kept around the mask
        ("sign='abcdef", f"sign={DOTS}"),  # an unterminated quote is part of the value
        ("token=a1b2c3d4a", f"token={DOTS}"),  # first and last character alike: not a quote
        (f'"app_key": "{LONG}"', '"app_key": "***"'),  # keys are hidden whatever their spelling
        (f'"auth-key": "{LONG}"', '"auth-key": "***"'),
        (f"APP-KEY={LONG}", "APP-KEY=***"),
    ],
)
def test_field_masks(text: str, expected: str) -> None:
    assert redact_text(text) == expected
    assert redact_text(expected) == expected  # a second pass changes nothing


def test_a_six_character_secret_is_registered_and_five_is_not(registered: list[str]) -> None:
    registered += ["Ab12Cd", "Ab12C"]
    register_secret("Ab12Cd")
    register_secret("Ab12C")
    assert redact_text("id Ab12Cd and Ab12C") == f"id {DOTS} and Ab12C"


def test_every_occurrence_is_masked(registered: list[str]) -> None:
    secret = "ThreeTimesSecret42"
    registered.append(secret)
    register_secret(secret, partial=False)
    assert redact_text(f"{secret} / {secret} / {secret}") == f"{REDACTED} / {REDACTED} / {REDACTED}"


def test_a_secret_inside_a_longer_one_does_not_stop_the_scan(registered: list[str]) -> None:
    longer, inner, later = "outer-secret-value-123", "secret-value-123", "LaterSecret999"
    registered += [longer, inner, later]
    for value in (longer, inner, later):
        register_secret(value, partial=False)
    # hits: the longer value at 0, the inner one inside it (skipped), then the later value
    assert redact_text(f"{longer} then {later}") == f"{REDACTED} then {REDACTED}"


def test_forgetting_an_unknown_value_is_harmless() -> None:
    forget_secret("never-registered-value")
    forget_secret("")
    forget_secret(None)


def test_a_snapshot_keeps_masking_a_secret_forgotten_since(registered: list[str]) -> None:
    token = "SnapshotTokenValue0123"
    registered.append(token)
    register_secret(token, partial=False)
    snapshot = secrets_snapshot()
    forget_secret(token)
    assert redact_text(f"x {token}") == f"x {token}"  # forgotten now...
    assert redact_text(f"x {token}", snapshot) == f"x {REDACTED}"  # ...but not as of the snapshot
    assert redact_json(token, snapshot) == REDACTED
    assert redact_json({"note": token}, snapshot) == {"note": REDACTED}
    assert redact_json([token, {"deeper": [token]}], snapshot) == [REDACTED, {"deeper": [REDACTED]}]

    class Text(str):
        """A str subclass, as some JSON libraries hand out."""

    assert redact_json(Text(token), snapshot) == REDACTED


def test_the_log_filter_masks_message_args_and_traceback(registered: list[str]) -> None:
    secret = "FilterSecretValue987"
    registered.append(secret)
    register_secret(secret, partial=False)
    record = logging.LogRecord("t", logging.ERROR, __file__, 1, "token %s", (secret,), None)
    record.exc_text = f"Traceback: ValueError({secret!r})"
    assert RedactionFilter().filter(record)
    assert record.getMessage() == f"token {REDACTED}"
    assert record.exc_text == f"Traceback: ValueError('{REDACTED}')"
