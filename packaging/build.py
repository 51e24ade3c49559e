"""Build AIGC Desktop's frozen bundle on this OS, and optionally its installer.

    python packaging/build.py                    # dist/aigc-desktop/ (macOS: also "dist/AIGC Desktop.app")
    python packaging/build.py --installer        # + tar.gz (Linux), Inno Setup .exe (Windows), .dmg (macOS)
    python packaging/build.py --baseline         # the hello-world baseline, frozen the same way

Needs the ``package`` extra (``pip install -e ".[package]"``). The version comes from
``aigc_desktop/__init__.py`` and nowhere else. Prints the bundle's size and file count at the end.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_rules as rules

ROOT = rules.REPO_ROOT
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "aigc-desktop.spec"
ICONS = ROOT / "resources" / "icons"
LINUX_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def bundle_stats(folder: Path) -> tuple[float, int]:
    """(size in MB, number of files) of a bundle folder; symlinks count as files of size 0."""
    total, count = 0, 0
    for path in folder.rglob("*"):
        if path.is_symlink():
            count += 1
        elif path.is_file():
            count += 1
            total += path.stat().st_size
    return total / 1_000_000, count


def freeze(dist: Path, work: Path, *, baseline: bool = False, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the one-folder bundle's directory."""
    if not baseline and not (ICONS / "aigc-desktop.ico").is_file():
        subprocess.run([sys.executable, str(PACKAGING / "make_icons.py")], check=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work / ("hello-world" if baseline else rules.EXE_NAME)),
        str(SPEC),
    ]
    if clean:
        command.insert(3, "--clean")
    if baseline:
        command += ["--", "--baseline"]
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT)
    name = "hello-world" if baseline else rules.EXE_NAME
    print(f"froze {name} in {time.monotonic() - started:.0f} s")
    return dist / name


def _machine() -> str:
    """x86_64 / arm64 (macOS) / aarch64 (Linux): each OS's usual name in file names."""
    arch = {"amd64": "x86_64", "x64": "x86_64"}.get(platform.machine().lower(), platform.machine().lower())
    if arch in ("arm64", "aarch64"):
        return "arm64" if sys.platform == "darwin" else "aarch64"
    return arch


def _render(template: Path, version: str) -> str:
    today = datetime.now(UTC).date().isoformat()
    return template.read_text("utf-8").replace("@VERSION@", version).replace("@DATE@", today)


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


def linux_tarball(bundle: Path, out_dir: Path, version: str) -> Path:
    """``aigc-desktop-<version>-linux-<arch>.tar.gz``: the bundle, .desktop, metainfo, icons, install.sh."""
    top = f"aigc-desktop-{version}"
    target = out_dir / f"{top}-linux-{_machine()}.tar.gz"
    linux = PACKAGING / "linux"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{top}/{rules.EXE_NAME}")
        _add_bytes(
            tar,
            f"{top}/share/applications/{rules.APP_ID}.desktop",
            _render(linux / f"{rules.APP_ID}.desktop", version).encode(),
        )
        _add_bytes(
            tar,
            f"{top}/share/metainfo/{rules.APP_ID}.metainfo.xml",
            _render(linux / f"{rules.APP_ID}.metainfo.xml", version).encode(),
        )
        for px in LINUX_ICON_SIZES:
            tar.add(
                ICONS / f"aigc-desktop-{px}.png",
                arcname=f"{top}/share/icons/hicolor/{px}x{px}/apps/{rules.APP_ID}.png",
            )
        tar.add(linux / "install.sh", arcname=f"{top}/install.sh")
        tar.add(linux / "README.txt", arcname=f"{top}/README.txt")
    return target


def windows_installer(bundle: Path, out_dir: Path, version: str) -> Path:
    """Compile the Inno Setup script (needs ISCC.exe on PATH or in the default install folder)."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if not iscc:
        for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
            candidate = Path(base or "") / "Inno Setup 6" / "ISCC.exe"
            if base and candidate.is_file():
                iscc = str(candidate)
                break
    if not iscc:
        raise SystemExit("Inno Setup's ISCC.exe not found: install Inno Setup 6 (choco install innosetup)")
    numbers = ".".join(map(str, rules.version_tuple(version)))
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={version}",
            f"/DAppVersionNumbers={numbers}",
            f"/DBundleDir={bundle}",
            f"/DOutputDir={out_dir}",
            f"/DIconFile={ICONS / 'aigc-desktop.ico'}",
            str(PACKAGING / "windows" / "aigc-desktop.iss"),
        ],
        check=True,
    )
    return out_dir / f"aigc-desktop-{version}-windows-setup.exe"


def macos_dmg(app: Path, out_dir: Path, version: str) -> Path:
    """Sign (when credentials are set), package and notarise (likewise) the .app as a .dmg."""
    target = out_dir / f"aigc-desktop-{version}-macos-{_machine()}.dmg"
    subprocess.run(["bash", str(PACKAGING / "macos" / "make_dmg.sh"), str(app), str(target)], check=True)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the AIGC Desktop bundle (and installer) for this OS.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build", help="PyInstaller work folder (default: build/)"
    )
    parser.add_argument("--baseline", action="store_true", help="build the hello-world baseline instead")
    parser.add_argument("--installer", action="store_true", help="also build this OS's installer")
    parser.add_argument("--clean", action="store_true", help="discard PyInstaller's cache first")
    args = parser.parse_args(argv)

    version = rules.read_version()
    dist, work = args.dist.resolve(), args.work.resolve()
    bundle = freeze(dist, work, baseline=args.baseline, clean=args.clean)
    size_mb, files = bundle_stats(bundle)
    print(f"bundle: {bundle}  {size_mb:.1f} MB in {files} files  (version {version})")

    if args.installer and not args.baseline:
        if sys.platform.startswith("linux"):
            artefact = linux_tarball(bundle, dist, version)
        elif sys.platform == "win32":
            artefact = windows_installer(bundle, dist, version)
        elif sys.platform == "darwin":
            artefact = macos_dmg(dist / f"{rules.APP_NAME}.app", dist, version)
        else:
            raise SystemExit(f"no installer for {sys.platform}")
        print(f"installer: {artefact}  {artefact.stat().st_size / 1_000_000:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
