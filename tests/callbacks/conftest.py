"""Fixtures: a verifier on a fixed clock, and a real receiver on loopback with an httpx client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from aigc_desktop.callbacks.receiver import CallbackReceiver
from aigc_desktop.callbacks.verify import CallbackVerifier

from .helpers import KEY, NOW, PREVIOUS, URL


@pytest.fixture
def verifier() -> CallbackVerifier:
    return CallbackVerifier(URL, KEY, PREVIOUS, now=lambda: NOW)


@pytest.fixture
async def receiver() -> AsyncIterator[CallbackReceiver]:
    """A receiver on a free loopback port; its verifier uses the real clock (the sender does too)."""
    live = CallbackReceiver(CallbackVerifier(URL, KEY, PREVIOUS), read_timeout_s=2.0, stall_s=30.0)
    await live.start()
    try:
        yield live
    finally:
        await live.stop()


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(trust_env=False, timeout=5.0) as client:
        yield client
