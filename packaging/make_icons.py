"""Draw the AIGC Desktop icon with QPainter and write every size and format the installers need.

    python packaging/make_icons.py            # -> resources/icons/

The icon: a rounded square with an indigo-to-cyan gradient, a white "play" triangle (video) and a
four-pointed spark (generated content). Each size is drawn from vectors, not scaled down, and the
spark is left out below 32 px where it would be a smudge. Outputs:

- ``aigc-desktop-<N>.png`` for N in 16 ... 1024 (Linux hicolor theme, window icon, AppStream);
- ``aigc-desktop.ico`` (Windows: 16-256 px, PNG-compressed entries, Vista and later);
- ``aigc-desktop.icns`` (macOS: 16-1024 px including @2x variants, PNG-compressed).

The .ico and .icns containers are written here byte by byte, so no extra tool is needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath

OUT_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
BASENAME = "aigc-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns chunk type -> pixel size (PNG payloads; ic11-ic14 are the @2x variants).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)

INDIGO = QColor("#4338ca")
VIOLET = QColor("#7c3aed")
CYAN = QColor("#06b6d4")


def _star(cx: float, cy: float, radius: float) -> QPainterPath:
    """A four-pointed spark with concave sides."""
    pinch = radius * 0.18  # how far the concave sides bow toward the centre
    path = QPainterPath(QPointF(cx, cy - radius))
    tips = [(cx + radius, cy), (cx, cy + radius), (cx - radius, cy), (cx, cy - radius)]
    previous = (cx, cy - radius)
    for tip in tips:
        control = QPointF(
            cx + ((previous[0] - cx) + (tip[0] - cx)) * pinch / radius,
            cy + ((previous[1] - cy) + (tip[1] - cy)) * pinch / radius,
        )
        path.quadTo(control, QPointF(*tip))
        previous = tip
    path.closeSubpath()
    return path


def render(size: int) -> QImage:
    """The icon at ``size`` x ``size`` pixels, transparent outside the rounded square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 100.0, size / 100.0)  # draw in a 100 x 100 design space

    margin = 3.0 if size <= 32 else 6.0
    tile = QRectF(margin, margin, 100 - 2 * margin, 100 - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, INDIGO)
    gradient.setColorAt(0.55, VIOLET)
    gradient.setColorAt(1.0, CYAN)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    corner = tile.width() * 0.225
    painter.drawRoundedRect(tile, corner, corner)

    # A soft highlight on the upper half gives the tile some depth at large sizes.
    if size >= 64:
        sheen = QLinearGradient(QPointF(0, tile.top()), QPointF(0, tile.center().y()))
        sheen.setColorAt(0.0, QColor(255, 255, 255, 46))
        sheen.setColorAt(1.0, QColor(255, 255, 255, 0))
        painter.setBrush(QBrush(sheen))
        painter.drawRoundedRect(tile, corner, corner)

    # The play triangle, with rounded corners (stroke-joined), slightly left of centre.
    triangle = QPainterPath(QPointF(36, 29))
    triangle.lineTo(QPointF(36, 71))
    triangle.lineTo(QPointF(71, 50))
    triangle.closeSubpath()
    pen_width = 9.0 if size > 32 else 6.0
    painter.setBrush(QColor("white"))
    pen = painter.pen()
    pen.setStyle(Qt.PenStyle.SolidLine)
    pen.setColor(QColor("white"))
    pen.setWidthF(pen_width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPath(triangle)

    if size >= 32:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("white"))
        painter.drawPath(_star(76.5, 24.5, 10.5))
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawPath(_star(86.0, 40.0, 4.5))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container of PNG images (ICONDIR + ICONDIRENTRY per size + payloads)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payloads = b"", b""
    for px in sizes:
        payload = pngs[px]
        dim = 0 if px >= 256 else px  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
        payloads += payload
    return header + entries + payloads


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS container: 'icns' + total length, then (type, length, PNG payload) chunks."""
    chunks = b"".join(kind + struct.pack(">I", 8 + len(pngs[px])) + pngs[px] for kind, px in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def write_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    pngs = {px: png_bytes(render(px)) for px in PNG_SIZES}
    written: list[Path] = []
    for px, payload in pngs.items():
        path = out_dir / f"{BASENAME}-{px}.png"
        path.write_bytes(payload)
        written.append(path)
    ico = out_dir / f"{BASENAME}.ico"
    ico.write_bytes(ico_bytes({px: pngs[px] for px in ICO_SIZES}))
    icns = out_dir / f"{BASENAME}.icns"
    icns.write_bytes(icns_bytes(pngs))
    return [*written, ico, icns]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"output folder (default: {OUT_DIR})")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for path in write_all(args.out):
        print(f"{path}  {path.stat().st_size:,} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
