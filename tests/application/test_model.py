"""``AppModel`` without Qt: every use case against the real sandbox, observed through its snapshots."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import timedelta

import pytest

from aigc_desktop.application.errors import NoProfileSelected
from aigc_desktop.application.model import AUTO_RENEW_MARGIN, CLOCK_SKEW, KEYRING_SESSION_ONLY, AppModel
from aigc_desktop.application.state import Aspect, ProblemScope
from aigc_desktop.callbacks.receiver import CallbackReceiver
from aigc_desktop.callbacks.verify import CallbackVerifier
from aigc_desktop.platform.exceptions import PlatformError, RefreshTooSoon
from aigc_desktop.services.profiles import ProfileValidationError
from aigc_desktop.services.secrets import SecretKind
from tests.application.conftest import Recorder
from tests.services.memory_keyring import MemoryKeyring


async def test_the_sandbox_session_fills_the_state_and_tells_observers(
    model: AppModel, recorder: Recorder
) -> None:
    await model.start(sandbox=True)
    state = model.state
    demo = model.sandbox.demo
    assert (
        state.active is not None and state.active.is_sandbox and state.sandbox_url == model.sandbox.base_url
    )
    assert state.tokens is not None and state.tokens.user is not None
    assert state.tokens.user.user_name == demo.user_name
    assert state.account is not None and state.account.basic_info.company == demo.company
    assert state.account_loaded_at is not None
    assert state.last_login_request is not None and state.last_login_request.body["appId"] == demo.app_id
    assert demo.app_key not in repr(state.last_login_request)
    assert state.app_key_stored(state.active.id) is True
    assert state.problems == ()
    assert {
        Aspect.PROFILES,
        Aspect.SESSION,
        Aspect.ACCOUNT,
        Aspect.SECRETS,
        Aspect.SANDBOX,
    } <= recorder.aspects()
    assert state.request_log_count == 2 and [e.path for e in model.request_log_entries()] == [
        "/api/uc/v1/access/api/token",
        "/api/2dvh/v1/user/config/resource",
    ]
    # Snapshots are immutable: a view cannot change the facts another view shows.
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.tokens = None  # type: ignore[misc]
    assert recorder.changes[-1][0] is state


async def test_a_failed_sign_in_is_a_problem_until_the_next_success(model: AppModel) -> None:
    await model.start(sandbox=True)
    sandbox = model.sandbox
    wrong = await model.add_profile(
        "Wrong key", base_url=sandbox.base_url, app_id=sandbox.demo.app_id, app_key="not-the-key-123"
    )
    await model.activate_profile(wrong.id)
    with pytest.raises(PlatformError) as failure:
        await model.sign_in()
    assert failure.value.code == 60112160
    (problem,) = model.state.problems
    assert problem.scope is ProblemScope.SESSION and problem.profile_id == wrong.id
    assert problem.error is failure.value
    assert model.state.last_login_request is not None  # the request that was refused, to inspect
    assert model.report(failure.value) is None  # the UI reporting it again adds nothing

    # The same failure again is counted, not stacked.
    with pytest.raises(PlatformError):
        await model.sign_in()
    (problem,) = model.state.problems
    assert problem.count == 2

    # Fixing the key and signing in takes the banner away.
    fixed = dataclasses.replace(model.state.active)
    await model.save_profile(fixed, sandbox.demo.app_key, is_new=False)
    await model.sign_in()
    assert model.state.problems == ()


async def test_switching_profile_drops_its_problems_and_switching_back_restores_the_session(
    model: AppModel,
) -> None:
    await model.start(sandbox=True)
    sandbox_profile = model.state.active
    tokens, account, request = model.state.tokens, model.state.account, model.state.last_login_request
    other = await model.add_profile(
        "Other", base_url=model.sandbox.base_url, app_id=model.sandbox.demo.app_id, app_key="wrong-key-12345"
    )
    await model.activate_profile(other.id)
    assert model.state.tokens is None and model.state.account is None
    with pytest.raises(PlatformError):
        await model.sign_in()
    assert len(model.state.problems) == 1

    await model.activate_profile(sandbox_profile.id)
    assert model.state.problems == ()
    assert model.state.tokens == tokens and model.state.tokens.user is not None  # user and roles kept
    assert model.state.account is account and model.state.last_login_request is request


async def test_a_changed_base_url_or_app_id_forgets_the_tokens(
    model: AppModel, memory_keyring: MemoryKeyring
) -> None:
    await model.start(sandbox=True)
    sandbox = model.sandbox
    profile = await model.add_profile(
        "Remote", base_url=sandbox.base_url, app_id=sandbox.demo.app_id, app_key=sandbox.demo.app_key
    )
    await model.activate_profile(profile.id)
    await model.sign_in()
    await model.refresh()
    assert model.state.active.last_refresh_at is not None

    # A new name keeps them ...
    renamed = await model.save_profile(dataclasses.replace(model.state.active, name="Renamed"), is_new=False)
    assert model.state.tokens is not None and model.state.active.name == "Renamed"
    # ... a new AppID does not: tokens, refresh time and user id belonged to the old one.
    moved = dataclasses.replace(renamed, app_id="another-app")
    await model.save_profile(moved, is_new=False)
    assert model.state.tokens is None
    assert model.state.active.app_id == "another-app"
    assert model.state.active.last_refresh_at is None and model.state.active.user_id is None
    assert ("aigc-desktop", f"{profile.id}/access_token") not in memory_keyring.entries
    assert model.profiles.token_meta(profile.id) is None


@pytest.mark.parametrize(
    ("key", "is_new", "message"),
    [
        (" padded-key-123", False, "leading or trailing spaces"),
        ("padded-key-123 ", True, "leading or trailing spaces"),
        ("", True, "Enter the AppKey"),
    ],
)
async def test_an_app_key_that_cannot_work_is_refused_with_its_field(
    model: AppModel, key: str, is_new: bool, message: str
) -> None:
    profile = dataclasses.replace(
        await model.add_profile("P", base_url="https://example.com", app_id="a", app_key="good-key-1234"),
        name="Q",
    )
    with pytest.raises(ProfileValidationError) as refused:
        await model.save_profile(profile, key, is_new=is_new)
    assert refused.value.field == "app_key" and message in refused.value.message
    assert [p.name for p in model.profiles.list()] == ["P"]  # nothing saved


async def test_sign_out_forgets_tokens_account_and_the_countdown(model: AppModel) -> None:
    await model.start(sandbox=True)
    await model.refresh()
    assert model.state.refresh_wait() > timedelta(hours=2, minutes=59)
    await model.sign_out()
    state = model.state
    assert state.tokens is None and state.account is None and state.account_loaded_at is None
    assert state.refresh_wait() == timedelta(0) and state.next_refresh_allowed_at() is None
    with pytest.raises(RefreshTooSoon):  # the 3-hour rule still holds after signing in again
        await model.sign_in(load_account=False)
        await model.refresh()


async def test_use_cases_without_a_profile_say_so(model: AppModel) -> None:
    with pytest.raises(NoProfileSelected):
        await model.sign_in()
    assert model.state.active is None


async def test_auto_renew_exactly_at_the_margin_and_not_a_second_before(model: AppModel) -> None:
    await model.start(sandbox=True)
    model.set_auto_renew(True)
    before = model.state.tokens
    assert not await model.renew_if_due(before.expires_at - AUTO_RENEW_MARGIN - timedelta(seconds=1))
    assert model.state.tokens is before
    assert await model.renew_if_due(before.expires_at - AUTO_RENEW_MARGIN)
    assert model.state.tokens is not before
    model.set_auto_renew(False)
    assert not await model.renew_if_due(before.expires_at)


async def test_no_keyring_is_a_problem_that_stays_and_can_be_dismissed(memory_keyring: MemoryKeyring) -> None:
    model = AppModel.in_memory("no keyring in this test")
    await model.probe_secrets()
    (problem,) = model.state.problems
    assert problem.code == KEYRING_SESSION_ONLY and problem.detail == "no keyring in this test"
    assert not model.state.secrets.persistent
    await model.start(sandbox=True)
    assert [p.code for p in model.state.problems] == [KEYRING_SESSION_ONLY]  # not tied to a profile
    model.dismiss(problem.id)
    assert model.state.problems == ()
    await model.aclose()


async def test_clock_skew_is_a_problem_for_as_long_as_it_lasts(model: AppModel) -> None:
    await model.start(sandbox=True)
    sandbox = model.sandbox
    sandbox.clock.advance(190)
    sandbox.skew_date_header = True
    for _ in range(3):
        await model.load_account()
    assert model.state.clock_skew is not None and model.state.clock_skew.skewed
    assert [p.code for p in model.state.problems] == [CLOCK_SKEW]
    sandbox.skew_date_header = False
    for _ in range(5):
        await model.load_account()
    assert model.state.problems == () and not model.state.clock_skew.skewed


async def test_the_receiver_lives_in_the_model(model: AppModel) -> None:
    verifier = CallbackVerifier("http://127.0.0.1/cb", "AuthKey-for-the-test-1")
    receiver = await model.start_receiver(CallbackReceiver(verifier, host="127.0.0.1", port=0))
    assert model.state.receiver.running and model.state.receiver.url == receiver.url
    assert model.receiver is receiver
    await model.stop_receiver()
    assert not model.state.receiver.running and not receiver.running and model.receiver is None


async def test_close_stops_the_receiver_and_the_sandbox(memory_keyring: MemoryKeyring) -> None:
    model = AppModel.in_memory("t")
    await model.start(sandbox=True)
    receiver = await model.start_receiver(
        CallbackReceiver(CallbackVerifier("http://127.0.0.1/cb", "AuthKey-for-the-test-1"), port=0)
    )
    sandbox = model.sandbox
    await model.aclose()
    assert not receiver.running and model.sandbox is None
    assert sandbox is not None


async def test_deleting_the_active_profile_closes_its_session_and_its_secrets(
    model: AppModel, memory_keyring: MemoryKeyring
) -> None:
    await model.start(sandbox=True)
    profile_id = model.state.active.id
    await model.delete_profile(profile_id)
    assert model.state.active is None and model.state.profiles == ()
    assert model.state.app_key_stored(profile_id) is None
    assert not any(user.startswith(profile_id) for _, user in memory_keyring.entries)
    assert await model.secrets.get(profile_id, SecretKind.APP_KEY) is None


def test_the_application_layer_imports_no_qt() -> None:
    probe = (
        "import sys, aigc_desktop.application.model; print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


async def test_every_account_load_is_kept_in_the_history_and_deleting_a_profile_can_take_it(
    tmp_path, memory_keyring: MemoryKeyring
) -> None:
    model = AppModel.in_memory("t", history_path=tmp_path / "history.sqlite3")
    try:
        await model.start(sandbox=True)  # the first load is a snapshot
        model.sandbox.clock.advance(3600)
        await model.load_account()
        profile = model.state.active
        snapshots = await model.history_of(profile)
        assert len(snapshots) == 2 and all(s.sandbox for s in snapshots)  # sandbox history is marked
        assert (
            snapshots[-1].values["genCharModelUsageQty"]
            == model.state.account.resource_config.values["genCharModelUsageQty"]
        )
        assert model.state.overview[profile.id].account is model.state.account  # the overview row too
        await model.delete_profile(profile.id, delete_history=True)
        assert model.history.snapshots(profile.id, sandbox=True) == []
    finally:
        await model.aclose()


async def test_a_corrupt_history_is_a_problem_not_a_failure(tmp_path, memory_keyring: MemoryKeyring) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    model = AppModel.in_memory("t", history_path=path)
    try:
        await model.start(sandbox=True)
        assert model.state.account is not None  # the app works without its history
        assert model.history is None
        assert any("history" in str(p.error).lower() for p in model.state.problems if p.error is not None)
        assert path.exists() or any(tmp_path.glob("history.sqlite3.corrupt*"))  # moved aside, never lost
    finally:
        await model.aclose()
