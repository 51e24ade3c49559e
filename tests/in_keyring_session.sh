#!/usr/bin/env bash
# Runs checks and the suite; started by tests/run.sh inside `dbus-run-session` when available.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # A throwaway keyring home so the developer's own keyring is never touched.
  export XDG_DATA_HOME; XDG_DATA_HOME="$(mktemp -d)"
  printf 'aigc-test-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export AIGC_TEST_REAL_KEYRING=1
fi
.venv/bin/ruff check aigc_desktop tests
.venv/bin/ruff format --check aigc_desktop tests
.venv/bin/mypy
.venv/bin/lint-imports
# Without paths: the GUI tests run in a process of their own. Hundreds of windows and event loops made
# and torn down in one process leave Qt more state than a user's session ever builds; apart, each half
# starts clean. With paths (tests/…), pytest runs just those.
for arg in "$@"; do
  case "$arg" in tests/*|./tests/*) exec .venv/bin/python -m pytest "$@" ;; esac
done
status=0
.venv/bin/python -m pytest --ignore=tests/ui "$@" || status=$?
.venv/bin/python -m pytest tests/ui "$@" || status=$?
exit "$status"
