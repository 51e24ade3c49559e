"""Journey: quit and relaunch with ``--sandbox`` — Profiles shows the live sandbox URL and a stored key.

Before, Profiles kept the previous run's port in Base URL while requests went to the new one, and said
"No AppKey is stored" for a profile that was signed in.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness


def test_relaunch_on_the_sandbox_shows_the_new_url_and_the_stored_key(
    aio, qtbot: QtBot, settings, memory_keyring: MemoryKeyring
) -> None:
    first = AppHarness(aio, qtbot, settings)
    aio.run(first.model.start(sandbox=True))
    first_url = first.model.sandbox.base_url
    first.pane("profiles")  # the pane the user looked at in the first run
    first.close()
    first.window.close()

    again = AppHarness(aio, qtbot, settings)
    try:
        profiles = again.pane("profiles")  # built before the sandbox starts, as in the app
        aio.run(again.model.start(sandbox=True))
        again.wait_idle()
        live_url = again.model.sandbox.base_url
        assert live_url != first_url
        assert profiles.base_url_edit.text() == live_url
        assert profiles.app_key_status.text() == "The sandbox's demo AppKey is filled in automatically."
        again.wait(lambda: again.state.app_key_stored(again.state.active.id) is True)
        assert again.pane("token").status_label.text() == "Signed in to Sandbox"
        assert again.model.session.client.config.base_url.rstrip("/") == live_url
    finally:
        again.close()
