"""The frozen app, as a user gets it: built by packaging/build.py, run from its folder.

Slow (a PyInstaller build, ~30-90 s on 2 cores); skipped only when PyInstaller is not installed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.packaging.conftest import FrozenBundle
from tests.packaging.helpers import load_packaging_module

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

IS_LINUX = sys.platform.startswith("linux")
INTERNAL = "_internal"


def test_frozen_self_test_signs_in_and_loads_quotas(
    frozen_bundle: FrozenBundle, isolated_env: dict[str, str]
) -> None:
    result = frozen_bundle.run("--self-test", env=isolated_env)
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert result.stdout.strip().splitlines()[-1] == "self-test ok"
    assert result.stdout.startswith("Signed in: the access token expires in")
    assert re.search(r"used \d+ / total \d+", result.stdout), result.stdout


def test_frozen_sign_token_reads_the_app_key_from_the_environment(
    frozen_bundle: FrozenBundle, isolated_env: dict[str, str]
) -> None:
    app_key = "frozen-test-app-key-0123456789"
    env = dict(isolated_env, AIGC_APP_KEY=app_key)
    result = frozen_bundle.run("sign", "token", "--app-id", "X", "--timestamp", "1700000000000", env=env)
    assert result.returncode == 0, result.stderr
    expected = hashlib.md5(b"X1700000000000" + app_key.encode()).hexdigest()
    assert f"sign: {expected}" in result.stdout
    assert app_key not in result.stdout + result.stderr


def test_frozen_sign_token_without_a_key_says_where_to_put_it(
    frozen_bundle: FrozenBundle, isolated_env: dict[str, str]
) -> None:
    result = frozen_bundle.run("sign", "token", "--app-id", "X", env=isolated_env)
    assert result.returncode == 2
    assert "AIGC_APP_KEY" in result.stderr


def test_frozen_error_lookup_reads_the_bundled_catalogue(
    frozen_bundle: FrozenBundle, isolated_env: dict[str, str]
) -> None:
    result = frozen_bundle.run("errors", "60112161", env=isolated_env)
    assert result.returncode == 0, result.stderr
    assert "60112161" in result.stdout
    assert "Refresh token too frequent" in result.stdout


def test_frozen_version_is_the_package_version(
    frozen_bundle: FrozenBundle, isolated_env: dict[str, str]
) -> None:
    import aigc_desktop

    result = frozen_bundle.run("--version", env=isolated_env)
    assert result.stdout.strip() == f"aigc-desktop {aigc_desktop.__version__}"


def test_bundle_carries_keyring_backend_metadata_and_modules(frozen_bundle: FrozenBundle) -> None:
    """keyring discovers backends through entry points: without the metadata it silently finds none."""
    internal = frozen_bundle.folder / INTERNAL
    entry_points = list(internal.glob("keyring-*.dist-info/entry_points.txt"))
    assert entry_points, "keyring's dist-info (entry points) is missing from the bundle"
    backends = entry_points[0].read_text("utf-8")
    for backend in ("SecretService", "Windows", "macOS"):
        assert f"{backend} = keyring.backends.{backend}" in backends
    wanted = ["keyring.backends.SecretService", "keyring.backends.chainer"]
    if IS_LINUX:
        assert list(internal.glob("secretstorage-*.dist-info")), "SecretStorage metadata missing"
        assert list(internal.glob("jeepney-*.dist-info")), "jeepney metadata missing"
        wanted += ["secretstorage", "jeepney", "jeepney.io.blocking"]
    listing = subprocess.run(
        [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "--recursive", "--brief",
         str(frozen_bundle.folder / frozen_bundle.executable.name)],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout.split()  # fmt: skip
    missing = [module for module in wanted if module not in listing]
    assert not missing, f"modules missing from the frozen app: {missing}"


def test_frozen_app_reports_its_keyring(frozen_bundle: FrozenBundle, isolated_env: dict[str, str]) -> None:
    """The frozen app either finds a usable keyring backend or says plainly that none is usable."""
    result = frozen_bundle.run("--keyring-check", env=isolated_env, timeout=60)
    output = result.stdout.strip()
    assert output.startswith("keyring: "), output + result.stderr
    if os.environ.get("AIGC_TEST_REAL_KEYRING") == "1":  # tests/in_keyring_session.sh unlocked one
        assert result.returncode == 0, output
        assert "Secret Service" in output
    elif result.returncode != 0:
        assert "none usable" in output and "session" in output, output


def test_bundle_leaves_out_what_a_widgets_app_does_not_use(frozen_bundle: FrozenBundle) -> None:
    internal = frozen_bundle.folder / INTERNAL
    names = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    unwanted = re.compile(
        r"Qt6?(Qml|Quick|WebEngine|Pdf|Multimedia|Designer|3D|VirtualKeyboard)|/qml/|tkinter|tcl|"
        r"(^|/)(pytest|_pytest|hypothesis|mypy)(/|$)|libgtk-3|platforms/lib(qvnc|qeglfs|qlinuxfb)",
    )
    assert not [n for n in names if unwanted.search(n)]
    translations = [n for n in names if "/translations/" in n and n.endswith(".qm") and "PySide6" in n]
    assert translations and all(Path(n).name.startswith("qtbase_") for n in translations)
    assert (internal / "resources" / "error_codes.json").is_file()


@pytest.mark.skipif(not IS_LINUX, reason="the tar.gz is the Linux artefact")
def test_linux_tarball_installs_a_menu_entry_that_starts_the_app(
    frozen_bundle: FrozenBundle, isolated_env: dict[str, str], tmp_path: Path
) -> None:
    build = load_packaging_module("build")
    rules = load_packaging_module("bundle_rules")
    version = rules.read_version()
    tarball = build.linux_tarball(frozen_bundle.folder, tmp_path, version)
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    top = tmp_path / "unpacked" / f"aigc-desktop-{version}"
    metainfo = (top / "share" / "metainfo" / f"{rules.APP_ID}.metainfo.xml").read_text("utf-8")
    assert f'<release version="{version}"' in metainfo

    home = Path(isolated_env["HOME"])
    env = dict(isolated_env, XDG_DATA_HOME=str(home / ".local" / "share"))
    subprocess.run(["sh", str(top / "install.sh")], env=env, check=True, capture_output=True, timeout=120)
    desktop = (home / ".local" / "share" / "applications" / f"{rules.APP_ID}.desktop").read_text("utf-8")
    exec_line = next(line for line in desktop.splitlines() if line.startswith("Exec="))
    program = Path(exec_line.removeprefix("Exec="))
    assert program.is_file() and os.access(program, os.X_OK)
    assert (
        home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{rules.APP_ID}.png"
    ).is_file()
    result = subprocess.run(
        [str(program), "--self-test"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and "self-test ok" in result.stdout, result.stdout + result.stderr

    subprocess.run(["sh", str(top / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True)
    assert not program.exists()
    assert not (home / ".local" / "share" / "applications" / f"{rules.APP_ID}.desktop").exists()
