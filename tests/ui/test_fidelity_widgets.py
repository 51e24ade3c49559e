"""Issue 16's widgets, driven like a user would: "More fields", the account's callback URLs (offered to
the receiver and calculator), Copy WebSocket URL / Test WebSocket sign-in against a real sandbox, and
the sign preview's warning on a 10-digit login timestamp."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.models import User, parse_token_grant
from aigc_desktop.sandbox import SandboxServer
from aigc_desktop.sandbox.routes_websocket import WebSocketSettings
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore, new_profile_id
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.calculator_pane import CalculatorPane
from aigc_desktop.ui.panes.receiver_pane import ReceiverPane
from aigc_desktop.ui.widgets.callback_urls import CallbackUrlsView
from aigc_desktop.ui.widgets.login_timestamp_note import login_timestamp_warning
from aigc_desktop.ui.widgets.user_fields import UserFieldsView
from aigc_desktop.ui.widgets.websocket_tools import WebSocketTools
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AsyncHelper

CALLBACK = "https://example.com/aigc/callback"
LIVE = "https://example.com/aigc/live"


def user(**fields: Any) -> User:
    grant = parse_token_grant({"accessToken": "A" * 40, "expiresIn": 28800, "user": {"id": 4, **fields}})
    assert grant.user is not None
    return grant.user


# --- More fields ------------------------------------------------------------------------------------


def test_more_fields_is_collapsed_and_lists_every_field(qtbot: QtBot) -> None:
    view = UserFieldsView()
    qtbot.addWidget(view)
    view.show()
    assert not view.toggle.isEnabled()  # nobody signed in
    view.set_user(
        user(email="ops@example.com", licensePath="/lic", conceal=False, callbackUrl=CALLBACK, shoeSize=44)
    )
    assert view.toggle.isEnabled() and not view.table.isVisible()
    qtbot.mouseClick(view.toggle, Qt.MouseButton.LeftButton)
    assert view.expanded and view.table.isVisible()
    assert view.value_of("email") == "ops@example.com"
    assert view.value_of("licensePath") == "/lic"
    assert view.value_of("conceal") == "false"
    assert view.value_of("callbackUrl") == CALLBACK
    assert view.value_of("shoeSize") == "44"  # unknown to the doc and to known answers: still shown
    assert view.value_of("profilePhoto") == "—"
    assert view.value_of("appKey") is None  # never listed
    assert view.table.rowCount() == 25 + 1
    qtbot.mouseClick(view.toggle, Qt.MouseButton.LeftButton)
    assert not view.table.isVisible()


def test_unknown_fields_named_like_secrets_are_masked(qtbot: QtBot) -> None:
    view = UserFieldsView()
    qtbot.addWidget(view)
    view.set_user(user(AppKey="secret-value-123456", password="hunter2-hunter2", nickname="ops"))
    assert view.value_of("AppKey") == "***" and view.value_of("password") == "***"
    assert view.value_of("nickname") == "ops" and view.table.rowCount() == 25 + 3


# --- callback URLs -----------------------------------------------------------------------------------


def test_callback_urls_are_shown_copied_and_offered(qtbot: QtBot) -> None:
    view = CallbackUrlsView()
    qtbot.addWidget(view)
    view.show()
    assert view.urls == () and "Sign in" in view.empty_label.text()
    view.set_user(user(callbackUrl=CALLBACK, liveCallbackUrl=LIVE))
    assert view.urls == (CALLBACK, LIVE) and not view.empty_label.isVisible()
    qtbot.mouseClick(view.copy_buttons[1], Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == LIVE
    with qtbot.waitSignal(view.use_as_signed_url) as emitted:
        qtbot.mouseClick(view.use_buttons[0], Qt.MouseButton.LeftButton)
    assert emitted.args == [CALLBACK]


def test_an_account_without_callback_urls_says_so(qtbot: QtBot) -> None:
    view = CallbackUrlsView()
    qtbot.addWidget(view)
    view.show()
    view.set_user(user(callbackUrl=None, liveCallbackUrl="  "))
    assert view.urls == () and view.empty_label.isVisible()
    assert view.empty_label.text() == "No callback URL is configured for this account."


@pytest.fixture
def ctx(aio: AsyncHelper, memory_keyring: MemoryKeyring) -> Iterator[AppContext]:
    context = AppContext(AppModel(ProfileStore(DictBackend()), SecretStore(timeout_s=2.0)))
    profile = context.model.profiles.save(
        Profile(id=new_profile_id(), name="T", base_url="https://aigc.softsugar.com", app_id="a")
    )
    aio.run(context.model.activate_profile(profile.id))
    yield context
    aio.run(context.aclose())


def test_the_calculator_takes_a_suggested_url_only_when_empty(ctx: AppContext, qtbot: QtBot) -> None:
    pane = CalculatorPane(ctx)
    qtbot.addWidget(pane)
    assert pane.url_edit.text() == ""
    pane.suggest_callback_urls([CALLBACK, LIVE, CALLBACK, " "])
    assert pane.url_edit.text() == CALLBACK
    assert pane.suggested_callback_urls == (CALLBACK, LIVE)
    completer = pane.url_edit.completer()
    assert completer is not None and completer.model().rowCount() == 2
    pane.url_edit.setText("https://typed.example/cb")
    pane.suggest_callback_urls([LIVE])
    assert pane.url_edit.text() == "https://typed.example/cb"  # nothing typed is replaced


def test_the_receiver_takes_a_suggested_signed_as_url(
    ctx: AppContext, aio: AsyncHelper, qtbot: QtBot
) -> None:
    pane = ReceiverPane(ctx)
    qtbot.addWidget(pane)
    try:
        pane.suggest_callback_urls([LIVE])
        assert pane.signed_as_edit.text() == LIVE
        assert pane.verifier.callback_url == LIVE  # the receiver now checks signatures over that URL
        pane.suggest_callback_urls([])
        assert pane.signed_as_edit.text() == LIVE and pane.suggested_callback_urls == ()
    finally:
        aio.run(pane.aclose())


# --- WebSocket tools ---------------------------------------------------------------------------------


@pytest.fixture
def ws_sandbox(aio: AsyncHelper) -> Iterator[SandboxServer]:
    server = SandboxServer(websocket=WebSocketSettings(first_message_timeout_s=5, idle_timeout_s=5))
    aio.run(server.start())
    yield server
    aio.run(server.stop())


def _runner() -> tuple[list[asyncio.Task[Any]], Any]:
    tasks: list[asyncio.Task[Any]] = []

    def run(coro: Coroutine[Any, Any, Any], label: str) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        tasks.append(task)
        return task

    return tasks, run


def _config(url: str) -> ClientConfig:
    return ClientConfig(base_url=url, trust_env=False)


async def _sign_in(server: SandboxServer) -> str:
    async with PlatformClient(_config(server.base_url)) as client:
        return (await client.login(server.demo.app_id, server.demo.app_key)).access_token


def _tools(qtbot: QtBot, current: Any, run: Any) -> WebSocketTools:
    from aigc_desktop.platform import websocket

    tools = WebSocketTools(
        current,
        run,
        config_for=_config,
        sign_in_test=lambda config, token: websocket.test_websocket_sign_in(config, token, wait_s=0.2),
    )
    qtbot.addWidget(tools)
    tools.show()
    return tools


def test_websocket_tools_are_off_until_signed_in(qtbot: QtBot) -> None:
    _tasks, run = _runner()
    tools = _tools(qtbot, lambda: None, run)
    assert not tools.copy_button.isEnabled() and not tools.test_button.isEnabled()
    assert tools.url_label.text() == "Sign in to get a WebSocket URL."


def test_copy_websocket_url_and_test_sign_in(
    ws_sandbox: SandboxServer, aio: AsyncHelper, qtbot: QtBot
) -> None:
    token = aio.run(_sign_in(ws_sandbox))
    tasks, run = _runner()
    tools = _tools(qtbot, lambda: (ws_sandbox.base_url, token), run)
    expected = (
        ws_sandbox.base_url.replace("http://", "ws://")
        + f"/api/voice/stream/v1?Authorization=Bearer%20{token}"
    )
    assert token not in tools.url_label.text()  # shown masked
    assert tools.url_label.text().endswith(f"Bearer%20{token[:4]}…{token[-4:]}")
    qtbot.mouseClick(tools.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == expected  # the full URL only on the clipboard
    qtbot.mouseClick(tools.test_button, Qt.MouseButton.LeftButton)
    assert len(tasks) == 1 and not tools.test_button.isEnabled()
    aio.wait_task(tasks[0])
    assert tools.result_label.text() == "Accepted: the platform kept the WebSocket open."
    assert tools.test_button.isEnabled()


def test_websocket_sign_in_with_an_expired_token_is_refused(
    ws_sandbox: SandboxServer, aio: AsyncHelper, qtbot: QtBot
) -> None:
    token = aio.run(_sign_in(ws_sandbox))
    ws_sandbox.clock.advance(8 * 3600)
    tasks, run = _runner()
    tools = _tools(qtbot, lambda: (ws_sandbox.base_url, token), run)
    qtbot.mouseClick(tools.test_button, Qt.MouseButton.LeftButton)
    aio.wait_task(tasks[0])
    assert tools.result_label.text().startswith("Refused: 60112505 ")
    assert tools.last_result is not None and tools.last_result.close_code == 1008


# --- the sign preview's timestamp warning -------------------------------------------------------------


@pytest.mark.parametrize(
    ("timestamp", "warned"),
    [
        ("1676797061518", False),
        ("1686730537", True),
        ("168673053", True),
        ("16767970615180", True),
        ("", False),
    ],
)
def test_login_timestamp_warning(qapp: Any, timestamp: str, warned: bool) -> None:
    text = login_timestamp_warning(timestamp)
    assert bool(text) is warned
    if timestamp == "1686730537":
        assert text.startswith("10 digits: this timestamp is in seconds.")


# --- notes on the grant (refresh unavailable, no permissions) ----------------------------------------


def test_grant_notes_follow_the_answer(qapp: Any) -> None:
    from aigc_desktop.ui.widgets.grant_notes import permissions_listed_note, refresh_unavailable_text

    assert refresh_unavailable_text() == "Refresh unavailable: sign-in will be needed at expiry"
    assert permissions_listed_note(True) == "The sign-in answer lists no permissions for this account."
    assert permissions_listed_note(False) == ""
