"""The main window's menus, with a keyboard shortcut for every action (shown next to it).

File: Settings (Ctrl+,), Quit (Ctrl+Q). Session: Sign in (Ctrl+Shift+S), Refresh token (Ctrl+Shift+R),
Force refresh…, Sign out. View: one entry per pane (Ctrl+1…9; Error codes also Ctrl+E, Request log also
Ctrl+L), Theme (System / Light / Dark). Help: About (F1), the sandbox documentation. The window hands in
what each action does and enables the session actions from the model's state; this module only builds
and names the actions, so ``main_window.py`` stays an assembler.

The shortcuts are added by ``add_shortcuts`` once the window can act on them (``MainWindow.attach``):
making the first ``QKeySequence`` builds Python enums for the whole ``Qt`` namespace, which the first
frame does without.
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
    refresh: Callable[[], None]
    force_refresh: Callable[[], None]
    sign_out: Callable[[], None]
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
    "refresh": "Ctrl+Shift+R",
    "about": "F1",
}
# panes that also have a letter (a second shortcut of the same View entry, not a second entry)
PANE_LETTERS: dict[str, str] = {"pane:errors": "Ctrl+E", "pane:request_log": "Ctrl+L"}


def _action(parent: QObject, text: str, slot: Callable[[], object]) -> QAction:
    action = QAction(text, parent)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def add_shortcuts(actions: dict[str, QAction]) -> None:
    """Give every action its shortcut (``SHORTCUTS``; Ctrl+1…9 for the first nine panes)."""
    from PySide6.QtGui import QKeySequence

    panes = [name for name in actions if name.startswith("pane:")]
    numbers = {name: f"Ctrl+{number}" for number, name in enumerate(panes[:9], start=1)}
    for name, keys in SHORTCUTS.items():
        if name in actions:
            actions[name].setShortcut(QKeySequence(keys))
    for name in panes:
        wanted = [k for k in (numbers.get(name), PANE_LETTERS.get(name)) if k]
        if wanted:
            actions[name].setShortcuts([QKeySequence(k) for k in wanted])


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
    actions["refresh"] = _action(window, translate("menus", "&Refresh token"), handlers.refresh)
    actions["refresh"].setIcon(icons.action_icon("refresh"))
    actions["force_refresh"] = _action(window, translate("menus", "&Force refresh…"), handlers.force_refresh)
    actions["sign_out"] = _action(window, translate("menus", "Sign &out"), handlers.sign_out)
    actions["sign_out"].setIcon(icons.action_icon("sign_out"))
    for name in ("sign_in", "refresh", "force_refresh"):
        session_menu.addAction(actions[name])
    session_menu.addSeparator()
    session_menu.addAction(actions["sign_out"])

    view_menu = bar.addMenu(translate("menus", "&View"))
    for pane_id, title in panes:
        action = _action(window, title, lambda pid=pane_id: handlers.show_pane(pid))  # type: ignore[misc]
        if pane_id in icons.pane_ids():
            action.setIcon(icons.pane_icon(pane_id))  # the navigation's icon
        actions[f"pane:{pane_id}"] = action
        view_menu.addAction(action)
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
