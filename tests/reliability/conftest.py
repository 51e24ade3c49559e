"""Reliability and security tests (issue #6): fault matrix, secret audit, fuzzing, keyring, crash safety.

Hypothesis runs >= 2,000 examples per property when ``CI=true`` (profile ``reliability-ci``) and a few
hundred locally. With ``AIGC_WRITE_RELIABILITY_DOC=1`` the session writes ``docs/reliability.md`` from
the fault matrix observations, once every cell has run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.reliability import matrix

settings.register_profile(
    "reliability-ci",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
settings.register_profile(
    "reliability-dev",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
FUZZ = settings.get_profile("reliability-ci" if IN_CI else "reliability-dev")
DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
WRITE_DOC_ENV = "AIGC_WRITE_RELIABILITY_DOC"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Write docs/reliability.md from this run's matrix, when asked and when the matrix is complete."""
    if os.environ.get(WRITE_DOC_ENV) != "1" or not matrix.RESULTS:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not matrix.complete():
        if reporter is not None:
            reporter.write_line(f"{DOC_PATH.name} not written: the fault matrix did not run completely")
        return
    kept = ""  # the hand-kept figures after the marker (measured by the benchmarks, not by this run)
    if DOC_PATH.exists():
        _, marker, tail = DOC_PATH.read_text(encoding="utf-8").partition(matrix.KEPT_MARKER)
        kept = marker + tail if marker else ""
    DOC_PATH.write_text(matrix.render_markdown() + ("\n" + kept if kept else ""), encoding="utf-8")
    if reporter is not None:
        reporter.write_line(f"wrote {DOC_PATH}")


# GUI fixtures of tests/ui (a qasync loop on pytest-qt's QApplication, isolated QSettings); the in-memory
# keyring comes from tests/conftest.py.
from tests.ui.conftest import (  # noqa: E402
    _no_user_settings,
    aio,
    settings,
    settings_path,
)

__all__ = ["FUZZ", "_no_user_settings", "aio", "settings", "settings_path"]
