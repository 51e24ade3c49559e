"""Property tests: no input makes the verifier raise, and nothing unsigned or garbled is accepted."""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigc_desktop.callbacks.verify import CallbackVerifier, VerdictStatus

from .helpers import KEY, NOW, PREVIOUS, URL, signed_body

EXAMPLES = 2000 if os.environ.get("CI") == "true" else 200
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REFUSED = {
    VerdictStatus.MALFORMED,
    VerdictStatus.INVALID_SIGNATURE,
    VerdictStatus.UNSIGNED,
    VerdictStatus.EXPIRED,
    VerdictStatus.FUTURE,
}

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


def _verifier() -> CallbackVerifier:
    return CallbackVerifier(URL, KEY, PREVIOUS, now=lambda: NOW)


@FUZZ
@given(st.binary(max_size=512))
def test_arbitrary_bytes_never_raise_and_are_refused(raw: bytes) -> None:
    verdict = _verifier().verify_body(raw)
    assert verdict.status in REFUSED and not verdict.accepted
    assert verdict.reason.endswith(".")


@FUZZ
@given(st.dictionaries(st.sampled_from(["timestamp", "signature", "taskId"]), _json, max_size=3))
def test_arbitrary_field_values_never_raise_and_are_refused(payload: dict[str, Any]) -> None:
    verdict = _verifier().verify_body(json.dumps(payload).encode())
    assert verdict.status in REFUSED and not verdict.accepted


@FUZZ
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=len(signed_body()) - 1))
def test_corrupting_a_valid_body_never_raises(noise: bytes, position: int) -> None:
    body = signed_body()
    mutated = body[:position] + noise + body[position + len(noise) :]
    verdict = _verifier().verify_body(mutated)
    assert verdict.status in REFUSED | {VerdictStatus.VALID}
    if verdict.accepted:  # only if the signed fields survived intact
        assert verdict.timestamp == NOW


@FUZZ
@given(st.binary(max_size=80), st.sampled_from(["zh_CN", "en"]))
def test_request_urls_of_any_bytes_never_raise_and_read_in_both_languages(raw: bytes, language: str) -> None:
    """The receiver hands over the URL as received: bytes that are not UTF-8 arrive as surrogate escapes."""
    request_url = "http://" + raw.decode("utf-8", "surrogateescape")
    body = signed_body(key="WrongKey2024abcdefXYZ")
    verdict = _verifier().verify_body(body, request_url=request_url)
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE
    verdict.reason_in(language).encode("utf-8")  # always text that can be answered, logged and exported
    for miss in verdict.near_misses:
        miss.detail_in(language).encode("utf-8")
