"""Fault matrix: every client call x every sandbox fault, through ``Session`` like the app uses it.

Each cell proves four things a user would notice: a typed error (never a crash), the words the banner
shows (rendered by ``aigc_desktop.ui.errors``), retries within policy (requests counted at the
sandbox), and state intact (profile, AppKey and tokens in memory and in the keyring). Observations
feed ``docs/reliability.md`` (see ``matrix.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from aigc_desktop.platform import endpoints
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore, new_profile_id
from aigc_desktop.services.secrets import SecretKind, SecretStore
from aigc_desktop.services.session import Session
from aigc_desktop.ui.errors import describe_error
from tests.reliability import matrix
from tests.reliability.matrix import FaultCase
from tests.services.memory_keyring import MemoryKeyring

FAULT_COUNT = 10  # more than 1 + max_retries: every attempt meets the fault
PATHS = {
    "login": endpoints.LOGIN.path,
    "refresh": endpoints.REFRESH.path,
    "logout": endpoints.LOGOUT.path,
    "get_account": endpoints.ACCOUNT.path,
}


# Every call whose timing is not under test gets a generous read timeout, so a busy machine cannot turn a
# normal answer (or a 6 MiB one) into a timeout; only the delay / slow_body cells use matrix.READ_TIMEOUT_S,
# against faults that stall many times longer than it.
GENEROUS_READ_TIMEOUT_S = 30.0


@dataclass
class ReadTimeout:
    """The read timeout the next client the session builds gets (a session builds one per sign-in world)."""

    seconds: float = GENEROUS_READ_TIMEOUT_S


def matrix_config(base_url: str, read_timeout: float) -> ClientConfig:
    return ClientConfig(
        base_url=base_url,
        read_timeout=read_timeout,
        total_timeout=matrix.TOTAL_TIMEOUT_S,
        connect_timeout=2.0,
        max_retries=matrix.MAX_RETRIES,
        backoff_base=0.01,
        backoff_cap=0.05,
        trust_env=False,
    )


@dataclass
class World:
    """A sandbox, a keyring, a profile store and a signed-in session over them."""

    server: SandboxServer
    keyring: MemoryKeyring
    profiles: ProfileStore
    secrets: SecretStore
    session: Session
    profile_id: str
    read_timeout: ReadTimeout

    async def use_read_timeout(self, seconds: float) -> None:
        """Make the session's next calls use a client with this read timeout."""
        self.read_timeout.seconds = seconds
        await self.session.aclose()  # the next call builds a new client from the factory

    def stored(self, kind: SecretKind) -> str | None:
        return self.keyring.entries.get(("aigc-desktop", f"{self.profile_id}/{kind.value}"))

    def requests_to(self, call: str) -> int:
        """Requests the sandbox finished answering (a stalled one is logged only when it ends)."""
        return sum(1 for record in self.server.requests if record.path == PATHS[call])

    def faulted_arrivals(self, call: str) -> int:
        """Requests that reached the sandbox and took one of the FAULT_COUNT faults (counted on arrival)."""
        left = sum(f.remaining for f in self.server.faults.pending() if f.path == PATHS[call])
        return FAULT_COUNT - left


@pytest.fixture
async def world() -> AsyncIterator[World]:
    server = SandboxServer()
    await server.start()
    backend = MemoryKeyring()
    profiles = ProfileStore(DictBackend())
    secrets = SecretStore(backend, timeout_s=5.0)
    profile = profiles.save(
        Profile(
            id=new_profile_id(),
            name="Matrix",
            base_url=server.base_url,
            app_id=server.demo.app_id,
            user_id=server.demo.user_id,
        )
    )
    await secrets.set(profile.id, SecretKind.APP_KEY, server.demo.app_key)
    read_timeout = ReadTimeout()
    session = Session(
        profile,
        profiles,
        secrets,
        client_factory=lambda p: PlatformClient(matrix_config(p.base_url, read_timeout.seconds)),
    )
    try:
        await session.sign_in()
        await session.load_account()
        yield World(server, backend, profiles, secrets, session, profile.id, read_timeout)
    finally:
        await session.aclose()
        await server.stop()
        backend.release.set()


async def _call(world: World, call: str) -> object:
    session = world.session
    if call == "login":
        return await session.sign_in()
    if call == "refresh":
        return await session.refresh()
    if call == "logout":
        return await session.sign_out()
    return await session.load_account()


@pytest.mark.parametrize(
    ("case", "call"),
    [pytest.param(case, call, id=f"{case.name}-{call}") for case, call in matrix.cells()],
)
async def test_fault_matrix_cell(world: World, case: FaultCase, call: str) -> None:
    session = world.session
    if case.kind is None:  # the local guard: a refresh just happened, so the next one is refused
        await session.refresh()
    tokens_before = session.tokens
    account_before = session.account
    profile_before = world.profiles.get(world.profile_id)
    stored_before = {kind: world.stored(kind) for kind in SecretKind}
    assert tokens_before is not None and stored_before[SecretKind.ACCESS_TOKEN] == tokens_before.access_token

    world.server.requests.clear()
    if case.kind is not None:
        world.server.faults.add(PATHS[call], case.kind, FAULT_COUNT, seconds=case.seconds)
    if case.seconds is not None:  # the read timeout is what this cell is about
        await world.use_read_timeout(matrix.READ_TIMEOUT_S)
    with pytest.raises(AigcError) as caught:
        await _call(world, call)
    error = caught.value
    await world.use_read_timeout(GENEROUS_READ_TIMEOUT_S)

    # 1. a typed error, exactly the expected kind
    assert type(error) is case.expected_error(call), f"{type(error).__name__}: {error}"
    # 2. the words the banner shows, with no secret in them
    shown = describe_error(error).as_text()
    assert case.words in shown, shown
    for secret in (tokens_before.access_token, tokens_before.refresh_token, world.server.demo.app_key):
        assert secret and secret not in shown
    # 3. retries within policy
    attempts = world.faulted_arrivals(call) if case.kind is not None else world.requests_to(call)
    assert attempts == case.expected_attempts(call)
    if case.seconds is None:  # answered at once: the request log agrees
        assert world.requests_to(call) == attempts
    # 4. state intact
    assert world.profiles.get(world.profile_id) == profile_before  # profile untouched (incl. refresh time)
    assert world.stored(SecretKind.APP_KEY) == world.server.demo.app_key
    if call == "logout":  # a failed sign-out still forgets the tokens locally (documented)
        assert session.tokens is None
        assert (
            world.stored(SecretKind.ACCESS_TOKEN) is None and world.stored(SecretKind.REFRESH_TOKEN) is None
        )
    else:
        assert session.tokens is tokens_before
        assert world.stored(SecretKind.ACCESS_TOKEN) == stored_before[SecretKind.ACCESS_TOKEN]
        assert world.stored(SecretKind.REFRESH_TOKEN) == stored_before[SecretKind.REFRESH_TOKEN]
    if call == "get_account":
        assert session.account is account_before

    matrix.RESULTS[(case.name, call)] = matrix.Observation(type(error).__name__, attempts, shown)

    # ...and the app recovers: once the fault is gone, sign-in and the account load work again.
    world.server.faults.clear()
    await session.sign_in()
    assert (await session.load_account()).resource_config is not None
