"""The live deliveries table model: one row per event, its retries folded in, cells as a view reads them."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.verify import CallbackVerifier
from aigc_desktop.platform.signing import callback_signature
from aigc_desktop.ui.widgets.delivery_table import DeliveryTableModel

URL = "https://example.com/aigc/callback"
KEY = "TableTestAuthKey0123456789"


def delivery(verifier: CallbackVerifier, number: int, *, task: str = "t-1", answered: int = 200) -> Delivery:
    """The ``number``-th request the receiver handled: a signed event for ``task``."""
    timestamp = str(int(time.time()))
    body = json.dumps(
        {"taskId": task, "timestamp": timestamp, "signature": callback_signature(URL, timestamp, KEY)}
    ).encode()
    return Delivery(
        id=number,
        received_at=datetime.now(UTC),
        peer="127.0.0.1:50000",
        method="POST",
        path="/aigc/callback",
        request_url=URL,
        headers=(("Content-Type", "application/json"),),
        body=body,
        size=len(body),
        verdict=verifier.verify_body(body),
        answered_status=answered,
    )


def text(model: DeliveryTableModel, row: int, column: str) -> object:
    return model.data(model.index(row, model.COLUMNS.index(column)), Qt.ItemDataRole.DisplayRole)


def test_a_retry_updates_the_row_already_shown(qapp: object) -> None:
    verifier = CallbackVerifier(URL, KEY)
    model = DeliveryTableModel()
    model.add_many([delivery(verifier, 1, answered=500)])
    assert (text(model, 0, "attempts"), text(model, 0, "answer")) == ("1", "500")  # shown once
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, *_: changed.append(top.row()))
    model.add_many([delivery(verifier, 2)])  # the platform's retry: same body, timestamp, signature
    assert model.rowCount() == 1 and changed == [0]
    assert (text(model, 0, "attempts"), text(model, 0, "answer")) == ("2", "200")
    assert text(model, 0, "verdict") == "VALID"


def test_a_new_event_gets_its_own_row_on_top(qapp: object) -> None:
    verifier = CallbackVerifier(URL, KEY)
    model = DeliveryTableModel()
    model.add(delivery(verifier, 1))
    assert text(model, 0, "peer") == "127.0.0.1:50000"
    model.add(delivery(verifier, 2, task="t-2", answered=401))
    assert model.rowCount() == 2
    assert [text(model, row, "answer") for row in range(2)] == ["401", "200"]  # newest first


def test_cells_style_only_the_verdict_and_align_the_numbers(qapp: object) -> None:
    model = DeliveryTableModel()
    model.add(delivery(CallbackVerifier(URL, KEY), 1))
    verdict = model.index(0, model.COLUMNS.index("verdict"))
    peer = model.index(0, model.COLUMNS.index("peer"))
    size = model.index(0, model.COLUMNS.index("size"))
    font = model.data(verdict, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert isinstance(model.data(verdict, Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.data(peer, Qt.ItemDataRole.FontRole) is None
    assert model.data(peer, Qt.ItemDataRole.ForegroundRole) is None
    alignment = model.data(size, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment == (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    assert model.data(peer, Qt.ItemDataRole.TextAlignmentRole) is None
    assert "signature" in str(model.data(peer, Qt.ItemDataRole.ToolTipRole)).lower()
    assert model.data(peer, Qt.ItemDataRole.DecorationRole) is None
    assert model.data(model.index(5, 0), Qt.ItemDataRole.DisplayRole) is None  # no such row
    assert model.data(QModelIndex(), Qt.ItemDataRole.DisplayRole) is None


def test_only_the_newest_events_are_kept(qapp: object) -> None:
    """A receiver left running for days: the table keeps the newest events and counts the rest."""
    verifier = CallbackVerifier(URL, KEY)
    model = DeliveryTableModel(max_events=3)
    model.add_many([delivery(verifier, number, task=f"t-{number}") for number in range(1, 6)])
    assert [first_id(model, row) for row in range(model.rowCount())] == [5, 4, 3]
    assert (model.dropped, model.requests) == (2, 3)
    model.add(delivery(verifier, 6, task="t-1"))  # the event of a dropped row comes back as a new row
    assert [first_id(model, row) for row in range(model.rowCount())] == [6, 5, 4]
    assert (model.dropped, model.requests) == (3, 3)
    model.add(delivery(verifier, 7, task="t-4"))  # a retry of a kept event still folds into its row
    assert (model.rowCount(), text(model, 2, "attempts"), model.requests) == (3, "2", 4)
    model.clear()
    assert (model.rowCount(), model.dropped, model.requests) == (0, 0, 0)


def first_id(model: DeliveryTableModel, row: int) -> int:
    group = model.group(row)
    assert group is not None
    return group.first.id
