"""Fixtures: a started sandbox on a free loopback port and a raw httpx client pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from aigc_desktop.sandbox import SandboxServer


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer() as running:
        yield running


@pytest.fixture
async def client(server: SandboxServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False, timeout=10) as http:
        yield http
