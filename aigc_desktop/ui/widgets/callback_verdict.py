"""How a callback verdict reads and looks everywhere in the workbench: one label and one colour per status."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from aigc_desktop.callbacks.verify import KeyUsed, Verdict, VerdictStatus

_CONTEXT = "callback_verdict"

# Green for accepted, red for a bad signature, amber for clock/replay problems, grey for the rest.
COLOURS: dict[VerdictStatus, str] = {
    VerdictStatus.VALID: "#2e7d32",
    VerdictStatus.INVALID_SIGNATURE: "#c62828",
    VerdictStatus.EXPIRED: "#b26a00",
    VerdictStatus.FUTURE: "#b26a00",
    VerdictStatus.REPLAYED: "#b26a00",
    VerdictStatus.MALFORMED: "#6a1b9a",
    VerdictStatus.UNSIGNED: "#616161",
}
REFUSED_COLOUR = "#616161"  # refused before verification (405, 413, 408)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def status_label(status: VerdictStatus | None) -> str:
    """Upper-case label shown in tables, e.g. VALID, INVALID."""
    labels = {
        VerdictStatus.VALID: _tr("VALID"),
        VerdictStatus.INVALID_SIGNATURE: _tr("INVALID"),
        VerdictStatus.EXPIRED: _tr("EXPIRED"),
        VerdictStatus.FUTURE: _tr("FUTURE"),
        VerdictStatus.REPLAYED: _tr("REPLAYED"),
        VerdictStatus.MALFORMED: _tr("MALFORMED"),
        VerdictStatus.UNSIGNED: _tr("UNSIGNED"),
    }
    return labels[status] if status is not None else _tr("REFUSED")


def status_colour(status: VerdictStatus | None) -> str:
    return COLOURS[status] if status is not None else REFUSED_COLOUR


def key_words(key_used: KeyUsed | None) -> str:
    if key_used is KeyUsed.CURRENT:
        return _tr("current AuthKey")
    if key_used is KeyUsed.PREVIOUS:
        return _tr("previous AuthKey")
    return "—"


def describe_verdict(verdict: Verdict) -> str:
    """Plain text for a detail view: label, reason, then each near-miss with its precise sentence."""
    lines = [f"{status_label(verdict.status)} — {verdict.reason}"]
    if verdict.key_used is not None:
        lines.append(_tr("Matched with the %1.").replace("%1", key_words(verdict.key_used)))
    if verdict.near_misses:
        lines.append("")
        lines.append(_tr("Near misses (what the sender most likely did):"))
        for miss in verdict.near_misses:
            lines.append(f"  • {miss.description}: {miss.detail}")
    elif verdict.status is VerdictStatus.INVALID_SIGNATURE:
        lines.append("")
        lines.append(
            _tr(
                "No near miss found: the sender probably uses a different AuthKey altogether, "
                "or signs a URL that differs in more than two ways."
            )
        )
    return "\n".join(lines)
