"""The main window's menus, with a keyboard shortcut for every action (shown next to it).

File: Settings (Ctrl+,), Quit (Ctrl+Q). Session: Sign in (Ctrl+Shift+S). View: one entry per pane
(Ctrl+1…9), Error codes (Ctrl+E), Request log (Ctrl+L), Theme (System / Light / Dark). Help: About
(F1), the sandbox documentation. The window hands in what each action does; this module only
builds and names the actions, so ``main_window.py`` stays an assembler.

The shortcuts are added by ``add_shortcuts`` once the window can act on them (``MainWindow.attach``):
making the first ``QKeySequence`` builds Python enums for the whole ``Qt`` namespace (~12 ms with
PySide6 6.11), which the first frame does without.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenuBar, QWidget

from aigc_desktop.ui import icons, theme

translate = QCoreApplication.translate  # lupdate reads translate("menus", "...") at each call site


class MenuHandlers(NamedTuple):
    """What the menu actions do (supplied by the main window); built for the first frame."""

    show_pane: Callable[[str], object]
    sign_in: Callable[[], None]
    open_settings: Callable[[], None]
    open_about: Callable[[], None]
    open_sandbox_docs: Callable[[], None]
    set_theme: Callable[[str], None]
    quit_app: Callable[[], None]


# action name -> its shortcut; the panes' own (Ctrl+1…9) follow their order in the View menu
SHORTCUTS: dict[str, str] = {
    "settings": "Ctrl+,",
    "quit": "Ctrl+Q",
    "sign_in": "Ctrl+Shift+S",
    "errors": "Ctrl+E",
    "request_log": "Ctrl+L",
    "about": "F1",
}


def _action(parent: QObject, text: str, slot: Callable[[], object]) -> QAction:
    action = QAction(text, parent)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def add_shortcuts(actions: dict[str, QAction]) -> None:
    """Give every action its shortcut (``SHORTCUTS``; Ctrl+1…9 for the first nine panes)."""
    from PySide6.QtGui import QKeySequence

    panes = [name for name in actions if name.startswith("pane:")]
    wanted = {**SHORTCUTS, **{name: f"Ctrl+{number}" for number, name in enumerate(panes[:9], start=1)}}
    for name, keys in wanted.items():
        if name in actions:
            actions[name].setShortcut(QKeySequence(keys))


def build_menu_bar(
    window: QWidget, panes: list[tuple[str, str]], handlers: MenuHandlers, current_theme: str
) -> tuple[QMenuBar, dict[str, QAction]]:
    """The menu bar and its actions by name (``pane:<id>``, ``sign_in``, ``theme:dark``…)."""
    bar = QMenuBar(window)
    bar.setAccessibleName(translate("menus", "Main menu"))
    actions: dict[str, QAction] = {}

    file_menu = bar.addMenu(translate("menus", "&File"))
    actions["settings"] = _action(window, translate("menus", "&Settings…"), handlers.open_settings)
    actions["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
    actions["settings"].setIcon(icons.action_icon("settings"))
    actions["quit"] = _action(window, translate("menus", "&Quit"), handlers.quit_app)
    actions["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    file_menu.addAction(actions["settings"])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])

    session_menu = bar.addMenu(translate("menus", "&Session"))
    actions["sign_in"] = _action(window, translate("menus", "Sign &in"), handlers.sign_in)
    actions["sign_in"].setIcon(icons.action_icon("sign_in"))
    session_menu.addAction(actions["sign_in"])

    view_menu = bar.addMenu(translate("menus", "&View"))
    for pane_id, title in panes:
        action = _action(window, title, lambda pid=pane_id: handlers.show_pane(pid))  # type: ignore[misc]
        if pane_id in icons.pane_ids():
            action.setIcon(icons.pane_icon(pane_id))  # the navigation's icon
        actions[f"pane:{pane_id}"] = action
        view_menu.addAction(action)
    view_menu.addSeparator()
    actions["errors"] = _action(
        window, translate("menus", "&Error codes"), lambda: handlers.show_pane("errors")
    )
    actions["request_log"] = _action(
        window, translate("menus", "&Request log"), lambda: handlers.show_pane("request_log")
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
        action = _action(window, text, lambda m=mode: handlers.set_theme(m))  # type: ignore[misc]
        action.setCheckable(True)
        action.setChecked(mode == current_theme)
        group.addAction(action)
        theme_menu.addAction(action)
        actions[f"theme:{mode}"] = action

    help_menu = bar.addMenu(translate("menus", "&Help"))
    actions["about"] = _action(window, translate("menus", "&About AIGC Desktop"), handlers.open_about)
    actions["about"].setMenuRole(QAction.MenuRole.AboutRole)
    actions["about"].setIcon(icons.action_icon("about"))
    actions["sandbox_docs"] = _action(
        window, translate("menus", "The &sandbox documentation"), handlers.open_sandbox_docs
    )
    actions["sandbox_docs"].setIcon(icons.action_icon("sandbox_docs"))
    help_menu.addAction(actions["about"])
    help_menu.addAction(actions["sandbox_docs"])
    return bar, actions
