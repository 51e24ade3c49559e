"""Request log pane: every platform call of this and earlier sessions, newest first, secrets masked.

Rows come from the model's ``RequestLogStore``: the model records every call of every client (the
client's redacted ``CallRecord``, redacted again there) whether or not this pane was ever opened, and
keeps the last 500 on disk off the GUI thread; the pane adds the rows it has not shown yet. The
detail shows both bodies; "Copy as curl" puts shell variables where tokens and signs would go.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
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
from aigc_desktop.services.request_log import LogEntry
from aigc_desktop.ui import theme
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.file_dialogs import export_dialog

ENTRY_ROLE = Qt.ItemDataRole.UserRole
STATUS_ALL, STATUS_OK, STATUS_FAILED = "all", "ok", "failed"


class RequestLogPane(Pane):
    """Filter row, the table of calls, and the selected call's bodies with Copy as curl."""

    PANE_ID = "request_log"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Request log"))
    ICON = "list-details"
    WATCHES = frozenset({Aspect.REQUEST_LOG})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.store = ctx.model.request_log
        self._shown_count = ctx.state.request_log_count  # calls recorded when the rows were last added
        self._shown_clears = ctx.state.request_log_clears
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(0, 7)
        self.table.setAccessibleName(self.tr("Platform calls"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Method"),
                self.tr("Path"),
                self.tr("HTTP"),
                self.tr("Return code"),
                self.tr("Duration (ms)"),
                self.tr("Profile"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in range(7):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_: self._show_detail())
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        for entry in self.store.entries():
            self._insert_row(entry)
        self.apply_filter()
        self._show_detail()
        theme.signals().changed.connect(self._scheme_changed)

    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        path_label = QLabel(self.tr("&Filter:"))
        self.path_filter = QLineEdit()
        self.path_filter.setPlaceholderText(self.tr("Path, method, HTTP status or code"))
        self.path_filter.setAccessibleName(self.tr("Filter calls by path or status"))
        self.path_filter.setClearButtonEnabled(True)
        self.path_filter.textChanged.connect(self.apply_filter)
        path_label.setBuddy(self.path_filter)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show calls by outcome"))
        self.status_filter.addItem(self.tr("All calls"), STATUS_ALL)
        self.status_filter.addItem(self.tr("Succeeded"), STATUS_OK)
        self.status_filter.addItem(self.tr("Failed"), STATUS_FAILED)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Number of calls shown"))
        self.clear_button = QPushButton(self.tr("Clear log"))
        self.clear_button.setAccessibleName(self.tr("Clear the request log"))
        self.clear_button.setToolTip(self.tr("Forget every recorded call, here and on disk"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(path_label)
        row.addWidget(self.path_filter, 1)
        row.addWidget(self.status_filter)
        row.addWidget(self.count_label)
        self.export_button = QPushButton(self.tr("Export…"))
        self.export_button.setAccessibleName(self.tr("Export the calls shown as JSON lines"))
        self.export_button.setToolTip(
            self.tr("The calls the filter shows, one JSON object a line, secrets masked")
        )
        self.export_button.clicked.connect(self.choose_export)
        row.addWidget(self.export_button)
        row.addWidget(self.clear_button)
        return row

    def _build_detail(self) -> QWidget:
        box = QGroupBox(self.tr("Selected call"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.summary_label = QLabel()
        self.summary_label.setAccessibleName(self.tr("Call summary"))
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Call:"), self.summary_label)
        layout.addLayout(form)
        bodies = QHBoxLayout()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.request_view = QPlainTextEdit()
        self.response_view = QPlainTextEdit()
        for view, name in (
            (self.request_view, self.tr("Request (headers and body)")),
            (self.response_view, self.tr("Response (headers and body)")),
        ):
            view.setReadOnly(True)
            view.setFont(mono)
            view.setAccessibleName(name)
            column = QVBoxLayout()
            caption = QLabel(name)
            caption.setBuddy(view)
            column.addWidget(caption)
            column.addWidget(view)
            bodies.addLayout(column)
        layout.addLayout(bodies, 1)
        buttons = QHBoxLayout()
        self.curl_button = QPushButton(self.tr("Copy as curl"))
        self.curl_button.setAccessibleName(self.tr("Copy the selected call as a curl command"))
        self.curl_button.setToolTip(
            self.tr("Tokens and signs become shell variables ($AIGC_TOKEN, $AIGC_SIGN); set them yourself")
        )
        self.curl_button.clicked.connect(self.copy_curl)
        buttons.addStretch(1)
        buttons.addWidget(self.curl_button)
        layout.addLayout(buttons)
        return box

    # --- rows --------------------------------------------------------------------------------

    def show_state(self, state: AppState) -> None:
        """Calls recorded since the last render go on top (a cleared log empties the table)."""
        new = state.request_log_count - self._shown_count
        self._shown_count = state.request_log_count
        if state.request_log_clears != self._shown_clears:
            self._shown_clears = state.request_log_clears
            self.table.setRowCount(0)
            self._show_detail()
            new = state.request_log_count
        if new > 0:
            entries = self.store.entries()
            for entry in entries[max(len(entries) - new, 0) :]:
                self._insert_row(entry)
            while self.table.rowCount() > self.store.limit:
                self.table.removeRow(self.table.rowCount() - 1)
        self.apply_filter()

    def _insert_row(self, entry: LogEntry) -> None:
        when = entry.when
        shown_time = when.astimezone().strftime("%Y-%m-%d %H:%M:%S") if when is not None else entry.time
        cells = [
            shown_time,
            entry.method,
            entry.path + (f"?{entry.query}" if entry.query else ""),
            "" if entry.http_status is None else str(entry.http_status),
            "" if entry.platform_code is None else str(entry.platform_code),
            f"{entry.duration_ms:.0f}",
            entry.profile,
        ]
        self.table.insertRow(0)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if 3 <= column <= 5:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(ENTRY_ROLE, entry)
                item.setToolTip(entry.error)
            self.table.setItem(0, column, item)
        self._colour_row(0)

    def _colour_row(self, row: int) -> None:
        """Failed calls show their HTTP status and code in the scheme's error colour."""
        entry = self.entry_at(row)
        if entry is None or (not entry.error and entry.platform_code == 0):
            return
        brush = QBrush(QColor(theme.colour("text.error")))
        for column in (3, 4):
            item = self.table.item(row, column)
            if item is not None:
                item.setForeground(brush)

    def _scheme_changed(self, _dark: bool) -> None:
        for row in range(self.table.rowCount()):
            self._colour_row(row)

    def entry_at(self, row: int) -> LogEntry | None:
        item = self.table.item(row, 0)
        entry = item.data(ENTRY_ROLE) if item is not None else None
        return entry if isinstance(entry, LogEntry) else None

    def selected_entry(self) -> LogEntry | None:
        return self.entry_at(self.table.currentRow())

    def visible_rows(self) -> list[int]:
        return [row for row in range(self.table.rowCount()) if not self.table.isRowHidden(row)]

    def apply_filter(self) -> None:
        words = self.path_filter.text().casefold().split()
        outcome = self.status_filter.currentData()
        for row in range(self.table.rowCount()):
            entry = self.entry_at(row)
            if entry is None:
                continue
            haystack = " ".join(
                (
                    entry.method,
                    entry.path,
                    entry.query,
                    entry.profile,
                    str(entry.http_status or ""),
                    str(entry.platform_code if entry.platform_code is not None else ""),
                )
            ).casefold()
            succeeded = not entry.error and entry.platform_code == 0
            visible = all(w in haystack for w in words) and (
                outcome == STATUS_ALL or (outcome == STATUS_OK) == succeeded
            )
            self.table.setRowHidden(row, not visible)
        shown = len(self.visible_rows())
        self.count_label.setText(
            self.tr("%1 of %2 calls").replace("%1", str(shown)).replace("%2", str(self.table.rowCount()))
        )

    def _show_detail(self) -> None:
        entry = self.selected_entry()
        self.curl_button.setEnabled(entry is not None)
        if entry is None:
            self.summary_label.setText(self.tr("Select a call to see its bodies."))
            self.request_view.clear()
            self.response_view.clear()
            return
        parts = [f"{entry.method} {entry.base_url}{entry.path}" + (f"?{entry.query}" if entry.query else "")]
        if entry.http_status is not None:
            parts.append(self.tr("HTTP %1").replace("%1", str(entry.http_status)))
        if entry.platform_code is not None:
            parts.append(self.tr("code %1").replace("%1", str(entry.platform_code)))
        parts.append(self.tr("%1 ms").replace("%1", f"{entry.duration_ms:.0f}"))
        if entry.attempts > 1:
            parts.append(self.tr("%1 attempts").replace("%1", str(entry.attempts)))
        if entry.error:
            parts.append(entry.error)
        self.summary_label.setText(" · ".join(parts))
        self.request_view.setPlainText(
            _with_headers(entry.request_headers, _pretty(entry.request_body) or self.tr("(no body)"))
        )
        self.response_view.setPlainText(
            _with_headers(entry.response_headers, _pretty(entry.response_body) or self.tr("(no body)"))
        )

    # --- actions -----------------------------------------------------------------------------

    def copy_curl(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        QGuiApplication.clipboard().setText(entry.curl())
        self.ctx.notice.emit(
            "info", self.tr("Copied a curl command; set $AIGC_TOKEN (and $AIGC_SIGN) first.")
        )

    def visible_entries(self) -> list[LogEntry]:
        """The calls the filter shows, oldest first (what an export writes)."""
        shown = [self.entry_at(row) for row in self.visible_rows()]
        return [entry for entry in reversed(shown) if entry is not None]

    def choose_export(self) -> None:
        dialog = export_dialog(
            self, self.tr("Export calls"), "request_log.jsonl", self.tr("JSON lines (*.jsonl)"), "jsonl"
        )
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path)))
        dialog.open()
        self.export_dialog = dialog

    def export_to(self, path: Path) -> asyncio.Task[Path]:
        """Write the shown calls (secrets masked, 0600) off the loop's thread."""
        entries = self.visible_entries()

        async def write() -> Path:
            written = await self.store.export_to(path, entries)
            self.ctx.notice.emit(
                "info",
                self.tr("%1 calls exported to %2")
                .replace("%1", str(len(entries)))
                .replace("%2", str(written)),
            )
            return written

        return self.ctx.run(write(), self.tr("Exporting the request log…"))

    def clear(self) -> None:
        self.ctx.run(self.ctx.model.clear_request_log(), self.tr("Clearing the request log…"))


def _with_headers(headers: tuple[tuple[str, str], ...], body: str) -> str:
    """Headers (``Name: value`` lines, secrets masked), a blank line, then the body, as HTTP shows them."""
    if not headers:
        return body
    return "\n".join(f"{name}: {value}" for name, value in headers) + "\n\n" + body


def _pretty(body: str) -> str:
    """Indented JSON when the body is JSON (easier to read), else the text as recorded."""
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return body
