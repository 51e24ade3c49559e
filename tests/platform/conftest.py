"""Fixtures of the platform tests: a real sandbox on loopback per test and a client aimed at it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, settings

from aigc_desktop.platform.call_record import CallRecord
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.sandbox import SandboxAccount, SandboxServer
from aigc_desktop.sandbox.accounts import demo_accounts

settings.register_profile(
    "platform-ci", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("platform-dev", max_examples=300, deadline=None)
HYPOTHESIS_PROFILE = (
    "platform-ci" if os.environ.get("CI", "").lower() in {"1", "true", "yes"} else "platform-dev"
)

DISABLED_APP_ID = "sandbox-disabled-app"
EXPIRED_APP_ID = "sandbox-expired-app"
DOC_SLIPS_APP_ID = (
    "sandbox-doc-slips-app"  # answers like the doc's examples: no expiresIn, doubled resourceConfig
)


def fast_config(base_url: str, **overrides: object) -> ClientConfig:
    """Test settings: tiny backoff so retry tests stay fast; no proxies from the environment."""
    values: dict[str, object] = {"base_url": base_url, "backoff_base": 0.01, "trust_env": False}
    values.update(overrides)
    return ClientConfig(**values)  # type: ignore[arg-type]


def _extra_account(app_id: str, *, status: int, ends_days: int, doc_slips: bool = False) -> SandboxAccount:
    demo = demo_accounts()[0]
    now = datetime.now(UTC)
    return SandboxAccount(
        app_id=app_id,
        app_key=f"{app_id}-Key-0123456789",
        user_id=demo.user_id + 100 + status,
        user_name=app_id,
        company="Test Co",
        status=status,
        effective_begin=now - timedelta(days=30),
        effective_end=now + timedelta(days=ends_days),
        resource_config=dict(demo.resource_config),
        omit_expires_in=doc_slips,
        doc_resource_example_slip=doc_slips,
    )


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    accounts = [
        *demo_accounts(),
        _extra_account(DISABLED_APP_ID, status=2, ends_days=30),
        _extra_account(EXPIRED_APP_ID, status=1, ends_days=-1),
        _extra_account(DOC_SLIPS_APP_ID, status=1, ends_days=30, doc_slips=True),
    ]
    server = SandboxServer(accounts=accounts)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[PlatformClient]:
    async with PlatformClient(fast_config(sandbox.base_url)) as platform_client:
        yield platform_client


@pytest.fixture
def records(client: PlatformClient) -> list[CallRecord]:
    """Every CallRecord the client delivers, in order."""
    seen: list[CallRecord] = []
    client.add_observer(seen.append)
    return seen


def requests_to(server: SandboxServer, path: str) -> int:
    """How many requests to ``path`` reached the sandbox."""
    return sum(1 for record in server.requests if record.path == path)
