"""Quota and concurrency usage as CSV or JSON, for the Quota pane's export (written off the GUI thread).

Labels are the platform's own terms in the export's language (``lang``); each row also names the platform's
field (``genCharModel``) so a row maps back to the API. The CSV header is in that language too (a Chinese
spreadsheet reads 已用 / 总量); JSON keeps its keys, which are for programs.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from aigc_desktop.platform.models import Account
from aigc_desktop.services.private_files import write_private_text
from aigc_desktop.services.quota_terms import (
    export_columns,
    kind_name,
    platform_field,
    quota_label,
    unit_text,
)

CSV_COLUMNS = ("key", "field", "kind", "label", "unit", "used", "total", "remaining", "percent")


def usage_rows(account: Account, lang: str = "en") -> list[dict[str, Any]]:
    """One row per used/total pair, in the order of ``resources/quota_fields.json``, labelled in ``lang``."""
    if account.resource_config is None:
        return []
    rows = []
    for usage in account.resource_config.all_usages:
        percent = usage.percent
        rows.append(
            {
                "key": usage.spec.key,
                "field": platform_field(usage.spec),
                "kind": usage.spec.kind,
                "label": quota_label(usage.spec, lang),
                "unit": unit_text(usage.spec, lang),
                "used": usage.used,
                "total": usage.total,
                "remaining": usage.remaining,
                "percent": round(percent, 2) if percent is not None else None,
            }
        )
    return rows


def to_csv(account: Account, lang: str = "en") -> str:
    """CSV with a header row in ``lang``; the kind column says quota / concurrency in that language too."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(export_columns(lang))
    for row in usage_rows(account, lang):
        row["kind"] = kind_name(row["kind"], lang)
        writer.writerow(["" if row[column] is None else row[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


def to_json(account: Account, loaded_at: datetime | None, lang: str = "en") -> str:
    document = {
        "loadedAt": loaded_at.isoformat() if loaded_at else None,
        "accountId": account.basic_info.id if account.basic_info else None,
        "language": lang,
        "usages": usage_rows(account, lang),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def write_export(path: Path, account: Account, loaded_at: datetime | None, lang: str = "en") -> Path:
    """Blocking write (run it in an executor): ``.json`` gives JSON, anything else CSV; labels in ``lang``."""
    text = to_json(account, loaded_at, lang) if path.suffix.lower() == ".json" else to_csv(account, lang)
    return write_private_text(path, text)  # 0600: company and quotas are the user's business
