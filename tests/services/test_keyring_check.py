"""The keyring check line used by ``--keyring-check`` (and the packaging test of the frozen app)."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from aigc_desktop.services.keyring_check import describe_keyring, run_keyring_check
from tests.services.memory_keyring import MemoryKeyring


async def test_usable_keyring_is_named(memory_keyring: MemoryKeyring) -> None:
    code, line = await describe_keyring()
    assert code == 0
    assert line.startswith("keyring: ") and "MemoryKeyring" in line


async def test_unusable_keyring_says_none_usable_and_session() -> None:
    keyring.set_keyring(fail.Keyring())
    code, line = await describe_keyring()
    assert code == 1
    assert line.startswith("keyring: none usable") and "session" in line and "no OS keyring was found" in line
    assert "keyring.backends" not in line  # what is missing, not keyring's class path


def test_run_prints_one_line(capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring) -> None:
    assert run_keyring_check() == 0
    assert capsys.readouterr().out.count("\n") == 1
