"""The live deliveries table: one row per event, the platform's retries of it folded into that row.

The grouping (which deliveries are one event, attempt numbers, how many events are kept) is
``callbacks.grouping``'s; this model only renders its groups and tells the view what changed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.grouping import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_EVENTS,
    DeliveryGroup,
    DeliveryGroups,
)
from aigc_desktop.callbacks.verify import VerdictStatus
from aigc_desktop.ui import i18n
from aigc_desktop.ui.widgets.callback_verdict import status_colour, status_label

__all__ = ["DEFAULT_MAX_EVENTS", "DeliveryGroup", "DeliveryTableModel", "format_size"]

_Index = QModelIndex | QPersistentModelIndex

# Roles as plain ints: a view asks for every role of every visible cell on each repaint, and comparing
# an int with a plain int is much cheaper than with an enum member looked up per call.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_TOOL_TIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_ANSWERED_ROLES = frozenset({_DISPLAY, _ACCESSIBLE_TEXT, _FOREGROUND, _FONT, _TOOL_TIP, _ALIGNMENT})
_RIGHT_ALIGNED = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


class DeliveryTableModel(QAbstractTableModel):
    """Groups of deliveries, newest event first; a retry updates its event's row in place.

    Holds the newest ``max_events`` events (and ``max_bytes`` of bodies); older rows are dropped and
    counted in ``dropped``.
    """

    COLUMNS = ("time", "peer", "size", "verdict", "age", "attempts", "answer")
    VERDICT_COLUMN = COLUMNS.index("verdict")
    RIGHT_ALIGNED_COLUMNS = frozenset(map(COLUMNS.index, ("size", "age", "attempts", "answer")))

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_events: int = DEFAULT_MAX_EVENTS,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(parent)
        self._events = DeliveryGroups(max_events, max_bytes)
        self._headers = (
            self.tr("Time"),
            self.tr("Peer"),
            self.tr("Size"),
            self.tr("Verdict"),
            self.tr("Age"),
            self.tr("Attempts"),
            self.tr("Answer"),
        )

    # --- data in -----------------------------------------------------------------------------

    def add(self, delivery: Delivery) -> None:
        """Record one delivery: a new row on top, or its event's row updated."""
        self.add_many([delivery])

    @property
    def max_events(self) -> int:
        return self._events.max_events

    @max_events.setter
    def max_events(self, value: int) -> None:
        self._events.max_events = value

    @property
    def dropped(self) -> int:
        """Events no longer shown, oldest first."""
        return self._events.dropped

    @property
    def requests(self) -> int:
        """Deliveries of the events shown (an event's retries included)."""
        return self._events.requests

    def add_many(self, deliveries: list[Delivery]) -> None:
        """Record a burst of deliveries with one row insertion (one view relayout) instead of one each."""
        events = self._events
        change = events.classify(deliveries)
        if change.fresh:
            self.beginInsertRows(QModelIndex(), 0, len(change.fresh) - 1)
            events.insert(change.fresh)
            self.endInsertRows()
        last_column = len(self.COLUMNS) - 1
        for group in change.changed:
            row = events.row_of(group)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
        dropped = events.overflow()
        if dropped:
            first = len(events) - dropped
            self.beginRemoveRows(QModelIndex(), first, len(events) - 1)
            events.drop_oldest(dropped)
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._events.clear()
        self.endResetModel()

    def group(self, row: int) -> DeliveryGroup | None:
        return self._events.group(row)

    def groups(self) -> list[DeliveryGroup]:
        return self._events.groups()

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = 0) -> Any:
        """Called for every role of every visible cell on each repaint: the common cases come first."""
        if role not in _ANSWERED_ROLES:
            return None
        group = self.group(index.row())  # row -1 for an invalid index: no group
        if group is None:
            return None
        column = index.column()
        if role in (_DISPLAY, _ACCESSIBLE_TEXT):
            texts = group.view_cache
            if texts is None:
                texts = group.view_cache = tuple(self._text(group, name) for name in self.COLUMNS)
            return texts[column]
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column in self.RIGHT_ALIGNED_COLUMNS else None
        verdict = group.latest.verdict
        if role == _TOOL_TIP:
            language = i18n.current_language()
            return verdict.reason_in(language) if verdict else group.latest.note_in(language)
        if column != self.VERDICT_COLUMN:
            return None
        if role == _FONT:  # made per call: a QFont kept by the model crashed later Qt event loops in tests
            font = QFont()
            font.setBold(True)
            return font
        return QBrush(QColor(status_colour(verdict.status if verdict else None)))

    def widest_texts(self, column: int) -> tuple[str, ...]:
        """Texts at least as wide as any ``column`` shows, to size it without measuring rows.

        Every column but the peer's (which stretches) shows a bounded format: a time, a size, one of the
        verdict labels, an age (up to a day either way; an older one is cut, its reason says it in the
        tooltip), a count, a status code.
        """
        name = self.COLUMNS[column]
        if name == "time":
            return tuple(f"{d}{d}:{d}{d}:{d}{d}" for d in "0123456789")
        if name == "size":
            return ("1023 B", "1023.9 KiB", "1023.9 MiB")
        if name == "verdict":
            return (*(status_label(status) for status in VerdictStatus), status_label(None))
        if name == "age":
            return (self.tr("%1 s").replace("%1", "-86400"),)
        if name == "attempts":
            return ("99",)
        if name == "answer":
            return ("599", "—")
        return ()

    def _text(self, group: DeliveryGroup, column: str) -> str:
        latest = group.latest
        verdict = latest.verdict
        if column == "time":
            return group.first.received_at.astimezone().strftime("%H:%M:%S")
        if column == "peer":
            return latest.peer
        if column == "size":
            return format_size(latest.size)
        if column == "verdict":
            return status_label(verdict.status if verdict else None)
        if column == "age":
            if verdict is None or verdict.age_s is None:
                return "—"
            return self.tr("%1 s").replace("%1", str(verdict.age_s))
        if column == "attempts":
            return str(group.attempts)
        if column == "answer":
            return "—" if latest.answered_status is None else str(latest.answered_status)
        return ""
