"""Light and dark: follow the OS scheme, or the user's View-menu override, and pick readable accents.

Qt 6.5+ reports the OS scheme (``QStyleHints.colorScheme()``) and Qt 6.8+ can be asked for one
(``setColorScheme``). Where the platform ignores the request (offscreen, some X11 desktops) the app
applies its own dark palette from ``resources/theme.json``. Our accent colours (banners, quota bars,
verdicts) are chosen from the same file by whether the *effective* palette is dark, so they stay
readable whatever decided the scheme. Widgets re-read ``colour()`` on ``signals().changed`` (Qt's
own PaletteChange is posted, and not every styled widget receives it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QSettings, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from aigc_desktop.platform.resources import load_json_resource

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyle
from aigc_desktop.services.preference_keys import KEY_THEME

SYSTEM, LIGHT, DARK = "system", "light", "dark"
MODES = (SYSTEM, LIGHT, DARK)


def saved_mode(settings: QSettings | None) -> str:
    """The mode chosen in View > Theme (``system`` when none was, or the value is not one we know)."""
    value = settings.value(KEY_THEME) if settings is not None else None
    return value if isinstance(value, str) and value in MODES else SYSTEM


@cache
def _data() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = load_json_resource("theme.json")
    return data


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the effective palette is dark (window colour darker than mid-grey)."""
    if palette is None:
        app = QGuiApplication.instance()
        palette = QGuiApplication.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def colour(name: str, *, dark: bool | None = None) -> str:
    """An accent colour such as ``banner.error.text`` or ``quota.warning`` for the current scheme."""
    scheme = DARK if (is_dark() if dark is None else dark) else LIGHT
    return _data()[scheme][name]


def dark_palette() -> QPalette:
    """The app's own dark palette, used when the platform cannot switch to dark itself."""
    palette = QPalette()
    for role_name, value in _data()["darkPalette"].items():
        group = QPalette.ColorGroup.All
        if role_name.startswith("disabled."):
            group, role_name = QPalette.ColorGroup.Disabled, role_name.split(".", 1)[1]
        palette.setColor(group, getattr(QPalette.ColorRole, role_name), QColor(value))
    return palette


class ThemeSignals(QObject):
    """App-wide: ``changed(dark)`` after the effective scheme was (re)applied. Widgets with accents listen."""

    changed = Signal(bool)


@cache
def signals() -> ThemeSignals:
    return ThemeSignals()


class FollowsScheme:
    """Mixin (before the Qt class) for widgets painting with ``colour()``: re-picks them when light/dark flips.

    The widget implements ``_apply_colours`` (which calls ``picked_for_scheme()``) and calls
    ``follow_scheme()`` once built.
    """

    _dark: bool | None = None  # the scheme the colours were picked for

    def _apply_colours(self) -> None:
        raise NotImplementedError

    def picked_for_scheme(self) -> None:
        """Remember the scheme the colours were just picked for."""
        self._dark = is_dark()

    def follow_scheme(self) -> None:
        signals().changed.connect(self._scheme_changed)

    def _scheme_changed(self, dark: bool) -> None:
        if self._dark != dark:
            self._apply_colours()

    def changeEvent(self, event: QEvent) -> None:
        """Re-pick the colours when the palette changed between light and dark."""
        # Only when light/dark flipped: setStyleSheet itself sends PaletteChange (no loop).
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        if event.type() in palette_events and self._dark != is_dark():
            self._apply_colours()
        super().changeEvent(event)  # type: ignore[misc]  # the Qt widget class after this mixin


def platform_scheme() -> QtCore.Qt.ColorScheme:
    """The scheme the OS reports through Qt (always ``Unknown`` on the offscreen platform)."""
    return QGuiApplication.styleHints().colorScheme()


class ThemeController(QObject):
    """Applies a mode (system / light / dark) to the application and follows OS changes in "system".

    ``os_scheme`` reads the OS scheme; tests pass their own, since offscreen Qt cannot switch schemes.
    """

    changed = Signal(bool)  # dark?

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        os_scheme: Callable[[], QtCore.Qt.ColorScheme] = platform_scheme,
    ) -> None:
        super().__init__(parent)
        self.mode = SYSTEM
        self._os_scheme = os_scheme
        self._overridden = False
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self._os_changed)

    def apply_to_frame(self, mode: str) -> None:
        """``apply`` for the first frame: with ``system``, the platform's palette as it is.

        Asking Qt for the OS scheme builds Python enums for the whole ``Qt`` namespace (a cost the start-up benchmark shows; with
        PySide6 6.11), before anything can be drawn. The platform's palette already follows the OS
        wherever Qt can; ``MainWindow.attach`` runs the full ``apply`` a moment later for the rest.
        """
        if mode in (LIGHT, DARK):
            self.apply(mode)
        else:
            self.mode = SYSTEM

    def apply(self, mode: str) -> bool:
        """Switch to ``mode``; returns whether the result is dark."""
        self.mode = mode if mode in MODES else SYSTEM
        hints = QGuiApplication.styleHints()
        if self.mode == SYSTEM:
            hints.unsetColorScheme()
        else:
            scheme = QtCore.Qt.ColorScheme
            hints.setColorScheme(scheme.Dark if self.mode == DARK else scheme.Light)
        self._apply_palette()
        return is_dark()

    def wants_dark(self) -> bool:
        if self.mode == SYSTEM:
            return self._os_scheme() == QtCore.Qt.ColorScheme.Dark
        return self.mode == DARK

    def _apply_palette(self, *, restyle: bool = False) -> None:
        """Set the palette asked for; re-polish styled widgets when it changed (or ``restyle``)."""
        before = QPalette(QGuiApplication.palette())
        wanted = self.wants_dark()
        if self._overridden or is_dark() != wanted:  # back to what the platform offers...
            QGuiApplication.setPalette(QPalette())
            self._overridden = False
        if is_dark() != wanted:  # ...and only where that is not what was asked for, our own
            QGuiApplication.setPalette(dark_palette() if wanted else _light_palette())
            self._overridden = True
        dark = is_dark()
        if dark:
            show_indicators_in_dark()
        self.changed.emit(dark)
        signals().changed.emit(dark)  # accents first, so the re-polish below keeps the new sheets
        if restyle or QGuiApplication.palette() != before:  # nothing to re-polish when nothing changed
            _restyle_styled_widgets()

    def _os_changed(self, _scheme: QtCore.Qt.ColorScheme) -> None:
        if self.mode == SYSTEM:
            self._apply_palette(restyle=True)  # the platform's palette moved under the widgets


_indicator_style: QStyle | None = None  # the installed proxy, kept referenced for the app's lifetime


def show_indicators_in_dark() -> None:
    """Give unchecked check boxes and radio buttons a visible edge on dark palettes (installed once).

    Fusion outlines them in the window colour made darker, which on a dark window is the box's own
    fill: an unchecked box was invisible. A proxy over the current style draws the indicator as
    before and strokes its edge in ``indicator.border`` (3:1 or more against the window) when the
    palette it paints with is dark; light palettes are left as the style draws them. Installed only
    once a dark palette is in effect, so light sessions keep the plain style.
    """
    global _indicator_style
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if _indicator_style is not None or not isinstance(app, QApplication):
        return
    style = _visible_indicator_style(app.style().name())
    if style is None:
        return
    _indicator_style = style
    app.setStyle(style)


def _visible_indicator_style(base_name: str) -> QStyle | None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPen
    from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

    base = QStyleFactory.create(base_name)
    if base is None:
        return None
    check_box, radio = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    class VisibleIndicators(QProxyStyle):
        def drawPrimitive(
            self,
            element: QStyle.PrimitiveElement,
            option: QStyleOption,
            painter: QPainter,
            widget: QWidget | None = None,
        ) -> None:
            super().drawPrimitive(element, option, painter, widget)
            if element in (check_box, radio) and is_dark(option.palette):
                painter.save()
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
                edge_colour = (
                    QColor(colour("indicator.border", dark=True))
                    if enabled
                    else option.palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
                )
                painter.setPen(QPen(edge_colour, 1.0))
                painter.setBrush(QColor(0, 0, 0, 0))
                edge = QRectF(option.rect).adjusted(0.5, 0.5, -1.5, -1.5)
                if element == radio:
                    painter.drawEllipse(edge)
                else:
                    painter.drawRect(edge)
                painter.restore()

    return VisibleIndicators(base)


def _restyle_styled_widgets() -> None:
    """Widgets with a style sheet keep the palette they were polished with (seen on xcb): re-polish them."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def _light_palette() -> QPalette:
    from PySide6.QtWidgets import QApplication  # the style's own light palette

    app = QApplication.instance()
    return app.style().standardPalette() if isinstance(app, QApplication) else QPalette()
