"""The WCAG 2 contrast ratio, for tests that check colours stay readable in both themes."""

from __future__ import annotations

from PySide6.QtGui import QColor


def relative_luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor | str, b: QColor | str) -> float:
    """WCAG 2 contrast ratio of two colours (QColor or a name such as ``#202124``)."""
    high, low = sorted((relative_luminance(QColor(a)), relative_luminance(QColor(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)
