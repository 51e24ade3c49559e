"""Offer the account's configured callback URLs in a URL field (a signature covers that exact URL)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QCompleter, QLineEdit


def offer_urls(edit: QLineEdit, urls: Sequence[str]) -> tuple[str, ...]:
    """Complete what is typed in ``edit`` with ``urls``; an empty field takes the first. Returns the offer.

    Nothing typed is ever replaced: the user may be checking another URL on purpose.
    """
    offered = tuple(dict.fromkeys(url.strip() for url in urls if url.strip()))
    completer = QCompleter(list(offered), edit)
    completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
    edit.setCompleter(completer)
    if offered and not edit.text().strip():
        edit.setText(offered[0])
    return offered
