"""Accounts files: the demo file, relative dates, and precise errors for every kind of mistake."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from aigc_desktop.sandbox import AccountsFileError, load_accounts
from aigc_desktop.sandbox.accounts import demo_accounts, parse_accounts
from aigc_desktop.sandbox.clock import format_platform_date
from tests.sandbox._helpers import DOC_NUMBERS, account_entry

NOW = datetime(2026, 1, 15, 4, 0, 0, tzinfo=UTC).timestamp()


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "accounts.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_demo_account_uses_the_docs_numbers_and_never_expires() -> None:
    (demo,) = demo_accounts(NOW)
    assert demo.resource_config == DOC_NUMBERS
    assert demo.company == "Demo Company (Sandbox)"
    assert demo.status == 1 and demo.app_id and demo.app_key
    assert demo.is_effective_at(NOW)
    assert format_platform_date(demo.effective_begin) == "2025-07-19 12:00:00"  # -180 d, in CST
    assert format_platform_date(demo.effective_end) == "2026-08-03 12:00:00"  # +200 d


def test_a_valid_file_loads(tmp_path: Path) -> None:
    entry = account_entry(
        appId="a1", userId=7, effectiveBeginDate="2024-01-01 00:00:00", effectiveEndDate="+2h"
    )
    (account,) = load_accounts(write(tmp_path, {"accounts": [entry]}), now=NOW)
    assert (account.app_id, account.user_id) == ("a1", 7)
    assert format_platform_date(account.effective_begin) == "2024-01-01 00:00:00"
    assert account.effective_end.timestamp() == NOW + 7200


@pytest.mark.parametrize(
    ("document", "words"),
    [
        ([], 'expected a JSON object {"accounts": [...]}'),
        ({"accounts": []}, "'accounts' must be a non-empty list"),
        ({"acounts": []}, "unknown top-level field 'acounts'"),
        ({"accounts": ["x"]}, "accounts[0]: expected an object; got string"),
        ({"accounts": [account_entry(appKey=None)]}, "accounts[0].appKey: expected a string; got NoneType"),
        (
            {"accounts": [{k: v for k, v in account_entry().items() if k != "userId"}]},
            "missing required field 'userId'",
        ),
        (
            {"accounts": [account_entry(appID="x")]},
            "accounts[0]: unknown field 'appID' (did you mean 'appId'?)",
        ),
        ({"accounts": [account_entry(appId="")]}, "accounts[0].appId: must not be empty"),
        (
            {"accounts": [account_entry(userId="4")]},
            'accounts[0].userId: expected a whole number >= 0; got string "4"',
        ),
        ({"accounts": [account_entry(userId=0)]}, "accounts[0].userId: must be a positive integer"),
        ({"accounts": [account_entry(status=3)]}, "accounts[0].status: expected one of 0 (not activated)"),
        ({"accounts": [account_entry(status=True)]}, "accounts[0].status: expected one of"),
        (
            {"accounts": [account_entry(effectiveEndDate="2025/01/01")]},
            "accounts[0].effectiveEndDate: '2025/01/01' is not a date",
        ),
        (
            {"accounts": [account_entry(effectiveEndDate="+5w")]},
            "accounts[0].effectiveEndDate: '+5w' is not a date",
        ),
        (
            {"accounts": [account_entry(effectiveBeginDate=20240101)]},
            "accounts[0].effectiveBeginDate: expected a date string",
        ),
        (
            {"accounts": [account_entry(effectiveBeginDate="+2d", effectiveEndDate="+1d")]},
            "accounts[0]: effectiveEndDate is before effectiveBeginDate",
        ),
        (
            {"accounts": [account_entry(resourceConfig={"genCharModelTotalQty": 1})]},
            "accounts[0].resourceConfig: missing field(s) genCharModelUsageQty",
        ),
        (
            {"accounts": [account_entry(resourceConfig=DOC_NUMBERS | {"genVideoDurationUsageQty": -3})]},
            "accounts[0].resourceConfig.genVideoDurationUsageQty: must not be negative; got -3",
        ),
        (
            {"accounts": [account_entry(resourceConfig=DOC_NUMBERS | {"genVideoDurationUsageQty": 1.5})]},
            "accounts[0].resourceConfig.genVideoDurationUsageQty: expected a whole number >= 0; got number 1.5",
        ),
        (
            {"accounts": [account_entry(resourceConfig=DOC_NUMBERS | {"videoGenMaxConTaskTotalQty": 1})]},
            "did you mean 'videoGenMaxConTasksTotalQty'",
        ),
        (
            {"accounts": [account_entry(omitExpiresIn="yes")]},
            "accounts[0].omitExpiresIn: expected true or false",
        ),
        (
            {"accounts": [account_entry(), account_entry(userId=5)]},
            "accounts[1].appId: 'sandbox-demo-app' is already used by accounts[0]",
        ),
        (
            {"accounts": [account_entry(), account_entry(appId="b")]},
            "accounts[1].userId: 4 is already used by accounts[0]",
        ),
    ],
)
def test_validation_errors_name_place_and_problem(tmp_path: Path, document: Any, words: str) -> None:
    path = write(tmp_path, document)
    with pytest.raises(AccountsFileError) as caught:
        load_accounts(path, now=NOW)
    assert words in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_errors_never_show_the_app_key() -> None:
    with pytest.raises(AccountsFileError) as caught:
        parse_accounts({"accounts": [account_entry(appKey=["SecretKey123"])]}, NOW)
    assert "SecretKey123" not in str(caught.value)


def test_file_level_problems(tmp_path: Path) -> None:
    with pytest.raises(AccountsFileError, match="no such file"):
        load_accounts(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"accounts": [\n  {"appId": "x",,}\n]}', encoding="utf-8")
    with pytest.raises(AccountsFileError, match=r"invalid JSON at line 2, column 17"):
        load_accounts(broken)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe{}")
    with pytest.raises(AccountsFileError, match="not UTF-8"):
        load_accounts(binary)
    with pytest.raises(AccountsFileError, match="cannot read"):
        load_accounts(tmp_path)
