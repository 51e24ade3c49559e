"""Loading several sandbox accounts at once: rows fail alone, sign-in only when needed, history grows."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.usage_growth import UsageGrowth
from aigc_desktop.services.fleet import FleetLoader
from aigc_desktop.services.forecast import Outlook, forecasts
from aigc_desktop.services.history import HistoryStore
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore
from aigc_desktop.services.secrets import SecretKind, SecretStore
from tests.monitoring.helpers import accounts, profile_for

LOGIN = "/api/uc/v1/access/api/token"


@pytest.fixture
async def server() -> AsyncIterator[SandboxServer]:
    async with SandboxServer(accounts(4, disabled=2)) as running:
        yield running


async def _setup(
    server: SandboxServer, *, sandbox: bool = True
) -> tuple[ProfileStore, SecretStore, list[Profile]]:
    store = ProfileStore(DictBackend())
    secrets = SecretStore.session_only("test")
    profiles = []
    for account in server.accounts:
        profile = store.save(profile_for(account, server.base_url, sandbox=sandbox))
        await secrets.set(profile.id, SecretKind.APP_KEY, account.app_key)
        profiles.append(profile)
    return store, secrets, profiles


def _factory(profile: Profile) -> PlatformClient:
    return PlatformClient(ClientConfig(base_url=profile.base_url, trust_env=False, backoff_base=0.01))


def _logins(server: SandboxServer) -> int:
    return sum(1 for r in server.requests if r.path == LOGIN)


async def test_each_row_fails_alone_with_its_platform_code(server: SandboxServer, tmp_path: Path) -> None:
    store, secrets, profiles = await _setup(server)
    seen: list[str] = []
    loader = FleetLoader(store, secrets, client_factory=_factory, concurrency=2)
    try:
        results = await loader.load_all(profiles, on_result=lambda r: seen.append(r.profile.name))
    finally:
        await loader.aclose()
    assert [r.profile.name for r in results] == ["Team 0", "Team 1", "Team 2", "Team 3"]
    assert sorted(seen) == sorted(r.profile.name for r in results)
    assert [r.ok for r in results] == [True, True, False, True]
    failed = results[2]
    assert failed.error_code == 60102129 and failed.account is None and "\n" not in (failed.error or "")
    assert results[0].account is not None and results[0].token_expires_at is not None


async def test_at_most_n_loads_in_flight(server: SandboxServer) -> None:
    store, secrets, profiles = await _setup(server)
    server.faults.add("*", "delay", count=100, seconds=0.05)
    in_flight = 0
    peak = 0
    loader = FleetLoader(store, secrets, client_factory=_factory, concurrency=2)
    original = loader._load

    async def counted(profile: Profile):  # type: ignore[no-untyped-def]
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            return await original(profile)
        finally:
            in_flight -= 1

    loader._load = counted  # type: ignore[method-assign]
    try:
        await loader.load_all(profiles)
    finally:
        await loader.aclose()
    assert peak == 2


async def test_signs_in_only_when_the_token_is_missing_or_expired(server: SandboxServer) -> None:
    store, secrets, profiles = await _setup(server)
    clock_now = lambda: server.clock.now_datetime()  # noqa: E731
    loader = FleetLoader(store, secrets, client_factory=_factory, clock=clock_now)
    good = profiles[0]
    try:
        await loader.load(good)
        assert _logins(server) == 1
        await loader.load(good)
        assert _logins(server) == 1  # the token is reused
        server.clock.advance(8 * 3600)  # the 8-hour token has expired
        result = await loader.load(good)
        assert result.ok and _logins(server) == 2
    finally:
        await loader.aclose()


async def test_a_token_the_platform_rejects_is_replaced_once(server: SandboxServer) -> None:
    store, secrets, profiles = await _setup(server)
    loader = FleetLoader(store, secrets, client_factory=_factory)
    try:
        await loader.load(profiles[0])
        server.faults.add("/api/2dvh/v1/user/config/resource", "token_expired", count=1)
        result = await loader.load(profiles[0])
    finally:
        await loader.aclose()
    assert result.ok and _logins(server) == 2


async def test_usage_growth_with_the_sandbox_clock_gives_a_forecast(
    server: SandboxServer, tmp_path: Path
) -> None:
    server.state.usage_growth = UsageGrowth(percent_per_hour=1.0)
    store, secrets, profiles = await _setup(server)
    history = HistoryStore.open(tmp_path / "history.sqlite3")
    clock_now = lambda: server.clock.now_datetime()  # noqa: E731
    loader = FleetLoader(store, secrets, history=history, client_factory=_factory, clock=clock_now)
    team0 = profiles[0]
    try:
        first = await loader.load(team0)
        assert first.account is not None and first.account.resource_config is not None
        used_before = first.account.resource_config.values["genVideoDurationUsageQty"]
        snaps = history.snapshots(team0.id, sandbox=True)
        assert forecasts(snaps, clock_now())["videoDuration"].outlook is Outlook.NOT_ENOUGH_HISTORY
        server.clock.advance(5 * 3600)  # sandbox usage grows 1 % of the total per hour
        second = await loader.load(team0)
    finally:
        await loader.aclose()
    assert second.account is not None and second.account.resource_config is not None
    assert second.account.resource_config.values["genVideoDurationUsageQty"] == used_before + 1  # 21 * 5 %
    snaps = history.snapshots(team0.id, sandbox=True)
    assert len(snaps) == 2 and history.snapshots(team0.id, sandbox=False) == []
    outlook = forecasts(snaps, clock_now())["videoDuration"]
    assert outlook.outlook is Outlook.RUNS_OUT and outlook.runs_out_at is not None
    assert outlook.runs_out_at > clock_now()
    history.close()


async def test_a_history_failure_is_reported_with_the_row_and_the_load_still_shows(
    server: SandboxServer, tmp_path: Path
) -> None:
    import sqlite3

    store, secrets, profiles = await _setup(server)
    path = tmp_path / "history.sqlite3"
    history = HistoryStore.open(path, timeout_s=0.05)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")
    loader = FleetLoader(store, secrets, history=history, client_factory=_factory)
    try:
        result = await loader.load(profiles[0])
    finally:
        holder.rollback()
        holder.close()
        await loader.aclose()
        history.close()
    assert result.ok and result.history_error is not None and "locked" in result.history_error


def test_usage_growth_rejects_nonsense() -> None:
    for bad in (0, -1, 101, float("nan")):
        with pytest.raises(ValueError):
            UsageGrowth(bad)


async def test_usage_growth_stops_at_the_total(server: SandboxServer) -> None:
    growth = UsageGrowth(percent_per_hour=100)
    account = server.accounts[0]
    growth.apply(account, 0.0)
    growth.apply(account, 10 * 3600.0)
    assert (
        account.resource_config["genVideoDurationUsageQty"]
        == account.resource_config["genVideoDurationTotalQty"]
    )
    # concurrency limits are not "used up over time"
    assert account.resource_config["videoGenMaxConTasksUsageQty"] == 7


async def test_usage_growth_control_over_http(server: SandboxServer) -> None:
    import httpx

    async with httpx.AsyncClient(base_url=server.base_url, trust_env=False) as http:
        bad = await http.post("/_sandbox/usage-growth", json={"percentPerHour": "fast"})
        assert bad.status_code == 400 and "percentPerHour" in bad.json()["error"]
        too_much = await http.post("/_sandbox/usage-growth", json={"percentPerHour": 100.5})
        assert too_much.status_code == 400
        on = await http.post("/_sandbox/usage-growth", json={"percentPerHour": 100})
        assert on.json() == {"percentPerHour": 100.0} and server.state.usage_growth is not None
        off = await http.post("/_sandbox/usage-growth", json={"percentPerHour": None})
        assert off.json() == {"percentPerHour": None} and server.state.usage_growth is None


def test_growth_is_off_by_default() -> None:
    assert SandboxServer().state.usage_growth is None


async def test_an_edited_base_url_gets_a_new_client(server: SandboxServer) -> None:
    from dataclasses import replace

    store, secrets, profiles = await _setup(server)
    loader = FleetLoader(store, secrets, client_factory=_factory)
    try:
        assert (await loader.load(profiles[0])).ok
        moved = store.save(replace(profiles[0], base_url="http://127.0.0.1:9"))  # nothing listens there
        result = await loader.load(moved)
    finally:
        await loader.aclose()
    assert not result.ok and result.error_code is None and result.error


@pytest.mark.parametrize("value", ["0", "-1", "100.1", "fast"])
def test_sandbox_command_refuses_a_bad_growth(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    from aigc_desktop.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["sandbox", "--usage-growth", value])
    err = capsys.readouterr().err
    assert caught.value.code == 2 and "--usage-growth" in err and err.count("\n") == 1
