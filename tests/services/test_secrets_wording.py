"""The keyring banner's second line in each language: the reason travels as a code plus values."""

from __future__ import annotations

import re

import pytest
from keyring.backends import null

from aigc_desktop.services.secrets import SecretStore, StoreStatus
from tests.services.memory_keyring import DroppingKeyring, MemoryKeyring

CJK = re.compile(r"[\u4e00-\u9fff]")


async def test_no_keyring_reason_in_chinese_names_no_class() -> None:
    status = await SecretStore(null.Keyring()).probe()
    chinese = status.reason_in("zh_CN")
    assert chinese.startswith("未找到操作系统的密钥库")
    assert "keyring.backends" not in chinese and "keyring.backends" not in status.reason_in("en")
    assert status.reason_in("en") == status.reason[:1].upper() + status.reason[1:] + "."


async def test_forced_backend_reason_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    status = await SecretStore(null.Keyring()).probe()
    assert "PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring 指定" in status.reason_in("zh_CN")


async def test_dropped_write_and_timeout_reasons_in_chinese() -> None:
    dropped = await SecretStore(DroppingKeyring()).probe()
    assert dropped.reason_in("zh_CN").endswith("未报错却丢弃了测试写入的内容。")
    backend = MemoryKeyring()
    backend.hang.set()
    status = await SecretStore(backend, timeout_s=0.2).probe()
    backend.release.set()
    assert status.reason_in("zh_CN") == "系统密钥库在 0.2 秒内未响应测试写入，可能已锁定，或其服务未运行。"


def test_a_reason_without_code_is_shown_as_given() -> None:
    assert StoreStatus(False, "memory", "self-test").reason_in("zh_CN") == "self-test"


def test_a_session_only_store_can_give_its_reason_as_a_code() -> None:
    status = SecretStore.session_only("self-test: nothing is saved", "keyring.self_test").status
    assert status.reason == "self-test: nothing is saved"
    assert status.reason_in("zh_CN") == "自检模式：不保存任何内容。"
