"""The callback workbench panes driven like a user would, over real loopback HTTP.

Real receiver, real sender, real sandbox; the keyring is the in-memory backend from ``conftest``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.callbacks.receiver import CallbackReceiver, FailureMode
from aigc_desktop.callbacks.sender import CallbackSender, DeliveryReport
from aigc_desktop.callbacks.verify import CallbackVerifier
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore, new_profile_id
from aigc_desktop.services.secrets import SecretKind, SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.calculator_pane import CalculatorPane
from aigc_desktop.ui.panes.receiver_pane import DELIVERY_REFRESH_MS, ReceiverPane
from aigc_desktop.ui.panes.sender_pane import SenderPane
from tests.services.memory_keyring import MemoryKeyring
from tests.ui.conftest import AppHarness, AsyncHelper
from tests.ui.test_delivery_table import KEY as TABLE_KEY
from tests.ui.test_delivery_table import URL as TABLE_URL
from tests.ui.test_delivery_table import delivery as table_delivery

CALLBACK_URL = "https://hooks.example.com/aigc/callback"
KEY = "CurrentKey2024abcXYZ"
NEW_KEY = "RotatedKey2025defUVW"
EVENT = {"taskId": "t-1", "status": "SUCCESS"}


@pytest.fixture
def ctx(aio: AsyncHelper, memory_keyring: MemoryKeyring) -> Iterator[AppContext]:
    """Services over the in-memory keyring, with an active profile whose callback URL is set."""
    context = AppContext(AppModel(ProfileStore(DictBackend()), SecretStore(timeout_s=2.0)))
    profile = context.model.profiles.save(
        Profile(
            id=new_profile_id(),
            name="Test",
            base_url="https://aigc.softsugar.com",
            app_id="app-1",
            callback_url=CALLBACK_URL,
        )
    )
    aio.run(context.model.secrets.set(profile.id, SecretKind.AUTH_KEY, KEY))
    aio.run(context.model.activate_profile(profile.id))
    yield context
    aio.run(context.aclose())


@pytest.fixture
def receiver_pane(ctx: AppContext, aio: AsyncHelper, qtbot: QtBot) -> Iterator[ReceiverPane]:
    pane = ReceiverPane(ctx)
    qtbot.addWidget(pane)
    pane.show()
    qtbot.waitUntil(lambda: pane.keys.current == KEY)  # loaded from the keyring
    yield pane
    aio.run(pane.aclose())


def start(pane: ReceiverPane, qtbot: QtBot) -> str:
    qtbot.mouseClick(pane.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.running)
    return pane.local_url()


def send(
    aio: AsyncHelper, url: str, key: str, *, signed_as: str = CALLBACK_URL, task: str = "t-1"
) -> DeliveryReport:
    """Deliver one event like the platform (quick retries); a new ``task`` makes a different body."""

    async def go() -> DeliveryReport:
        async with CallbackSender(timeout_s=5.0, retry_delays_s=(0.01, 0.01)) as sender:
            return await sender.send(url, key, {**EVENT, "taskId": task}, signed_as_url=signed_as)

    return aio.run(go())


def cell(pane: ReceiverPane, row: int, column: str) -> str:
    index = pane.model.index(row, pane.model.COLUMNS.index(column))
    return str(pane.model.data(index, Qt.ItemDataRole.DisplayRole))


# --- calculator -----------------------------------------------------------------------------


def test_calculator_shows_the_doc_example_and_warns_without_blocking(ctx: AppContext, qtbot: QtBot) -> None:
    pane = CalculatorPane(ctx)
    qtbot.addWidget(pane)
    assert pane.url_edit.text() == CALLBACK_URL  # prefilled from the profile
    pane.url_edit.setText("https://www.example.com/your/callback")
    pane.timestamp_edit.setText("1693206851")
    pane.key_edit.edit.setText("abc123")
    assert pane.signature_edit.text() == "863151b586912152aacee3124f81e301"
    assert pane.key_edit.edit.echoMode() == QLineEdit.EchoMode.Password
    assert "too short" in pane.policy_label.text()  # shown, not blocking: the doc's key is short
    assert pane.timestamp_warning.isHidden()
    shown = pane.string_edit.text()
    assert shown.startswith("https://www.example.com/your/callback1693206851") and "abc123" not in shown
    qtbot.mouseClick(pane.copy_string_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == shown  # the masked form

    pane.timestamp_edit.setText("1693206851000")
    assert pane.timestamp_warning.isVisibleTo(pane)
    assert "milliseconds" in pane.timestamp_warning.text()
    assert len(pane.signature_edit.text()) == 32  # still computed
    pane.timestamp_edit.setText("16932068")
    assert "exactly 10 digits" in pane.timestamp_warning.text()


def test_calculator_explains_why_a_pasted_body_does_not_match(ctx: AppContext, qtbot: QtBot) -> None:
    pane = CalculatorPane(ctx)
    qtbot.addWidget(pane)
    pane.key_edit.edit.setText(KEY)
    # The sender signed the URL with a trailing slash; the pane knows the configured one.
    body = CallbackSender().build_body(CALLBACK_URL + "/", KEY, EVENT)[0]
    pane.body_edit.setPlainText(body.decode())
    qtbot.mouseClick(pane.check_button, Qt.MouseButton.LeftButton)
    assert pane.verdict_label.text() == "INVALID"
    assert "trailing slash" in pane.verdict_view.toPlainText()
    assert KEY not in pane.verdict_view.toPlainText()
    good = CallbackSender().build_body(CALLBACK_URL, KEY, EVENT)[0]
    pane.body_edit.setPlainText(good.decode())
    pane.check_body()
    assert pane.verdict_label.text() == "VALID"
    pane.check_body()  # a dry run: checking twice is not a retry
    assert "attempt 2" not in pane.verdict_view.toPlainText()


# --- receiver -------------------------------------------------------------------------------


def test_valid_and_wrong_key_deliveries_appear_live(
    receiver_pane: ReceiverPane, aio: AsyncHelper, qtbot: QtBot
) -> None:
    pane = receiver_pane
    url = start(pane, qtbot)
    assert pane.status_label.text() == f"Listening on {url}"
    assert pane.signed_as_url() == CALLBACK_URL  # the profile's callback URL

    assert send(aio, url, KEY).delivered
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert cell(pane, 0, "verdict") == "VALID"
    assert cell(pane, 0, "peer").startswith("127.0.0.1:")
    assert cell(pane, 0, "attempts") == "1" and cell(pane, 0, "answer") == "200"

    report = send(aio, url, KEY + "\n", task="t-2")  # a key pasted with its newline
    assert report.dropped  # the receiver answered 401 three times
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    assert cell(pane, 0, "verdict") == "INVALID" and cell(pane, 0, "answer") == "401"
    pane.table.selectRow(0)
    detail = pane.detail.toPlainText()
    assert "Near misses" in detail and "trailing newline" in detail
    assert KEY not in detail


def test_retry_is_folded_into_its_event_row(
    receiver_pane: ReceiverPane, aio: AsyncHelper, qtbot: QtBot
) -> None:
    pane = receiver_pane
    url = start(pane, qtbot)
    pane.failure_combo.setCurrentIndex(pane.failure_combo.findData(FailureMode.HTTP500))
    assert pane.receiver is not None
    pane.receiver.add_observer(lambda _d: pane.failure_combo.setCurrentIndex(0))  # recover after one 500
    report = send(aio, url, KEY)
    assert [a.status_code for a in report.attempts] == [500, 200]
    qtbot.waitUntil(lambda: cell(pane, 0, "attempts") == "2")
    assert pane.model.rowCount() == 1
    assert (cell(pane, 0, "verdict"), cell(pane, 0, "answer")) == ("VALID", "200")
    pane.table.selectRow(0)
    assert "answered HTTP 500 — simulated HTTP 500" in pane.detail.toPlainText()
    assert pane.count_label.text() == "1 event, 2 requests"


def test_a_lone_delivery_shows_at_once_and_a_burst_in_batches(
    receiver_pane: ReceiverPane, qtbot: QtBot
) -> None:
    pane = receiver_pane
    verifier = CallbackVerifier(TABLE_URL, TABLE_KEY)
    pane._on_delivery(table_delivery(verifier, 1))  # what the receiver calls for each request it handled
    assert pane.refresh_timer.isActive() and pane.refresh_timer.interval() == 0  # after a quiet spell
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    pane._on_delivery(table_delivery(verifier, 2, task="t-2"))  # right after a refresh: the next slot
    assert 0 < pane.refresh_timer.interval() <= DELIVERY_REFRESH_MS
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    assert pane.count_label.text() == "2 events, 2 requests"


def test_the_count_says_when_older_events_are_no_longer_shown(
    receiver_pane: ReceiverPane, qtbot: QtBot
) -> None:
    pane = receiver_pane
    pane.model.max_events = 2
    verifier = CallbackVerifier(TABLE_URL, TABLE_KEY)
    for number in range(1, 4):
        pane._on_delivery(table_delivery(verifier, number, task=f"t-{number}"))
    qtbot.waitUntil(lambda: pane.model.dropped == 1)
    assert pane.count_label.text() == "2 newest events, 2 requests; 1 older not shown"


def test_export_and_curl_never_contain_the_auth_key(
    receiver_pane: ReceiverPane, aio: AsyncHelper, qtbot: QtBot, tmp_path: Path
) -> None:
    pane = receiver_pane
    url = start(pane, qtbot)
    send(aio, url, KEY)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    assert pane.export_button.isEnabled()
    aio.wait_task(pane.export_to(tmp_path / "deliveries.json"))
    text = (tmp_path / "deliveries.json").read_text(encoding="utf-8")
    document = json.loads(text)
    assert document["deliveries"][0]["verdict"]["status"] == "valid"
    assert KEY not in text
    pane.table.selectRow(0)
    qtbot.mouseClick(pane.curl_button, Qt.MouseButton.LeftButton)
    command = QGuiApplication.clipboard().text()
    assert command.startswith("curl -X POST") and KEY not in command


def test_lan_binding_needs_an_explicit_confirmation(receiver_pane: ReceiverPane, qtbot: QtBot) -> None:
    pane = receiver_pane
    pane.host_combo.setCurrentIndex(pane.host_combo.findData("0.0.0.0"))
    qtbot.mouseClick(pane.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.lan_box.isVisible())
    assert not pane.running
    pane.lan_box.button(QMessageBox.StandardButton.Cancel).click()
    assert not pane.running
    qtbot.mouseClick(pane.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.lan_box.isVisible())
    accept = next(
        b for b in pane.lan_box.buttons() if pane.lan_box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    accept.click()
    qtbot.waitUntil(lambda: pane.running)
    assert pane.receiver is not None and pane.receiver.host == "0.0.0.0"
    assert "reachable from the network" in pane.status_label.text()


def test_a_taken_port_is_explained_not_crashed(
    receiver_pane: ReceiverPane, aio: AsyncHelper, qtbot: QtBot
) -> None:
    other = CallbackReceiver(CallbackVerifier(CALLBACK_URL, KEY))
    aio.run(other.start())
    try:
        pane = receiver_pane
        pane.port_spin.setValue(int(other.url.rsplit(":", 1)[1].strip("/")))
        with qtbot.waitSignal(pane.ctx.notice) as notice:
            qtbot.mouseClick(pane.start_button, Qt.MouseButton.LeftButton)
        level, text = notice.args  # type: ignore[misc]
        assert level == "warning" and text.startswith("The receiver did not start\ncannot listen on")
        assert not pane.running and pane.start_button.isEnabled()
    finally:
        aio.run(other.stop())


def test_rotation_accepts_both_keys_and_counts_the_old_one(
    receiver_pane: ReceiverPane, aio: AsyncHelper, qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    pane = receiver_pane
    rotation = pane.rotation
    profile_id = pane.ctx.active_profile.id  # type: ignore[union-attr]
    url = start(pane, qtbot)
    qtbot.mouseClick(rotation.generate_button, Qt.MouseButton.LeftButton)
    generated = rotation.new_edit.value()
    assert len(generated) == 24 and rotation.policy_label.text() == "Meets the platform's AuthKey policy."
    rotation.new_edit.set_value(NEW_KEY)
    assert rotation.steps[0].isChecked()
    qtbot.mouseClick(rotation.rotate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.keys.previous == KEY)
    entries = {user: value for (_s, user), value in memory_keyring.entries.items()}
    assert entries[f"{profile_id}/auth_key"] == NEW_KEY
    assert entries[f"{profile_id}/auth_key_previous"] == KEY
    assert rotation.steps[1].isChecked()  # the receiver accepts both

    assert send(aio, url, KEY, task="old").delivered  # the platform still signs with the old key
    assert send(aio, url, NEW_KEY, task="new").delivered
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    stats = rotation.stats_label.text()
    assert (
        "1 deliveries still signed with the old key, the last at" in stats and "1 with the new key" in stats
    )

    qtbot.mouseClick(rotation.retire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rotation.retire_box.isVisible())
    assert "1 arrived since the rotation" in rotation.retire_box.text()
    accept = next(
        b
        for b in rotation.retire_box.buttons()
        if rotation.retire_box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    accept.click()
    qtbot.waitUntil(lambda: pane.keys.previous is None)
    assert f"{profile_id}/auth_key_previous" not in {user for (_s, user) in memory_keyring.entries}
    assert rotation.steps[5].isChecked()
    assert send(
        aio, url, KEY, task="late"
    ).dropped  # the old key is refused now, and the detail says it was retired
    qtbot.waitUntil(lambda: pane.model.rowCount() == 3)
    pane.table.selectRow(0)
    assert "retired" in pane.detail.toPlainText()


def test_sandbox_demo_button_makes_a_delivery_arrive(app: AppHarness, qtbot: QtBot) -> None:
    app.start_sandbox()
    app.wait_idle()
    pane: ReceiverPane = app.pane("callback_receiver")
    try:
        url = start(pane, qtbot)
        assert pane.signed_as_url() == url  # the sandbox profile has no callback URL: sign the local one
        qtbot.mouseClick(pane.demo_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
        app.wait_idle()
        assert cell(pane, 0, "verdict") == "VALID"
        assert pane.keys.current  # the sandbox profile got a generated key, kept in the keyring
        assert app.errors == []
        assert "Sandbox demo callback delivered on attempt 1" in app.window.statusBar().currentMessage()
    finally:
        app.aio.run(pane.aclose())


# --- sender ---------------------------------------------------------------------------------


def test_sender_shows_three_failed_attempts_live(ctx: AppContext, aio: AsyncHelper, qtbot: QtBot) -> None:
    receiver = CallbackReceiver(CallbackVerifier(CALLBACK_URL, KEY))
    receiver.failure_mode = FailureMode.HTTP500
    aio.run(receiver.start())
    try:
        pane = SenderPane(ctx)
        qtbot.addWidget(pane)
        qtbot.waitUntil(lambda: pane.key_edit.value() == KEY)  # the profile's key, masked
        assert pane.url_edit.text() == CALLBACK_URL
        pane.retry_delays_s = (0.01, 0.01)
        pane.url_edit.setText(receiver.url)
        pane.signed_as_edit.setText(CALLBACK_URL)
        pane.event_edit.setPlainText('{"taskId": "t-9",}')
        assert not pane.send_button.isEnabled()
        assert pane.event_error.text().startswith("Invalid event JSON: line 1, column 18")
        pane.event_edit.setPlainText('{"taskId": "t-9", "status": "FAILED"}')
        assert pane.send_button.isEnabled()
        qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
        # the report is shown before the send ends; Resend is enabled once it has (a user clicks it then)
        qtbot.waitUntil(lambda: pane.last_report is not None and pane.resend_button.isEnabled())
        assert pane.attempts_table.rowCount() == 3
        statuses = [pane.attempts_table.item(row, 1).text() for row in range(3)]
        assert statuses == ["500", "500", "500"]
        assert pane.summary_label.text().startswith("Dropped after 3 failed attempts of 3")
        assert KEY not in pane.body_view.toPlainText() and '"taskId":"t-9"' in pane.body_view.toPlainText()

        receiver.failure_mode = FailureMode.NONE
        qtbot.mouseClick(pane.resend_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pane.attempts_table.rowCount() == 1 and not pane.sending)
        assert pane.summary_label.text() == "Delivered on attempt 1 of 3."
        assert [d.verdict.attempt for d in receiver.deliveries if d.verdict] == [1, 2, 3, 4]  # same body

        pane.url_edit.setText("ftp://nowhere")
        qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: pane.summary_label.text().startswith("Not sent: "))
        assert "absolute http(s) URL" in pane.summary_label.text()

        pane.url_edit.setText(receiver.url)
        pane.variant_combo.setCurrentIndex(pane.variant_combo.findData("expired"))
        qtbot.mouseClick(pane.send_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not pane.sending and pane.attempts_table.rowCount() == 3)
        assert receiver.deliveries[-1].verdict is not None
        assert receiver.deliveries[-1].verdict.status.value == "expired"
    finally:
        aio.run(receiver.stop())


def test_a_burst_of_deliveries_is_shown_in_one_refresh(receiver_pane: ReceiverPane, qtbot: QtBot) -> None:
    """1,500 requests at once: one table insertion, the newest 1,000 kept and selected, the count right."""
    from datetime import UTC, datetime

    from aigc_desktop.callbacks.deliveries import Delivery

    pane = receiver_pane
    pane.resize(1100, 700)  # room for every column: then none may be cut
    inserted: list[int] = []
    pane.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    widths = [pane.table.columnWidth(column) for column in range(pane.model.columnCount())]
    now = datetime.now(UTC)
    for number in range(1, 1501):  # refused before verification (405): one row each
        pane._on_delivery(
            Delivery(number, now, "127.0.0.1:50000", "GET", "/", "http://127.0.0.1/", (), b"", 0, None, 405)
        )
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1000)
    assert inserted == [1000]  # one relayout for the burst, not one per request; none for the dropped
    assert pane.count_label.text() == "1000 newest events, 1000 requests; 500 older not shown"
    assert pane.table.selectionModel().hasSelection()
    # sized to fit what the rows show (measured here by the view's own delegate), without sideways scrolling
    table = pane.table
    assert [table.columnWidth(c) for c in range(len(widths))] != widths
    header = table.horizontalHeader()
    cut = {
        pane.model.COLUMNS[c]: (table.sizeHintForColumn(c), table.columnWidth(c))
        for c in range(pane.model.columnCount())
        if header.sectionResizeMode(c) != QHeaderView.ResizeMode.Stretch
        and table.sizeHintForColumn(c) > table.columnWidth(c)
    }
    assert cut == {}
    assert table.horizontalHeader().length() <= table.viewport().width()


def test_the_empty_list_says_what_to_do_and_the_counts_read_right(receiver_pane: ReceiverPane) -> None:
    pane = receiver_pane
    pane._update_count()
    assert pane.count_label.text().startswith("No callbacks yet: start the receiver")
    assert pane.rotation.keys_box.title() == "AuthKeys of this profile (kept in the keyring)"
    pane.rotation.set_storage(False)
    assert pane.rotation.keys_box.title() == "AuthKeys of this profile (kept in memory for this session only)"


def test_the_sender_targets_the_running_receiver_in_one_click(
    ctx: AppContext, receiver_pane: ReceiverPane, qtbot: QtBot
) -> None:
    sender = SenderPane(ctx)
    qtbot.addWidget(sender)
    sender.show()
    assert not sender.use_receiver_button.isEnabled()  # nothing runs yet
    url = start(receiver_pane, qtbot)
    assert sender.use_receiver_button.isEnabled()
    qtbot.mouseClick(sender.use_receiver_button, Qt.MouseButton.LeftButton)
    assert sender.url_edit.text() == url == ctx.state.receiver.url
