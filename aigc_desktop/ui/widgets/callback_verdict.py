"""How a callback verdict reads and looks everywhere in the workbench: one label and one colour per status.

Reasons and near-miss explanations come from the callbacks layer as messages; they are worded here in the
interface's current language (``ui.i18n``), from ``resources/messages/callbacks.json``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from aigc_desktop.callbacks.verify import Diagnosis, KeyUsed, Verdict, VerdictStatus
from aigc_desktop.ui import i18n, theme

# lupdate finds translate("context", "text") calls; the context names one module's messages.
translate = QCoreApplication.translate

# Green for accepted, red for a bad signature, amber for clock/replay problems, grey for the rest;
# the light and dark shades live in resources/theme.json (see ui/theme.py).
COLOUR_NAMES: dict[VerdictStatus, str] = {
    VerdictStatus.VALID: "verdict.valid",
    VerdictStatus.INVALID_SIGNATURE: "verdict.invalid",
    VerdictStatus.EXPIRED: "verdict.amber",
    VerdictStatus.FUTURE: "verdict.amber",
    VerdictStatus.REPLAYED: "verdict.amber",
    VerdictStatus.MALFORMED: "verdict.malformed",
    VerdictStatus.UNSIGNED: "verdict.grey",
}
REFUSED_COLOUR_NAME = "verdict.grey"  # refused before verification (405, 413, 408)


def status_label(status: VerdictStatus | None) -> str:
    """Upper-case label shown in tables, e.g. VALID, INVALID."""
    labels = {
        VerdictStatus.VALID: translate("callback_verdict", "VALID"),
        VerdictStatus.INVALID_SIGNATURE: translate("callback_verdict", "INVALID"),
        VerdictStatus.EXPIRED: translate("callback_verdict", "EXPIRED"),
        VerdictStatus.FUTURE: translate("callback_verdict", "FUTURE"),
        VerdictStatus.REPLAYED: translate("callback_verdict", "REPLAYED"),
        VerdictStatus.MALFORMED: translate("callback_verdict", "MALFORMED"),
        VerdictStatus.UNSIGNED: translate("callback_verdict", "UNSIGNED"),
    }
    return labels[status] if status is not None else translate("callback_verdict", "REFUSED")


def status_colour(status: VerdictStatus | None) -> str:
    """The verdict's colour, readable on the current (light or dark) palette."""
    return theme.colour(COLOUR_NAMES[status] if status is not None else REFUSED_COLOUR_NAME)


def key_words(key_used: KeyUsed | None) -> str:
    if key_used is KeyUsed.CURRENT:
        return translate("callback_verdict", "current AuthKey")
    if key_used is KeyUsed.PREVIOUS:
        return translate("callback_verdict", "previous AuthKey")
    return "—"


def verdict_reason(verdict: Verdict) -> str:
    """The verdict's reason in the interface's language."""
    return verdict.reason_in(i18n.current_language())


def describe_verdict(verdict: Verdict) -> str:
    """Plain text for a detail view: label, reason, then each near-miss with its precise sentence."""
    language = i18n.current_language()
    lines = [
        translate("callback_verdict", "%1 — %2")
        .replace("%1", status_label(verdict.status))
        .replace("%2", verdict.reason_in(language))
    ]
    if verdict.key_used is not None:
        lines.append(
            translate("callback_verdict", "Matched with the %1.").replace("%1", key_words(verdict.key_used))
        )
    if verdict.near_misses:
        lines.append("")
        lines.append(translate("callback_verdict", "Near misses (what the sender most likely did):"))
        for miss in verdict.near_misses:
            lines.append(
                translate("callback_verdict", "  • %1: %2")
                .replace("%1", miss.description_in(language))
                .replace("%2", miss.detail_in(language))
            )
    elif verdict.status is VerdictStatus.INVALID_SIGNATURE and verdict.diagnosis is Diagnosis.DONE:
        lines.append("")
        lines.append(
            translate(
                "callback_verdict",
                "No near miss found: the sender probably uses a different AuthKey altogether, "
                "or signs a URL that differs in more than two ways.",
            )
        )
    return "\n".join(lines)
