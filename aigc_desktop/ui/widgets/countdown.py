"""Durations and moments written the way people read them (shared by the token and account panes)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication

# lupdate finds translate("context", "text") calls; the context names one module's messages.
translate = QCoreApplication.translate

# The platform writes dates without a zone; they are China Standard Time (the service's home zone).
PLATFORM_TZ = timezone(timedelta(hours=8), "CST")


def platform_time(moment: datetime | None) -> datetime | None:
    """A platform date made zone-aware (naive values are China Standard Time)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=PLATFORM_TZ)


def format_duration(delta: timedelta) -> str:
    """``7 h 59 min 58 s``; days appear only when needed; never negative."""
    total = max(int(delta.total_seconds()), 0)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days:
        return (
            translate("countdown", "%1 d %2 h %3 min")
            .replace("%1", str(days))
            .replace("%2", str(hours))
            .replace("%3", str(minutes))
        )
    if hours:
        return (
            translate("countdown", "%1 h %2 min %3 s")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
            .replace("%3", f"{seconds:02d}")
        )
    if minutes:
        return (
            translate("countdown", "%1 min %2 s").replace("%1", str(minutes)).replace("%2", f"{seconds:02d}")
        )
    return translate("countdown", "%1 s").replace("%1", str(seconds))


def format_local(moment: datetime | None) -> str:
    """A moment in local time, ``2026-11-27 20:35:10``; an em dash when unknown."""
    if moment is None:
        return "—"
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%Y-%m-%d %H:%M:%S")
