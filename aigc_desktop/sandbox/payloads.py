"""The JSON the fake platform answers with: envelopes and the doc-shaped data objects.

Business errors are HTTP 200 with a non-zero ``code``, ``data: null`` and the catalogue's text
(``%s`` filled). Shapes follow the doc's examples, including its quirks: the permission's ``appId``
holds the string "Virtual Human Application" although the table types it Long, and ``user.appKey``
is null.
"""

from __future__ import annotations

from typing import Any

from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from aigc_desktop.platform.resources import resource_path
from aigc_desktop.sandbox.accounts import SandboxAccount, resource_field_names
from aigc_desktop.sandbox.clock import format_platform_date
from aigc_desktop.sandbox.state import TokenPair

SUCCESS_MESSAGE = "success"
DOC_RECORD_TIME = "2022-05-23 15:12:35"  # the doc's example creation time for permissions and roles


def business_message(code: int, *args: str) -> str:
    """The catalogue's text for ``code`` with each ``%s`` replaced by the next of ``args``."""
    entries = ErrorCatalogue.default().lookup(code)
    text = entries[0].text if entries else f"Error {code}"
    for value in args:
        text = text.replace("%s", value, 1)
    return text


def envelope(code: int = 0, data: Any = None, message: str | None = None) -> dict[str, Any]:
    """The common response structure of every endpoint."""
    return {"code": code, "message": message if message is not None else SUCCESS_MESSAGE, "data": data}


def error_envelope(code: int, *args: str) -> dict[str, Any]:
    return envelope(code, None, business_message(code, *args))


def token_fields(pair: TokenPair, now: float) -> dict[str, Any]:
    """accessToken / expiresIn / refreshToken / refreshTokenExpiresIn (remaining seconds)."""
    account = pair.account
    fields: dict[str, Any] = {"accessToken": pair.access_token}
    if not account.omit_expires_in:
        fields["expiresIn"] = pair.access_remaining(now)
    if not account.omit_refresh_token:
        fields["refreshToken"] = pair.refresh_token
    if not account.omit_refresh_token_expires_in:
        fields["refreshTokenExpiresIn"] = pair.refresh_remaining(now)
    return fields


def permissions_data(account: SandboxAccount) -> list[dict[str, Any]]:
    """The doc's example permission (``appId`` a string although typed Long), or ``[]`` as real accounts send."""
    if account.permissions == "empty":
        return []
    return [
        {
            "id": 1,
            "appId": "Virtual Human Application",
            "resourceId": 1,
            "action": None,
            "creator": 1,
            "createTime": DOC_RECORD_TIME,
        }
    ]


def login_data(pair: TokenPair, now: float) -> dict[str, Any]:
    """The login ``data`` object, shaped like the doc's response example."""
    account = pair.account
    return {
        "permissions": permissions_data(account),
        "roles": [
            {
                "id": 3,
                "roleName": "Enterprise",
                "appId": 1,
                "description": None,
                "isDelete": 0,
                "creator": 1,
                "createTime": DOC_RECORD_TIME,
                "updater": 1,
                "updateTime": DOC_RECORD_TIME,
            }
        ],
        **token_fields(pair, now),
        "user": user_data(account),
    }


def user_data(account: SandboxAccount) -> dict[str, Any]:
    created = format_platform_date(account.effective_begin)
    return {
        "id": account.user_id,
        "userName": account.user_name,
        "profilePhoto": None,
        "company": account.company,
        "companyPhone": None,
        "companyContact": None,
        "status": account.status,
        "effectiveBeginDate": created,
        "effectiveEndDate": format_platform_date(account.effective_end),
        "extraInfo": None,
        "description": None,
        "appId": account.app_id,
        "appKey": None,
        "licensePath": None,
        "isDelete": 0,
        "creator": 1,
        "createTime": created,
        "updater": 1,
        "updateTime": created,
        # seen in a real answer beyond the doc's table: the account's configured callback addresses
        "callbackUrl": account.callback_url,
        "liveCallbackUrl": account.live_callback_url,
    } | account.user_fields


def resource_config_data(account: SandboxAccount) -> dict[str, Any]:
    """``resourceConfig``: its id and the 12 quota fields in the doc's order."""
    return {"id": account.resource_id} | {
        name: account.resource_config[name] for name in resource_field_names()
    }


def account_data(account: SandboxAccount) -> dict[str, Any]:
    """The account endpoint's ``data``: basicInfo (with the AppKey, as the doc says) and resourceConfig."""
    return {
        "basicInfo": {
            "id": account.user_id,
            "company": account.company,
            "effectiveBeginDate": format_platform_date(account.effective_begin),
            "effectiveEndDate": format_platform_date(account.effective_end),
            "appId": account.app_id,
            "appKey": account.app_key,
        },
        "resourceConfig": resource_config_data(account),
    }


# The doc's account response example, verbatim (resources/doc_examples): its first object repeats the key
# "resourceConfig" where "basicInfo" is meant, so a JSON parser that keeps the last duplicate loses the basic info.
DOC_RESOURCE_EXAMPLE = resource_path("doc_examples/account_response_with_repeated_key.json").read_text(
    encoding="utf-8"
)
