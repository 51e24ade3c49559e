"""Quota and concurrency usage as CSV or JSON, for the Quota pane's export (written off the GUI thread)."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from aigc_desktop.platform.models import Account
from aigc_desktop.services.private_files import write_private_text

CSV_COLUMNS = ("key", "kind", "label", "unit", "used", "total", "remaining", "percent")


def usage_rows(account: Account) -> list[dict[str, Any]]:
    """One row per used/total pair, in the order of ``resources/quota_fields.json``."""
    if account.resource_config is None:
        return []
    rows = []
    for usage in account.resource_config.all_usages:
        percent = usage.percent
        rows.append(
            {
                "key": usage.spec.key,
                "kind": usage.spec.kind,
                "label": usage.spec.label,
                "unit": usage.spec.unit,
                "used": usage.used,
                "total": usage.total,
                "remaining": usage.remaining,
                "percent": round(percent, 2) if percent is not None else None,
            }
        )
    return rows


def to_csv(account: Account) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in usage_rows(account):
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def to_json(account: Account, loaded_at: datetime | None) -> str:
    document = {
        "loadedAt": loaded_at.isoformat() if loaded_at else None,
        "accountId": account.basic_info.id if account.basic_info else None,
        "usages": usage_rows(account),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def write_export(path: Path, account: Account, loaded_at: datetime | None) -> Path:
    """Blocking write (run it in an executor): ``.json`` gives JSON, anything else CSV."""
    text = to_json(account, loaded_at) if path.suffix.lower() == ".json" else to_csv(account)
    return write_private_text(path, text)  # 0600: company and quotas are the user's business
