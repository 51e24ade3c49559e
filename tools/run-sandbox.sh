#!/usr/bin/env bash
# Set up AIGC Desktop and open it on its embedded sandbox (no account needed), on a fresh
# Debian/Ubuntu or Fedora desktop:
#
#   bash tools/run-sandbox.sh            # extra arguments go to aigc-desktop
#
# 1. System packages, with sudo and only those missing: the libraries Qt's X11 (xcb) platform needs
#    (the one list: resources/linux_xcb_packages.json, printed by aigc_desktop.services.xcb_check)
#    and, on Debian/Ubuntu, python3-venv (Debian's python3 cannot create a venv without it).
# 2. A venv in .venv with the app (pip install -e .).
# 3. aigc-desktop --sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "run-sandbox: AIGC Desktop needs Python 3.11 or later; $PYTHON is $("$PYTHON" --version 2>&1)." >&2
  echo "Set PYTHON=/path/to/python3.11 (or later) and run again." >&2
  exit 1
fi

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
# Only what does not load here: the check dlopen()s each library of the list, whatever package
# name or version the distribution gives it (Ubuntu 24.04's libglib2.0-0t64, Fedora's zlib-ng-compat).
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1; then
  packages="$("$PYTHON" -m aigc_desktop.services.xcb_check --missing debian)"
  read -r -a missing <<<"$packages"
  dpkg-query -W -f='${Status}' python3-venv 2>/dev/null | grep -q "install ok installed" || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
elif [ "$(uname -s)" = Linux ] && command -v dnf >/dev/null 2>&1; then
  packages="$("$PYTHON" -m aigc_desktop.services.xcb_check --missing fedora)"
  read -r -a missing <<<"$packages"
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    $SUDO dnf install -y -q "${missing[@]}"
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
exec .venv/bin/aigc-desktop --sandbox "$@"
