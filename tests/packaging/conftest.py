"""The frozen bundle under test: built once per session with ``packaging/build.py``, or reused.

Set ``AIGC_FROZEN_BUNDLE`` to the folder of an already built bundle (``dist/aigc-desktop``) to test
that instead of building one, as the release workflow does.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging.helpers import PACKAGING, REPO_ROOT

BUILD_TIMEOUT_S = 600


@dataclass(frozen=True)
class FrozenBundle:
    folder: Path
    dist: Path

    @property
    def executable(self) -> Path:
        """The program scripts run: on Windows the console twin, whose stdout is visible."""
        name = "aigc-desktop-cli.exe" if sys.platform == "win32" else "aigc-desktop"
        return self.folder / name

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.executable), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )


@pytest.fixture(scope="session")
def frozen_bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FrozenBundle]:
    prebuilt = os.environ.get("AIGC_FROZEN_BUNDLE")
    if prebuilt:
        folder = Path(prebuilt).resolve()
        assert folder.is_dir(), f"AIGC_FROZEN_BUNDLE={prebuilt} is not a folder"
        yield FrozenBundle(folder, folder.parent)
        return
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed: pip install -e '.[package]'")
    root = tmp_path_factory.mktemp("frozen")
    dist, work = root / "dist", root / "work"
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--dist", str(dist), "--work", str(work)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    assert result.returncode == 0, f"build.py failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    print(result.stdout.strip().splitlines()[-1])  # "bundle: ... MB in N files"
    yield FrozenBundle(dist / "aigc-desktop", dist)


@pytest.fixture
def isolated_env(tmp_path: Path) -> dict[str, str]:
    """The frozen app's environment: offscreen Qt, a throwaway home, no AppKey unless a test adds one.

    The D-Bus session (and with it the test keyring set up by tests/in_keyring_session.sh) is kept.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AIGC_APP_KEY", "AIGC_AUTH_KEY", "PYTHON_KEYRING_BACKEND", "QT_LOGGING"))
    }
    home = tmp_path / "home"
    home.mkdir()
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "APPDATA": str(home / "AppData" / "Roaming"),
            "LOCALAPPDATA": str(home / "AppData" / "Local"),
        }
    )
    # XDG_DATA_HOME is where gnome-keyring keeps the throwaway test keyring: leave it as it is.
    return env
