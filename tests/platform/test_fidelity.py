"""Fidelity round two (issue 16), client side: the FAQ sign vector, answers lacking refresh fields,
every user field (documented, seen in real answers, unknown), permissions as a string appId or ``[]``,
and the doc's repeated-``resourceConfig`` example with its basic info recovered."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from aigc_desktop.cli import main
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.models import (
    REFRESH_TOKEN_MISSING,
    USER_DOC_FIELDS,
    USER_OBSERVED_FIELDS,
    looks_like_basic_info,
    parse_token_grant,
)
from aigc_desktop.platform.resources import resource_path
from aigc_desktop.platform.responses import account_from, decode_response
from aigc_desktop.platform.signing import login_timestamp_unit, token_sign
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.state import ACCESS_TOKEN_LIFETIME_S
from tests.platform.conftest import fast_config
from tests.sandbox._helpers import account_entry, make_accounts

FAQ_APP_ID = "c103af9ac77646ca9fb0122e75f30811"
FAQ_APP_KEY = "89f81a207e5e4a1297ed1255879191ee"
FAQ_TIMESTAMP = "1686730537"
FAQ_SIGN = "f6ffecf33d2073d9b3b93ba157665cfc"


# --- 2. the FAQ vector -------------------------------------------------------------------------


def test_faq_vector_of_signing() -> None:
    assert token_sign(FAQ_APP_ID, FAQ_TIMESTAMP, FAQ_APP_KEY) == FAQ_SIGN
    assert token_sign(FAQ_APP_ID, int(FAQ_TIMESTAMP), FAQ_APP_KEY) == FAQ_SIGN
    assert token_sign(FAQ_APP_ID, FAQ_TIMESTAMP + "000", FAQ_APP_KEY) != FAQ_SIGN  # the unit is signed too


def test_faq_vector_of_sign_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_APP_KEY", FAQ_APP_KEY)
    assert main(["sign", "token", "--app-id", FAQ_APP_ID, "--timestamp", FAQ_TIMESTAMP]) == 0
    captured = capsys.readouterr()
    assert captured.out == f"timestamp: {FAQ_TIMESTAMP}\nsign: {FAQ_SIGN}\n"
    assert "10 digits" in captured.err  # the doc asks for milliseconds: said, not refused
    assert FAQ_APP_KEY not in captured.out + captured.err


@pytest.mark.parametrize(
    ("timestamp", "unit"),
    [
        ("1686730537", "seconds"),  # 10 digits: the FAQ
        (1686730537, "seconds"),
        ("168673053", "other"),  # 9
        ("16867305370", "other"),  # 11
        ("1676797061518", "milliseconds"),  # 13: the doc
        ("167679706151", "other"),  # 12
        ("16767970615180", "other"),  # 14
        ("16867305 7", "other"),
        ("", "other"),
        ("١٦٨٦٧٣٠٥٣٧", "other"),  # Arabic-Indic digits are digits to str.isdigit, not to the platform
    ],
)
def test_login_timestamp_unit_at_its_edges(timestamp: str | int, unit: str) -> None:
    assert login_timestamp_unit(timestamp) == unit


async def test_faq_login_over_the_wire() -> None:
    """The client signs in to a sandbox holding the FAQ account with the FAQ's seconds timestamp."""
    accounts = make_accounts(account_entry(appId=FAQ_APP_ID, appKey=FAQ_APP_KEY))
    async with SandboxServer(accounts) as faq, PlatformClient(fast_config(faq.base_url)) as client:
        grant = await client.login(FAQ_APP_ID, FAQ_APP_KEY, timestamp_ms=int(FAQ_TIMESTAMP))
        assert grant.access_token
        preview = client.last_login_request
        assert preview is not None and preview.body["timestamp"] == FAQ_TIMESTAMP


# --- 3. refresh fields missing ----------------------------------------------------------------------


def _grant_data(**drop: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "accessToken": "A" * 40,
        "expiresIn": 28800,
        "refreshToken": "R" * 40,
        "refreshTokenExpiresIn": 604800,
    }
    return {key: value for key, value in data.items() if not drop.get(key)}


def test_a_grant_without_refresh_token_says_refresh_is_unavailable() -> None:
    grant = parse_token_grant(_grant_data(refreshToken=True))
    assert not grant.refresh_available and grant.refresh_token is None
    problems = {issue.path: issue.problem for issue in grant.issues}
    assert problems == {"data.refreshToken": REFRESH_TOKEN_MISSING}


def test_a_grant_without_refresh_token_lifetime_records_it() -> None:
    grant = parse_token_grant(_grant_data(refreshTokenExpiresIn=True))
    assert grant.refresh_available and grant.refresh_token_expires_in is None
    assert [str(issue) for issue in grant.issues] == [
        "data.refreshTokenExpiresIn: missing; the refresh token's lifetime is unknown"
    ]


def test_an_empty_refresh_token_counts_as_missing() -> None:
    grant = parse_token_grant(_grant_data() | {"refreshToken": ""})
    assert not grant.refresh_available
    assert [issue.path for issue in grant.issues] == ["data.refreshToken"]


def test_a_complete_grant_has_no_issues() -> None:
    grant = parse_token_grant(_grant_data())
    assert grant.issues == () and grant.refresh_available


@pytest.mark.parametrize(
    ("knob", "path"),
    [
        ("omitExpiresIn", "data.expiresIn"),
        ("omitRefreshToken", "data.refreshToken"),
        ("omitRefreshTokenExpiresIn", "data.refreshTokenExpiresIn"),
    ],
)
async def test_each_omission_is_an_issue_over_the_wire(knob: str, path: str) -> None:
    accounts = make_accounts(account_entry(**{knob: True}))
    async with SandboxServer(accounts) as slips, PlatformClient(fast_config(slips.base_url)) as client:
        grant = await client.login(accounts[0].app_id, accounts[0].app_key)
        assert [issue.path for issue in grant.issues if not issue.path.startswith("data.permissions")] == [
            path
        ]
        assert grant.refresh_available == (knob != "omitRefreshToken")
        if knob != "omitExpiresIn":
            assert grant.expires_in == ACCESS_TOKEN_LIFETIME_S and not grant.expires_in_assumed


# --- 5. every user field -----------------------------------------------------------------------------


REAL_USER: dict[str, Any] = {
    "id": 4,
    "userName": "Enterprise1",
    "profilePhoto": "https://example.com/p.png",
    "company": "ACME",
    "companyPhone": "010-1234",
    "companyContact": "Li",
    "status": 1,
    "effectiveBeginDate": "2023-01-01 00:00:00",
    "effectiveEndDate": "2024-01-01 00:00:00",
    "extraInfo": "extra",
    "description": "desc",
    "appId": "app",
    "appKey": None,
    "licensePath": "/lic",
    "isDelete": 0,
    "creator": 1,
    "createTime": "2023-01-01 00:00:00",
    "updater": 2,
    "updateTime": "2023-01-02 00:00:00",
    "email": "ops@example.com",
    "cellPhone": "13800000000",
    "userType": 2,
    "userTag": "vip",
    "conceal": 0,
    "callbackUrl": "https://example.com/cb",
    "liveCallbackUrl": "https://example.com/live",
    "shoeSize": 44,
    "nested": {"a": [1, 2]},
}


def test_all_documented_and_observed_user_fields_are_kept() -> None:
    assert len(USER_DOC_FIELDS) == 19 and len(USER_OBSERVED_FIELDS) == 7
    grant = parse_token_grant(_grant_data() | {"user": REAL_USER})
    user = grant.user
    assert user is not None
    assert (user.profile_photo, user.extra_info, user.description, user.license_path) == (
        "https://example.com/p.png",
        "extra",
        "desc",
        "/lic",
    )
    assert (user.is_delete, user.creator, user.updater) == (0, 1, 2)
    assert (user.email, user.cell_phone, user.user_type, user.user_tag, user.conceal) == (
        "ops@example.com",
        "13800000000",
        2,
        "vip",
        0,
    )
    assert user.callback_urls == ("https://example.com/cb", "https://example.com/live")
    assert dict(user.extra) == {"shoeSize": 44, "nested": {"a": [1, 2]}}
    assert grant.issues == ()


def test_unknown_user_fields_are_read_only_and_default_empty() -> None:
    user = parse_token_grant(_grant_data() | {"user": {"id": 4, "extraThing": 1}}).user
    assert user is not None and dict(user.extra) == {"extraThing": 1}
    with pytest.raises(TypeError):
        user.extra["x"] = 1  # type: ignore[index]
    bare = parse_token_grant(_grant_data() | {"user": {"id": 4}}).user
    assert bare is not None and dict(bare.extra) == {} and bare.callback_urls == ()


def test_blank_callback_urls_are_not_offered() -> None:
    user = parse_token_grant(
        _grant_data() | {"user": {"callbackUrl": "  ", "liveCallbackUrl": "https://x/l"}}
    ).user
    assert user is not None and user.callback_urls == ("https://x/l",)


async def test_callback_urls_from_the_accounts_file_reach_the_client() -> None:
    accounts = make_accounts(
        account_entry(
            callbackUrl="https://example.com/aigc/cb", userFields={"email": "a@b.c", "shoeSize": 44}
        )
    )
    async with SandboxServer(accounts) as custom, PlatformClient(fast_config(custom.base_url)) as client:
        grant = await client.login(accounts[0].app_id, accounts[0].app_key)
    assert grant.user is not None
    assert grant.user.callback_urls == ("https://example.com/aigc/cb",)
    assert grant.user.email == "a@b.c" and dict(grant.user.extra) == {"shoeSize": 44}


# --- 6. permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["doc", "empty"])
async def test_permissions_in_both_shapes(style: str) -> None:
    accounts = make_accounts(account_entry(permissions=style))
    async with SandboxServer(accounts) as server, PlatformClient(fast_config(server.base_url)) as client:
        grant = await client.login(accounts[0].app_id, accounts[0].app_key)
    if style == "empty":
        assert grant.permissions == () and grant.issues == ()
    else:
        assert [p.app_id for p in grant.permissions] == ["Virtual Human Application"]
        assert [issue.path for issue in grant.issues] == ["data.permissions[0].appId"]


# --- 4. the doc's repeated resourceConfig -----------------------------------------------------------


def test_the_docs_literal_account_example_keeps_its_basic_info() -> None:
    body = resource_path("doc_examples/account_response_with_repeated_key.json").read_bytes()
    decoded = decode_response(status=200, content_type="application/json", body=body, endpoint="account")
    account = account_from(decoded, 200, "account")
    basic = account.basic_info
    assert basic is not None
    assert (basic.company, basic.app_id) == ("zhangsan", "7sadf7sadf7ads7f7asf7sda7f")
    assert basic.effective_begin is not None and basic.effective_begin.year == 2019
    assert basic.effective_end is not None
    assert (
        account.resource_config is not None
        and account.resource_config.values["genVideoDurationTotalQty"] == 21
    )
    problems = {issue.path: issue.problem for issue in account.issues}
    assert "recovered from an earlier 'data.resourceConfig'" in problems["data.basicInfo"]


def test_a_repeated_key_without_basic_info_shape_recovers_nothing() -> None:
    body = '{"code": 0, "message": "success", "data": {"resourceConfig": {"id": 1, "company": "x"}, "resourceConfig": {"id": 1}}}'
    decoded = decode_response(status=200, content_type="application/json", body=body.encode(), endpoint="a")
    account = account_from(decoded, 200, "a")
    assert account.basic_info is None
    assert {issue.path: issue.problem for issue in account.issues}["data.basicInfo"] == "missing"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"company": "c", "appId": "a", "effectiveBeginDate": "d", "effectiveEndDate": "d"}, True),
        ({"company": "c", "appId": "a", "effectiveBeginDate": "d"}, False),  # one of the four missing
        (
            {
                "company": "c",
                "appId": "a",
                "effectiveBeginDate": "d",
                "effectiveEndDate": "d",
                "genCharModelTotalQty": 1,
            },
            False,  # a quota field: this is resource config
        ),
        (["company", "appId", "effectiveBeginDate", "effectiveEndDate"], False),
    ],
)
def test_basic_info_shape_at_its_edges(value: object, expected: bool) -> None:
    assert looks_like_basic_info(value) is expected


async def test_the_doc_slip_knob_over_the_wire_keeps_basic_info() -> None:
    accounts = make_accounts(account_entry(docResourceExampleSlip=True))
    async with SandboxServer(accounts) as server, PlatformClient(fast_config(server.base_url)) as client:
        grant = await client.login(accounts[0].app_id, accounts[0].app_key)
        account = await client.get_account(grant.access_token, accounts[0].user_id)
    assert account.basic_info is not None and account.basic_info.company == "zhangsan"
    assert any(issue.path == "data.basicInfo" for issue in account.issues)


def test_sign_token_warning_is_on_stderr_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", None)
    monkeypatch.setenv("AIGC_APP_KEY", FAQ_APP_KEY)
    assert main(["sign", "token", "--app-id", FAQ_APP_ID, "--timestamp", "1686730537000"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # 13 digits: no warning
