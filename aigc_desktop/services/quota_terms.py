"""The quotas' names in the platform's own terms, per language (Qt-free, for the UI, exports and notices).

Labels come from ``resources/quota_fields.json``: English as the access doc words them, Chinese as the
platform's help page 用户接入 does (人物形象模型, TTS 个人音色模型, 可生成视频时长, …最大并发任务数).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aigc_desktop.platform.models import QuotaField
from aigc_desktop.platform.resources import load_json_resource
from aigc_desktop.platform.wording import SOURCE_LANGUAGE, normalise_language


@cache
def _data() -> dict[str, Any]:
    data = load_json_resource("quota_fields.json")
    assert isinstance(data, dict)
    return data


@cache
def _fields() -> dict[str, dict[str, str]]:
    return {str(item["key"]): item for item in _data()["fields"]}


def quota_label(spec: QuotaField, lang: str | None = SOURCE_LANGUAGE) -> str:
    """The pair's label in ``lang`` (``label_zh`` for Chinese; the English label otherwise)."""
    if normalise_language(lang) == "zh_CN":
        return _fields().get(spec.key, {}).get("label_zh") or spec.label
    return spec.label


def quota_unit(spec: QuotaField, lang: str | None = SOURCE_LANGUAGE) -> str:
    """The pair's unit in ``lang`` (may be empty: the doc gives video duration no unit)."""
    if normalise_language(lang) == "zh_CN":
        return _fields().get(spec.key, {}).get("unit_zh", spec.unit)
    return spec.unit


def unit_text(spec: QuotaField, lang: str | None = SOURCE_LANGUAGE) -> str:
    """The unit as a reader should see it: the unit, or what the doc says of it when it gives none.

    The access doc gives video generation duration no unit (seconds? minutes?): say so, never guess one.
    """
    unit = quota_unit(spec, lang)
    if unit:
        return unit
    entry = _fields().get(spec.key, {})
    if normalise_language(lang) == "zh_CN":
        return entry.get("unitNote_zh") or entry.get("unitNote", "")
    return entry.get("unitNote", "")


def platform_field(spec: QuotaField) -> str:
    """The platform's name for the pair: its fields without ``TotalQty`` (``genCharModel``)."""
    return spec.total_field.removesuffix("TotalQty")


def kind_name(kind: str, lang: str | None = SOURCE_LANGUAGE) -> str:
    """``quota`` / ``concurrency`` in ``lang``."""
    names = _data().get("kindNames", {})
    return str(names.get(normalise_language(lang), names.get(SOURCE_LANGUAGE, {})).get(kind, kind))


def export_columns(lang: str | None = SOURCE_LANGUAGE) -> tuple[str, ...]:
    """The CSV export's header row in ``lang``, one name per column of ``quota_export.CSV_COLUMNS``."""
    columns = _data()["exportColumns"]
    return tuple(columns.get(normalise_language(lang)) or columns[SOURCE_LANGUAGE])
