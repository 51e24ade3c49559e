"""Fixed vectors through the client's layers: ``platform.signing``, the login body, ``sign`` and ``verify``.

The vectors (tests/vectors.py) come from the platform's FAQ and access doc, not from our code, so a wrong formula
(operand order, timestamp unit, a truncated comparison) fails here even if it is wrong the same way everywhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.exceptions import PlatformError
from aigc_desktop.platform.signing import callback_signature, signatures_equal, token_sign
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.accounts import demo_accounts
from tests.platform.conftest import fast_config
from tests.vectors import (
    DOC_AUTH_KEY,
    DOC_CALLBACK_TIMESTAMP,
    DOC_CALLBACK_URL,
    DOC_SIGNATURE,
    FAQ_APP_ID,
    FAQ_APP_KEY,
    FAQ_TIMESTAMP_MS,
    FAQ_TIMESTAMP_S,
    LOGIN_VECTOR_IDS,
    LOGIN_VECTORS,
    one_off,
)

LOGIN_PATH = "/api/uc/v1/access/api/token"


# -- platform.signing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("timestamp", "sign"), LOGIN_VECTORS, ids=LOGIN_VECTOR_IDS)
def test_token_sign_reproduces_the_login_vectors(timestamp: str, sign: str) -> None:
    assert token_sign(FAQ_APP_ID, timestamp, FAQ_APP_KEY) == sign
    assert token_sign(FAQ_APP_ID, int(timestamp), FAQ_APP_KEY) == sign


def test_callback_signature_reproduces_the_doc_vector() -> None:
    assert callback_signature(DOC_CALLBACK_URL, DOC_CALLBACK_TIMESTAMP, DOC_AUTH_KEY) == DOC_SIGNATURE
    assert callback_signature(DOC_CALLBACK_URL, str(DOC_CALLBACK_TIMESTAMP), DOC_AUTH_KEY) == DOC_SIGNATURE


@pytest.mark.parametrize("index", [0, 15, 16, 31])
def test_signatures_equal_needs_every_character(index: int) -> None:
    assert signatures_equal(DOC_SIGNATURE, DOC_SIGNATURE)
    assert not signatures_equal(DOC_SIGNATURE, one_off(DOC_SIGNATURE, index))
    assert not signatures_equal(one_off(DOC_SIGNATURE, index), DOC_SIGNATURE)


# -- the client's login body, as the sandbox received it -------------------------------------------


@pytest.fixture
async def faq_sandbox() -> AsyncIterator[SandboxServer]:
    template = demo_accounts()[0]
    template.app_id, template.app_key = FAQ_APP_ID, FAQ_APP_KEY
    async with SandboxServer([template]) as server:
        yield server


@pytest.fixture
async def faq_client(faq_sandbox: SandboxServer) -> AsyncIterator[PlatformClient]:
    async with PlatformClient(fast_config(faq_sandbox.base_url)) as platform_client:
        yield platform_client


def login_timestamps(server: SandboxServer) -> list[str | None]:
    return [record.login_timestamp for record in server.requests if record.path == LOGIN_PATH]


async def test_a_login_made_now_sends_a_13_digit_millisecond_timestamp(
    faq_sandbox: SandboxServer, faq_client: PlatformClient
) -> None:
    before_ms = time.time_ns() // 1_000_000
    await faq_client.login(FAQ_APP_ID, FAQ_APP_KEY)
    after_ms = time.time_ns() // 1_000_000
    (received,) = login_timestamps(faq_sandbox)
    assert received is not None and len(received) == 13 and received.isdigit()
    assert before_ms <= int(received) <= after_ms  # milliseconds of now, not seconds nor microseconds


async def test_the_client_signs_the_millisecond_vector_as_the_sandbox_expects(
    faq_sandbox: SandboxServer, faq_client: PlatformClient
) -> None:
    grant = await faq_client.login(FAQ_APP_ID, FAQ_APP_KEY, timestamp_ms=int(FAQ_TIMESTAMP_MS))
    assert grant.access_token
    assert login_timestamps(faq_sandbox) == [FAQ_TIMESTAMP_MS]


async def test_a_wrong_app_key_by_one_character_is_refused(faq_client: PlatformClient) -> None:
    with pytest.raises(PlatformError) as caught:
        await faq_client.login(FAQ_APP_ID, FAQ_APP_KEY[:-1] + "f", timestamp_ms=int(FAQ_TIMESTAMP_MS))
    assert caught.value.code == 60112160


# -- the sign and verify commands, in a real process -------------------------------------------------


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AIGC_")}
    return subprocess.run(
        [sys.executable, "-m", "aigc_desktop", *args],
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize(("timestamp", "sign"), LOGIN_VECTORS, ids=LOGIN_VECTOR_IDS)
def test_sign_token_command_prints_the_login_vector(timestamp: str, sign: str) -> None:
    done = run_cli(
        "sign", "token", "--app-id", FAQ_APP_ID, "--timestamp", timestamp, env={"AIGC_APP_KEY": FAQ_APP_KEY}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"timestamp: {timestamp}", f"sign: {sign}"]
    assert FAQ_APP_KEY not in done.stdout + done.stderr
    assert ("10 digits" in done.stderr) is (timestamp == FAQ_TIMESTAMP_S)


def test_sign_callback_command_prints_the_doc_vector() -> None:
    done = run_cli(
        "sign",
        "callback",
        "--url",
        DOC_CALLBACK_URL,
        "--timestamp",
        str(DOC_CALLBACK_TIMESTAMP),
        env={"AIGC_AUTH_KEY": DOC_AUTH_KEY},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"timestamp: {DOC_CALLBACK_TIMESTAMP}", f"signature: {DOC_SIGNATURE}"]


@pytest.mark.parametrize(
    ("signature", "exit_code", "verdict"),
    [
        (DOC_SIGNATURE, 0, "verdict: VALID"),
        (one_off(DOC_SIGNATURE, 31), 1, "verdict: INVALID_SIGNATURE"),
        (one_off(DOC_SIGNATURE, 0), 1, "verdict: INVALID_SIGNATURE"),
    ],
    ids=["doc-vector", "last-character-off", "first-character-off"],
)
def test_verify_command_judges_the_doc_vector(
    tmp_path: Path, signature: str, exit_code: int, verdict: str
) -> None:
    body = tmp_path / "body.json"
    body.write_text(
        json.dumps({"taskId": "t-1", "timestamp": DOC_CALLBACK_TIMESTAMP, "signature": signature})
    )
    age_s = int(time.time()) - DOC_CALLBACK_TIMESTAMP
    done = run_cli(
        "verify",
        "callback",
        "--url",
        DOC_CALLBACK_URL,
        "--body",
        str(body),
        "--tolerance",
        str(age_s + 86_400),  # the doc's example is from 2023: judge the signature, not its age
        env={"AIGC_AUTH_KEY": DOC_AUTH_KEY},
    )
    assert done.returncode == exit_code, done.stdout + done.stderr
    assert done.stdout.splitlines()[0].startswith(verdict)
    assert DOC_AUTH_KEY not in done.stdout
