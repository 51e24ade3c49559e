#!/usr/bin/env bash
# Mutation testing of the core rules with mutmut (pinned in the `mutation` extra), then the score.
#
#   bash tests/mutation/run.sh            # ~10 min on 2 cores; results in mutants/ (git-ignored)
#   MUTATION_MAX_SURVIVORS=5 bash tests/mutation/run.sh   # exit 1 when more than 5 % survive
#
# Mutated: platform/signing.py, platform/refresh_guard.py, platform/redaction.py, callbacks/verify.py,
# callbacks/replay.py and the receiver's body-limit code (receiver.py: _read_body, _read_limited,
# _too_large and the limit checks in __init__ / _handle). Tests run: [tool.mutmut] in pyproject.toml.
# Not part of every CI run (too slow): .github/workflows/mutation.yml runs it weekly and on demand.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
"$PY" -c "import mutmut" 2>/dev/null || "$PY" -m pip install -q -e ".[test,mutation]"
MUTMUT="$(dirname "$PY")/mutmut"  # `python -m mutmut` is refused by mutmut itself
[ -x "$MUTMUT" ] || MUTMUT=mutmut
export QT_QPA_PLATFORM=offscreen
rm -rf mutants  # a fresh copy: results of an older source or test set are never reused
"$MUTMUT" run --max-children "${MUTATION_JOBS:-2}" \
  "aigc_desktop.platform.signing*" "aigc_desktop.platform.refresh_guard*" "aigc_desktop.platform.redaction*" \
  "aigc_desktop.callbacks.verify*" "aigc_desktop.callbacks.replay*" \
  "aigc_desktop.callbacks.receiver.xǁCallbackReceiverǁ_read_*" \
  "aigc_desktop.callbacks.receiver.xǁCallbackReceiverǁ_too_large*" \
  "aigc_desktop.callbacks.receiver.xǁCallbackReceiverǁ_handle*" \
  "aigc_desktop.callbacks.receiver.xǁCallbackReceiverǁ__init__*" > mutants.log 2>&1 || {
    tail -40 mutants.log; exit 2; }
args=(--survivors)
[ -n "${MUTATION_MAX_SURVIVORS:-}" ] && args+=(--max-survivor-percent "$MUTATION_MAX_SURVIVORS")
"$PY" tests/mutation/score.py "${args[@]}"
