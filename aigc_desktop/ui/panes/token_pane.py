"""Token pane: sign in, see exactly what was sent, watch the token expire, refresh within the rules."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.model import AUTO_RENEW_MARGIN
from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.platform.call_record import RequestPreview
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.models import Permission, Role, User
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.i18n import platform_term, profile_display_name
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.confirm import confirm
from aigc_desktop.ui.widgets.countdown import format_duration, format_local, platform_time
from aigc_desktop.ui.widgets.grant_notes import permissions_listed_note, refresh_unavailable_text
from aigc_desktop.ui.widgets.login_timestamp_note import login_timestamp_warning
from aigc_desktop.ui.widgets.secret_field import SecretField
from aigc_desktop.ui.widgets.user_fields import UserFieldsView
from aigc_desktop.ui.widgets.websocket_tools import WebSocketTools


def format_request(preview: RequestPreview | None) -> str:
    """The login request as sent (sign masked by the client; the AppKey is never part of it)."""
    if preview is None:
        return ""
    lines = [f"{preview.method} {preview.url}"]
    lines += [f"{name}: {value}" for name, value in preview.headers.items()]
    lines.append("")
    lines.append(json.dumps(dict(preview.body), indent=2, ensure_ascii=False))
    return "\n".join(lines)


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    # The columns share the pane's width (no sideways scrolling at 720 px); a cut text shows whole in its
    # tooltip. The id, last, keeps its own width.
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.ResizeToContents)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    table.setFixedHeight(
        table.horizontalHeader().sizeHint().height() + table.verticalHeader().defaultSectionSize() + 4
    )
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            table.setItem(r, c, item)
    # Tall enough for the rows it has (at least one), no empty band below.
    shown = min(max(len(rows), 1), 6)
    height = table.horizontalHeader().height() + shown * table.verticalHeader().defaultSectionSize() + 4
    table.setFixedHeight(height)


def _text(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


class TokenPane(Pane):
    PANE_ID = "token"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Token"))  # marked for lupdate, translated by display_title()
    ICON = "key"
    WATCHES = frozenset({Aspect.PROFILES, Aspect.SESSION, Aspect.PREFERENCES, "jobs"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._build_actions())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 4, 12, 12)
        layout.addWidget(self._build_tokens())
        layout.addWidget(self._build_request())
        layout.addWidget(self._build_websocket())
        layout.addWidget(self._build_user())
        layout.addStretch(1)

        ctx.tick.connect(self.tick)
        self.show_state(ctx.state)

    # --- construction ------------------------------------------------------------------------

    def _build_actions(self) -> QVBoxLayout:
        """The four actions on one row, the sign-in state and auto-renew on the next (fits 720 px)."""
        column = QVBoxLayout()
        column.setContentsMargins(12, 10, 12, 4)
        row = QHBoxLayout()
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.clicked.connect(self.sign_in)
        self.refresh_button = QPushButton(self.tr("Refresh access token"))
        self.refresh_button.setAccessibleName(self.tr("Refresh access token"))
        self.refresh_button.clicked.connect(lambda: self.refresh(force=False))
        self.force_button = QPushButton(self.tr("Force refresh…"))
        self.force_button.setAccessibleName(self.tr("Force refresh"))
        self.force_button.setToolTip(
            self.tr("Send a refresh even though the 3-hour rule says it is too soon")
        )
        self.force_button.clicked.connect(self.ask_force_refresh)
        self.sign_out_button = QPushButton(self.tr("Sign out"))
        self.sign_out_button.setAccessibleName(self.tr("Sign out"))
        self.sign_out_button.clicked.connect(self.sign_out)
        for widget in (self.sign_in_button, self.refresh_button, self.force_button, self.sign_out_button):
            row.addWidget(widget)
        row.addStretch(1)
        column.addLayout(row)
        second = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # a profile's name is never markup
        self.status_label.setAccessibleName(self.tr("Sign-in status"))
        self.status_label.setStyleSheet("font-weight: 600;")
        self.auto_renew = QCheckBox(self.tr("Auto-renew before expiry"))
        self.auto_renew.setAccessibleName(self.tr("Auto-renew before expiry"))
        self.auto_renew.setToolTip(
            self.tr("Five minutes before the access token expires, refresh or sign in again")
        )
        self.auto_renew.toggled.connect(self.ctx.model.set_auto_renew)
        second.addWidget(self.status_label)
        second.addStretch(1)
        second.addWidget(self.auto_renew)
        column.addLayout(second)
        return column

    def _build_tokens(self) -> QGroupBox:
        box = QGroupBox(self.tr("Tokens"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.access_field = SecretField(self.tr("Access token"))
        self.expiry_label = QLabel()
        self.expiry_label.setWordWrap(True)
        self.expiry_label.setAccessibleName(self.tr("Access token expiry"))
        self.refresh_field = SecretField(self.tr("Refresh token"))
        self.refresh_window_label = QLabel()
        self.refresh_window_label.setWordWrap(True)
        self.refresh_window_label.setAccessibleName(self.tr("Next allowed refresh"))
        grid.addWidget(QLabel(self.tr("Access token")), 0, 0)
        grid.addWidget(self.access_field, 0, 1)
        grid.addWidget(self.expiry_label, 1, 1)
        grid.addWidget(QLabel(self.tr("Refresh token")), 2, 0)
        grid.addWidget(self.refresh_field, 2, 1)
        grid.addWidget(self.refresh_window_label, 3, 1)
        return box

    def _build_request(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sign-in request as sent (secrets masked)"))
        layout = QVBoxLayout(box)
        self.request_view = QPlainTextEdit()
        self.request_view.setReadOnly(True)
        self.request_view.setAccessibleName(self.tr("Sign-in request"))
        self.request_view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.request_view.setPlaceholderText(self.tr("Sign in to see the exact request."))
        lines = 12  # request line, three headers, blank, and the four-field JSON body
        self.request_view.setFixedHeight(self.request_view.fontMetrics().lineSpacing() * lines + 16)
        layout.addWidget(self.request_view)
        self.timestamp_note = QLabel()
        self.timestamp_note.setWordWrap(True)
        self.timestamp_note.setAccessibleName(self.tr("Sign-in timestamp note"))
        self.timestamp_note.setStyleSheet("color: #b26a00;")
        layout.addWidget(self.timestamp_note)
        return box

    def _build_websocket(self) -> QGroupBox:
        box = QGroupBox(self.tr("WebSocket APIs"))
        layout = QVBoxLayout(box)
        self.websocket_tools = WebSocketTools(
            self._websocket_target, self.ctx.run, config_for=self._client_config
        )
        layout.addWidget(self.websocket_tools)
        return box

    def _websocket_target(self) -> tuple[str, str] | None:
        state = self.ctx.state
        if state.active is None or state.tokens is None:
            return None
        return state.active.base_url, state.tokens.access_token

    def _client_config(self, base_url: str) -> ClientConfig:
        store = self.ctx.app_settings
        return store.load().client_config(base_url) if store is not None else ClientConfig(base_url=base_url)

    def _build_user(self) -> QGroupBox:
        box = QGroupBox(self.tr("User, roles and permissions"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.user_labels: dict[str, QLabel] = {}
        for key, label in (
            ("id", self.tr("User ID")),
            ("name", self.tr("User name")),
            ("company", self.tr("Company name")),
            ("status", self.tr("Status")),
            ("validity", self.tr("Validity")),
        ):
            value = QLabel("—")
            value.setAccessibleName(label)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.user_labels[key] = value
            form.addRow(label, value)
        layout.addLayout(form)
        self.user_fields = UserFieldsView()
        layout.addWidget(self.user_fields)
        layout.addWidget(QLabel(self.tr("Roles")))
        self.roles_table = _table(
            [self.tr("Role"), self.tr("Description"), self.tr("App"), self.tr("Created"), self.tr("ID")],
            self.tr("Roles"),
        )
        layout.addWidget(self.roles_table)
        layout.addWidget(QLabel(self.tr("Permissions")))
        self.permissions_table = _table(
            [self.tr("Action"), self.tr("Resource"), self.tr("App"), self.tr("Created"), self.tr("ID")],
            self.tr("Permissions"),
        )
        layout.addWidget(self.permissions_table)
        self.permissions_note = QLabel()
        self.permissions_note.setWordWrap(True)
        self.permissions_note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.permissions_note)
        return box

    # --- actions -----------------------------------------------------------------------------

    def sign_in(self) -> None:
        self.ctx.run(self.ctx.model.sign_in(), self.tr("Signing in…"))

    def refresh(self, *, force: bool) -> None:
        self.ctx.run(self.ctx.model.refresh(force=force), self.tr("Refreshing the token…"))

    def ask_force_refresh(self) -> None:
        confirm(
            self,
            self.tr("Force a token refresh?"),
            self.tr(
                "The platform allows one refresh every 3 hours and will probably refuse this one "
                "(code 60112161). Send it anyway?"
            ),
            lambda: self.refresh(force=True),
            yes_text=self.tr("Send refresh"),
        )

    def open_with(self, intent: str) -> None:
        if intent == "force_refresh" and self.force_button.isEnabled():
            self.ask_force_refresh()

    def sign_out(self) -> None:
        self.ctx.run(self.ctx.model.sign_out(), self.tr("Signing out…"))

    # --- view --------------------------------------------------------------------------------

    def show_state(self, state: AppState) -> None:
        tokens = state.tokens
        self.access_field.set_value(tokens.access_token if tokens else None)
        self.refresh_field.set_value(tokens.refresh_token if tokens else None)
        self._show_user(tokens.user if tokens else None)
        _fill(self.roles_table, [self._role_row(r) for r in (tokens.roles if tokens else ())])
        _fill(
            self.permissions_table, [self._permission_row(p) for p in (tokens.permissions if tokens else ())]
        )
        text = format_request(state.last_login_request)
        if text != self.request_view.toPlainText():
            self.request_view.setPlainText(text)
        preview = state.last_login_request
        note = login_timestamp_warning(str(preview.body.get("timestamp", ""))) if preview is not None else ""
        self.timestamp_note.setText(note)
        self.timestamp_note.setVisible(bool(note))
        self.user_fields.set_user(tokens.user if tokens else None)
        fresh_grant = tokens is not None and tokens.user is not None  # a restored session has no lists
        listed = permissions_listed_note(fresh_grant and not tokens.permissions) if tokens else ""
        self.permissions_note.setText(listed)
        self.permissions_note.setVisible(bool(listed))
        self.websocket_tools.refresh()
        if self.auto_renew.isChecked() != state.auto_renew:
            self.auto_renew.setChecked(state.auto_renew)
        self.tick()

    def _show_user(self, user: User | None) -> None:
        labels = self.user_labels
        labels["id"].setText(_text(user.id if user else None))
        labels["name"].setText(_text(user.user_name if user else None))
        labels["company"].setText(_text(user.company if user else None))
        labels["status"].setText(_text(platform_term(user.status_name) if user else None))
        if user is not None and (user.effective_begin or user.effective_end):
            begin, end = platform_time(user.effective_begin), platform_time(user.effective_end)
            labels["validity"].setText(f"{format_local(begin)} → {format_local(end)}")
        else:
            labels["validity"].setText("—")

    @staticmethod
    def _role_row(role: Role) -> list[str]:
        return [  # names first: what a reader looks for; the ids last, for a support ticket
            _text(role.role_name),
            _text(role.description),
            _text(role.app_id),
            format_local(platform_time(role.create_time)),
            _text(role.id),
        ]

    @staticmethod
    def _permission_row(permission: Permission) -> list[str]:
        return [
            platform_term(permission.action_name),
            _text(permission.resource_id),
            _text(permission.app_id),
            format_local(platform_time(permission.create_time)),
            _text(permission.id),
        ]

    def tick(self) -> None:
        """Once a second (the app's clock): countdowns and the refresh window."""
        state = self.ctx.state
        tokens = state.tokens
        busy = self.ctx.busy
        self.sign_in_button.setEnabled(state.active is not None and not busy)
        self.sign_out_button.setEnabled(tokens is not None and not busy)
        can_refresh = state.can_refresh and not busy
        wait = state.refresh_wait()
        self.refresh_button.setEnabled(can_refresh and wait <= timedelta(0))
        self.force_button.setEnabled(can_refresh and wait > timedelta(0))
        # The countdown is on the line under the refresh token (and in the tooltip): a button whose text
        # grows every second would not fit the window at its minimum size.
        self.refresh_button.setToolTip(
            self.tr("Next refresh allowed in %1").replace("%1", format_duration(wait))
            if wait > timedelta(0)
            else ""
        )

        if state.active is None:
            self.status_label.setText(self.tr("No profile selected"))
        elif tokens is None:
            self.status_label.setText(self.tr("Not signed in"))
        else:
            name = profile_display_name(state.active.name, state.active.is_sandbox)
            self.status_label.setText(self.tr("Signed in to %1").replace("%1", name))

        if tokens is None:
            self.expiry_label.setText("")
            self.refresh_window_label.setText("")
            return
        remaining = tokens.remaining()
        if remaining <= timedelta(0):
            text = self.tr("Expired at %1 — sign in again").replace("%1", format_local(tokens.expires_at))
            self.expiry_label.setStyleSheet("color: #c62828;")
        else:
            text = (
                self.tr("Expires in %1 (at %2)")
                .replace("%1", format_duration(remaining))
                .replace("%2", format_local(tokens.expires_at))
            )
            self.expiry_label.setStyleSheet("color: #b26a00;" if remaining < AUTO_RENEW_MARGIN else "")
        if tokens.expires_assumed:
            text += "  " + self.tr("(assumed 8 h: the platform did not send expiresIn)")
        self.expiry_label.setText(text)

        if not tokens.refresh_token:
            self.refresh_window_label.setText(refresh_unavailable_text())
        elif wait > timedelta(0):
            self.refresh_window_label.setText(
                self.tr("Next refresh allowed in %1 (at %2) — one refresh per 3 hours")
                .replace("%1", format_duration(wait))
                .replace("%2", format_local(state.next_refresh_allowed_at()))
            )
        else:
            self.refresh_window_label.setText(self.tr("A refresh is allowed now"))
        if tokens.refresh_expires_at is not None and tokens.refresh_token:
            self.refresh_window_label.setText(
                self.refresh_window_label.text()
                + " · "
                + self.tr("refresh token valid until %1").replace(
                    "%1", format_local(tokens.refresh_expires_at)
                )
            )
