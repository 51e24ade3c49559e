"""Every pane at the window's minimum size and at 800 px wide: no clipped button, no horizontal scrollbar.

A clipped button is one shown narrower than its own size hint (its text no longer fits: "ken (in 2 h 54");
a horizontal scrollbar means a pane does not fit the width the window allows.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLineEdit, QStyle, QWidget

from aigc_desktop.ui.panes import PANES
from tests.ui.conftest import AppHarness


def _clipped_buttons(root: QWidget) -> list[str]:
    found = []
    for button in root.findChildren(QAbstractButton):
        if isinstance(button.parent(), QLineEdit):  # a line edit's own action (an icon, e.g. Reveal)
            continue
        if button.isVisibleTo(root) and button.text() and button.width() < button.sizeHint().width():
            found.append(f"{button.text()!r} {button.width()} < {button.sizeHint().width()}")
    return found


def _horizontal_scrollbars(root: QWidget) -> list[str]:
    """Scroll areas wider than they are shown: a visible scrollbar, or content cut off without one."""
    found = []
    for area in root.findChildren(QAbstractScrollArea):
        if not area.isVisibleTo(root):
            continue
        bar = area.horizontalScrollBar()
        if bar.maximum() > 0:
            found.append(area.accessibleName() or area.objectName() or type(area).__name__)
    return found


@pytest.mark.parametrize("width", [0, 800], ids=["minimum", "800px"])
def test_every_pane_fits_without_clipping(app: AppHarness, width: int) -> None:
    app.start_sandbox()
    app.aio.run(
        app.model.refresh()
    )  # the longest token-pane button text: "Refresh access token (in 2 h 59 min 59 s)"
    window = app.window
    minimum = window.minimumSize()
    assert (minimum.width(), minimum.height()) == (720, 500)
    window.resize(QSize(width or minimum.width(), minimum.height()))
    problems: dict[str, list[str]] = {}
    for spec in PANES:
        pane = window.show_pane(spec.PANE_ID)
        QApplication.processEvents()
        found = _clipped_buttons(pane) + [
            f"horizontal scrollbar in {n}" for n in _horizontal_scrollbars(pane)
        ]
        if found:
            problems[spec.PANE_ID] = found
    # the navigation shows every title whole, its icons at the style's small-icon size
    QApplication.processEvents()
    if window.nav.horizontalScrollBar().maximum() > 0:
        problems["navigation"] = ["horizontal scrollbar"]
    small = window.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    assert window.nav.iconSize() == QSize(small, small)
    assert window.width() == (width or minimum.width())
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
