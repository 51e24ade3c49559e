"""Property tests filling the fuzzing gaps of tests/platform, tests/callbacks and tests/sandbox.

Covered elsewhere: decode_response on arbitrary bytes/JSON, and the verifier refusing garbage. Here:
the model parsers called directly with field values of every type, the verifier *accepting* every
correctly signed body (any URL, key, timestamp in tolerance, either rotation key) and refusing it
once a single input differs, the log redaction never letting a registered secret or a secret field
through, and the profile store surviving any damaged settings value. >= 2,000 examples each in CI.
"""

from __future__ import annotations

import json
import math
import string
import unicodedata
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from hypothesis import assume, given
from hypothesis import strategies as st

from aigc_desktop.callbacks.verify import CallbackVerifier, VerdictStatus
from aigc_desktop.platform.config import ClientConfig, check_url
from aigc_desktop.platform.exceptions import InvalidConfiguration
from aigc_desktop.platform.models import (
    EnvelopeShapeError,
    GrantShapeError,
    parse_account,
    parse_envelope,
    parse_pagination,
    parse_token_grant,
)
from aigc_desktop.platform.redaction import REDACTED, forget_secret, redact_json, redact_text, register_secret
from aigc_desktop.platform.signing import callback_signature
from aigc_desktop.sandbox.json_body import loads_limited
from aigc_desktop.services.profiles import (
    DictBackend,
    Profile,
    ProfileStore,
    ProfileValidationError,
    TokenMeta,
)
from aigc_desktop.services.session import Session
from tests.reliability.conftest import FUZZ

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["", "0", "12", "-3", "1e3", "2025-01-01 00:00:00", "2025-13-45 99:99:99", "null"])
)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)  # fmt: skip
GRANT_FIELDS = [
    "accessToken",
    "expiresIn",
    "refreshToken",
    "refreshTokenExpiresIn",
    "permissions",
    "roles",
    "user",
]
QUOTA_FIELDS = [
    "genCharModelTotalQty", "genCharModelUsageQty", "genTtsCharVoiceModelTotalQty",
    "genTtsCharVoiceModelUsageQty", "genVideoDurationTotalQty", "genVideoDurationUsageQty",
    "charModelMaxConTasksTotalQty", "charModelMaxConTasksUsageQty", "ttsCharVoiceModelMaxConTasksTotalQty",
    "ttsCharVoiceModelMaxConTasksUsageQty", "videoGenMaxConTasksTotalQty", "videoGenMaxConTasksUsageQty",
]  # fmt: skip
BASIC_FIELDS = [
    "id",
    "company",
    "appId",
    "appKey",
    "effectiveBeginDate",
    "effectiveEndDate",
    "status",
    "userName",
]


def _shaped(fields: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({}, optional=dict.fromkeys(fields, json_values))


# --- models ------------------------------------------------------------------------------------


@FUZZ
@given(data=_shaped(GRANT_FIELDS) | json_values)
def test_token_grant_parses_or_refuses_with_its_own_error(data: Any) -> None:
    try:
        grant = parse_token_grant(data)
    except GrantShapeError as exc:
        assert "accessToken" in str(exc)
        return
    assert isinstance(grant.access_token, str) and grant.access_token
    assert isinstance(grant.expires_in, int) and grant.expires_in > 0  # never a zero or negative lifetime
    assert "access_token=<redacted>" in repr(grant) and "refresh_token=<redacted>" in repr(grant)
    assert all(issue.path.startswith("data") for issue in grant.issues)


@FUZZ
@given(
    basic=_shaped(BASIC_FIELDS) | json_values,
    resources=_shaped([*QUOTA_FIELDS, "id"]) | json_values,
    extra=st.dictionaries(st.text(max_size=6), json_values, max_size=2),
)
def test_account_parser_is_tolerant_and_its_quota_numbers_are_sane(
    basic: Any, resources: Any, extra: dict[str, Any]
) -> None:
    account = parse_account({**extra, "basicInfo": basic, "resourceConfig": resources})
    config = account.resource_config
    for usage in config.all_usages if config is not None else ():
        assert usage.used is None or isinstance(usage.used, int)
        assert usage.total is None or isinstance(usage.total, int)
        if usage.known:
            assert usage.remaining is not None and usage.remaining >= 0
            assert usage.percent is not None and math.isfinite(usage.percent) and usage.percent >= 0
        else:
            assert usage.remaining is None and usage.percent is None


@FUZZ
@given(
    data=_shaped(["pageNo", "numberPages", "numberRecords", "pageSize", "startIndex", "nextPageToken"])
    | json_values
)
def test_pagination_never_raises_and_has_next_is_a_bool(data: Any) -> None:
    page = parse_pagination(data)
    assert isinstance(page.has_next, bool)


@FUZZ
@given(value=_shaped(["code", "message", "data"]) | json_values)
def test_envelope_parses_or_raises_its_shape_error(value: Any) -> None:
    try:
        envelope = parse_envelope(value)
    except EnvelopeShapeError as exc:
        assert str(exc)
        return
    assert isinstance(envelope.code, int) and isinstance(envelope.message, str)


# --- the callback verifier accepts exactly the correctly signed bodies --------------------------

NOW = 1_764_000_000
urls = st.builds(
    lambda host, path, query: f"https://{host}.example.com/{path}{query}",
    st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=20),
    st.text(string.ascii_letters + string.digits + "/-_.~%", max_size=40),
    st.sampled_from(["", "?a=1", "?x=%20&y=é"]),
)
keys = st.text(string.ascii_letters + string.digits + "!@#$%^&*", min_size=16, max_size=32)


@FUZZ
@given(
    url=urls,
    current=keys,
    previous=keys,
    use_previous=st.booleans(),
    skew=st.integers(min_value=-299, max_value=299),
    as_text=st.booleans(),
    event=st.dictionaries(st.sampled_from(["taskId", "status", "videoUrl", "code"]), scalars, max_size=4),
)
def test_every_correctly_signed_body_is_accepted_with_the_right_key(
    url: str, current: str, previous: str, use_previous: bool, skew: int, as_text: bool, event: dict[str, Any]
) -> None:
    assume(current != previous)
    key = previous if use_previous else current
    timestamp = NOW + skew
    body = {**event, "timestamp": str(timestamp) if as_text else timestamp}
    body["signature"] = callback_signature(url, timestamp, key)
    verdict = CallbackVerifier(url, current, previous, now=lambda: NOW).verify_body(json.dumps(body).encode())
    assert verdict.status is VerdictStatus.VALID and verdict.accepted, verdict.reason
    assert verdict.timestamp == timestamp
    assert (verdict.key_used.value if verdict.key_used else "") == ("previous" if use_previous else "current")
    # ...and one changed input (another URL, or a key one character off) is refused.
    other_url = CallbackVerifier(url + "x", current, previous, now=lambda: NOW).verify_body(
        json.dumps(body).encode()
    )
    assert not other_url.accepted
    tweaked = key[:-1] + ("A" if key[-1] != "A" else "B")
    assume(tweaked not in (current, previous))
    body["signature"] = callback_signature(url, timestamp, tweaked)
    wrong = CallbackVerifier(url, current, previous, now=lambda: NOW).verify_body(json.dumps(body).encode())
    assert wrong.status is VerdictStatus.INVALID_SIGNATURE and not wrong.accepted


# --- redaction ----------------------------------------------------------------------------------

# At least one capital letter: nothing else in a generated document has one (text and keys are lower
# case), so a secret found in the output leaked; an all-digit "secret" can be part of a random integer.
secret_values = st.text(string.ascii_uppercase + string.digits + "-_.~+/=", min_size=8, max_size=64).filter(
    lambda value: any(c.isupper() for c in value)
)
plain_text = st.text(string.ascii_lowercase + " :=,\"'{}[]\n", max_size=80)


@FUZZ
@given(
    secret=secret_values, before=plain_text, after=plain_text, partial=st.booleans(), times=st.integers(1, 3)
)
def test_a_registered_secret_never_survives_redaction(
    secret: str, before: str, after: str, partial: bool, times: int
) -> None:
    register_secret(secret, partial=partial)
    try:
        text = before + (secret + after) * times
        redacted = redact_text(text)
        assert secret not in redacted
        assert redact_text(redacted) == redacted  # masking twice changes nothing
    finally:
        forget_secret(secret)


SECRET_KEYS = [
    "appKey",
    "app_key",
    "AuthKey",
    "sign",
    "signature",
    "accessToken",
    "refresh_token",
    "token",
    "password",
]
documents = st.recursive(
    st.none() | st.integers() | plain_text,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["data", "user", "items", "note"]) | st.text(string.ascii_lowercase, max_size=5), inner, max_size=3),
    max_leaves=10,
)  # fmt: skip


@FUZZ
@given(
    document=documents,
    placements=st.lists(st.tuples(st.sampled_from(SECRET_KEYS), secret_values), min_size=1, max_size=4),
)
def test_secret_fields_are_masked_at_any_depth_in_json_and_in_its_text(
    document: Any, placements: list[tuple[str, str]]
) -> None:
    holder: dict[str, Any] = {}
    node = holder
    for depth, (key, value) in enumerate(placements):  # each secret one level deeper
        node[key] = value
        node[f"level{depth}"] = {"payload": document}
        node = node[f"level{depth}"]
    as_json = json.dumps(redact_json(holder), ensure_ascii=False)
    as_text = redact_text(json.dumps(holder))
    for _key, value in placements:
        assert value not in as_json and value not in as_text
    assert REDACTED in as_json or "…" in as_json or "•" in as_json


# --- damaged settings ---------------------------------------------------------------------------

profile_items = st.fixed_dictionaries(
    {"id": st.text(max_size=8) | st.integers()},
    optional={
        "name": scalars, "base_url": scalars, "app_id": scalars, "user_id": scalars,
        "callback_url": scalars, "is_sandbox": scalars,
        "last_refresh_at": scalars | st.datetimes().map(lambda d: d.isoformat())
        | st.datetimes(timezones=st.just(UTC)).map(lambda d: d.isoformat()),
    },
)  # fmt: skip


@FUZZ
@given(
    stored=st.lists(profile_items | json_values, max_size=4).map(json.dumps) | st.text(max_size=60),
    meta=st.text(max_size=80)
    | _shaped(["obtained_at", "expires_at", "expires_assumed", "refresh_expires_at"]).map(json.dumps),
)
def test_a_damaged_settings_value_never_stops_the_app(stored: str, meta: str) -> None:
    backend = DictBackend()
    backend.set("profiles/list", stored)
    store = ProfileStore(backend)  # must not raise
    for profile in store.list():
        session = Session(profile, store, None)  # type: ignore[arg-type]  # no secret is touched here
        assert session.refresh_wait().total_seconds() >= 0  # naive or aware times alike
        assert session.next_refresh_allowed_at() is None or session.next_refresh_allowed_at() > datetime(
            1, 1, 2, tzinfo=UTC
        )
    parsed = TokenMeta.from_json(meta)
    assert parsed is None or isinstance(parsed, TokenMeta)


# --- issue 15: URLs with credentials, malformed base URLs, hostile profile names, deep JSON ---------

url_words = st.text(string.ascii_letters + string.digits + "-._~%!$'()*+,;=", min_size=1, max_size=12)
password_values = st.text(string.ascii_letters + string.digits, min_size=8, max_size=24)
TOKEN_PARAMS = [
    "token",
    "access_token",
    "Sign",
    "key",
    "api-key",
    "AppKey",
    "Authorization",
    "password",
    "secret",
]


@FUZZ
@given(
    scheme=st.sampled_from(["http", "https", "HTTP", "ftp"]),
    user=url_words,
    password=password_values,
    host=st.sampled_from(["127.0.0.1", "[::1]", "[::1", "h.example", "", "a@b"]),
    port=st.sampled_from(["", ":8080", ":99999", ":-1", ":x"]),
    path=st.sampled_from(["", "/", "/cb", "/a/b?"]),
    params=st.lists(st.tuples(st.sampled_from(TOKEN_PARAMS) | url_words, password_values), max_size=3),
    before=plain_text,
)
def test_no_url_in_any_text_keeps_its_password_or_a_token_like_value(
    scheme: str,
    user: str,
    password: str,
    host: str,
    port: str,
    path: str,
    params: list[tuple[str, str]],
    before: str,
) -> None:
    query = "&".join(f"{name}={value}" for name, value in params)
    url = f"{scheme}://{user}:{password}@{host}{port}{path}" + (f"?{query}" if query else "")
    shown = redact_text(f"{before} {url} done")
    assert f":{password}@" not in shown
    for name, value in params:
        if name in TOKEN_PARAMS:
            assert f"{name}={value}" not in shown
    assert redact_text(shown) == shown


@FUZZ
@given(text=st.text(max_size=60) | st.builds(lambda p: f"http://h.example{p}", st.text(max_size=20)))
def test_a_base_url_is_accepted_clean_or_refused_with_a_field_error(text: str) -> None:
    """Issue 15 item 6: never an ExceptionGroup, a UnicodeError or any other surprise."""
    try:
        cleaned = check_url(text)
    except InvalidConfiguration as exc:
        assert exc.field == "base_url" and exc.summary.startswith("The base URL ")
        return
    parts = urlsplit(cleaned)
    assert parts.scheme.lower() in {"http", "https"} and parts.hostname and "@" not in parts.netloc
    assert parts.port is None or 1 <= parts.port <= 65535
    ClientConfig(base_url=text, trust_env=False)  # the client takes what the check takes


@FUZZ
@given(name=st.text(max_size=80))
def test_a_profile_name_is_kept_readable_or_refused_in_the_field(name: str) -> None:
    store = ProfileStore(DictBackend())
    try:
        saved = store.save(Profile(id="p1", name=name, base_url="https://aigc.softsugar.com", app_id="demo"))
    except ProfileValidationError as exc:
        assert exc.field == "name"
        return
    assert 1 <= len(saved.name) <= 64
    assert not any(unicodedata.category(ch) in {"Cc", "Cs"} for ch in saved.name)
    assert not any(0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in saved.name)


@FUZZ
@given(
    depth=st.integers(0, 3000),
    opener=st.sampled_from(["[", '{"a":']),
    tail=st.sampled_from(["", "0", '"x"', "[]"]),
)
def test_a_nested_body_parses_within_the_limit_or_is_a_value_error(
    depth: int, opener: str, tail: str
) -> None:
    closer = "]" if opener == "[" else "}"
    inner = tail or "0"
    text = opener * depth + inner + closer * depth
    try:
        loads_limited(text)
    except ValueError:
        assert depth + (tail == "[]") > 32
    else:
        assert depth + (tail == "[]") <= 32
