"""Whatever JSON arrives, the platform endpoints answer an envelope with a documented code; nothing crashes."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aigc_desktop.sandbox import SandboxServer
from tests.sandbox._helpers import LOGIN, REFRESH

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
field_values = st.none() | st.integers() | st.text(max_size=40) | st.lists(st.integers(), max_size=2)
login_like = st.fixed_dictionaries(
    {},
    optional={key: field_values for key in ("appId", "timestamp", "sign", "grantType")},
)
LOGIN_CODES = {99999996, 60102151, 60112162, 60111101, 60112160}
REFRESH_CODES = {99999996, 60102151, 60112162, 84115943}


@pytest.fixture(scope="module")
def threaded_server() -> Iterator[SandboxServer]:
    """One sandbox on its own loop thread, so hypothesis can drive it from plain sync examples."""
    loop = asyncio.new_event_loop()
    server = SandboxServer()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield server
    asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


@pytest.fixture(scope="module")
def http(threaded_server: SandboxServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=threaded_server.base_url, trust_env=False, timeout=10) as client:
        yield client


def _envelope(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"code", "message", "data"} and body["data"] is None
    assert isinstance(body["message"], str) and body["message"]
    return dict(body)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values | login_like)
def test_login_survives_any_json(http: httpx.Client, body: Any) -> None:
    assert _envelope(http.post(LOGIN, json=body))["code"] in LOGIN_CODES


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=json_values, token=st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), max_size=30)
)
def test_refresh_survives_any_json(http: httpx.Client, body: Any, token: str) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    assert _envelope(http.post(REFRESH, json=body, headers=headers))["code"] in REFRESH_CODES
