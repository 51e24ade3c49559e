#!/usr/bin/env bash
# Set up everything the test suite needs on a fresh Debian/Ubuntu machine, then run it.
#
#   bash tests/run.sh            # the whole suite (what CI runs)
#   bash tests/run.sh -k token   # extra arguments go to pytest
#
# System packages: Qt's offscreen platform libraries, and gnome-keyring + D-Bus so the keyring tests
# talk to a real Secret Service. Python packages: a venv in .venv with the project and its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt's own libraries come from the one list the app checks at start-up (resources/linux_xcb_packages.json);
# the rest is what the tests need besides: offscreen GL, a keyring over D-Bus, Xvfb, screenshots, packaging checks.
qt_packages="$("${PYTHON:-python3}" -m aigc_desktop.services.xcb_check --packages debian)"
read -r -a QT_PACKAGES <<<"$qt_packages"
SYSTEM_PACKAGES=(
  "${QT_PACKAGES[@]}" libopengl0 libxcb-xinerama0
  dbus dbus-x11 gnome-keyring xvfb xauth imagemagick fonts-noto-cjk desktop-file-utils appstream curl
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,package]"

export QT_QPA_PLATFORM=offscreen
# Run inside a private D-Bus session with an unlocked gnome-keyring, so keyring tests use a real Secret Service.
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec dbus-run-session -- bash tests/in_keyring_session.sh "$@"
fi
exec bash tests/in_keyring_session.sh "$@"
