"""When to tell the user something without being asked: quota crossings, service end, token expiry.

Qt-free so the rules can be tested with plain numbers. The policy remembers what it already said,
so a quota that stays above 80% is announced once — not on every refresh — and is announced again
only after it fell below the threshold and crossed it anew. The UI (``ui/tray.py``) decides *how* to
show a ``Notification`` (tray balloon, or the status bar / banner when no tray exists).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from aigc_desktop.platform.models import QuotaUsage
from aigc_desktop.services.quota_terms import quota_label

VALIDITY_WARNING = timedelta(days=7)
TOKEN_WARNING = timedelta(minutes=10)


class Kind(StrEnum):
    QUOTA = "quota"
    VALIDITY = "validity"
    TOKEN = "token"


@dataclass(frozen=True, slots=True)
class Notification:
    """One thing to tell; ``level`` is "warning" or "error" (the UI picks the icon and colour)."""

    kind: Kind
    level: str
    key: str  # what it is about: a quota key, "validity" or "token"
    percent: float | None = None  # quota: the share used
    threshold: float | None = None  # quota: the threshold crossed
    remaining: timedelta | None = None  # validity / token: time left
    label: str = ""  # quota: the platform's term for it (``readings_for``)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Warning and critical shares in percent (80 / 95 by default); critical is never below warning."""

    warning: float = 80.0
    critical: float = 95.0

    def __post_init__(self) -> None:
        if not 0 < self.warning <= 100 or not 0 < self.critical <= 100:
            raise ValueError("thresholds must be between 1 and 100 percent")
        if self.critical < self.warning:
            raise ValueError("the critical threshold cannot be below the warning threshold")

    def level_of(self, percent: float | None) -> int:
        """0 below warning (or unknown), 1 at/above warning, 2 at/above critical."""
        if percent is None:
            return 0
        if percent >= self.critical:
            return 2
        if percent >= self.warning:
            return 1
        return 0


@dataclass(frozen=True, slots=True)
class QuotaReading:
    """One quota as the policy needs it (built from ``QuotaUsage`` by the caller)."""

    key: str
    label: str
    percent: float | None


def readings_for(usages: Iterable[QuotaUsage], lang: str = "en") -> list[QuotaReading]:
    """The policy's input from an account's usages, each named with the platform's own term in ``lang``."""
    return [QuotaReading(u.spec.key, quota_label(u.spec, lang), u.percent) for u in usages]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.astimezone()


class NotificationPolicy:
    """Remembers what was announced; each ``check_*`` returns only what is new."""

    def __init__(
        self, thresholds: Thresholds | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.thresholds = thresholds or Thresholds()
        self.clock = clock or (lambda: datetime.now(UTC))
        self.quota_alerts = True
        self.validity_alerts = True
        self.token_alerts = True
        self._quota_levels: dict[str, int] = {}
        self._validity_told: datetime | None = None
        self._token_told: datetime | None = None

    def reset(self) -> None:
        """Forget everything said (another profile was chosen)."""
        self._quota_levels.clear()
        self._validity_told = None
        self._token_told = None

    def check_quotas(self, readings: Iterable[QuotaReading]) -> list[Notification]:
        """One notification per quota whose level rose since the last reading (80%, then 95%)."""
        found: list[Notification] = []
        for reading in readings:
            level = self.thresholds.level_of(reading.percent)
            previous = self._quota_levels.get(reading.key, 0)
            self._quota_levels[reading.key] = level  # falling below re-arms the crossing
            if level > previous and self.quota_alerts:
                threshold = self.thresholds.critical if level == 2 else self.thresholds.warning
                found.append(
                    Notification(
                        Kind.QUOTA,
                        "error" if level == 2 else "warning",
                        reading.key,
                        percent=reading.percent,
                        threshold=threshold,
                        label=reading.label,
                    )
                )
        return found

    def check_validity(self, end: datetime | None, now: datetime | None = None) -> Notification | None:
        """Once per end date: the service validity ends within 7 days (or has ended)."""
        if end is None or not self.validity_alerts:
            return None
        end = _aware(end)
        remaining = end - _aware(now or self.clock())
        if remaining > VALIDITY_WARNING or self._validity_told == end:
            return None
        self._validity_told = end
        level = "error" if remaining <= timedelta(0) else "warning"
        return Notification(Kind.VALIDITY, level, "validity", remaining=max(remaining, timedelta(0)))

    def check_token(
        self, expires_at: datetime | None, *, auto_renew: bool, now: datetime | None = None
    ) -> Notification | None:
        """Once per token: it expires within 10 minutes and nothing will renew it."""
        if expires_at is None or auto_renew or not self.token_alerts:
            return None
        expires_at = _aware(expires_at)
        remaining = expires_at - _aware(now or self.clock())
        if remaining > TOKEN_WARNING or remaining <= timedelta(0) or self._token_told == expires_at:
            return None
        self._token_told = expires_at
        return Notification(Kind.TOKEN, "warning", "token", remaining=remaining)
