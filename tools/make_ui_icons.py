"""Render the UI icon set's SVGs (``resources/icons/ui/*.svg``) to the alpha masks the app paints from.

    QT_QPA_PLATFORM=offscreen python tools/make_ui_icons.py

``ui/icons.py`` tints these masks with the palette's colour when an icon is painted: reading a small
PNG is built into Qt, while the first SVG render loads Qt's SVG plug-in (~10 ms), which the first
frame's navigation icons should not wait for. Sizes not shipped are rendered from the SVG itself.
Run after adding or changing an SVG; ``tests/ui/test_icons.py`` fails when a mask is missing or stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPainter

FOLDER = Path(__file__).resolve().parent.parent / "resources" / "icons" / "ui"
MASK_SIZES = (16, 20, 24, 32, 48)


def render_mask(svg: bytes, pixels: int) -> QImage:
    """The SVG stroked in white at ``pixels`` square: only its alpha channel matters."""
    buffer = QBuffer()
    buffer.setData(QByteArray(svg.replace(b"currentColor", b"#ffffff")))  # a copy the buffer owns
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, QByteArray(b"svg"))
    reader.setScaledSize(QSize(pixels, pixels))
    image = reader.read()
    if image.isNull():
        raise RuntimeError(f"the SVG image plug-in could not render: {reader.errorString()}")
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def sprite_path(pixels: int) -> Path:
    return FOLDER / "masks" / f"masks-{pixels}.png"


def sprite(names: list[str], pixels: int) -> QImage:
    """One row of masks, ``names`` in order, each ``pixels`` square (one file per size, not one per icon)."""
    row = QImage(pixels * len(names), pixels, QImage.Format.Format_ARGB32)
    row.fill(0)
    painter = QPainter(row)
    for index, name in enumerate(names):
        painter.drawImage(index * pixels, 0, render_mask((FOLDER / f"{name}.svg").read_bytes(), pixels))
    painter.end()
    return row


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    folder = FOLDER / "masks"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    names = sorted(svg.stem for svg in FOLDER.glob("*.svg"))
    for pixels in MASK_SIZES:
        sprite(names, pixels).save(str(sprite_path(pixels)), "PNG")
    index = {
        "_comment": "made by tools/make_ui_icons.py: masks-<size>.png holds these icons left to right",
        "names": names,
        "sizes": list(MASK_SIZES),
    }
    (folder / "masks.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(MASK_SIZES)} sprites of {len(names)} masks to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
