"""Journey: switch to another profile and back — every pane shows the signed-in session at once.

Before the application model, switching back to a signed-in profile left the user, roles, sign-in
request, account and quotas empty until Refresh was pressed, and the other profile's 60112160 banner
stayed on screen.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import AppHarness
from tests.ui.journeys import add_custom_profile, banner_texts, choose_profile, try_the_sandbox


def test_switching_away_and_back_keeps_every_pane_filled_and_drops_the_other_profiles_banner(
    app: AppHarness, qtbot: QtBot
) -> None:
    try_the_sandbox(app, qtbot)
    sandbox = app.model.sandbox
    add_custom_profile(
        app, qtbot, name="Wrong key", url=sandbox.base_url, app_id=sandbox.demo.app_id, key="not-the-key-123"
    )
    profiles = app.pane("profiles")
    profiles.list.setCurrentRow(
        next(i for i in range(profiles.list.count()) if "Wrong key" in profiles.list.item(i).text())
    )
    qtbot.mouseClick(profiles.use_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: app.state.active is not None and app.state.active.name == "Wrong key")
    app.wait_idle()

    token = app.pane("token")
    qtbot.mouseClick(token.sign_in_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: any("60112160" in text for text in banner_texts(app)))
    app.wait_idle()

    choose_profile(app, "Sandbox")  # no other click: no Refresh, no Sign in

    token = app.pane("token")
    assert token.status_label.text() == "Signed in to Sandbox"
    assert token.user_labels["name"].text() == sandbox.demo.user_name
    assert token.roles_table.rowCount() >= 1
    assert token.request_view.toPlainText().startswith(f"POST {sandbox.base_url}/api/uc/v1/access/api/token")
    account = app.pane("account")
    assert account.company_label.text() == sandbox.demo.company and account.basic_box.isVisibleTo(account)
    quotas = app.pane("quotas")
    assert quotas.updated_label.text().startswith("Last updated")
    assert all(bar.level != "unknown" for bar in quotas.bars.values())
    assert not any("60112160" in text for text in banner_texts(app))  # the other profile's failure went
    assert app.errors and all(
        "60112160" in str(e) or getattr(e, "code", None) == 60112160 for e in app.errors
    )


def test_a_successful_sign_in_takes_the_refresh_too_soon_banner_away(app: AppHarness, qtbot: QtBot) -> None:
    try_the_sandbox(app, qtbot)
    app.aio.run(app.model.refresh())
    token = app.pane("token")
    token.tick()
    app.ctx.run(app.model.refresh(force=True), "Refreshing the token…")  # refused: 60112161
    app.wait(lambda: any("60112161" in text for text in banner_texts(app)))
    app.wait_idle()
    qtbot.mouseClick(token.sign_in_button, Qt.MouseButton.LeftButton)
    app.wait(lambda: not any("60112161" in text for text in banner_texts(app)))
    app.wait_idle()
    assert token.status_label.text() == "Signed in to Sandbox"
