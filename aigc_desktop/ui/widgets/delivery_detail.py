"""The detail of one event's deliveries: every attempt and its answer, verdict, near-misses, headers, body.

Headers were redacted when recorded and the body carries only the signature, so nothing here can hold
an AuthKey. Plain text in a read-only monospace view: easy to select and paste into a bug report.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.grouping import DeliveryGroup
from aigc_desktop.ui import i18n
from aigc_desktop.ui.widgets.callback_verdict import describe_verdict
from aigc_desktop.ui.widgets.delivery_table import format_size

# lupdate finds translate("context", "text") calls; the context names one module's messages.
translate = QCoreApplication.translate


def pretty_body(body: bytes) -> str:
    """Indented JSON when the body is JSON, else the text as received (or a note for binary data)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return translate("delivery_detail", "(%1 of binary data, not UTF-8)").replace(
            "%1", format_size(len(body))
        )
    try:
        return json.dumps(json.loads(text), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return text


def _answer(delivery: Delivery) -> str:
    status = (
        translate("delivery_detail", "no answer (the sender went away)")
        if delivery.answered_status is None
        else translate("delivery_detail", "answered HTTP %1").replace("%1", str(delivery.answered_status))
    )
    note = delivery.note_in(i18n.current_language())
    return (
        translate("delivery_detail", "%1 — %2").replace("%1", status).replace("%2", note) if note else status
    )


def _forward(delivery: Delivery) -> str:
    result = delivery.forward
    if result is None:
        return ""
    took = f"{result.elapsed_s * 1000:.0f} ms"
    if result.status_code is None:
        return (
            translate("delivery_detail", "Forwarded to %1: failed after %2 — %3")
            .replace("%1", result.url)
            .replace("%2", took)
            .replace("%3", result.error or "")
        )
    return (
        translate("delivery_detail", "Forwarded to %1: answered HTTP %2 in %3")
        .replace("%1", result.url)
        .replace("%2", str(result.status_code))
        .replace("%3", took)
    )


def describe_group(group: DeliveryGroup) -> str:
    latest = group.latest
    lines = [translate("delivery_detail", "Attempts"), "--------"]
    for delivery in group.deliveries:
        number = group.attempt_of(delivery)
        when = delivery.received_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        lines.append(f"#{number}  {when}  {delivery.peer}  {_answer(delivery)}")
        forward = _forward(delivery)
        if forward:
            lines.append(f"     {forward}")
    lines += ["", translate("delivery_detail", "Verdict"), "-------"]
    if latest.verdict is not None:
        lines.append(describe_verdict(latest.verdict))
    else:
        lines.append(
            translate("delivery_detail", "Refused before verification: %1").replace(
                "%1", latest.note_in(i18n.current_language()) or "—"
            )
        )
    lines += [
        "",
        translate("delivery_detail", "Request"),
        "-------",
        f"{latest.method} {latest.request_url}",
    ]
    lines += [f"{name}: {value}" for name, value in latest.headers]
    if latest.body_complete:
        body_title = translate("delivery_detail", "Body (%1)").replace("%1", format_size(latest.size))
    else:
        body_title = (
            translate("delivery_detail", "Body (%1; the first %2 kept: the request was refused)")
            .replace("%1", format_size(latest.size))
            .replace("%2", format_size(len(latest.body)))
        )
    lines += ["", body_title, "----", pretty_body(latest.body)]
    return "\n".join(lines)


class DeliveryDetailView(QPlainTextEdit):
    """Read-only, monospace, selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setAccessibleName(self.tr("Delivery detail"))
        self.setPlaceholderText(self.tr("Select a delivery to see its attempts, verdict, headers and body."))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def show_group(self, group: DeliveryGroup | None) -> None:
        self.setPlainText(describe_group(group) if group is not None else "")
