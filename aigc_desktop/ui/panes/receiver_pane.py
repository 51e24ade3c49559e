"""Receiver pane: a local callback endpoint that verifies, answers and shows every delivery live.

The receiver itself answers 200/401/400/413 (``callbacks.receiver``); this pane configures it while it
runs (signed-as URL, tolerance, simulated failure, forwarding, replay policy, keys) and lists what came
in, one row per event with its retries folded in. The verifier outlives restarts, so rotation counts and
the replay memory survive a Stop/Start. AuthKeys never reach the table, the detail, exports or curl.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Sequence, Set
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.export import deliveries_to_json, delivery_to_curl
from aigc_desktop.callbacks.receiver import CallbackReceiver, FailureMode, ReceiverError
from aigc_desktop.callbacks.verify import DEFAULT_TOLERANCE_S, CallbackVerifier
from aigc_desktop.platform.network import is_loopback
from aigc_desktop.services.callback_keys import AuthKeys, generate_auth_key
from aigc_desktop.services.private_files import write_private_text
from aigc_desktop.services.profiles import Profile
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.callback_demo import DemoError, send_demo_callback
from aigc_desktop.ui.widgets.callback_rotation import RotationPanel
from aigc_desktop.ui.widgets.confirm import confirm
from aigc_desktop.ui.widgets.delivery_detail import DeliveryDetailView
from aigc_desktop.ui.widgets.delivery_table import DeliveryGroup, DeliveryTableModel
from aigc_desktop.ui.widgets.file_dialogs import export_dialog
from aigc_desktop.ui.widgets.url_suggestions import FilledUrl

LOOPBACK = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"
_PLACEHOLDER_URL = "http://127.0.0.1/"  # until the receiver knows its own URL
_HINT_STYLE = "color: palette(placeholder-text);"
# Under a burst the table, detail, counts and stats are refreshed at most four times a second: each
# refresh repaints and re-lays out the pane (a few ms whatever the burst's size), so at hundreds of
# deliveries per second fewer, larger refreshes leave the loop to the receiver. The first delivery after
# a quiet spell is shown at once.
DELIVERY_REFRESH_MS = 250


def _write_text(path: Path, text: str) -> Path:
    return write_private_text(path, text)  # 0600: callback bodies are the user's business


class ReceiverPane(Pane):
    PANE_ID = "callback_receiver"
    TITLE = str(
        QT_TRANSLATE_NOOP("panes", "Callback receiver")
    )  # marked for lupdate, translated by display_title()
    ICON = "inbox"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        ctx.add_close_hook(self.aclose)
        self.keys = AuthKeys()
        self.key_store = ctx.model.callback_keys
        self.verifier = CallbackVerifier(_PLACEHOLDER_URL, None)
        self._profile: Profile | None = None
        ctx.state_changed.connect(self._callback_urls_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addLayout(self._build_controls())
        layout.addLayout(self.status_row)
        layout.addWidget(self._build_settings())
        layout.addLayout(self._build_actions())
        layout.addWidget(self.count_label)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Deliveries and AuthKeys"))
        self.tabs.addTab(self._build_deliveries(), self.tr("Deliveries"))
        self.rotation = RotationPanel(self.key_store, ctx.run)
        self.rotation.keys_changed.connect(self.set_keys)
        self.tabs.addTab(self.rotation, self.tr("AuthKeys and rotation"))
        layout.addWidget(self.tabs, 1)

        # Deliveries arrive in bursts (hundreds per second under load): the table, detail, counts and
        # rotation stats are refreshed once per burst, at most every DELIVERY_REFRESH_MS, not per request.
        self._pending: list[Delivery] = []
        self._last_flush = -math.inf  # time.monotonic() of the last refresh
        self._shown_detail: tuple[int, int] | None = None  # see _detail_state
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)  # started with the wait left until the next refresh slot
        self.refresh_timer.timeout.connect(self._flush_deliveries)

        self.stats_timer = QTimer(self)
        self.stats_timer.setInterval(5000)
        self.stats_timer.timeout.connect(self._show_stats)
        self.stats_timer.start()
        ctx.profile_changed.connect(self._profile_changed)
        ctx.jobs_changed.connect(self._update_buttons)
        self._profile_changed(ctx.active_profile)
        self._callback_urls_changed(ctx.state, {Aspect.SESSION, Aspect.SECRETS})
        self._update_buttons()
        self._update_count()

    # --- construction ------------------------------------------------------------------------

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setAccessibleName(self.tr("Start the receiver"))
        self.start_button.clicked.connect(self.request_start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setAccessibleName(self.tr("Stop the receiver"))
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.start_button)
        row.addWidget(self.stop_button)
        row.addSpacing(12)
        host_label = QLabel(self.tr("Listen on"))
        self.host_combo = QComboBox()
        self.host_combo.setAccessibleName(self.tr("Listen address"))
        self.host_combo.addItem(self.tr("127.0.0.1 (this computer only)"), LOOPBACK)
        self.host_combo.addItem(self.tr("0.0.0.0 (all interfaces, LAN)"), ALL_INTERFACES)
        host_label.setBuddy(self.host_combo)
        row.addWidget(host_label)
        row.addWidget(self.host_combo)
        port_label = QLabel(self.tr("Port"))
        self.port_spin = QSpinBox()
        self.port_spin.setRange(0, 65535)
        self.port_spin.setSpecialValueText(self.tr("any free"))
        self.port_spin.setAccessibleName(self.tr("Port (0 = any free port)"))
        port_label.setBuddy(self.port_spin)
        row.addWidget(port_label)
        row.addWidget(self.port_spin)
        row.addStretch(1)
        self.status_row = status_row = QHBoxLayout()  # on its own line: the URL fits at 720 px
        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Receiver status"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)
        status_row.addWidget(self.status_label, 1)
        self.copy_url_button = QPushButton(self.tr("Copy URL"))
        self.copy_url_button.setAccessibleName(self.tr("Copy the receiver URL"))
        self.copy_url_button.clicked.connect(self._copy_url)
        status_row.addWidget(self.copy_url_button)
        return row

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("Verification"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.signed_as_edit = QLineEdit()
        self.signed_as_filler = FilledUrl(self.signed_as_edit)
        self.signed_as_edit.setAccessibleName(self.tr("Signed-as callback URL"))
        self.signed_as_edit.setToolTip(
            self.tr(
                "The callback URL configured on the platform: signatures are computed over it. Behind a "
                "tunnel or proxy it differs from this receiver's local URL. Empty: the local URL."
            )
        )
        self.signed_as_edit.textChanged.connect(self._apply_signed_as)
        grid.addWidget(QLabel(self.tr("Signed-as URL")), 0, 0)
        grid.addWidget(self.signed_as_edit, 0, 1, 1, 3)

        self.tolerance_spin = QSpinBox()
        self.tolerance_spin.setRange(0, 86_400)
        self.tolerance_spin.setValue(DEFAULT_TOLERANCE_S)
        self.tolerance_spin.setSuffix(self.tr(" s"))
        self.tolerance_spin.setAccessibleName(self.tr("Timestamp tolerance in seconds"))
        self.tolerance_spin.valueChanged.connect(lambda v: setattr(self.verifier, "tolerance_s", float(v)))
        grid.addWidget(QLabel(self.tr("Tolerance")), 1, 0)
        grid.addWidget(self.tolerance_spin, 1, 1, Qt.AlignmentFlag.AlignLeft)

        self.failure_combo = QComboBox()
        self.failure_combo.setAccessibleName(self.tr("Simulate failure"))
        self.failure_combo.addItem(self.tr("None: answer as verified"), FailureMode.NONE)
        self.failure_combo.addItem(self.tr("Answer HTTP 500"), FailureMode.HTTP500)
        self.failure_combo.addItem(self.tr("Stall past the platform's timeout"), FailureMode.STALL)
        self.failure_combo.setToolTip(
            self.tr("Watch the platform retry: 3 attempts in all, then the event is dropped")
        )
        self.failure_combo.currentIndexChanged.connect(self._apply_failure_mode)
        grid.addWidget(QLabel(self.tr("Simulate failure")), 1, 2)
        grid.addWidget(self.failure_combo, 1, 3)

        self.forward_edit = QLineEdit()
        self.forward_edit.setAccessibleName(self.tr("Forward valid deliveries to"))
        self.forward_edit.setPlaceholderText(self.tr("optional, e.g. http://127.0.0.1:8000/callback"))
        self.forward_edit.textChanged.connect(self._apply_forward)
        grid.addWidget(QLabel(self.tr("Forward to")), 2, 0)
        grid.addWidget(self.forward_edit, 2, 1, 1, 3)

        self.accept_shared_check = QCheckBox(self.tr("Accept different events that share a signature"))
        self.accept_shared_check.setAccessibleName(self.tr("Accept different events that share a signature"))
        self.accept_shared_check.setToolTip(
            self.tr(
                "The signature covers only URL + timestamp + AuthKey, not the body: two events sent in the "
                "same second carry the same signature and look like a replay. Off (the safe default) "
                "refuses the second body; on accepts it and flags it."
            )
        )
        self.accept_shared_check.toggled.connect(lambda on: setattr(self.verifier, "refuse_replays", not on))
        grid.addWidget(self.accept_shared_check, 3, 0, 1, 4)
        self.keys_label = QLabel()
        self.keys_label.setAccessibleName(self.tr("AuthKeys in use"))
        self.keys_label.setWordWrap(True)
        grid.addWidget(self.keys_label, 4, 0, 1, 4)
        return box

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.demo_button = QPushButton(self.tr("Send a demo callback"))
        self.demo_button.setAccessibleName(self.tr("Send a demo callback from the sandbox"))
        self.demo_button.setToolTip(
            self.tr("The built-in sandbox signs an event with the current AuthKey and delivers it here")
        )
        self.demo_button.clicked.connect(self.send_demo)
        self.export_button = QPushButton(self.tr("Export JSON…"))
        self.export_button.setAccessibleName(self.tr("Export deliveries as JSON"))
        self.export_button.clicked.connect(self.choose_export)
        self.curl_button = QPushButton(self.tr("Copy as curl"))
        self.curl_button.setAccessibleName(self.tr("Copy the selected delivery as a curl command"))
        self.curl_button.setToolTip(self.tr("Re-sends the exact body; no AuthKey is included"))
        self.curl_button.clicked.connect(self.copy_curl)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setAccessibleName(self.tr("Clear the deliveries list"))
        self.clear_button.clicked.connect(self.clear)
        for button in (self.demo_button, self.export_button, self.curl_button, self.clear_button):
            row.addWidget(button)
        row.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Delivery count"))
        self.count_label.setWordWrap(True)
        return row

    def _build_deliveries(self) -> QWidget:
        self.model = DeliveryTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Deliveries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # No ResizeToContents: it measures rows (every role of every sampled cell) on each insert, a
        # long stall per burst. Columns are sized from the widest text each can show (_fit_columns).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(
            self.fontMetrics().averageCharWidth() * 9
        )  # fits 720 px before rows come
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)  # the time: never cut, never shrunk
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = DeliveryDetailView()
        splitter = QSplitter(Qt.Orientation.Vertical)  # the list above its detail: both get the width
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        return splitter

    def _fit_columns(self) -> None:
        """Size the columns to the widest text each can show, then within the table's width.

        From the model's sample texts and the style alone, never from the rows: no stall however many
        rows are in. Cut texts (only when the table is too narrow for them) show in full as tooltips.
        """
        header = self.table.horizontalHeader()
        modes = [header.sectionResizeMode(column) for column in range(header.count())]
        stretch, interactive_mode = QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Interactive
        for column, mode in enumerate(modes):
            texts = self.model.widest_texts(column)
            if texts and mode != stretch:
                header.resizeSection(
                    column, max(header.sectionSizeHint(column), self._cell_width(column, texts))
                )
        # The stretched column takes what is left. The header spans the viewport: its width is the
        # viewport's, without the first viewport() call of a process (PySide6 resolves that wrapper's
        # type then, a stall of its own on the first delivery).
        used = sum(
            header.minimumSectionSize() if mode == stretch else header.sectionSize(column)
            for column, mode in enumerate(modes)
        )
        spare = header.width() - used
        if spare >= 0:
            return
        interactive = [column for column, mode in enumerate(modes) if mode == interactive_mode]
        total = sum(header.sectionSize(column) for column in interactive) or 1
        for column in interactive:  # each gives up its share of the overflow
            size = header.sectionSize(column)
            header.resizeSection(column, max(header.minimumSectionSize(), size + spare * size // total))

    def _cell_width(self, column: int, texts: Sequence[str]) -> int:
        """How wide the table's delegate would draw the widest of ``texts`` in ``column`` (the verdict's is bold)."""
        table = self.table
        option = QStyleOptionViewItem()
        option.initFrom(table)
        if column == self.model.VERDICT_COLUMN:
            option.font.setBold(True)
        option.fontMetrics = QFontMetrics(option.font)
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        style, widest = table.style(), 0
        for text in texts:
            option.text = text
            size = style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), table)
            widest = max(widest, size.width())
        return widest + (1 if table.showGrid() else 0)  # the grid line, as QTableView counts it

    # --- receiver lifecycle ------------------------------------------------------------------

    @property
    def receiver(self) -> CallbackReceiver | None:
        """The running receiver: the model owns its lifecycle; this pane configures and watches it."""
        return self.ctx.model.receiver

    @property
    def running(self) -> bool:
        return self.receiver is not None and self.receiver.running

    def request_start(self) -> None:
        """Start on loopback directly; anything else only after the user confirms LAN exposure."""
        host = str(self.host_combo.currentData())
        if is_loopback(host):
            self.start()
            return
        self.lan_box = confirm(
            self,
            self.tr("Listen on the network?"),
            self.tr(
                "Listening on %1 lets other machines on your network post to this receiver. Only do this "
                "to receive callbacks from another machine you control."
            ).replace("%1", host),
            self._start_on_lan,
            yes_text=self.tr("Listen on the network"),
        )

    def _start_on_lan(self) -> None:
        self.start(allow_lan=True)

    def start(self, *, allow_lan: bool = False) -> asyncio.Task[None] | None:
        if self.running:
            return None
        host = str(self.host_combo.currentData())
        return self.ctx.run(
            self._start(host, self.port_spin.value(), allow_lan), self.tr("Starting the receiver…")
        )

    async def _start(self, host: str, port: int, allow_lan: bool) -> None:
        try:
            receiver = CallbackReceiver(self.verifier, host=host, port=port, allow_lan=allow_lan)
            receiver.failure_mode = FailureMode(self.failure_combo.currentData())
            receiver.forward_to = self.forward_edit.text().strip() or None
            receiver.add_observer(self._on_delivery)
            await self.ctx.model.start_receiver(receiver)
        except ReceiverError as exc:  # port taken, address refused: the user's to fix, not a bug
            self.ctx.notice.emit("warning", self.tr("The receiver did not start") + "\n" + str(exc))
            return
        self._apply_signed_as()
        self._update_buttons()

    def stop(self) -> asyncio.Task[None] | None:
        receiver = self.receiver
        if receiver is None:
            return None
        return self.ctx.run(self._stop(receiver), self.tr("Stopping the receiver…"))

    async def _stop(self, receiver: CallbackReceiver) -> None:
        try:
            await self.ctx.model.stop_receiver()
        finally:
            receiver.remove_observer(self._on_delivery)
            self._update_buttons()

    async def aclose(self) -> None:
        """Stop listening (for app shutdown and tests); safe when not running."""
        receiver = self.receiver
        if receiver is not None:
            await self.ctx.model.stop_receiver()
            receiver.remove_observer(self._on_delivery)
        # Nothing arrives any more: no timer may outlive the pane (a refresh still pending when the suite
        # deleted the pane crashed a later Qt event loop; a wrong signature's delivery, recorded once its
        # near-miss search is done, made that pending refresh common).
        if shiboken6.isValid(self):  # the window may be gone already (its timers went with it)
            self.refresh_timer.stop()
            self.stats_timer.stop()

    # --- live settings -----------------------------------------------------------------------

    def local_url(self) -> str:
        receiver = self.receiver
        return receiver.url if receiver is not None and receiver.running else ""

    def signed_as_url(self) -> str:
        return self.signed_as_edit.text().strip() or self.local_url() or _PLACEHOLDER_URL

    def _apply_signed_as(self) -> None:
        self.verifier.callback_url = self.signed_as_url()
        self.signed_as_edit.setPlaceholderText(
            self.local_url() or self.tr("the profile's callback URL, else the local URL once started")
        )
        self._update_status()

    def _apply_failure_mode(self) -> None:
        if self.receiver is not None:
            self.receiver.failure_mode = FailureMode(self.failure_combo.currentData())

    def _apply_forward(self) -> None:
        if self.receiver is not None:
            self.receiver.forward_to = self.forward_edit.text().strip() or None

    def set_keys(self, keys: AuthKeys) -> None:
        """The rotation panel loaded or changed the keys: the running receiver uses them at once."""
        self.keys = keys
        self.verifier.set_keys(keys.current, keys.previous)
        if not keys.current:
            text = self.tr("No AuthKey: deliveries are accepted unchecked. Set one under AuthKeys.")
        elif keys.previous:
            text = self.tr("Accepting the current and the previous AuthKey (rotating).")
        else:
            text = self.tr("Checking with the current AuthKey.")
        self.keys_label.setText(text)
        self._show_stats()

    def _callback_urls_changed(self, state: AppState, aspects: Set[str]) -> None:
        """The account's configured URLs are offered; a URL chosen elsewhere (Account pane) is taken."""
        if Aspect.SESSION in aspects and state.callback_urls != self.signed_as_filler.offered:
            self.suggest_callback_urls(state.callback_urls)
        if Aspect.SECRETS in aspects:
            self.rotation.set_storage(state.secrets.persistent)
        if Aspect.CALLBACK_URL in aspects and state.signed_as_url:
            self.signed_as_edit.setText(state.signed_as_url)

    def suggest_callback_urls(self, urls: Sequence[str]) -> None:
        """Offer the account's configured callback URLs (a signature covers that exact URL).

        They complete what is typed; an empty field takes the first one. Nothing typed is replaced.
        """
        self.signed_as_filler.offer(urls)

    @property
    def suggested_callback_urls(self) -> tuple[str, ...]:
        return self.signed_as_filler.offered

    def _profile_changed(self, profile: Profile | None) -> None:
        self._profile = profile
        url = profile.callback_url if profile is not None else ""
        self.signed_as_filler.follow(url)
        self.rotation.set_profile(profile.id if profile is not None else None)

    # --- deliveries --------------------------------------------------------------------------

    def _on_delivery(self, delivery: Delivery) -> None:
        self._pending.append(delivery)
        if not self.refresh_timer.isActive():
            since_ms = min((time.monotonic() - self._last_flush) * 1000, DELIVERY_REFRESH_MS)
            self.refresh_timer.start(round(DELIVERY_REFRESH_MS - since_ms))

    def _flush_deliveries(self) -> None:
        """Show what arrived since the last refresh: rows, selection, counts, stats."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        self._last_flush = time.monotonic()
        first_rows = self.model.rowCount() == 0
        self.model.add_many(pending)
        if first_rows:
            self._fit_columns()
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        else:  # re-renders the detail only if a retry of the selected event came in
            self._selection_changed()
        self._update_count()
        self._show_stats()

    @staticmethod
    def _detail_state(group: DeliveryGroup | None) -> tuple[int, int] | None:
        """Which group the detail shows and how many attempts it had (re-rendered only when they change)."""
        return (id(group), group.attempts) if group is not None else None

    def selected_group(self) -> DeliveryGroup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.group(rows[0].row()) if rows else None

    def _selection_changed(self, *_: QItemSelection) -> None:
        """Show the selected event, unless the detail already does (rows inserted or dropped around it
        under a burst move the selection with its row: same event, same attempts, nothing to redo)."""
        group = self.selected_group()
        state = self._detail_state(group)
        if state != self._shown_detail:
            self.detail.show_group(group)
            self._shown_detail = state
        self._update_row_actions()

    def _update_count(self) -> None:
        model = self.model
        events, requests = model.rowCount(), model.requests
        shown = (
            (self.tr("1 event") if events == 1 else self.tr("%1 events").replace("%1", str(events)))
            if not model.dropped
            else self.tr("%1 newest events").replace("%1", str(events))
        )
        asked = self.tr("1 request") if requests == 1 else self.tr("%1 requests").replace("%1", str(requests))
        text = self.tr("%1, %2").replace("%1", shown).replace("%2", asked)
        if model.dropped:
            text = self.tr("%1; %2 older not shown").replace("%1", text).replace("%2", str(model.dropped))
        if not events:
            text = self.tr(
                "No callbacks yet: start the receiver, then send a demo callback or set your platform "
                "account's callback URL to this receiver's URL (or a tunnel to it)."
            )
        self.count_label.setText(text)

    def clear(self) -> None:
        self._pending.clear()
        self.model.clear()
        if self.receiver is not None:
            self.receiver.clear_history()
        self.detail.show_group(None)
        self._shown_detail = None
        self._update_count()
        self._update_buttons()

    def all_deliveries(self) -> list[Delivery]:
        """Every recorded request in arrival order (what the export contains)."""
        deliveries = [d for group in self.model.groups() for d in group.deliveries]
        return sorted(deliveries, key=lambda d: (d.received_at, d.id))

    def copy_curl(self) -> str:
        group = self.selected_group()
        if group is None:
            return ""
        command = delivery_to_curl(group.latest, scrub=self.keys.secrets())
        QGuiApplication.clipboard().setText(command)
        self.ctx.notice.emit("info", self.tr("curl command copied (no AuthKey in it)"))
        return command

    def choose_export(self) -> None:
        dialog = export_dialog(
            self,
            self.tr("Export deliveries"),
            "callback-deliveries.json",
            self.tr("JSON files (*.json)"),
            "json",
        )
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()  # non-blocking
        self.export_dialog = dialog

    def export_to(self, path: Path) -> asyncio.Task[Path]:
        """Serialise on the GUI thread (cheap), write on a worker thread."""
        text = deliveries_to_json(self.all_deliveries(), scrub=self.keys.secrets())

        async def write() -> Path:
            written = await asyncio.get_running_loop().run_in_executor(None, _write_text, path, text)
            self.ctx.notice.emit("info", self.tr("Deliveries exported to %1").replace("%1", str(written)))
            return written

        return self.ctx.run(write(), self.tr("Exporting deliveries…"))

    # --- sandbox demo ------------------------------------------------------------------------

    def send_demo(self) -> asyncio.Task[None] | None:
        if not self.running:
            return None
        return self.ctx.run(self._send_demo(), self.tr("Sandbox delivering a demo callback…"))

    async def _send_demo(self) -> None:
        receiver = self.receiver
        if receiver is None:
            return
        key = self.keys.current
        profile = self._profile
        if not key and profile is not None and profile.is_sandbox:
            # The sandbox profile is a demo: give it a key so its deliveries are signed and verified.
            keys = await self.key_store.set_current(profile.id, generate_auth_key())
            self.rotation.apply_keys(keys)
            key = keys.current
        sandbox = await self.ctx.model.ensure_sandbox()
        url = receiver.url
        try:
            result = await send_demo_callback(sandbox.base_url, url, key)
        except DemoError as exc:
            self.ctx.notice.emit(
                "warning", self.tr("The sandbox did not send the demo callback") + "\n" + str(exc)
            )
            return
        if self.signed_as_url() != url:
            self.ctx.notice.emit(
                "warning",
                self.tr("The sandbox signs for the URL it posts to")
                + "\n"
                + self.tr(
                    "It signed for %1, but this receiver checks against the signed-as URL %2, so its "
                    "deliveries show as INVALID. Clear the signed-as URL to accept them."
                )
                .replace("%1", url)
                .replace("%2", self.signed_as_url()),
            )
        outcome = (
            self.tr("delivered on attempt %1").replace("%1", str(len(result.attempts)))
            if result.delivered
            else self.tr("dropped after %1 attempts").replace("%1", str(len(result.attempts)))
        )
        self.ctx.notice.emit("info", self.tr("Sandbox demo callback %1").replace("%1", outcome))

    # --- view --------------------------------------------------------------------------------

    def _show_stats(self) -> None:
        self.rotation.show_stats(self.verifier.stats, self.running)

    def _update_status(self) -> None:
        if self.running:
            text = self.tr("Listening on %1").replace("%1", self.local_url())
            if not is_loopback(self.receiver.host if self.receiver else LOOPBACK):
                text += "  " + self.tr("(reachable from the network)")
            self.status_label.setStyleSheet("color: #2e7d32; font-weight: 600;")
        else:
            text = self.tr("Stopped")
            self.status_label.setStyleSheet(_HINT_STYLE)
        self.status_label.setText(text)

    def _update_buttons(self) -> None:
        running = self.running
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.host_combo.setEnabled(not running)
        self.port_spin.setEnabled(not running)
        self.copy_url_button.setEnabled(running)
        self.demo_button.setEnabled(running)
        self._update_row_actions()
        self._update_status()
        self._show_stats()

    def _update_row_actions(self) -> None:
        """The actions on the list: export and clear need rows, curl a selected event."""
        has_rows = self.model.rowCount() > 0
        self.export_button.setEnabled(has_rows)
        self.clear_button.setEnabled(has_rows)
        self.curl_button.setEnabled(self.selected_group() is not None)

    def _copy_url(self) -> None:
        if self.running:
            QGuiApplication.clipboard().setText(self.local_url())
