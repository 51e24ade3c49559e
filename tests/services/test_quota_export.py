"""Quota export: the six pairs, labels from resources, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path

from aigc_desktop.platform.models import QUOTA_FIELDS, parse_account
from aigc_desktop.services.quota_export import write_export

DATA = {
    "basicInfo": {"id": 4, "company": "C", "appId": "a", "appKey": "k"},
    "resourceConfig": {
        "id": 1,
        "genCharModelTotalQty": 12,
        "genCharModelUsageQty": 2,
        "genTtsCharVoiceModelTotalQty": 12,
        "genTtsCharVoiceModelUsageQty": 12,
        "genVideoDurationTotalQty": 21,
        "genVideoDurationUsageQty": 11,
        "charModelMaxConTasksTotalQty": 12,
        "charModelMaxConTasksUsageQty": 3,
        "ttsCharVoiceModelMaxConTasksTotalQty": 11,
        "ttsCharVoiceModelMaxConTasksUsageQty": 4,
        "videoGenMaxConTasksTotalQty": 11,
        "videoGenMaxConTasksUsageQty": 7,
    },
}


def test_csv_and_json_exports(tmp_path: Path) -> None:
    account = parse_account(DATA)
    rows = list(csv.DictReader(io.StringIO(write_export(tmp_path / "q.csv", account, None).read_text())))
    assert [r["label"] for r in rows] == [f.label for f in QUOTA_FIELDS]
    tts = rows[1]
    assert (tts["used"], tts["total"], tts["remaining"], tts["percent"]) == ("12", "12", "0", "100.0")
    document = json.loads(write_export(tmp_path / "q.json", account, None).read_text())
    assert document["accountId"] == 4
    assert document["usages"][2] == {
        "key": "videoDuration",
        "field": "genVideoDuration",
        "kind": "quota",
        "label": QUOTA_FIELDS[2].label,
        "unit": "unit not given in the platform's doc",  # the doc gives none: said, not guessed
        "used": 11,
        "total": 21,
        "remaining": 10,
        "percent": 52.38,
    }
    assert "appKey" not in json.dumps(document) and '"k"' not in json.dumps(document)


def test_a_chinese_export_uses_the_platforms_chinese_terms(tmp_path: Path) -> None:
    account = parse_account(DATA)
    lines = write_export(tmp_path / "q.csv", account, None, "zh_CN").read_text("utf-8").splitlines()
    assert lines[0] == "键,平台字段,类型,名称,单位,已用,总量,剩余,已用百分比"
    assert lines[1] == "avatarModel,genCharModel,配额,人物形象模型,个,2,12,10,16.67"
    assert (
        lines[6]
        == "videoConcurrency,videoGenMaxConTasks,最大并发任务数,视频生成最大并发任务数,个,7,11,4,63.64"
    )
    document = json.loads(write_export(tmp_path / "q.json", account, None, "zh_CN").read_text("utf-8"))
    assert document["language"] == "zh_CN"
    assert [u["label"] for u in document["usages"]][:2] == ["人物形象模型", "TTS 个人音色模型"]


def test_exports_are_private_files_even_over_an_open_one(tmp_path: Path) -> None:
    """Issue 15 item 12: an export is 0600; a file it replaces loses its group and other permissions."""
    account = parse_account(DATA)
    old = tmp_path / "q.json"
    old.write_text("old")
    old.chmod(0o644)
    for name in ("q.csv", "q.json"):
        assert stat.S_IMODE(write_export(tmp_path / name, account, None).stat().st_mode) == 0o600
