"""The pinned Qt binding must not leak references to ``None``.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` on every void call (``setText``,
``setEnabled`` ...): after tens of thousands of calls the interpreter aborts with ``none_dealloc``.
For a user that is a crash after about 40 minutes signed in, or a few hundred callbacks in the
receiver pane. The project pins a binding without the bug; this test keeps it that way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        label.setEnabled(True)
    print(sys.getrefcount(None) - before)
    """
)


def test_void_qt_calls_keep_none_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    lost = -int(result.stdout.strip())
    assert lost < 100, f"the Qt binding dropped {lost} references to None in 4,000 calls"
