"""The live deliveries table: one row per event, the platform's retries of it folded into that row.

Retries of one event carry the same body, timestamp and signature, so rows are keyed by
(timestamp, signature, body). A different body under the same signature (a replay, or a second event
in the same second) gets its own row, so it cannot hide inside the original's retries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.ui.widgets.callback_verdict import status_colour, status_label

_Index = QModelIndex | QPersistentModelIndex
GroupId = tuple[Any, ...]

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


def group_id(delivery: Delivery) -> GroupId:
    key = delivery.group_key
    if key is None:
        return ("single", delivery.id)
    return ("event", key[0], key[1], delivery.body)


@dataclass(slots=True)
class DeliveryGroup:
    """One event as delivered, possibly several times (attempt 1, 2, 3 of the platform's policy)."""

    id: GroupId
    deliveries: list[Delivery] = field(default_factory=list)
    texts: tuple[str, ...] | None = None  # the row's cell texts, made when first shown (see add)

    def add(self, delivery: Delivery) -> None:
        """One more attempt of this event: the row's texts are made again when next shown."""
        self.deliveries.append(delivery)
        self.texts = None

    @property
    def first(self) -> Delivery:
        return self.deliveries[0]

    @property
    def latest(self) -> Delivery:
        return self.deliveries[-1]

    @property
    def attempts(self) -> int:
        return len(self.deliveries)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"


# The newest events the table keeps: a receiver left running for days must not grow without bound (the
# receiver's own history keeps the last 1,000 deliveries too).
DEFAULT_MAX_EVENTS = 1000


class DeliveryTableModel(QAbstractTableModel):
    """Groups of deliveries, newest event first; a retry updates its event's row in place.

    Holds the newest ``max_events`` events; older rows are dropped (and counted in ``dropped``).
    """

    COLUMNS = ("time", "peer", "size", "verdict", "age", "attempts", "answer")
    VERDICT_COLUMN = COLUMNS.index("verdict")
    RIGHT_ALIGNED_COLUMNS = frozenset(map(COLUMNS.index, ("size", "age", "attempts", "answer")))

    def __init__(self, parent: QObject | None = None, *, max_events: int = DEFAULT_MAX_EVENTS) -> None:
        super().__init__(parent)
        if max_events < 1:
            raise ValueError(f"the table must keep at least one event, got {max_events}")
        self.max_events = max_events
        self.dropped = 0  # events no longer shown, oldest first
        self.requests = 0  # deliveries of the events shown (an event's retries included)
        self._groups: list[DeliveryGroup] = []
        self._by_id: dict[GroupId, DeliveryGroup] = {}
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

    def add_many(self, deliveries: list[Delivery]) -> None:
        """Record a burst of deliveries with one row insertion (one view relayout) instead of one each."""
        fresh: list[DeliveryGroup] = []
        changed: list[DeliveryGroup] = []
        for delivery in deliveries:
            gid = group_id(delivery)
            group = self._by_id.get(gid)
            if group is None:
                group = DeliveryGroup(gid, [delivery])
                self._by_id[gid] = group
                fresh.append(group)
            else:
                group.add(delivery)
                changed.append(group)
        self.requests += len(deliveries)
        fresh_ids = {id(group) for group in fresh}
        if len(fresh) > self.max_events:  # a burst larger than the table: its oldest events never show
            self._forget(fresh[: -self.max_events])
            fresh = fresh[-self.max_events :]
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._groups[:0] = reversed(fresh)  # newest event first
            self.endInsertRows()
        last_column = len(self.COLUMNS) - 1
        for group in {id(g): g for g in changed if id(g) not in fresh_ids}.values():
            row = self._groups.index(group)
            self.dataChanged.emit(self.index(row, 0), self.index(row, last_column))
        self._drop_oldest()

    def _drop_oldest(self) -> None:
        """Keep the newest ``max_events`` rows."""
        first = self.max_events
        if len(self._groups) <= first:
            return
        self.beginRemoveRows(QModelIndex(), first, len(self._groups) - 1)
        self._forget(self._groups[first:])
        del self._groups[first:]
        self.endRemoveRows()

    def _forget(self, groups: list[DeliveryGroup]) -> None:
        for group in groups:
            del self._by_id[group.id]
            self.requests -= group.attempts
            self.dropped += 1

    def clear(self) -> None:
        self.beginResetModel()
        self._groups.clear()
        self._by_id.clear()
        self.dropped = self.requests = 0
        self.endResetModel()

    def group(self, row: int) -> DeliveryGroup | None:
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def groups(self) -> list[DeliveryGroup]:
        return list(self._groups)

    # --- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._groups)

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
            if group.texts is None:
                group.texts = tuple(self._text(group, name) for name in self.COLUMNS)
            return group.texts[column]
        if role == _ALIGNMENT:
            return _RIGHT_ALIGNED if column in self.RIGHT_ALIGNED_COLUMNS else None
        verdict = group.latest.verdict
        if role == _TOOL_TIP:
            return verdict.reason if verdict else group.latest.note
        if column != self.VERDICT_COLUMN:
            return None
        if role == _FONT:  # made per call: a QFont kept by the model crashed later Qt event loops in tests
            font = QFont()
            font.setBold(True)
            return font
        return QBrush(QColor(status_colour(verdict.status if verdict else None)))

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
