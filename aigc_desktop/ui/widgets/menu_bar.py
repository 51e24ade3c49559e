"""The main window's menus, with a keyboard shortcut for every action (shown next to it).

File: Settings (Ctrl+,), Quit (Ctrl+Q). Session: Sign in (Ctrl+Shift+S). View: one entry per pane
(Ctrl+1…9), Error codes (Ctrl+E), Request log (Ctrl+L), Theme (System / Light / Dark). Help: About
(F1), the sandbox documentation. The window hands in what each action does; this module only
builds and names the actions, so ``main_window.py`` stays an assembler.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenuBar, QStyle, QWidget

from aigc_desktop.ui import theme

translate = QCoreApplication.translate  # lupdate reads translate("menus", "...") at each call site


@dataclass(frozen=True, slots=True)
class MenuHandlers:
    """What the menu actions do (supplied by the main window)."""

    show_pane: Callable[[str], object]
    sign_in: Callable[[], None]
    open_settings: Callable[[], None]
    open_about: Callable[[], None]
    open_sandbox_docs: Callable[[], None]
    set_theme: Callable[[str], None]
    quit_app: Callable[[], None]


def _action(
    parent: QObject, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: Callable[[], object]
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def build_menu_bar(
    window: QWidget, panes: list[tuple[str, str]], handlers: MenuHandlers, current_theme: str
) -> tuple[QMenuBar, dict[str, QAction]]:
    """The menu bar and its actions by name (``pane:<id>``, ``sign_in``, ``theme:dark``…)."""
    bar = QMenuBar(window)
    bar.setAccessibleName(translate("menus", "Main menu"))
    actions: dict[str, QAction] = {}
    style = window.style()

    file_menu = bar.addMenu(translate("menus", "&File"))
    actions["settings"] = _action(window, translate("menus", "&Settings…"), "Ctrl+,", handlers.open_settings)
    actions["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
    actions["quit"] = _action(window, translate("menus", "&Quit"), "Ctrl+Q", handlers.quit_app)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.addAction(actions["settings"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])

    session_menu = bar.addMenu(translate("menus", "&Session"))
    actions["sign_in"] = _action(window, translate("menus", "Sign &in"), "Ctrl+Shift+S", handlers.sign_in)
    actions["sign_in"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton))
    session_menu.addAction(actions["sign_in"])

    view_menu = bar.addMenu(translate("menus", "&View"))
    for number, (pane_id, title) in enumerate(panes, start=1):
        shortcut = f"Ctrl+{number}" if number <= 9 else None
        action = _action(window, title, shortcut, lambda pid=pane_id: handlers.show_pane(pid))  # type: ignore[misc]
        actions[f"pane:{pane_id}"] = action
        view_menu.addAction(action)
    view_menu.addSeparator()
    actions["errors"] = _action(
        window, translate("menus", "&Error codes"), "Ctrl+E", lambda: handlers.show_pane("errors")
    )
    actions["request_log"] = _action(
        window, translate("menus", "&Request log"), "Ctrl+L", lambda: handlers.show_pane("request_log")
    )
    view_menu.addAction(actions["errors"])
    view_menu.addAction(actions["request_log"])
    view_menu.addSeparator()
    theme_menu = view_menu.addMenu(translate("menus", "&Theme"))
    group = QActionGroup(window)
    group.setExclusive(True)
    for mode, text in (
        (theme.SYSTEM, translate("menus", "Follow the &system")),
        (theme.LIGHT, translate("menus", "&Light")),
        (theme.DARK, translate("menus", "&Dark")),
    ):
        action = _action(window, text, None, lambda m=mode: handlers.set_theme(m))  # type: ignore[misc]
        action.setCheckable(True)
        action.setChecked(mode == current_theme)
        group.addAction(action)
        theme_menu.addAction(action)
        actions[f"theme:{mode}"] = action

    help_menu = bar.addMenu(translate("menus", "&Help"))
    actions["about"] = _action(window, translate("menus", "&About AIGC Desktop"), "F1", handlers.open_about)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    actions["sandbox_docs"] = _action(
        window, translate("menus", "The &sandbox documentation"), None, handlers.open_sandbox_docs
    )
    help_menu.addAction(actions["about"])
    help_menu.addAction(actions["sandbox_docs"])
    return bar, actions
