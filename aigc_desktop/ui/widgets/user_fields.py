"""A collapsible "More fields" view of the signed-in user: every field the answer carried.

The token pane shows the main user fields; this lists the rest too: the doc's 19 fields, those seen in
real answers (email, cellPhone, userType, userTag, conceal, callbackUrl, liveCallbackUrl) and any field
neither names (``User.extra``), each under its JSON name, so nothing the platform sent is hidden.
"""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.platform.models import User
from aigc_desktop.platform.redaction import redact_json

EMPTY = "—"


def _shown(value: object) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def user_field_rows(user: User) -> list[tuple[str, str]]:
    """(JSON name, text) for every field of ``user``, documented first, then observed, then unknown ones.

    ``appKey`` is never listed (the login answer carries null; a value would be a secret), and unknown
    fields named like secrets (``secret``, ``token``, ``password``...) are masked as in the request log.
    """
    documented: list[tuple[str, object]] = [
        ("id", user.id),
        ("userName", user.user_name),
        ("profilePhoto", user.profile_photo),
        ("company", user.company),
        ("companyPhone", user.company_phone),
        ("companyContact", user.company_contact),
        ("status", user.status),
        ("effectiveBeginDate", user.effective_begin),
        ("effectiveEndDate", user.effective_end),
        ("extraInfo", user.extra_info),
        ("description", user.description),
        ("appId", user.app_id),
        ("licensePath", user.license_path),
        ("isDelete", user.is_delete),
        ("creator", user.creator),
        ("createTime", user.create_time),
        ("updater", user.updater),
        ("updateTime", user.update_time),
        ("email", user.email),
        ("cellPhone", user.cell_phone),
        ("userType", user.user_type),
        ("userTag", user.user_tag),
        ("conceal", user.conceal),
        ("callbackUrl", user.callback_url),
        ("liveCallbackUrl", user.live_callback_url),
    ]
    rows = [(name, _shown(value)) for name, value in documented]
    extra = redact_json(dict(user.extra))
    rows += [(name, _shown(value)) for name, value in sorted(extra.items())]
    return rows


class UserFieldsView(QWidget):
    """A "More fields" toggle over a two-column table (field, value); collapsed until asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("More fields"))
        self.toggle.setAccessibleName(self.tr("More fields of the user"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._toggled)
        layout.addWidget(self.toggle)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value")])
        self.table.setAccessibleName(self.tr("All user fields"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setVisible(False)
        layout.addWidget(self.table)
        self.set_user(None)

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_user(self, user: User | None) -> None:
        """Show ``user``'s fields (None: no user yet, the toggle is disabled)."""
        rows = user_field_rows(user) if user is not None else []
        self.table.setRowCount(len(rows))
        for index, (name, text) in enumerate(rows):
            self.table.setItem(index, 0, QTableWidgetItem(name))
            self.table.setItem(index, 1, QTableWidgetItem(text))
        self.toggle.setEnabled(user is not None)
        if user is None:
            self.toggle.setChecked(False)
        extra = len(user.extra) if user is not None else 0
        self.toggle.setToolTip(
            self.tr("%1 fields, %2 of them unknown to AIGC Desktop")
            .replace("%1", str(len(rows)))
            .replace("%2", str(extra))
            if user is not None
            else self.tr("Sign in to see the user's fields")
        )

    def value_of(self, name: str) -> str | None:
        """The text shown for field ``name`` (for tests and accessibility), or None when not listed."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == name:
                value = self.table.item(row, 1)
                return value.text() if value is not None else None
        return None

    def _toggled(self, on: bool) -> None:
        self.table.setVisible(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
