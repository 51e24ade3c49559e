"""Every sandbox fault kind ends in the right typed error, with retries only where they are safe."""

from __future__ import annotations

import asyncio
import logging
import random
import socket
from collections.abc import Iterator

import pytest

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.exceptions import (
    ConnectionFailed,
    InvalidResponse,
    PlatformError,
    RateLimited,
    RequestTimeout,
    TlsFailure,
)
from aigc_desktop.platform.models import TokenGrant
from aigc_desktop.sandbox import SandboxServer
from tests.platform.conftest import fast_config, requests_to

LOGIN = endpoints.LOGIN.path
ACCOUNT = endpoints.ACCOUNT.path


async def _login(sandbox: SandboxServer, client: PlatformClient) -> TokenGrant:
    return await client.login(sandbox.demo.app_id, sandbox.demo.app_key)


async def _account(sandbox: SandboxServer, client: PlatformClient, grant: TokenGrant) -> object:
    return await client.get_account(grant.access_token, sandbox.demo.user_id)


async def test_http500_html_page(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "http500_html", 1)
    with pytest.raises(InvalidResponse) as caught:
        await _login(sandbox, client)
    assert caught.value.http_status == 500
    assert "HTML page" in caught.value.reason
    assert "500 Internal Server Error" in caught.value.excerpt
    assert requests_to(sandbox, LOGIN) == 1


async def test_http500_on_get_is_not_retried(sandbox: SandboxServer, client: PlatformClient) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, "http500_html", 1)
    with pytest.raises(InvalidResponse):
        await _account(sandbox, client, grant)
    assert requests_to(sandbox, ACCOUNT) == 1


async def test_malformed_json_is_reported_as_truncated(
    sandbox: SandboxServer, client: PlatformClient
) -> None:
    sandbox.faults.add(LOGIN, "malformed_json", 1)
    with pytest.raises(InvalidResponse) as caught:
        await _login(sandbox, client)
    assert caught.value.reason == "truncated JSON (the body ends mid-document)"
    assert caught.value.http_status == 200


async def test_empty_body(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "empty_body", 1)
    with pytest.raises(InvalidResponse) as caught:
        await _login(sandbox, client)
    assert caught.value.reason == "empty body"


async def test_wrong_content_type(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "wrong_content_type", 1)
    with pytest.raises(InvalidResponse) as caught:
        await _login(sandbox, client)
    assert "wrong content type 'text/plain'" in caught.value.reason
    assert caught.value.excerpt.startswith('{"code"')


async def test_oversized_body(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "oversized_body", 1)
    with pytest.raises(InvalidResponse) as caught:
        await _login(sandbox, client)
    assert caught.value.reason.startswith("response too large")
    assert "limit 4194304 bytes" in caught.value.reason
    # the client stays usable afterwards
    assert (await _login(sandbox, client)).access_token


async def test_unknown_code_keeps_the_server_message(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "unknown_code", 1)
    with pytest.raises(PlatformError) as caught:
        await _login(sandbox, client)
    error = caught.value
    assert error.code == 77777777 and error.category == "Unknown category"
    assert error.meaning == error.server_message and error.meaning


async def test_token_expired_fault(sandbox: SandboxServer, client: PlatformClient) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, "token_expired", 1)
    with pytest.raises(PlatformError) as caught:
        await _account(sandbox, client, grant)
    assert caught.value.code == 60112505


async def test_rate_limit_is_never_retried(
    sandbox: SandboxServer, client: PlatformClient, records: list[CallRecord]
) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, "rate_limit", 5)
    with pytest.raises(RateLimited) as caught:
        await _account(sandbox, client, grant)
    assert caught.value.code == 89999999
    assert "Wait" in caught.value.advice
    assert requests_to(sandbox, ACCOUNT) == 1
    assert records[-1].attempts == 1 and records[-1].platform_code == 89999999


@pytest.mark.parametrize("kind", ["http502", "http503", "http504"])
async def test_gateway_error_on_get_is_retried_then_succeeds(
    sandbox: SandboxServer, client: PlatformClient, records: list[CallRecord], kind: str
) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, kind, 2)
    account = await client.get_account(grant.access_token, sandbox.demo.user_id)
    assert account.resource_config is not None
    assert requests_to(sandbox, ACCOUNT) == 3
    assert records[-1].attempts == 3 and records[-1].ok


@pytest.mark.parametrize(("kind", "status"), [("http502", 502), ("http503", 503), ("http504", 504)])
async def test_gateway_error_retries_are_bounded(
    sandbox: SandboxServer, client: PlatformClient, kind: str, status: int
) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, kind, 10)
    with pytest.raises(InvalidResponse) as caught:
        await _account(sandbox, client, grant)
    assert caught.value.http_status == status
    assert "HTML page" in caught.value.reason
    assert requests_to(sandbox, ACCOUNT) == 3  # 1 + max_retries


async def test_gateway_error_on_post_is_not_retried(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "http503", 1)
    with pytest.raises(InvalidResponse) as caught:
        await _login(sandbox, client)
    assert caught.value.http_status == 503
    assert requests_to(sandbox, LOGIN) == 1


async def test_reset_on_post_is_not_retried(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "reset", 1)
    with pytest.raises(ConnectionFailed) as caught:
        await _login(sandbox, client)
    assert "reset or closed before the full answer arrived" in caught.value.summary
    assert requests_to(sandbox, LOGIN) == 1


async def test_reset_on_get_is_retried(
    sandbox: SandboxServer, client: PlatformClient, records: list[CallRecord]
) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, "reset", 1)
    assert (await _account(sandbox, client, grant)) is not None
    assert requests_to(sandbox, ACCOUNT) == 2 and records[-1].attempts == 2


async def test_reset_on_get_retries_are_bounded(sandbox: SandboxServer, client: PlatformClient) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, "reset", 10)
    with pytest.raises(ConnectionFailed):
        await _account(sandbox, client, grant)
    assert requests_to(sandbox, ACCOUNT) == 3


async def test_no_retries_when_max_retries_is_zero(sandbox: SandboxServer) -> None:
    async with PlatformClient(fast_config(sandbox.base_url, max_retries=0)) as client:
        grant = await _login(sandbox, client)
        sandbox.faults.add(ACCOUNT, "http502", 1)
        with pytest.raises(InvalidResponse):
            await _account(sandbox, client, grant)
    assert requests_to(sandbox, ACCOUNT) == 1


async def test_short_delay_is_tolerated(sandbox: SandboxServer, client: PlatformClient) -> None:
    sandbox.faults.add(LOGIN, "delay", 1, seconds=0.05)
    assert (await _login(sandbox, client)).access_token


async def test_read_timeout(sandbox: SandboxServer, records: list[CallRecord]) -> None:
    async with PlatformClient(fast_config(sandbox.base_url, read_timeout=0.2)) as client:
        seen: list[CallRecord] = []
        client.add_observer(seen.append)
        sandbox.faults.add(LOGIN, "delay", 1, seconds=30)
        with pytest.raises(RequestTimeout) as caught:
            await _login(sandbox, client)
        assert "No answer within 0.2 s" in caught.value.summary
        assert seen[-1].attempts == 1 and seen[-1].error == caught.value.summary
        await sandbox.stop()  # ends the pending delay so its request is logged
    assert requests_to(sandbox, LOGIN) == 1


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_connection_refused_is_retried_then_reported() -> None:
    seen: list[CallRecord] = []
    async with PlatformClient(fast_config(f"http://127.0.0.1:{_closed_port()}")) as client:
        client.add_observer(seen.append)
        with pytest.raises(ConnectionFailed) as caught:
            await client.login("app", "AppKey0123456789")
    assert "connection refused" in caught.value.summary
    assert "Check the base URL" in caught.value.advice
    assert seen[-1].attempts == 3 and seen[-1].http_status is None


async def test_tls_to_a_plain_http_server_is_a_tls_failure(sandbox: SandboxServer) -> None:
    https_url = sandbox.base_url.replace("http://", "https://")
    async with PlatformClient(fast_config(https_url)) as client:
        with pytest.raises(TlsFailure) as caught:
            await _login(sandbox, client)
    assert caught.value.summary.startswith("TLS handshake failed")


def test_missing_ca_bundle_is_a_clear_tls_error(tmp_path: object) -> None:
    from pathlib import Path

    missing = Path(str(tmp_path)) / "no-such-ca.pem"
    with pytest.raises(TlsFailure, match="Cannot load the CA bundle"):
        PlatformClient(fast_config("https://example.invalid", ca_bundle=missing))


class _EventOnLog(logging.Handler):
    """Sets an asyncio event when a record whose message starts with ``prefix`` is logged."""

    def __init__(self, prefix: str) -> None:
        super().__init__(logging.DEBUG)
        self.prefix = prefix
        self.event = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(self.prefix):
            self.event.set()


@pytest.fixture
def waiting_for_headers() -> Iterator[_EventOnLog]:
    """Set once httpcore has sent a request and waits for the answer's headers."""
    handler = _EventOnLog("receive_response_headers.started")
    target = logging.getLogger("httpcore.http11")
    old_level = target.level
    target.setLevel(logging.DEBUG)
    target.addHandler(handler)
    yield handler
    target.removeHandler(handler)
    target.setLevel(old_level)


async def test_cancelling_a_call_in_flight(
    sandbox: SandboxServer,
    client: PlatformClient,
    records: list[CallRecord],
    waiting_for_headers: _EventOnLog,
) -> None:
    sandbox.faults.add(LOGIN, "delay", 1, seconds=60)
    task = asyncio.create_task(_login(sandbox, client))
    await asyncio.wait_for(waiting_for_headers.event.wait(), timeout=10)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert records[-1].error == "cancelled"
    assert (await _login(sandbox, client)).access_token  # still usable


@pytest.fixture
def retry_logged() -> Iterator[_EventOnLog]:
    handler = _EventOnLog("retrying")
    target = logging.getLogger("aigc_desktop.platform")
    target.addHandler(handler)
    yield handler
    target.removeHandler(handler)


async def test_cancelling_during_the_backoff_wait(sandbox: SandboxServer, retry_logged: _EventOnLog) -> None:
    config = fast_config(sandbox.base_url, backoff_base=60, backoff_cap=60)
    # seeded jitter: the first wait is several seconds, so it is really pending when cancelled
    async with PlatformClient(config, rng=random.Random(1)) as client:
        grant = await _login(sandbox, client)
        sandbox.faults.add(ACCOUNT, "http503", 5)
        task = asyncio.create_task(_account(sandbox, client, grant))
        await asyncio.wait_for(retry_logged.event.wait(), timeout=10)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout=5)
        assert requests_to(sandbox, ACCOUNT) == 1


@pytest.mark.parametrize(
    ("kind", "error_type"),
    [
        ("http500_html", InvalidResponse),
        ("malformed_json", InvalidResponse),
        ("empty_body", InvalidResponse),
        ("wrong_content_type", InvalidResponse),
        ("oversized_body", InvalidResponse),
        ("rate_limit", RateLimited),
        ("unknown_code", PlatformError),
        ("token_expired", PlatformError),
    ],
)
async def test_answers_that_are_not_gateway_errors_are_never_retried(
    sandbox: SandboxServer, client: PlatformClient, records: list[CallRecord], kind: str, error_type: type
) -> None:
    grant = await _login(sandbox, client)
    sandbox.faults.add(ACCOUNT, kind, 5)
    with pytest.raises(error_type):
        await _account(sandbox, client, grant)
    assert requests_to(sandbox, ACCOUNT) == 1 and records[-1].attempts == 1
    assert records[-1].error and not records[-1].ok
