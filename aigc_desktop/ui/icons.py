"""One icon set for the navigation and the actions, drawn in the palette's colours (light and dark alike).

The icons are Tabler Icons' outline SVGs (MIT, ``resources/icons/ui``; ~9 KB, no Python dependency),
which stroke with ``currentColor``. ``icon(name)`` returns a ``QIcon`` whose engine renders the SVG
when it is painted, in the colour the *current* palette gives its mode: window text normally,
highlighted text on a selected row, the disabled text colour when disabled. A light/dark switch
therefore re-colours every icon with the next paint; nothing is rebuilt, and Qt's stock pixmaps
(black arrows on a dark window) are gone. Which icon stands for which pane or action is data:
``resources/icons/ui/icons.json`` (``pane_icon(pane_id)``, ``action_icon(action)``).

The usual sizes (16-48 px) are painted from alpha masks pre-rendered from the SVGs
(``tools/make_ui_icons.py``) and tinted byte by byte: the first frame's navigation icons then need
no SVG plug-in. Other sizes go through Qt's SVG image plug-in, which
the bundle keeps. Pixmaps are cached per name, size, colour and scale.
"""

from __future__ import annotations

import logging
import sys
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPalette,
)

from aigc_desktop.platform.resources import load_json_resource, resource_path

# QImage / QPixmap / QPainter are imported where an icon is painted: their PySide6 set-up
# stays out of the first frame, which only creates the icons.
if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QPixmap

ICON_FOLDER = "icons/ui"
MAPPING = f"{ICON_FOLDER}/icons.json"
MASK_SIZES = (16, 20, 24, 32, 48)  # pre-rendered by tools/make_ui_icons.py (same sizes there)
_CACHE_LIMIT = 512

log = logging.getLogger(__name__)
_pixmaps: dict[tuple[str, int, int, int, float], QPixmap] = {}


@cache
def _mapping() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = load_json_resource(MAPPING)
    return data


def pane_ids() -> set[str]:
    """The pane ids the set has an icon for."""
    return set(_mapping()["panes"])


def pane_icon_name(pane_id: str) -> str:
    """The icon name for a navigation pane id (``token``, ``callback_sender``…); KeyError for an unknown one."""
    return _mapping()["panes"][pane_id]


def action_icon_name(action: str) -> str:
    """The icon name for an action (``sign_in``, ``export``…); KeyError for an unknown one."""
    return _mapping()["actions"][action]


def icon_names() -> list[str]:
    """Every icon shipped in the set (the SVG files' names)."""
    return sorted(path.stem for path in resource_path(ICON_FOLDER).glob("*.svg"))


@cache
def _svg(name: str) -> bytes:
    return resource_path(f"{ICON_FOLDER}/{name}.svg").read_bytes()


def colour_for(mode: QIcon.Mode, palette: QPalette | None = None) -> QColor:
    """The stroke colour for ``mode`` in ``palette`` (the application's by default)."""
    palette = QGuiApplication.palette() if palette is None else palette
    if mode == QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.HighlightedText)
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.WindowText)


def render(name: str, size: QSize, colour: QColor, scale: float = 1.0) -> QPixmap:
    """The icon ``name`` stroked in ``colour``, ``size`` in device-independent pixels (cached)."""
    width, height = max(1, round(size.width() * scale)), max(1, round(size.height() * scale))
    key = (name, width, height, colour.rgba(), scale)
    pixmap = _pixmaps.get(key)
    if pixmap is not None:
        return pixmap
    mask = _mask(name, width) if width == height else None
    pixmap = _tinted(mask, colour) if mask is not None else _from_svg(name, width, height, colour)
    pixmap.setDevicePixelRatio(scale)
    if len(_pixmaps) >= _CACHE_LIMIT:
        _pixmaps.clear()
    _pixmaps[key] = pixmap
    return pixmap


@cache
def _sprite_index() -> dict[str, int]:
    data = load_json_resource(f"{ICON_FOLDER}/masks/masks.json")
    return {name: index for index, name in enumerate(data["names"])}


@cache
def _sprite(pixels: int) -> bytes | None:
    """The alpha bytes of ``masks-<pixels>.png``: every icon's mask in one row (``tools/make_ui_icons.py``)."""
    from PySide6.QtGui import QImage

    image = QImage(str(resource_path(f"{ICON_FOLDER}/masks/masks-{pixels}.png")))
    if image.isNull() or image.height() != pixels:
        return None
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = bytes(argb.constBits())[: 4 * argb.width() * pixels]  # ARGB32 rows are 4-byte aligned: no padding
    return data[3::4] if sys.byteorder == "little" else data[0::4]


@cache
def _mask(name: str, pixels: int) -> tuple[int, bytes] | None:
    """(side, alpha bytes) of the mask pre-rendered at exactly ``pixels``, if shipped."""
    index = _sprite_index().get(name)
    row = _sprite(pixels) if pixels in MASK_SIZES and index is not None else None
    if row is None or index is None:
        return None
    width = len(row) // pixels  # the sprite's width in pixels
    start = index * pixels
    return pixels, b"".join(row[y * width + start : y * width + start + pixels] for y in range(pixels))


def _tinted(mask: tuple[int, bytes], colour: QColor) -> QPixmap:
    """``colour`` with the mask's alpha, built byte by byte.

    ``QPainter.fillRect`` (or any call with a ``QColor``/``QBrush`` overload) makes PySide6 build the
    Python enums of the whole ``Qt`` namespace first: too dear for the first frame.
    """
    from PySide6.QtGui import QImage, QPixmap

    side, alphas = mask
    pixels = b"".join(map(_premultiplied(colour.rgba()).__getitem__, alphas))
    image = QImage(pixels, side, side, 4 * side, QImage.Format.Format_ARGB32_Premultiplied)
    return QPixmap.fromImage(image)  # copies the pixels, so ``pixels`` may go


@cache
def _premultiplied(rgba: int) -> tuple[bytes, ...]:
    """For each alpha 0-255, one ARGB32-premultiplied pixel of the colour ``rgba`` (0xAARRGGBB), in memory order."""
    red, green, blue = (rgba >> 16) & 0xFF, (rgba >> 8) & 0xFF, rgba & 0xFF
    opacity = (rgba >> 24) & 0xFF
    table = []
    for mask_alpha in range(256):
        alpha = mask_alpha * opacity // 255
        channels = (blue * alpha // 255, green * alpha // 255, red * alpha // 255, alpha)
        table.append(bytes(channels if sys.byteorder == "little" else channels[::-1]))
    return tuple(table)


def _from_svg(name: str, width: int, height: int, colour: QColor) -> QPixmap:
    """Sizes without a mask: Qt's SVG plug-in renders the file itself (loaded on first use)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImageReader, QPixmap

    buffer = QBuffer()
    buffer.setData(
        QByteArray(_svg(name).replace(b"currentColor", colour.name().encode("ascii")))
    )  # owned copy
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(width, height))
    image = reader.read()
    if image.isNull():  # the SVG image plug-in is missing: an empty icon beats a crash
        log.warning("icon %s could not be drawn: %s", name, reader.errorString())
        pixmap = QPixmap(width, height)
        pixmap.fill(QColor(0, 0, 0, 0))
        return pixmap
    return QPixmap.fromImage(image)


class PaletteSvgEngine(QIconEngine):
    """Draws one SVG of the set in the palette colour of the requested mode, at paint time."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self._safe(size, mode, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float) -> QPixmap:
        return self._safe(size, mode, scale)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self._safe(rect.size(), mode, scale))

    def _safe(self, size: QSize, mode: QIcon.Mode, scale: float) -> QPixmap:
        """``render``, never raising: an exception out of a Qt virtual call takes the process down."""
        try:
            return render(self._name, size, colour_for(mode), scale)
        except Exception:
            log.exception("icon %s could not be drawn", self._name)
            from PySide6.QtGui import QPixmap

            return QPixmap()

    def clone(self) -> QIconEngine:
        return PaletteSvgEngine(self._name)

    def iconName(self) -> str:
        return self._name

    def key(self) -> str:
        return "aigc-palette-svg"


def icon(name: str) -> QIcon:
    """The icon ``name`` of the set (a file stem in ``resources/icons/ui``), following the palette.

    Raises FileNotFoundError for a name the set does not have, so a typo fails where it is written.
    """
    if not resource_path(f"{ICON_FOLDER}/{name}.svg").is_file():
        raise FileNotFoundError(f"no icon {name!r} in resources/{ICON_FOLDER}")
    return QIcon(PaletteSvgEngine(name))


def pane_icon(pane_id: str) -> QIcon:
    """The navigation icon of a pane, by its ``PANE_ID``."""
    return icon(pane_icon_name(pane_id))


def action_icon(action: str) -> QIcon:
    """The icon of an action (``sign_in``, ``refresh``, ``export``, ``send``…)."""
    return icon(action_icon_name(action))
