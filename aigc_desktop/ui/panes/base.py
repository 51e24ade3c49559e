"""The pane contract: a QWidget built as ``Pane(ctx, parent)`` with ``PANE_ID`` and ``TITLE``.

To add a pane: subclass ``Pane`` in its own module under ``ui/panes/``; set ``PANE_ID`` (stable, used
to restore the last pane), ``TITLE`` (English, written ``str(QT_TRANSLATE_NOOP("panes", "..."))`` so
lupdate finds it) and optionally ``ICON`` (an icon of ``resources/icons/ui``, drawn by ``ui.icons``); append a ``PaneSpec``
with the same three values and ``"module:Class"`` to ``PANES`` in ``ui/panes/__init__.py`` (the
window imports the module only when the pane is first needed). Use ``ctx.run(coro, label)`` for
anything that waits (the model's use cases: ``ctx.model.sign_in()`` …). A pane renders the model's
state: list the aspects it shows in ``WATCHES`` and implement ``show_state(state)``; it is called once the
pane is built, whenever it is shown, and on every change of a watched aspect. A pane keeps no copy of
a session fact and never asks another pane.
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the navigation lists panes before the context (and asyncio) is loaded
    from aigc_desktop.application.state import AppState
    from aigc_desktop.ui.context import AppContext


class Pane(QWidget):
    """Base class of every pane in the navigation list."""

    PANE_ID: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    ICON: ClassVar[str] = ""  # e.g. "key" (resources/icons/ui/key.svg); empty for none
    # The state aspects (``application.state.Aspect`` values) this pane renders; "jobs" = busy changes.
    WATCHES: ClassVar[Set[str]] = frozenset()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"pane-{self.PANE_ID}")
        self.setAccessibleName(self.display_title())
        if self.WATCHES:
            ctx.state_changed.connect(self._state_changed)
            if "jobs" in self.WATCHES:
                ctx.jobs_changed.connect(self._jobs_changed)

    def _state_changed(self, state: AppState, aspects: Set[str]) -> None:
        if not aspects.isdisjoint(self.WATCHES):
            self.show_state(state)

    def _jobs_changed(self) -> None:
        self.show_state(self.ctx.state)

    def show_state(self, state: AppState) -> None:
        """Show ``state``; override in panes that list ``WATCHES``."""

    def open_with(self, intent: str) -> None:
        """Another part of the window asks for a start ("new": a new profile); ignored by default."""

    @classmethod
    def display_title(cls) -> str:
        return QCoreApplication.translate("panes", cls.TITLE)

    def on_shown(self) -> None:
        """Called when the pane becomes the visible one: render the current state."""
        if self.WATCHES:
            self.show_state(self.ctx.state)
