"""``aigc-desktop --sandbox`` end to end in a subprocess: a living app, then a clean shutdown."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

DRIVER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from aigc_desktop.cli import main

    app = QApplication([sys.argv[0]])

    def poll():
        for widget in QApplication.topLevelWidgets():
            ctx = getattr(widget, "ctx", None)
            if ctx is not None and ctx.model.session is not None and ctx.model.session.account is not None:
                print("READY", widget.panes["quotas"].bars["avatarModel"].numbers.text(), flush=True)
                widget.close()
                return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    sys.exit(main(["--sandbox"]))
    """
)


def test_sandbox_mode_signs_in_and_shuts_down_cleanly(tmp_path: Path) -> None:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(tmp_path),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        PYTHONWARNINGS="default",
    )
    result = subprocess.run(
        [sys.executable, "-c", DRIVER], capture_output=True, text=True, timeout=60, env=env, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "READY used 2 / total 12 models" in result.stdout
    for problem in ("Task was destroyed", "Unclosed", "Traceback", "Event loop stopped"):
        assert problem not in output
    (ini,) = (tmp_path / "config").rglob("*.ini")
    text = ini.read_text(encoding="utf-8")
    assert "Sandbox" in text and "window" in text  # profile and geometry saved
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*") if p.is_file()
    )
    assert "DemoAppKey0123456789abcdef" not in written + output
