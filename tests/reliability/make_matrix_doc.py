"""Regenerate ``docs/reliability.md``: run the fault matrix with ``AIGC_WRITE_RELIABILITY_DOC=1``.

    python tests/reliability/make_matrix_doc.py        # from the repository root

The doc is written by ``tests/reliability/conftest.py`` at the end of the run, from what the tests
observed (never from the expectations), and only when every cell ran.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    env = {**os.environ, "AIGC_WRITE_RELIABILITY_DOC": "1", "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/reliability"]
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
