"""The pane contract: a QWidget built as ``Pane(ctx, parent)`` with ``PANE_ID`` and ``TITLE``.

To add a pane: subclass ``Pane`` in its own module under ``ui/panes/``; set ``PANE_ID`` (stable, used
to restore the last pane), ``TITLE`` (English, written ``str(QT_TRANSLATE_NOOP("panes", "..."))`` so
lupdate finds it) and optionally ``ICON`` (a ``QStyle.StandardPixmap`` name); append a ``PaneSpec``
with the same three values and ``"module:Class"`` to ``PANES`` in ``ui/panes/__init__.py`` (the
window imports the module only when the pane is first needed). Use ``ctx.run(coro, label)`` for
anything that waits, and the ``ctx`` signals to follow the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:  # the navigation lists panes before the context (and asyncio) is loaded
    from aigc_desktop.ui.context import AppContext


class Pane(QWidget):
    """Base class of every pane in the navigation list."""

    PANE_ID: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    ICON: ClassVar[str] = ""  # e.g. "SP_DialogApplyButton"; empty for none

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"pane-{self.PANE_ID}")
        self.setAccessibleName(self.display_title())

    @classmethod
    def display_title(cls) -> str:
        return QCoreApplication.translate("panes", cls.TITLE)

    def on_shown(self) -> None:
        """Called when the pane becomes the visible one; override to refresh lazily."""
