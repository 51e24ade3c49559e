"""How the headless commands word their stderr lines: one prefix style, one AuthKey-policy warning.

Errors and warnings read like argparse's own (``aigc-desktop sign: error: …``), so every line on
stderr names the program and the command it came from, whichever part of the code said it.
"""

from __future__ import annotations

from aigc_desktop.platform.signing import PolicyReport

PROGRAM = "aigc-desktop"


def error_line(command: str, text: str) -> str:
    """``aigc-desktop <command>: error: <text>``."""
    return f"{PROGRAM} {command}: error: {text}"


def warning_line(command: str, text: str) -> str:
    """``aigc-desktop <command>: warning: <text>``."""
    return f"{PROGRAM} {command}: warning: {text}"


def info_line(command: str, text: str) -> str:
    """``aigc-desktop <command>: <text>``: what the command is doing, neither wrong nor odd."""
    return f"{PROGRAM} {command}: {text}"


def auth_key_policy_warning(command: str, source: str, report: PolicyReport) -> str:
    """The same words in ``sign`` and ``verify`` for a key outside the doc's AuthKey rule (never the key)."""
    return warning_line(
        command, f"the AuthKey from {source} does not meet the platform's AuthKey policy: {report}"
    )
