"""Prometheus metrics of the latest account loads, served from memory (a scrape never calls the platform).

``QuotaMetrics`` is a ``prometheus_client`` collector: ``update(results)`` (from the poller, on the
asyncio thread) builds the metric families once and swaps them in with one assignment;
``collect()`` (on the HTTP server's thread, per scrape) only yields what is there. A profile whose
last load failed keeps its last good numbers and reports ``aigc_up 0``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from aigc_desktop.services.fleet import LoadResult
from aigc_desktop.services.history import platform_time


@dataclass(frozen=True, slots=True)
class _Row:
    """What the exporter remembers per profile: the last good load and whether the latest one worked."""

    good: LoadResult | None
    up: bool


class QuotaMetrics(Collector):
    """The exporter's metric families, rebuilt after each poll."""

    def __init__(self) -> None:
        self._rows: dict[str, _Row] = {}
        self._families: tuple[Metric, ...] = ()

    def update(self, results: Iterable[LoadResult]) -> None:
        """Take a poll's results (keyed by profile name) and rebuild the families."""
        rows = dict(self._rows)
        for result in results:
            previous = rows.get(result.profile.name)
            good = result if result.ok else previous.good if previous else None
            rows[result.profile.name] = _Row(good, result.ok)
        self._rows = rows
        self._families = tuple(build_families(rows))

    def describe(self) -> Iterable[Metric]:
        return ()  # no describe pass: registering must not trigger a collect

    def collect(self) -> Iterator[Metric]:
        yield from self._families


def build_families(rows: dict[str, _Row]) -> Iterator[Metric]:
    used = GaugeMetricFamily("aigc_quota_used", "Quota or concurrency used", labels=["profile", "quota"])
    total = GaugeMetricFamily("aigc_quota_total", "Quota or concurrency total", labels=["profile", "quota"])
    ratio = GaugeMetricFamily(
        "aigc_quota_used_ratio", "Used / total (1 = used up)", labels=["profile", "quota"]
    )
    validity_end = GaugeMetricFamily(
        "aigc_account_validity_end_timestamp_seconds", "Service validity end (UNIX time)", labels=["profile"]
    )
    up = GaugeMetricFamily("aigc_up", "1 when the latest load of the profile succeeded", labels=["profile"])
    last_ok = GaugeMetricFamily(
        "aigc_last_success_timestamp_seconds",
        "When the profile was last loaded successfully (UNIX time)",
        labels=["profile"],
    )
    for name, row in sorted(rows.items()):
        up.add_metric([name], 1.0 if row.up else 0.0)
        good = row.good
        if good is None or good.account is None:
            continue
        if good.loaded_at is not None:
            last_ok.add_metric([name], good.loaded_at.timestamp())
        basic = good.account.basic_info
        end = platform_time(basic.effective_end) if basic is not None else None
        if end is not None:
            validity_end.add_metric([name], end.timestamp())
        config = good.account.resource_config
        for usage in config.all_usages if config else ():
            key = usage.spec.key
            if usage.used is not None:
                used.add_metric([name, key], float(usage.used))
            if usage.total is not None:
                total.add_metric([name, key], float(usage.total))
            if usage.percent is not None:
                ratio.add_metric([name, key], usage.percent / 100.0)
    yield from (used, total, ratio, validity_end, up, last_ok)
