"""Sender pane: fire a signed test callback at any receiver with the platform's policy, attempt by attempt.

Up to 3 attempts (200 on any means delivered; otherwise the event is dropped), each shown as it happens.
Variants break one thing on purpose (clock, key, URL) so the user's receiver can be checked for each
refusal. "Resend" re-posts the last body unchanged, as a replayed or late platform retry would arrive.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Set
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.callbacks.sender import (
    CallbackSender,
    DeliveryAttempt,
    DeliveryReport,
    SendError,
    SendVariant,
)
from aigc_desktop.services.profiles import Profile
from aigc_desktop.ui import i18n, icons
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.callback_key_edit import KeyEdit
from aigc_desktop.ui.widgets.url_suggestions import FilledUrl

DEFAULT_EVENT: dict[str, Any] = {"eventType": "TASK_FINISHED", "taskId": "test-0001", "status": "SUCCESS"}
DEFAULT_TIMEOUT_S = 10.0
_OK = "#2e7d32"
_FAIL = "#c62828"


def parse_event(text: str) -> tuple[dict[str, Any] | None, str]:
    """(event, error): the event must be a JSON object; the error names line and column."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (
            QCoreApplication.translate("SenderPane", "line %1, column %2: %3")
            .replace("%1", str(exc.lineno))
            .replace("%2", str(exc.colno))
            .replace("%3", exc.msg)
        )
    except RecursionError:
        return None, QCoreApplication.translate("SenderPane", "nested too deeply")
    if not isinstance(value, dict):
        return None, QCoreApplication.translate(
            "SenderPane", "the event must be a JSON object { … }, the callback body's fields"
        )
    return value, ""


class SenderPane(Pane):
    PANE_ID = "callback_sender"
    TITLE = str(
        QT_TRANSLATE_NOOP("panes", "Callback sender")
    )  # marked for lupdate, translated by display_title()
    ICON = "send"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.key_store = ctx.model.callback_keys
        self.retry_delays_s: tuple[float, ...] = (1.0, 2.0)  # tests shorten these
        self.last_report: DeliveryReport | None = None
        self._task: asyncio.Task[DeliveryReport | None] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self._build_target())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_event())
        splitter.addWidget(self._build_attempts())
        splitter.setStretchFactor(0, 3)  # the event being written gets the room; the attempts list is short
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        ctx.profile_changed.connect(self._profile_changed)
        ctx.jobs_changed.connect(self._update_buttons)
        ctx.state_changed.connect(self._receiver_changed)
        self._profile_changed(ctx.active_profile)
        self._validate()

    # --- construction ------------------------------------------------------------------------

    def _build_target(self) -> QGroupBox:
        box = QGroupBox(self.tr("Send a signed test callback"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.url_edit = QLineEdit()
        self.url_filler = FilledUrl(self.url_edit)
        self.url_edit.setAccessibleName(self.tr("Target URL"))
        self.url_edit.setPlaceholderText(
            self.tr("where to POST, e.g. your receiver or the receiver pane's URL")
        )
        self.url_edit.textChanged.connect(self._update_buttons)
        self.use_receiver_button = QPushButton(self.tr("Use the running receiver's URL"))
        self.use_receiver_button.setAccessibleName(self.tr("Use the running receiver's URL as the target"))
        self.use_receiver_button.clicked.connect(self.use_receiver_url)
        grid.addWidget(QLabel(self.tr("Target URL")), 0, 0)
        grid.addWidget(self.url_edit, 0, 1, 1, 3)
        grid.addWidget(self.use_receiver_button, 1, 1, 1, 3, Qt.AlignmentFlag.AlignLeft)
        self.signed_as_edit = QLineEdit()
        self.signed_as_edit.setAccessibleName(self.tr("Signed-as callback URL"))
        self.signed_as_edit.setPlaceholderText(self.tr("empty: sign the target URL"))
        self.signed_as_edit.setToolTip(
            self.tr("The callback URL the signature is computed over, when the target is a tunnel or proxy")
        )
        grid.addWidget(QLabel(self.tr("Signed-as URL")), 2, 0)
        grid.addWidget(self.signed_as_edit, 2, 1, 1, 3)
        self.key_edit = KeyEdit(self.tr("AuthKey"))
        self.key_edit.edit.setPlaceholderText(self.tr("empty: send unsigned"))
        self.load_key_button = QPushButton(self.tr("Use profile key"))
        self.load_key_button.setAccessibleName(self.tr("Use the profile's current AuthKey"))
        self.load_key_button.clicked.connect(self.load_profile_key)
        grid.addWidget(QLabel(self.tr("AuthKey")), 3, 0)
        grid.addWidget(self.key_edit, 3, 1, 1, 2)
        grid.addWidget(self.load_key_button, 3, 3)
        self.variant_combo = QComboBox()
        self.variant_combo.setAccessibleName(self.tr("Variant"))
        for variant, text in (
            (SendVariant.VALID, self.tr("Valid")),
            (SendVariant.EXPIRED, self.tr("Expired: timestamp one hour old")),
            (SendVariant.FUTURE, self.tr("Future: timestamp one hour ahead")),
            (SendVariant.WRONG_KEY, self.tr("Wrong key: signed with a random AuthKey")),
            (SendVariant.OTHER_URL, self.tr("Other URL: signed for a different callback URL")),
        ):
            self.variant_combo.addItem(text, variant)
        grid.addWidget(QLabel(self.tr("Variant")), 4, 0)
        grid.addWidget(self.variant_combo, 4, 1)
        self.timeout_spin = QDoubleSpinBox()
        self.timeout_spin.setRange(0.1, 60.0)
        self.timeout_spin.setValue(DEFAULT_TIMEOUT_S)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setAccessibleName(self.tr("Timeout per attempt in seconds"))
        grid.addWidget(QLabel(self.tr("Timeout per attempt")), 4, 2)
        grid.addWidget(self.timeout_spin, 4, 3)
        return box

    def _build_event(self) -> QGroupBox:
        box = QGroupBox(self.tr("Event JSON (timestamp and signature are added when sent)"))
        layout = QVBoxLayout(box)
        self.event_edit = QPlainTextEdit(json.dumps(DEFAULT_EVENT, indent=2))
        self.event_edit.setAccessibleName(self.tr("Event JSON"))
        self.event_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.event_edit.textChanged.connect(self._validate)
        layout.addWidget(self.event_edit, 1)
        self.event_error = QLabel()
        self.event_error.setAccessibleName(self.tr("Event JSON error"))
        self.event_error.setStyleSheet(f"color: {_FAIL};")
        self.event_error.setWordWrap(True)
        layout.addWidget(self.event_error)
        row = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Send"))
        # the set's icon, drawn in the palette's colour: visible in the dark theme too
        self.send_button.setIcon(icons.action_icon("send"))
        self.send_button.setAccessibleName(self.tr("Send the test callback"))
        self.send_button.clicked.connect(self.send)
        self.resend_button = QPushButton(self.tr("Resend last body"))
        self.resend_button.setAccessibleName(self.tr("Resend the last body unchanged"))
        self.resend_button.setToolTip(
            self.tr("Same timestamp and signature: the receiver sees a late retry, or an expired replay")
        )
        self.resend_button.clicked.connect(self.resend)
        row.addWidget(self.send_button)
        row.addWidget(self.resend_button)
        row.addStretch(1)
        layout.addLayout(row)
        return box

    def _build_attempts(self) -> QGroupBox:
        box = QGroupBox(self.tr("Attempts (platform policy: up to 3, then the event is dropped)"))
        layout = QVBoxLayout(box)
        self.summary_label = QLabel(self.tr("Nothing sent yet."))
        self.summary_label.setAccessibleName(self.tr("Delivery summary"))
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.attempts_table = QTableWidget(0, 4)
        self.attempts_table.setHorizontalHeaderLabels(
            [self.tr("Attempt"), self.tr("Status"), self.tr("Time"), self.tr("Result")]
        )
        self.attempts_table.setAccessibleName(self.tr("Attempts"))
        self.attempts_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attempts_table.verticalHeader().setVisible(False)
        header = self.attempts_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.attempts_table.setMinimumHeight(self.attempts_table.verticalHeader().defaultSectionSize() * 4)
        layout.addWidget(self.attempts_table, 1)
        self.body_view = QPlainTextEdit()  # the whole body, wrapped: it is what the receiver verified
        self.body_view.setReadOnly(True)
        self.body_view.setAccessibleName(self.tr("Body sent"))
        self.body_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body_view.setPlaceholderText(self.tr("the exact body sent appears here"))
        self.body_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.body_view.setMaximumHeight(self.body_view.fontMetrics().lineSpacing() * 5 + 12)
        layout.addWidget(QLabel(self.tr("Body sent")))
        layout.addWidget(self.body_view)
        return box

    # --- behaviour ---------------------------------------------------------------------------

    def use_receiver_url(self) -> None:
        """Target the Callback receiver pane's running receiver (the model knows its URL)."""
        url = self.ctx.state.receiver.url
        if url:
            self.url_edit.setText(url)

    def _receiver_changed(self, state: AppState, aspects: Set[str]) -> None:
        if Aspect.RECEIVER in aspects:
            self._update_buttons()

    def _profile_changed(self, profile: Profile | None) -> None:
        url = profile.callback_url if profile is not None else ""
        self.url_filler.follow(url)
        self.key_edit.set_value("")
        if profile is not None:
            self.load_profile_key()

    def on_shown(self) -> None:
        """Pick up a key set meanwhile (e.g. in the receiver pane) when none is entered here."""
        if not self.key_edit.value():
            self.load_profile_key()

    def load_profile_key(self) -> asyncio.Task[None] | None:
        profile = self.ctx.active_profile
        if profile is None:
            return None

        async def load() -> None:
            keys = await self.key_store.load(profile.id)
            self.key_edit.set_value(keys.current)

        return self.ctx.run(load(), self.tr("Loading the AuthKey…"))

    def current_event(self) -> dict[str, Any] | None:
        return parse_event(self.event_edit.toPlainText())[0]

    def _validate(self) -> None:
        _event, error = parse_event(self.event_edit.toPlainText())
        self.event_error.setText(self.tr("Invalid event JSON: %1").replace("%1", error) if error else "")
        self.event_error.setVisible(bool(error))
        self._update_buttons()

    @property
    def sending(self) -> bool:
        return self._task is not None and not self._task.done()

    def _update_buttons(self) -> None:
        ready = bool(self.url_edit.text().strip()) and not self.sending
        self.send_button.setEnabled(ready and self.current_event() is not None)
        self.resend_button.setEnabled(ready and self.last_report is not None)
        running = self.ctx.state.receiver.running
        self.use_receiver_button.setEnabled(running)
        self.use_receiver_button.setToolTip(
            self.ctx.state.receiver.url
            if running
            else self.tr("Start the receiver on the Callback receiver pane")
        )

    def _sender(self) -> CallbackSender:
        return CallbackSender(timeout_s=self.timeout_spin.value(), retry_delays_s=self.retry_delays_s)

    def send(self) -> asyncio.Task[DeliveryReport | None] | None:
        event = self.current_event()
        url = self.url_edit.text().strip()
        if event is None or not url or self.sending:
            return None
        key = self.key_edit.value() or None
        variant = SendVariant(self.variant_combo.currentData())
        signed_as = self.signed_as_edit.text().strip() or None

        async def deliver(sender: CallbackSender) -> DeliveryReport:
            return await sender.send(
                url, key, event, variant=variant, signed_as_url=signed_as, on_attempt=self._on_attempt
            )

        return self._start(deliver, self.tr("Sending a test callback…"))

    def resend(self) -> asyncio.Task[DeliveryReport | None] | None:
        report = self.last_report
        url = self.url_edit.text().strip()
        if report is None or not url or self.sending:
            return None
        body = report.body

        async def deliver(sender: CallbackSender) -> DeliveryReport:
            return await sender.send_body(url, body, on_attempt=self._on_attempt)

        return self._start(deliver, self.tr("Resending the last body…"))

    def _start(self, deliver: Any, label: str) -> asyncio.Task[DeliveryReport | None]:
        self.attempts_table.setRowCount(0)
        self.summary_label.setStyleSheet("")
        self.summary_label.setText(self.tr("Sending… each attempt appears as it completes."))

        async def run() -> DeliveryReport | None:
            try:
                async with self._sender() as sender:
                    report: DeliveryReport = await deliver(sender)
            except SendError as exc:  # a bad URL or a variant without a key: say so where the user looks
                self.summary_label.setStyleSheet(f"color: {_FAIL}; font-weight: 600;")
                self.summary_label.setText(self.tr("Not sent: %1").replace("%1", str(exc)))
                return None
            self._finished(report)
            return report

        task: asyncio.Task[DeliveryReport | None] = self.ctx.run(run(), label)
        self._task = task
        task.add_done_callback(lambda _t: self._update_buttons())
        self._update_buttons()
        return task

    def _on_attempt(self, attempt: DeliveryAttempt) -> None:
        row = self.attempts_table.rowCount()
        self.attempts_table.insertRow(row)
        status = "—" if attempt.status_code is None else str(attempt.status_code)
        result = attempt.error_in(i18n.current_language()) or self.tr("delivered")
        if attempt.answer_excerpt:
            result += "  · " + attempt.answer_excerpt.strip().replace("\n", " ")
        cells = [
            f"{attempt.number} / {1 + len(self.retry_delays_s)}",
            status,
            f"{attempt.elapsed_s * 1000:.0f} ms",
            result,
        ]
        colour = _OK if attempt.succeeded else _FAIL
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 1:
                item.setForeground(Qt.GlobalColor.darkGreen if attempt.succeeded else Qt.GlobalColor.darkRed)
            item.setToolTip(text)
            self.attempts_table.setItem(row, column, item)
        self.summary_label.setStyleSheet(f"color: {colour};")

    def _finished(self, report: DeliveryReport) -> None:
        self.last_report = report
        self.body_view.setPlainText(report.body.decode("utf-8", errors="replace"))
        if report.delivered:
            text = self.tr("Delivered on attempt %1 of %2.").replace("%1", str(len(report.attempts)))
            colour = _OK
        else:
            text = self.tr(
                "Dropped after %1 failed attempts of %2: the platform would discard this event."
            ).replace("%1", str(len(report.attempts)))
            colour = _FAIL
        self.summary_label.setText(text.replace("%2", str(report.max_attempts)))
        self.summary_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
