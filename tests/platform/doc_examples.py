"""The access doc's response examples, verbatim (slips included), as the platform documents them."""

from aigc_desktop.platform.resources import resource_path

LOGIN_RESPONSE = """{
"code": 0,
"message": "success",
"data": {
"permissions": [
{
"id": 1,
"appId": "Virtual Human Application",
"resourceId": 1,
"action": null,
"creator": 1,
"createTime": "2022-05-23 15:12:35"
}
],
"roles": [
{
"id": 3,
"roleName": "Enterprise",
"appId": 1,
"description": null,
"isDelete": 0,
"creator": 1,
"createTime": "2022-05-23 15:12:35",
"updater": 1,
"updateTime": "2022-05-23 15:12:35"
}
],
"accessToken": "ZGI3YzRiZmY4ZmFjMjM2MDExODUxNDdmY2MwNGY4OTA0NGRmNGNjYi1jNGNmLTRlMTEtOTExOC05YTU0YTM2NjFjODY",
"user": {
"id": 4,
"userName": "Enterprise1",
"profilePhoto": null,
"company": null,
"companyPhone": null,
"companyContact": null,
"status": 1,
"effectiveBeginDate": null,
"effectiveEndDate": null,
"extraInfo": null,
"description": null,
"appId": null,
"appKey": null,
"licensePath": null,
"isDelete": 0,
"creator": 1,
"createTime": "2022-05-23 15:13:03",
"updater": 1,
"updateTime": "2022-05-24 14:26:05"
}
}
}"""

LOGOUT_RESPONSE = """{
"code": 0,
"message": "success",
"data": 1
}"""

# The doc's literal account example (the repeated "resourceConfig" key is the doc's slip), kept as data.
RESOURCE_RESPONSE = resource_path("doc_examples/account_response_with_repeated_key.json").read_text(
    encoding="utf-8"
)


LOGIN_REQUEST_SIGN = "c4b08ca7d242939b8bf9c1dbb1a1911a"
