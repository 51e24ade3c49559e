"""A faithful fake of the platform's user-access API on loopback: tests, CI and the app's demo mode.

Qt-free; runs on any asyncio loop (qasync's included). See ``docs/sandbox.md``.
"""

from aigc_desktop.sandbox.accounts import AccountsFileError, SandboxAccount, load_accounts
from aigc_desktop.sandbox.clock import SandboxClock
from aigc_desktop.sandbox.faults import FaultError, FaultKind
from aigc_desktop.sandbox.records import RequestRecord
from aigc_desktop.sandbox.server import SandboxServer

__all__ = [
    "AccountsFileError",
    "FaultError",
    "FaultKind",
    "RequestRecord",
    "SandboxAccount",
    "SandboxClock",
    "SandboxServer",
    "load_accounts",
]
