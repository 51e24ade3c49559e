"""Log redaction: registered values and secret-looking fields vanish from messages and args."""

from __future__ import annotations

import logging
import random
import re

import pytest

from aigc_desktop.platform.redaction import (
    RedactionFilter,
    _Registry,
    forget_secret,
    install_redaction,
    mask_secret,
    redact_json,
    redact_text,
    redact_url,
    register_secret,
)

SIGN = "c4b08ca7d242939b8bf9c1dbb1a1911a"


def test_mask_secret_shows_only_the_ends() -> None:
    assert mask_secret(SIGN) == "c4b0…911a"
    assert mask_secret("short") == "••••••"
    assert mask_secret("") == ""


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        (f'{{"appId": "x", "sign": "{SIGN}"}}', SIGN),
        ('{"appKey": "MyAppKeyValue123"}', "MyAppKeyValue123"),
        ("accessToken=ZGI3YzRiZmY4ZmFjMjM2MDEx&x=1", "ZGI3YzRiZmY4ZmFjMjM2MDEx"),
        ("'refreshToken': 'bWFkZS11cC1yZWZyZXNoLXRva2Vu'", "bWFkZS11cC1yZWZyZXNoLXRva2Vu"),
        ('"authKey": "AuthKey0123456789abc"', "AuthKey0123456789abc"),
        ('"AuthKey":"AuthKey0123456789abc"', "AuthKey0123456789abc"),
        (f'"signature": "{SIGN}"', SIGN),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "eyJhbGciOiJIUzI1NiJ9.payload.sig"),
        ("sent bearer abcdefghijklmnopqrstu to the server", "abcdefghijklmnopqrstu"),
    ],
)
def test_field_patterns_are_masked(text: str, hidden: str) -> None:
    assert hidden not in redact_text(text)


def test_app_keys_vanish_entirely_and_signs_keep_their_ends() -> None:
    assert redact_text('{"appKey": "MyAppKeyValue123"}') == '{"appKey": "***"}'
    assert redact_text(f'{{"sign": "{SIGN}"}}') == '{"sign": "c4b0…911a"}'
    assert redact_text(redact_text(f'{{"sign": "{SIGN}"}}')) == '{"sign": "c4b0…911a"}'  # idempotent


def test_registered_values_are_masked_anywhere() -> None:
    register_secret("FreeStandingAppKey42", partial=False)
    register_secret("tokenvalue0123456789abcdef")
    text = redact_text("key FreeStandingAppKey42 then tokenvalue0123456789abcdef.")
    assert text == "key *** then toke…cdef."
    forget_secret("FreeStandingAppKey42")
    assert "FreeStandingAppKey42" in redact_text("key FreeStandingAppKey42")
    register_secret("abc")  # too short to register: would blank ordinary words
    assert redact_text("abc") == "abc"


def test_redact_json_masks_by_key_at_any_depth() -> None:
    value = {
        "data": {
            "accessToken": "ZGI3YzRiZmY4ZmFjMjM2MDEx",
            "basicInfo": {"appKey": "K" * 20, "appId": "app"},
        },
        "list": [{"sign": SIGN}],
        "count": 3,
    }
    assert redact_json(value) == {
        "data": {"accessToken": "ZGI3…MDEx", "basicInfo": {"appKey": "***", "appId": "app"}},
        "list": [{"sign": "c4b0…911a"}],
        "count": 3,
    }


def test_filter_redacts_message_and_args(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("tests.platform.redaction")
    install_redaction(log)
    install_redaction(log)
    assert sum(isinstance(f, RedactionFilter) for f in log.filters) == 1
    register_secret("ArgOnlySecretValue99", partial=False)
    with caplog.at_level(logging.DEBUG, logger="tests.platform.redaction"):
        log.info("header %s and %r", "Authorization: Bearer abcdefghijklmnopqrstu", {"sign": SIGN})
        log.warning("secret in args: %s", "ArgOnlySecretValue99")
        log.error("bad format %s %s", "only-one")
    messages = [record.getMessage() for record in caplog.records]
    joined = "\n".join(messages)
    assert (
        "abcdefghijklmnopqrstu" not in joined and SIGN not in joined and "ArgOnlySecretValue99" not in joined
    )
    assert "Bearer abcd…rstu" in messages[0]
    assert "bad format" in messages[2]


def test_filter_on_a_handler() -> None:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Collect()
    install_redaction(handler)
    log = logging.getLogger("tests.platform.redaction.handler")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning('body {"refreshToken": "%s"}', "bWFkZS11cC1yZWZyZXNoLXRva2Vu")
    finally:
        log.removeHandler(handler)
    assert records == ['body {"refreshToken": "bWFk…a2Vu"}']


def test_registry_matches_a_longest_first_alternation_through_adds_evictions_and_discards() -> None:
    """The registry skips values longer than the text and keeps its length order incrementally: the result
    must stay that of one regex alternation of the live values, longest first."""
    rng = random.Random(7)
    for _ in range(200):
        limit = rng.choice([3, 8, 64])
        registry = _Registry(limit=limit)
        live: dict[str, str] = {}
        for _ in range(rng.randint(1, 30)):
            value = "".join(rng.choice("ab") for _ in range(rng.randint(6, 12)))
            shown = rng.choice(["X", "Y", "***"])
            registry.add(value, shown)
            live.pop(value, None)
            live[value] = shown
            while len(live) > limit:
                live.pop(next(iter(live)))
            if live and rng.random() < 0.2:
                gone = rng.choice(list(live))
                registry.discard(gone)
                del live[gone]
        snapshot = registry.snapshot()
        assert dict(snapshot) == live
        assert [len(value) for value, _ in snapshot] == sorted((len(value) for value in live), reverse=True)
        pattern = re.compile("|".join(re.escape(v) for v in sorted(live, key=len, reverse=True)))
        masks = dict(live)
        for _ in range(10):
            text = "".join(rng.choice("abc") for _ in range(rng.randint(0, 40)))
            expected = pattern.sub(lambda m, masks=masks: masks[m.group(0)], text) if live else text
            assert registry.replace_in(text) == expected


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ('"s\u0131gn": "c4b08ca7d242939b8bf9c1dbb1a1911a"', '"s\u0131gn": "c4b0\u2026911a"'),  # dotless i
        ("\u017fecret=TopHiddenValue99", "\u017fecret=***"),  # long s
        ("app\u212aey=TopHiddenValue99", "app\u212aey=***"),  # Kelvin sign
    ],
)
def test_non_ascii_look_alikes_still_reach_the_field_patterns(text: str, redacted: str) -> None:
    """ASCII text without a trigger word skips the regexes; non-ASCII text never does, because under
    IGNORECASE the regex engine matches these letters as the ASCII ones."""
    assert redact_text(text) == redacted


# --- URLs (issue 15 item 3) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://u:SecretPw9@127.0.0.1:5/x?token=SecretTok9", "http://127.0.0.1:5/x?token=***"),
        ("https://user@host.example/a", "https://host.example/a"),
        ("http://a:b@c@[::1]:8/p?q=1", "http://[::1]:8/p?q=1"),  # the last '@' ends the user-info
        (
            "https://h/cb?userId=4&access_token=T0k&Sign=s1&api-key=k&X.Auth.Key=z&page=2",
            "https://h/cb?userId=4&access_token=***&Sign=***&api-key=***&X.Auth.Key=***&page=2",
        ),
        ("https://h/cb#id_token=abc&state=1", "https://h/cb#id_token=***&state=1"),
        ("http://u:pw@[::1", "http://[::1"),  # malformed: still no credentials, never an exception
        (
            "https://aigc.softsugar.com/api/uc/v1/access/api/token",
            "https://aigc.softsugar.com/api/uc/v1/access/api/token",
        ),
        ("not a url", "not a url"),
    ],
)
def test_redact_url_drops_user_info_and_token_like_query_values(url: str, shown: str) -> None:
    assert redact_url(url) == shown
    assert redact_text(f"GET {url} done") == f"GET {shown} done"


def test_httpx_request_lines_lose_credentials_in_any_handler_with_the_filter() -> None:
    record = logging.LogRecord(
        "httpx", logging.INFO, __file__, 1, 'HTTP Request: %s %s "HTTP/1.1 200 OK"',
        ("POST", "http://u:SecretPw9@127.0.0.1:8/x?token=SecretTok9&userId=4"), None,
    )  # fmt: skip
    RedactionFilter().filter(record)
    assert (
        record.getMessage() == 'HTTP Request: POST http://127.0.0.1:8/x?token=***&userId=4 "HTTP/1.1 200 OK"'
    )
