"""One profile's load as a plain, JSON-ready report: validity, quotas, forecasts, threshold warnings.

Shared by ``aigc-desktop status`` (its ``--json`` schema is documented in ``docs/status-json.md``) and
usable by the Overview pane. Pure: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aigc_desktop.services.fleet import LoadResult
from aigc_desktop.services.forecast import Forecast, forecasts, validity
from aigc_desktop.services.history import Snapshot, platform_time

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class Thresholds:
    """A quota at or above ``warn_at`` percent, or validity ending within ``expiry_days``, is a warning."""

    warn_at: float = 90.0
    expiry_days: float = 7.0


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def _forecast_json(value: Forecast | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "outlook": value.outlook.value,
        "runsOutAt": _iso(value.runs_out_at),
        "perDay": round(value.per_day, 4) if value.per_day is not None else None,
        "text": value.describe(),
    }


def profile_report(
    result: LoadResult, history: Sequence[Snapshot], thresholds: Thresholds, now: datetime
) -> dict[str, Any]:
    """The ``profiles[]`` entry of ``status --json`` for one load (see ``docs/status-json.md``)."""
    profile = result.profile
    report: dict[str, Any] = {
        "name": profile.name,
        "id": profile.id,
        "baseUrl": profile.base_url,
        "appId": profile.app_id,
        "sandbox": profile.is_sandbox,
        "ok": result.ok,
        "error": {"message": result.error, "code": result.error_code} if result.error else None,
        "loadedAt": _iso(result.loaded_at),
        "tokenExpiresAt": _iso(result.token_expires_at),
        "validity": None,
        "quotas": [],
        "warnings": [],
        "historyError": result.history_error,
    }
    account = result.account
    if account is None:
        return report
    warnings: list[str] = report["warnings"]
    basic = account.basic_info
    begin = platform_time(basic.effective_begin) if basic else None
    end = platform_time(basic.effective_end) if basic else None
    if begin is not None or end is not None:
        left = validity(end, now)
        report["validity"] = {
            "begin": _iso(begin),
            "end": _iso(end),
            "daysLeft": left.days_left if left else None,
            "ended": left.ended if left else None,
            "text": left.describe() if left else None,
        }
        if end is not None and end - now <= timedelta(days=thresholds.expiry_days):
            text = left.describe() if left else "ends soon"
            warnings.append(f"service validity {text} (within {thresholds.expiry_days:g} days)")
    outlooks = forecasts(history, now) if history else {}
    for usage in account.resource_config.all_usages if account.resource_config else ():
        spec = usage.spec
        percent = usage.percent
        warn = spec.kind == "quota" and percent is not None and percent >= thresholds.warn_at
        if warn:
            warnings.append(f"{spec.label} at {percent:.1f}% (warn at {thresholds.warn_at:g}%)")
        report["quotas"].append(
            {
                "key": spec.key,
                "kind": spec.kind,
                "label": spec.label,
                "unit": spec.unit,
                "used": usage.used,
                "total": usage.total,
                "remaining": usage.remaining,
                "percent": round(percent, 2) if percent is not None else None,
                "warn": warn,
                "forecast": _forecast_json(outlooks.get(spec.key)) if spec.kind == "quota" else None,
            }
        )
    return report
