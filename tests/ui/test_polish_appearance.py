"""Appearance: light/dark (OS or View menu), readable accents, shortcuts for every action, accessible names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

from aigc_desktop.ui import theme
from aigc_desktop.ui.dialogs.about_dialog import AboutDialog
from aigc_desktop.ui.dialogs.settings_dialog import SettingsDialog
from aigc_desktop.ui.panes import PANES
from aigc_desktop.ui.widgets.callback_verdict import status_colour
from aigc_desktop.ui.widgets.menu_bar import PANE_LETTERS
from tests.ui._contrast import contrast
from tests.ui.conftest import AppHarness

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QSlider,
)


@pytest.fixture(autouse=True)
def _back_to_the_system_scheme() -> Iterator[None]:
    yield
    theme.ThemeController().apply(theme.SYSTEM)
    assert not theme.is_dark()


def test_dark_override_changes_palette_and_accent_colours(app: AppHarness) -> None:
    app.start_sandbox()
    bar = app.pane("quotas").bars["avatarModel"]
    app.ctx.notice.emit("warning", "A warning\nto look at")
    banner = app.window.banners.banners()[-1]
    light = (
        QGuiApplication.palette().color(QPalette.ColorRole.Window),
        bar.bar.styleSheet(),
        banner.styleSheet(),
        status_colour(None),
    )
    assert not theme.is_dark()
    app.window.menu_actions["theme:dark"].trigger()
    assert theme.is_dark()
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    # Qt posts the palette change to every widget; they re-pick their accents when it arrives.
    app.wait(lambda: theme.colour("quota.normal", dark=True) in bar.bar.styleSheet())
    app.wait(lambda: theme.colour("banner.warning.text", dark=True) in banner.styleSheet())
    assert bar.bar.styleSheet() != light[1] and banner.styleSheet() != light[2]
    assert status_colour(None) != light[3]
    assert app.settings.value("ui/theme") == "dark"  # the override is remembered
    assert app.window.menu_actions["theme:dark"].isChecked()
    app.window.menu_actions["theme:light"].trigger()
    assert not theme.is_dark()
    app.wait(lambda: bar.bar.styleSheet() == light[1] and banner.styleSheet() == light[2])
    assert app.settings.value("ui/theme") == "light"


@pytest.mark.usefixtures("qapp")
def test_the_os_scheme_is_followed_in_system_mode() -> None:
    # Offscreen Qt always reports Unknown and cannot switch: the OS scheme is injected, the switch is
    # Qt's own colorSchemeChanged signal (what an OS switch emits).
    reported = [Qt.ColorScheme.Light]
    controller = theme.ThemeController(os_scheme=lambda: reported[0])
    hints = QGuiApplication.styleHints()
    try:
        assert controller.apply(theme.SYSTEM) is False
        reported[0] = Qt.ColorScheme.Dark
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert theme.is_dark()
        assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        reported[0] = Qt.ColorScheme.Light
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not theme.is_dark()
        # An explicit choice in View > Theme wins over the OS
        controller.apply(theme.LIGHT)
        reported[0] = Qt.ColorScheme.Dark
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert not theme.is_dark()
    finally:
        hints.colorSchemeChanged.disconnect(controller._os_changed)


def test_accents_are_readable_in_both_schemes() -> None:
    for dark in (False, True):
        window = "#202124" if dark else "#efefef"
        for level in ("error", "warning", "info"):
            assert (
                contrast(
                    theme.colour(f"banner.{level}.text", dark=dark),
                    theme.colour(f"banner.{level}.background", dark=dark),
                )
                >= 4.5
            )
        for name in ("verdict.valid", "verdict.invalid", "verdict.amber", "text.error", "text.ok"):
            assert contrast(theme.colour(name, dark=dark), window) >= 3.0, (name, dark)


def test_shortcuts_trigger_and_show_in_menus(app: AppHarness) -> None:
    window, qtbot = app.window, app.qtbot
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for number, pane_class in enumerate(PANES[:9], start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_pane_id() == pane_class.PANE_ID
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane_id() == "errors"
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.current_pane_id() == "request_log"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert isinstance(window.dialog, AboutDialog) and window.dialog.isVisible()
    window.dialog.reject()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.dialog, SettingsDialog) and window.dialog.isVisible()
    window.dialog.reject()
    shown = {name: action.shortcut().toString() for name, action in window.menu_actions.items()}
    assert shown["sign_in"] == "Ctrl+Shift+S" and shown["quit"] == "Ctrl+Q" and shown["settings"] == "Ctrl+,"
    assert shown["about"] == "F1" and shown["refresh"] == "Ctrl+Shift+R"
    assert [shown[f"pane:{p.PANE_ID}"] for p in PANES[:9]] == [f"Ctrl+{n}" for n in range(1, 10)]
    letters = {name: [k.toString() for k in window.menu_actions[name].shortcuts()] for name in PANE_LETTERS}
    assert letters == {"pane:errors": ["Ctrl+9", "Ctrl+E"], "pane:request_log": ["Ctrl+L"]}


def test_view_lists_every_pane_once_and_session_offers_what_the_state_allows(app: AppHarness) -> None:
    bar = app.window.menuBar()
    menus = {menu.title().replace("&", ""): menu for menu in bar.findChildren(QMenu) if menu.title()}
    view = [a.text() for a in menus["View"].actions() if a.text() and not a.menu()]
    assert len(view) == len(set(view)) == len(PANES)
    session = [a.text().replace("&", "") for a in menus["Session"].actions() if a.text()]
    assert session == ["Sign in", "Refresh token", "Force refresh…", "Sign out"]
    actions = app.window.menu_actions
    assert not any(actions[n].isEnabled() for n in ("sign_in", "refresh", "force_refresh", "sign_out"))
    app.start_sandbox()
    assert actions["sign_in"].isEnabled() and actions["sign_out"].isEnabled()
    assert actions["refresh"].isEnabled() and actions["force_refresh"].isEnabled()
    actions["refresh"].trigger()
    app.wait(lambda: app.state.active.last_refresh_at is not None)
    app.wait_idle()
    assert not actions["refresh"].isEnabled() and actions["force_refresh"].isEnabled()  # 3-hour rule
    actions["sign_out"].trigger()
    app.wait(lambda: app.state.tokens is None)
    app.wait_idle()
    assert not actions["sign_out"].isEnabled() and not actions["force_refresh"].isEnabled()


def test_sign_in_and_quit_shortcuts(app: AppHarness) -> None:
    app.start_sandbox()
    app.aio.run(app.ctx.model.sign_out())
    window, qtbot = app.window, app.qtbot
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    app.wait(lambda: app.ctx.model.session is not None and app.ctx.model.session.signed_in)
    assert window.current_pane_id() == "token"
    app.wait_idle()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def _unnamed_controls(root: QWidget) -> list[str]:
    """Interactive controls with neither an accessible name, a text of their own, nor a label buddy."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE):
            continue
        parent = widget.parentWidget()
        inner = False
        while parent is not None and parent is not root:  # parts of a composite control (combo's view...)
            if isinstance(parent, INTERACTIVE):
                inner = True
                break
            parent = parent.parentWidget()
        if inner or widget.objectName().startswith("qt_"):
            continue
        own_text = widget.text().replace("&", "").strip() if isinstance(widget, QAbstractButton) else ""
        if widget.accessibleName().strip() or own_text or id(widget) in buddies:
            continue
        missing.append(f"{type(widget).__name__} in {root.objectName() or type(root).__name__}")
    return missing


def test_every_control_of_every_pane_and_dialog_has_a_name(app: AppHarness) -> None:
    app.start_sandbox()
    missing: list[str] = []
    for pane in app.window.panes.values():
        missing += _unnamed_controls(pane)
    missing += _unnamed_controls(app.window.banners)
    for dialog in (SettingsDialog(app.window.app_settings.load(), app.window), AboutDialog(app.window)):
        missing += _unnamed_controls(dialog)
    assert missing == []
