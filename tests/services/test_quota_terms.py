"""The six used/total pairs are named in the platform's own terms, in both languages (issue 18's table).

Chinese from the platform's help page 用户接入, English from the access doc; the app writes a space between
Latin letters and Chinese (GLOSSARY.md), so the comparison ignores exactly that space.
"""

from __future__ import annotations

import re

import pytest

from aigc_desktop.platform.models import QUOTA_FIELDS
from aigc_desktop.services.quota_terms import platform_field, quota_label

# field prefix -> (the platform's Chinese term, the spec's English term)
PLATFORM_TERMS = {
    "genCharModel": ("人物形象模型", "avatar model generation"),
    "genTtsCharVoiceModel": ("TTS个人音色模型", "TTS personal voice model generation"),
    "genVideoDuration": ("可生成视频时长", "video generation duration"),
    "charModelMaxConTasks": (
        "人物形象模型最大并发任务数",
        "maximum concurrent tasks for avatar model generation",
    ),
    "ttsCharVoiceModelMaxConTasks": (
        "TTS个人音色模型生成最大并发任务数",
        "maximum concurrent tasks for TTS personal voice model generation",
    ),
    "videoGenMaxConTasks": ("视频生成最大并发任务数", "maximum concurrent tasks for video generation"),
}


def _without_latin_cjk_space(text: str) -> str:
    return re.sub(r"(?<=[A-Za-z0-9]) (?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) (?=[A-Za-z0-9])", "", text)


def test_all_six_pairs_are_covered() -> None:
    assert {platform_field(spec) for spec in QUOTA_FIELDS} == set(PLATFORM_TERMS)


@pytest.mark.parametrize("spec", QUOTA_FIELDS, ids=lambda spec: spec.key)
def test_labels_are_the_platforms_terms_in_both_languages(spec: object) -> None:
    chinese, english = PLATFORM_TERMS[platform_field(spec)]  # type: ignore[arg-type]
    shown_zh = quota_label(spec, "zh_CN")  # type: ignore[arg-type]
    assert _without_latin_cjk_space(shown_zh) == chinese
    assert " " not in shown_zh or re.search(
        r"[A-Za-z] [\u4e00-\u9fff]", shown_zh
    )  # only the glossary's space
    shown_en = quota_label(spec, "en")  # type: ignore[arg-type]
    assert shown_en.casefold() == english.casefold() and shown_en[0].isupper()
