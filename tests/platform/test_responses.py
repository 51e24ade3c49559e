"""Response decoding: every kind of bad body becomes InvalidResponse/PlatformError, nothing else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aigc_desktop.platform.exceptions import AigcError, InvalidResponse, PlatformError, RateLimited
from aigc_desktop.platform.responses import (
    account_from,
    decode_response,
    excerpt,
    grant_from,
    logout_from,
)
from tests.platform.conftest import HYPOTHESIS_PROFILE
from tests.platform.doc_examples import LOGIN_RESPONSE, RESOURCE_RESPONSE

JSON = "application/json;charset=UTF-8"
WHERE = "POST /x"


def decode(body: bytes | str, status: int = 200, content_type: str | None = JSON) -> Any:
    raw = body.encode() if isinstance(body, str) else body
    return decode_response(status=status, content_type=content_type, body=raw, endpoint=WHERE)


def test_doc_examples_decode() -> None:
    grant = grant_from(decode(LOGIN_RESPONSE), 200, WHERE)
    assert grant.expires_in_assumed
    account = account_from(decode(RESOURCE_RESPONSE), 200, WHERE)
    assert any(issue.path == "data.resourceConfig" for issue in account.issues)


@pytest.mark.parametrize(
    ("body", "status", "content_type", "reason"),
    [
        ("", 200, JSON, "empty body"),
        ("   ", 503, "text/html", "service unavailable, empty body"),
        ("<html><body>502 Bad Gateway</body></html>", 502, "text/html", "bad gateway: an HTML page"),
        ("<!DOCTYPE html><p>hi", 200, JSON, "an HTML page, not the platform's JSON"),
        ('{"code": 0, "data": {"accessToken": "ab', 200, JSON, "truncated JSON"),
        ('{"code": 0,, }', 200, JSON, "not valid JSON"),
        ("[1, 2]", 200, JSON, "JSON is not the platform envelope: expected a JSON object, got array"),
        ('{"message": "ok"}', 200, JSON, "no 'code' field"),
        ('{"code": "zero"}', 200, JSON, "'code' is not an integer"),
        ('{"code": 0, "data": null}', 200, "text/plain", "wrong content type 'text/plain'"),
        ('{"code": 0, "data": null}', 500, JSON, "success envelope with an error status 500"),
        (b"\xff\xfe\x00garbage", 200, JSON, "not"),
    ],
)
def test_bad_bodies_are_invalid_responses(
    body: str | bytes, status: int, content_type: str, reason: str
) -> None:
    with pytest.raises(InvalidResponse) as caught:
        decode(body, status, content_type)
    assert reason in caught.value.reason
    assert caught.value.http_status == status and caught.value.endpoint == WHERE


def test_non_2xx_with_an_envelope_is_a_platform_error() -> None:
    body = json.dumps({"code": 60112505, "message": "Access authorization has expired", "data": None})
    with pytest.raises(PlatformError) as caught:
        decode(body, 401)
    assert caught.value.code == 60112505 and caught.value.http_status == 401


def test_rate_limit_code_and_http_429() -> None:
    with pytest.raises(RateLimited):
        decode('{"code": 89999999, "message": "Your access is too frequent"}')
    with pytest.raises(RateLimited) as caught:
        decode("<html>Too Many Requests</html>", 429, "text/html")
    assert caught.value.http_status == 429


def test_placeholders_filled_in_the_meaning() -> None:
    body = '{"code": 60112161, "message": "refresh token too frequent, limited to 3 hour intervals"}'
    with pytest.raises(PlatformError) as caught:
        decode(body)
    assert caught.value.meaning == "Refresh token too frequent, limited to 3 hour intervals"
    assert str(caught.value) == f"Platform error 60112161: {caught.value.meaning} [{WHERE}]"


def test_excerpt_is_short_printable_and_redacted() -> None:
    body = b'{"accessToken": "ZGI3YzRiZmY4ZmFjMjM2MDEx", "x": "\x00\x01' + b"y" * 500 + b'"}'
    text = excerpt(body)
    assert len(text) <= 80 and text.isprintable()
    assert "ZGI3YzRiZmY4ZmFjMjM2MDEx" not in text


def test_grant_without_token_and_account_without_data() -> None:
    with pytest.raises(InvalidResponse, match="no accessToken"):
        grant_from(decode('{"code": 0, "data": {"expiresIn": 5}}'), 200, WHERE)
    with pytest.raises(InvalidResponse, match="no data object"):
        account_from(decode('{"code": 0, "data": null}'), 200, WHERE)
    assert logout_from(decode('{"code": 0, "data": 1}'), 200, WHERE) is True
    assert logout_from(decode('{"code": 0, "data": 0}'), 200, WHERE) is False
    assert logout_from(decode('{"code": 0, "data": null}'), 200, WHERE) is False


# --- property: arbitrary answers raise nothing but the two documented error types -------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(["0", "1", "-1", "89999999", "60112161"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["code", "message", "data", "accessToken", "expiresIn", "basicInfo", "resourceConfig"]
            )
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)
envelopes = st.fixed_dictionaries(
    {"code": st.one_of(st.integers(), st.just(0), st.text(max_size=5), st.floats(), st.none())},
    optional={"message": json_values, "data": json_values},
)
statuses = st.sampled_from([200, 201, 204, 301, 400, 401, 404, 429, 500, 502, 503, 504])
content_types = st.sampled_from([JSON, "application/json", "text/plain", "text/html", "", None, "x/y+json"])


def _check(body: bytes, status: int, content_type: str | None) -> None:
    """Decode and parse as every endpoint would; only the documented error types may escape."""
    try:
        decoded = decode_response(status=status, content_type=content_type, body=body, endpoint=WHERE)
    except (InvalidResponse, PlatformError) as error:
        assert isinstance(error, AigcError) and error.summary and str(error)
        return
    assert decoded.envelope.code == 0 and 200 <= status < 300
    for parse in (grant_from, account_from, logout_from):
        try:
            parse(decoded, status, WHERE)
        except InvalidResponse as error:
            assert error.summary


@settings(settings.get_profile(HYPOTHESIS_PROFILE))
@given(value=st.one_of(json_values, envelopes), status=statuses, content_type=content_types)
def test_arbitrary_json_raises_only_typed_errors(value: Any, status: int, content_type: str | None) -> None:
    _check(json.dumps(value).encode(), status, content_type)


@settings(settings.get_profile(HYPOTHESIS_PROFILE))
@given(value=envelopes, cut=st.integers(min_value=0, max_value=200), status=statuses)
def test_truncated_envelopes_raise_only_typed_errors(value: Any, cut: int, status: int) -> None:
    _check(json.dumps(value).encode()[:cut], status, JSON)


@settings(settings.get_profile(HYPOTHESIS_PROFILE))
@given(body=st.binary(max_size=200), status=statuses, content_type=content_types)
def test_arbitrary_bytes_raise_only_typed_errors(body: bytes, status: int, content_type: str | None) -> None:
    _check(body, status, content_type)
