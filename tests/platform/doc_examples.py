"""The access doc's response examples, verbatim (slips included), as the platform documents them."""

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

RESOURCE_RESPONSE = """{
"code": 0,
"message": "success",
"data": {
"resourceConfig": {
"id": 1,
"company": "zhangsan",
"effectiveBeginDate": "2019-01-01 20:20:20",
"effectiveEndDate": "2019-01-01 20:20:20",
"appId": "7sadf7sadf7ads7f7asf7sda7f",
"appKey": "7sadf7sadf7ads7f7asf7sda7f"
},
"resourceConfig": {
"id": 1,
"genCharModelTotalQty": 12,
"genCharModelUsageQty": 2,
"genTtsCharVoiceModelTotalQty": 12,
"genTtsCharVoiceModelUsageQty": 2,
"genVideoDurationTotalQty": 21,
"genVideoDurationUsageQty": 11,
"charModelMaxConTasksTotalQty": 12,
"charModelMaxConTasksUsageQty": 3,
"ttsCharVoiceModelMaxConTasksTotalQty": 11,
"ttsCharVoiceModelMaxConTasksUsageQty": 4,
"videoGenMaxConTasksTotalQty": 11,
"videoGenMaxConTasksUsageQty": 7
}
}
}"""

LOGIN_REQUEST_SIGN = "c4b08ca7d242939b8bf9c1dbb1a1911a"
