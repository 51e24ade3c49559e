"""The icon set: one distinct icon per pane and per action, drawn in the palette's colours, light and dark."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPalette
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from aigc_desktop.ui import icons, theme
from aigc_desktop.ui.panes import PANES
from tests.ui._contrast import contrast

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def palette(qapp: QApplication) -> Iterator[None]:
    """Restore the application palette a test switched."""
    before = QPalette(QGuiApplication.palette())
    yield
    QGuiApplication.setPalette(before)


def _alpha(image: QImage) -> bytes:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return bytes(image.constBits())[3 : 4 * image.width() * image.height() : 4]


def _ink(icon: QIcon, size: int = 16, mode: QIcon.Mode = QIcon.Mode.Normal) -> set[str]:
    """The colours of the icon's fully opaque pixels (its strokes)."""
    image = icon.pixmap(QSize(size, size), 1.0, mode).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    found = set()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                found.add(colour.name())
    return found


def test_every_pane_has_its_own_icon_and_every_action_too(qapp: QApplication) -> None:
    pane_names = [icons.pane_icon_name(spec.PANE_ID) for spec in PANES]
    assert len(set(pane_names)) == len(PANES)  # Quotas and Request log no longer share one
    action_names = list(icons._mapping()["actions"].values())
    assert len(set(action_names)) == len(action_names)
    assert not set(pane_names) & set(action_names)
    assert icons.pane_icon_name("account") != icons.pane_icon_name("errors")  # both were "info"


def test_the_icons_look_different_not_only_their_names(qapp: QApplication) -> None:
    drawn = {
        name: _alpha(icons.icon(name).pixmap(QSize(24, 24)).toImage())
        for name in [icons.pane_icon_name(spec.PANE_ID) for spec in PANES]
        + list(icons._mapping()["actions"].values())
    }
    assert len(set(drawn.values())) == len(drawn)
    assert all(any(drawn[name]) for name in drawn)  # none is blank


def test_each_name_has_its_svg_and_up_to_date_masks(qapp: QApplication) -> None:
    spec = importlib.util.spec_from_file_location("make_ui_icons", REPO_ROOT / "tools" / "make_ui_icons.py")
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    assert tuple(make.MASK_SIZES) == icons.MASK_SIZES
    folder = REPO_ROOT / "resources" / "icons" / "ui"
    names = icons.icon_names()
    for name in names:
        assert b"currentColor" in (folder / f"{name}.svg").read_bytes(), (
            name
        )  # what the palette colour replaces
    index = json.loads((folder / "masks" / "masks.json").read_text(encoding="utf-8"))
    assert index["names"] == names, "the masks do not match the SVGs: run tools/make_ui_icons.py"
    for pixels in icons.MASK_SIZES:
        shipped = QImage(str(make.sprite_path(pixels)))
        assert _alpha(shipped) == _alpha(make.sprite(names, pixels)), (
            f"masks-{pixels}.png is stale: run tools/make_ui_icons.py"
        )


def test_a_mask_matches_the_svg_rendered_at_that_size(qapp: QApplication) -> None:
    spec = importlib.util.spec_from_file_location("make_ui_icons", REPO_ROOT / "tools" / "make_ui_icons.py")
    assert spec is not None and spec.loader is not None
    make = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make)
    svg = (REPO_ROOT / "resources" / "icons" / "ui" / "send.svg").read_bytes()
    mask = icons._mask("send", 24)
    assert mask is not None
    assert mask[1] == _alpha(make.render_mask(svg, 24))


@pytest.mark.parametrize("size", [16, 24, 18])  # 18: no mask, drawn from the SVG itself
def test_icons_take_the_palettes_text_colour_and_follow_a_switch_to_dark(
    qapp: QApplication, palette: None, size: int
) -> None:
    sender = icons.pane_icon("callback_sender")  # the one that was a black arrow on a dark window
    QGuiApplication.setPalette(QApplication.style().standardPalette())
    light = QGuiApplication.palette()
    assert _ink(sender, size) == {light.color(QPalette.ColorRole.WindowText).name()}

    QGuiApplication.setPalette(theme.dark_palette())  # the same QIcon object, nothing rebuilt
    dark = QGuiApplication.palette()
    ink = _ink(sender, size)
    assert ink == {dark.color(QPalette.ColorRole.WindowText).name()}
    assert contrast(QColor(ink.pop()), dark.color(QPalette.ColorRole.Window)) >= 4.5


def test_selected_and_disabled_icons_use_those_text_colours(qapp: QApplication, palette: None) -> None:
    QGuiApplication.setPalette(theme.dark_palette())
    dark = QGuiApplication.palette()
    token = icons.pane_icon("token")
    assert _ink(token, mode=QIcon.Mode.Selected) == {dark.color(QPalette.ColorRole.HighlightedText).name()}
    disabled = dark.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText).name()
    assert _ink(token, mode=QIcon.Mode.Disabled) == {disabled}


def test_a_button_paints_its_icon_in_the_dark_palette(qtbot: QtBot, palette: None) -> None:
    QGuiApplication.setPalette(theme.dark_palette())
    ink = QColor(QGuiApplication.palette().color(QPalette.ColorRole.WindowText))

    def inked_pixels(with_icon: bool) -> int:
        button = QPushButton("Send")
        if with_icon:
            button.setIcon(icons.action_icon("send"))
        button.setFixedSize(120, 32)
        qtbot.addWidget(button)
        button.show()
        qtbot.waitExposed(button)
        image = button.grab().toImage()
        return sum(
            contrast(image.pixelColor(x, y), ink) < 1.5
            for y in range(image.height())
            for x in range(image.width())
        )

    assert inked_pixels(True) > inked_pixels(False) + 10, "the icon is not visible on the dark button"


def test_an_unknown_icon_name_fails_where_it_is_written(qapp: QApplication) -> None:
    with pytest.raises(FileNotFoundError):
        icons.icon("no-such-icon")
    with pytest.raises(KeyError):
        icons.pane_icon("no_such_pane")
