"""``aigc-desktop --keyring-check``: say which keyring the app would use, or plainly that none is usable.

Runs the same probe as the app's start-up (off-thread, with a timeout), so a frozen build can be
checked for its keyring backends without opening a window. Qt-free; the CLI prints the line.
"""

from __future__ import annotations

import asyncio
import logging

from aigc_desktop.services.secrets import DEFAULT_TIMEOUT_S, SecretStore


async def describe_keyring(timeout_s: float = DEFAULT_TIMEOUT_S) -> tuple[int, str]:
    """(exit status, one line starting with ``keyring: ``): 0 when secrets would persist, else 1."""
    status = await SecretStore(timeout_s=timeout_s).probe()
    if status.persistent:
        return 0, f"keyring: {status.backend_name} (usable; secrets are stored there)"
    return 1, f"keyring: none usable; secrets would be kept for this session only ({status.reason})"


def run_keyring_check(timeout_s: float = DEFAULT_TIMEOUT_S) -> int:
    """Print the line and return the exit status (for ``cli.py``).

    The store logs its session-only fallback for the app's log; here the line says it, so that
    warning is held back (it went to stderr too, and the finding was read twice).
    """
    store_log = logging.getLogger("aigc_desktop.services.secrets")
    quiet = logging.Filter("nothing")  # passes only the logger "nothing": none of the store's records
    store_log.addFilter(quiet)
    try:
        code, line = asyncio.run(describe_keyring(timeout_s))
    finally:
        store_log.removeFilter(quiet)
    print(line, flush=True)
    return code
