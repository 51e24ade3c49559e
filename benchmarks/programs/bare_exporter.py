"""Baseline of the exporter benchmark: a bare ``prometheus-client`` exporter serving the same metrics.

``bare_exporter.py PORT METRICS_FILE``: reads the app exporter's own metrics text (fetched by the runner
once the app has loaded every profile), registers one Gauge per family with the same labels and values,
serves them with ``start_http_server`` on 127.0.0.1:PORT, prints ``bare exporter ready`` and waits for
stdin to close. No platform, no polling: what is left is prometheus-client answering scrapes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, start_http_server
from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    port, metrics_file = int(sys.argv[1]), Path(sys.argv[2])
    registry = CollectorRegistry(auto_describe=False)
    for family in text_string_to_metric_families(metrics_file.read_text(encoding="utf-8")):
        if not family.samples:
            continue
        labels = sorted(family.samples[0].labels)
        gauge = Gauge(family.name, family.documentation, labels, registry=registry)
        for sample in family.samples:
            gauge.labels(**sample.labels).set(sample.value)
    start_http_server(port, addr="127.0.0.1", registry=registry)
    print("bare exporter ready", flush=True)
    sys.stdin.read()  # until the runner closes stdin
    return 0


if __name__ == "__main__":
    sys.exit(main())
