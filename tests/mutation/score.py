"""Mutation score of the core rules, from the results ``mutmut run`` left in ``mutants/``.

Counted: every mutant of signing, refresh_guard, redaction, verify and replay, and of the receiver only the
body-limit code (``_read_body``, ``_read_limited``, ``_too_large``, and the lines of ``__init__`` / ``_handle``
that mention the limit). Killed = a test failed (or timed out); everything else that was generated counts
against the score, including mutants no selected test reaches. ``--survivors`` lists each one's diff line.

    python tests/mutation/score.py [--survivors] [--max-survivor-percent 5]
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MUTANTS = ROOT / "mutants"
WHOLE_MODULES = (
    "aigc_desktop/platform/signing.py",
    "aigc_desktop/platform/refresh_guard.py",
    "aigc_desktop/platform/redaction.py",
    "aigc_desktop/callbacks/verify.py",
    "aigc_desktop/callbacks/replay.py",
)
RECEIVER = "aigc_desktop/callbacks/receiver.py"
RECEIVER_WHOLE_FUNCTIONS = ("_read_body", "_read_limited", "_too_large")
RECEIVER_LIMIT_LINES_IN = ("__init__", "_handle")
LIMIT_WORDS = ("body_limit", "declared", "_TooLarge", "_too_large")
KILLED = {1, 3, 36, 24, -24, 152, 255}  # a test failed, pytest errored, or the mutant hung (timeout)
STATUS = {0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", None: "not run"}


def mutant_functions(path: Path) -> dict[str, list[str]]:
    """The source lines of every function in a mutated file, by name (``..._mutmut_orig``, ``..._mutmut_7``)."""
    source = path.read_text("utf-8")
    tree = ast.parse(source)
    lines = source.splitlines()
    found: dict[str, list[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name:
            found[node.name] = lines[node.lineno : node.end_lineno]  # the body, without the def line
    return found


def changed_lines(functions: dict[str, list[str]], key: str) -> list[str]:
    """What the mutant changed, as the original and mutated lines of its function."""
    local = key.rsplit(".", 1)[1]
    original = functions.get(local.rsplit("__mutmut_", 1)[0] + "__mutmut_orig", [])
    mutated = functions.get(local, [])
    return [
        line
        for line in difflib.unified_diff(original, mutated, lineterm="", n=0)
        if line[:1] in "-+" and not line.startswith(("---", "+++"))
    ]


def method_of(key: str) -> str:
    local = key.rsplit(".", 1)[1].rsplit("__mutmut_", 1)[0]
    return local.split("ǁ")[-1] if "ǁ" in local else local.removeprefix("x_")


def counted(module: str, key: str, functions: dict[str, list[str]]) -> bool:
    if module != RECEIVER:
        return True
    method = method_of(key)
    if method in RECEIVER_WHOLE_FUNCTIONS:
        return True
    if method in RECEIVER_LIMIT_LINES_IN:
        return any(word in line for line in changed_lines(functions, key) for word in LIMIT_WORDS)
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--survivors", action="store_true", help="list every mutant that was not killed")
    parser.add_argument("--max-survivor-percent", type=float, default=None, help="exit 1 above this")
    args = parser.parse_args(argv)
    totals: Counter[str] = Counter()
    survivors: list[tuple[str, str, list[str]]] = []
    print(f"{'module':42} {'mutants':>7} {'killed':>7} {'survived':>8} {'score':>7}")
    for module in (*WHOLE_MODULES, RECEIVER):
        meta = MUTANTS / (module + ".meta")
        if not meta.is_file():
            print(f"{module}: no results in {meta} (run tests/mutation/run.sh first)", file=sys.stderr)
            return 2
        results = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        functions = mutant_functions(MUTANTS / module)
        row: Counter[str] = Counter()
        for key, code in sorted(results.items()):
            if not counted(module, key, functions):
                continue
            row["mutants"] += 1
            if code in KILLED or code == 37:  # 37: caught by the type checker
                row["killed"] += 1
            else:
                row["survived"] += 1
                survivors.append((key, STATUS.get(code, f"exit {code}"), changed_lines(functions, key)))
        totals.update(row)
        name = module + (" (body limit)" if module == RECEIVER else "")
        score = 100 * row["killed"] / row["mutants"] if row["mutants"] else 100.0
        print(f"{name:42} {row['mutants']:7} {row['killed']:7} {row['survived']:8} {score:6.1f}%")
    score = 100 * totals["killed"] / totals["mutants"] if totals["mutants"] else 100.0
    survived_percent = 100 - score
    print(f"{'all':42} {totals['mutants']:7} {totals['killed']:7} {totals['survived']:8} {score:6.1f}%")
    if args.survivors:
        for key, status, diff in survivors:
            print(f"\n{key} [{status}]")
            for line in diff:
                print(f"    {line.strip()[:150]}")
    if args.max_survivor_percent is not None and survived_percent > args.max_survivor_percent:
        print(f"survivors {survived_percent:.1f}% > {args.max_survivor_percent:g}%", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
