"""Usage that grows with the sandbox clock, so charts and forecasts have real data in a demo.

Off by default (the sandbox's numbers stay exactly as set). When on, every quota's use (not the
concurrency limits) grows by ``percent_per_hour`` of its total per hour of sandbox time — real time
plus any clock advance — up to the total. Growth is applied when an account is read, from the last
time it was applied; fractions are carried over so a slow rate still adds up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aigc_desktop.platform.models import load_quota_fields
from aigc_desktop.sandbox.accounts import SandboxAccount


@dataclass(slots=True)
class UsageGrowth:
    """Grow each quota's use by ``percent_per_hour`` % of its total per sandbox hour (> 0)."""

    percent_per_hour: float
    _since: dict[str, float] = field(default_factory=dict)
    _carry: dict[tuple[str, str], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.percent_per_hour > 0 or self.percent_per_hour > 100:
            raise ValueError(
                f"usage growth must be more than 0 and at most 100 % per hour; got {self.percent_per_hour}"
            )

    def apply(self, account: SandboxAccount, now: float) -> None:
        """Add the growth since the account was last read (the first read only starts the count)."""
        since = self._since.get(account.app_id)
        self._since[account.app_id] = now
        if since is None or now <= since:
            return
        hours = (now - since) / 3600.0
        numbers = account.resource_config
        for spec in load_quota_fields():
            if spec.kind != "quota":
                continue
            total = numbers.get(spec.total_field, 0)
            used = numbers.get(spec.used_field, 0)
            if total <= 0 or used >= total:
                continue
            key = (account.app_id, spec.used_field)
            grown = self._carry.get(key, 0.0) + total * self.percent_per_hour / 100.0 * hours
            whole = int(grown)
            self._carry[key] = grown - whole
            numbers[spec.used_field] = min(total, used + whole)
