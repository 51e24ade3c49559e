"""How the GUI is started from the command line: launcher invocations skip the parser, the rest use it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from aigc_desktop import cli

PROBE = """
import json, sys
import aigc_desktop.ui.startup.entry as launch
seen = []
launch.run_gui = lambda options: seen.append(options) or 0
from aigc_desktop import cli
parsers = []
build_parser = cli.build_parser
cli.build_parser = lambda command=None: parsers.append(command) or build_parser(command)
status = cli.main(sys.argv[1:])
print(json.dumps({"status": status, "sandbox": seen[0].sandbox, "self_test": seen[0].self_test,
                  "parsers built": len(parsers)}))
"""


@pytest.mark.parametrize(("argv", "sandbox"), [([], False), (["--sandbox"], True)])
def test_desktop_launches_start_the_gui_without_the_parser(argv: list[str], sandbox: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=60, check=True
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"status": 0, "sandbox": sandbox, "self_test": False, "parsers built": 0}


def test_anything_else_is_parsed_and_refused_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:  # not a plain launch: parsed, and refused
        cli.main(["--sandbox", "--no-such-flag"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip() == "aigc-desktop: error: unrecognized arguments: --no-such-flag"
