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


class FilledUrl:
    """A URL field the app fills (the profile's URL, the account's URLs) until the user types their own.

    The calculator, the receiver and the sender share this rule: what the app put there may be replaced
    by the app, what the user typed never is.
    """

    def __init__(self, edit: QLineEdit) -> None:
        self.edit = edit
        self.filled = ""  # the last URL the app filled in (or would have, had the user not typed)
        self.offered: tuple[str, ...] = ()

    def follow(self, url: str) -> None:
        """Show ``url`` unless the field holds something the user typed."""
        if self.edit.text() in ("", self.filled):
            self.edit.setText(url)
        self.filled = url

    def offer(self, urls: Sequence[str]) -> None:
        """Complete with ``urls``; an empty field takes the first, and that counts as filled by the app."""
        was_empty = not self.edit.text().strip()
        self.offered = offer_urls(self.edit, urls)
        if was_empty and self.offered:
            self.filled = self.offered[0]
