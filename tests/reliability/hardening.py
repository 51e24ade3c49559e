"""Issue 15 (hardening, round two): what each hostile or broken input really did, for the doc.

Tests under ``tests/reliability`` call ``record`` with what they observed (exit codes, answers, file
modes, the time a refusal took); ``render`` turns that into the "Hardening" section of
``docs/reliability.md`` (written by ``conftest.py`` when ``AIGC_WRITE_RELIABILITY_DOC=1``).
"""

from __future__ import annotations

ROWS: dict[str, tuple[str, str, str]] = {}  # key -> (issue item, input, observed behaviour)


def record(key: str, item: str, given: str, observed: str) -> None:
    """Keep one observation; ``key`` orders the rows (item number first)."""
    ROWS[key] = (item, given, observed)


def _cell(text: str) -> str:
    return text.replace("\n", " / ").replace("|", "\\|")


def render() -> list[str]:
    """The section's Markdown lines (none when nothing was recorded)."""
    if not ROWS:
        return []
    rows = [
        f"| {_cell(item)} | {_cell(given)} | {_cell(observed)} |"
        for _key, (item, given, observed) in sorted(ROWS.items())
    ]
    return [
        "## Hardening (issue 15): hostile and broken input",
        "",
        "Each row is what the test observed in this run (`tests/reliability/test_hardening.py` and the GUI",
        "audit of `test_secret_audit.py`); times are wall-clock on the test machine, not goals.",
        "",
        "| item | input | observed |",
        "|---|---|---|",
        *rows,
        "",
    ]
