"""The main window: an assembler of panes (nav list + stack), the profile selector, banners, status bar.

It owns no business logic: panes talk to ``AppContext``; this class only lays them out, routes
errors and notices to the banner area, and remembers geometry and the last pane in QSettings. The
menus (``widgets/menu_bar.py``), the theme (``theme.py``), the tray (``tray.py``) and the dialogs
are built elsewhere and only wired here.

Panes are listed from their ``PaneSpec`` and built on first use (``self.panes[pane_id]`` builds it).
By default every pane is built in ``__init__``; with ``defer=True`` (the app's own start-up) only
the pane shown first is — none while the first-run page covers them — and ``finish_start_up()``,
called once the window has been painted, builds the rest, the tray and the clock-skew indicator,
before any session work starts.

Two phases. ``MainWindow(None, settings)`` builds the frame only — title bar, menus, navigation,
status bar, theme and geometry — from modules that need neither asyncio nor the services, so the
app can paint it before loading the rest (``ui.startup.frame``). ``attach(ctx)`` then adds everything that
works with the context (banners, first-run page, busy indicator, the shown pane) into the same
window; ``MainWindow(ctx, settings)`` does both at once. Menu actions and navigation that arrive
before ``attach`` wait for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.services.preference_keys import KEY_PROFILES, has_saved_profiles
from aigc_desktop.ui import icons
from aigc_desktop.ui.i18n import profile_display_name
from aigc_desktop.ui.panes import PANES, Pane, PaneSpec
from aigc_desktop.ui.settings import KEY_GEOMETRY, KEY_LAST_PANE, QSettingsBackend
from aigc_desktop.ui.theme import ThemeController, saved_mode
from aigc_desktop.ui.widgets.menu_bar import MenuHandlers, add_shortcuts, build_menu_bar

SMALL_ICON_PX = 16

if TYPE_CHECKING:  # imported where used: none of them is needed for the first frame
    from PySide6.QtWidgets import QDialog

    from aigc_desktop.application.state import AppState, Aspect
    from aigc_desktop.services.app_settings import AppSettings, AppSettingsStore
    from aigc_desktop.ui.context import AppContext
    from aigc_desktop.ui.dialogs.settings_dialog import SettingsDialog
    from aigc_desktop.ui.tray import TrayNotifier
    from aigc_desktop.ui.widgets.banner import BannerArea
    from aigc_desktop.ui.widgets.busy import BusyIndicator
    from aigc_desktop.ui.widgets.clock_skew import ClockSkewIndicator
    from aigc_desktop.ui.widgets.first_run import FirstRunPage


class PaneMap(Mapping[str, Pane]):
    """The window's panes by ``PANE_ID``, in navigation order; looking one up builds it the first time.

    ``keys()``, ``in`` and ``len()`` never build; ``[id]``, ``get()``, ``values()`` and ``items()`` do
    (so a walk over ``values()`` sees every pane, as it did when all were built up front).
    """

    def __init__(self, specs: Sequence[PaneSpec], build: Callable[[PaneSpec], Pane]) -> None:
        self.specs: dict[str, PaneSpec] = {spec.PANE_ID: spec for spec in specs}
        self._build = build
        self._built: dict[str, Pane] = {}

    def __getitem__(self, pane_id: str) -> Pane:
        pane = self._built.get(pane_id)
        if pane is None:
            pane = self._built[pane_id] = self._build(self.specs[pane_id])
        return pane

    def __iter__(self) -> Iterator[str]:
        return iter(self.specs)

    def __len__(self) -> int:
        return len(self.specs)

    def __contains__(self, pane_id: object) -> bool:
        return pane_id in self.specs

    def built(self, pane_id: str) -> Pane | None:
        """The pane if it exists already (never builds it)."""
        return self._built.get(pane_id)

    def build_all(self, pane_ids: Iterable[str] | None = None) -> None:
        """Build every pane not built yet (or those of ``pane_ids``), in navigation order."""
        wanted = set(self.specs if pane_ids is None else pane_ids)
        for pane_id in self.specs:
            if pane_id in wanted:
                self.__getitem__(pane_id)


class MainWindow(QMainWindow):
    """Navigation on the left, the selected pane on the right, messages on top, busy state below."""

    def __init__(
        self,
        ctx: AppContext | None,
        settings: QSettings | None = None,
        pane_classes: Sequence[PaneSpec | type[Pane]] | None = None,
        parent: QWidget | None = None,
        *,
        defer: bool = False,
        first_run: bool | None = None,
    ) -> None:
        """The frame; with a ``ctx``, also ``attach(ctx)`` (without one, call it before any await).

        ``first_run``: whether the frame shows the welcome page rather than the panes (by default: when
        the settings hold no profile); ``attach`` settles it from the profiles themselves.
        """
        super().__init__(parent)
        self.settings = settings
        self._defer = defer
        self._attached = False
        self._leaving_first_run = False
        self._started = False
        self.tray: TrayNotifier | None = None
        self.clock_skew: ClockSkewIndicator | None = None
        self.dialog: QDialog | None = None  # the Settings or About dialog last opened
        self.first_run: FirstRunPage | None = None  # the welcome page; always there once attached
        self.setWindowTitle(self.tr("AIGC Desktop"))
        self.setMinimumSize(QSize(720, 500))

        central = QWidget()
        self._outer = QVBoxLayout(central)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(0)
        self._outer.addLayout(self._build_top_bar())
        self.root = QStackedWidget()
        self.root.currentChanged.connect(self._root_changed)
        self._pending_row: int | None = None  # selected while the first-run page (or no ctx) hid it
        self._outer.addWidget(self.root, 1)
        self.setCentralWidget(central)
        if first_run is None:
            first_run = not has_saved_profiles(settings.value(KEY_PROFILES) if settings is not None else None)
        if first_run:  # else built by ``attach``: its layout builds the ``Qt`` namespace's enums
            self._add_first_run_page()
        self.root.addWidget(self._build_panes(pane_classes or PANES))

        self.session_label = QLabel(self.tr("Starting…"))
        self.session_label.setAccessibleName(self.tr("Session"))
        self.statusBar().addWidget(self.session_label, 1)

        mode = saved_mode(settings)  # the one preference the frame needs, read without the rest
        self.theme = ThemeController(self)
        self.theme.apply_to_frame(mode)
        handlers = MenuHandlers(
            show_pane=self._when_attached(self.show_pane),
            sign_in=self._when_attached(self.sign_in),
            refresh=self._when_attached(self.refresh),
            force_refresh=self._when_attached(self.force_refresh),
            sign_out=self._when_attached(self.sign_out),
            open_settings=self._when_attached(self.open_settings),
            open_about=self.open_about,
            open_sandbox_docs=self.open_sandbox_docs,
            set_theme=self._when_attached(self.set_theme),
            quit_app=self.quit_app,
        )
        panes = [(spec.PANE_ID, spec.display_title()) for spec in self.panes.specs.values()]
        menu_bar, self.menu_actions = build_menu_bar(self, panes, handlers, mode)
        self.setMenuBar(menu_bar)
        self._restore_state()
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: AppContext) -> None:
        """Add what works with the context: banners, first-run page, busy indicator, the shown pane."""
        if self._attached:
            raise RuntimeError("this window is attached to a context already")
        from aigc_desktop.ui.widgets.banner import BannerArea
        from aigc_desktop.ui.widgets.busy import BusyIndicator

        self.ctx = ctx
        self._complete_context()
        self.banners: BannerArea = BannerArea()
        self.banners.lookup_requested.connect(ctx.lookup_error_code)
        self.banners.problem_dismissed.connect(ctx.model.dismiss)
        self._outer.insertWidget(1, self.banners)
        # added before the panes' page, which stays the one shown
        first_run = self.first_run or self._add_first_run_page()
        first_run.try_sandbox.connect(self.try_sandbox)
        first_run.add_account.connect(self.add_account)
        from PySide6.QtCore import Qt  # its enums are built here, not for the first frame

        self.session_label.setTextFormat(Qt.TextFormat.PlainText)  # a profile's name is never markup
        self.busy: BusyIndicator = BusyIndicator(ctx)
        self.statusBar().addPermanentWidget(self.busy)

        ctx.notice.connect(self.show_notice)
        ctx.state_changed.connect(self._state_changed)
        ctx.navigate.connect(self.show_pane)
        ctx.settings_changed.connect(self._settings_changed)
        self._attached = True
        self.theme.apply(self.theme.mode)  # the full check the frame left out (see apply_to_frame)
        add_shortcuts(self.menu_actions)  # from now on they have something to act on
        if not self._defer:  # all up front, in navigation order
            self.panes.build_all()
        self.show_state(ctx.state)
        if self.root.currentIndex() == 1 and self._pending_row is not None:
            self._nav_changed(self._pending_row)  # the pane selected while there was no context
        if not self._defer:
            self.finish_start_up()

    def _add_first_run_page(self) -> FirstRunPage:
        """The welcome page, shown while no profile exists; always the root's first page."""
        from aigc_desktop.ui.widgets.first_run import FirstRunPage  # its module builds the Qt enums

        self.first_run = FirstRunPage()
        self.root.insertWidget(0, self.first_run)
        return self.first_run

    @property
    def attached(self) -> bool:
        """True once ``attach`` gave the window its context (``self.ctx``)."""
        return self._attached

    def _when_attached(self, action: Callable[..., object]) -> Callable[..., None]:
        """``action``, ignored until ``attach`` (a shortcut pressed while the frame is all there is)."""

        def guarded(*args: object) -> None:
            if self._attached:
                action(*args)

        return guarded

    def finish_start_up(self) -> None:
        """Build what the first frame did not need: the other panes, the clock-skew label, the tray."""
        if self._started:
            return
        self._started = True
        from aigc_desktop.ui.tray import TrayNotifier
        from aigc_desktop.ui.widgets.clock_skew import ClockSkewIndicator

        self.panes.build_all()
        self.clock_skew = ClockSkewIndicator(self.ctx, self.statusBar())
        self.tray = TrayNotifier(
            self.ctx,
            show_window=self.show_window,
            sign_in=self.sign_in,
            quit_app=self.quit_app,
            parent=self,
        )
        self.tray.apply_settings(self.app_settings.load())

    def _complete_context(self) -> None:
        """Give the context the preferences store when the bootstrap did not (tests build windows directly)."""
        from aigc_desktop.application.model import DEFAULT_CLIENT_FACTORY
        from aigc_desktop.services.app_settings import AppSettingsStore

        if self.ctx.app_settings is None and self.settings is not None:
            store = AppSettingsStore(QSettingsBackend(self.settings))
            self.ctx.app_settings = store
            if self.ctx.model.client_factory is DEFAULT_CLIENT_FACTORY:
                self.ctx.model.client_factory = store.client_factory()

    @property
    def app_settings(self) -> AppSettingsStore:
        store = self.ctx.app_settings
        if store is None:  # no settings file at all: defaults, kept in memory
            from aigc_desktop.services.app_settings import AppSettingsStore
            from aigc_desktop.services.profiles import DictBackend

            store = self.ctx.app_settings = AppSettingsStore(DictBackend())
        return store

    # --- construction ------------------------------------------------------------------------

    def _build_top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 4)
        title = QLabel(self.tr("AIGC Desktop"))
        title.setStyleSheet("font-weight: 600; font-size: 12pt;")
        bar.addWidget(title)
        bar.addStretch(1)
        label = QLabel(self.tr("Profile:"))
        self.profile_combo = QComboBox()
        self.profile_combo.setAccessibleName(self.tr("Active profile"))
        self.profile_combo.setMinimumWidth(220)
        self.profile_combo.activated.connect(self._profile_chosen)
        label.setBuddy(self.profile_combo)
        bar.addWidget(label)
        bar.addWidget(self.profile_combo)
        return bar

    def _build_panes(self, panes: Sequence[PaneSpec | type[Pane]]) -> QWidget:
        page = QWidget()
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Navigation"))
        # The small-icon size of Qt's desktop styles, in device-independent pixels; not asked of the
        # style (style().pixelMetric): its Python wrapper would build every QStyle enum before the first
        # frame. Set, not left to the view: the navigation's width below counts it.
        self.nav.setIconSize(QSize(SMALL_ICON_PX, SMALL_ICON_PX))
        self.nav.setStyleSheet("QListWidget { border: none; } QListWidget::item { padding: 8px 6px; }")
        self.stack = QStackedWidget()
        specs = [PaneSpec.of(pane) for pane in panes]
        self.panes = PaneMap(specs, self._make_pane)
        self._pane_ids = [spec.PANE_ID for spec in specs]
        for spec in specs:
            item = QListWidgetItem(spec.display_title())
            if spec.ICON:
                item.setIcon(icons.icon(spec.ICON))  # drawn in the palette's colours: light and dark
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._nav_changed)
        # As wide as the longest (translated) title needs, in this font and DPI: no fixed pixels.
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(spec.display_title()) for spec in specs), default=0)
        self.nav.setFixedWidth(
            max(widest + self.nav.iconSize().width() + metrics.averageCharWidth() * 6, 160)
        )
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        return page

    def _make_pane(self, spec: PaneSpec) -> Pane:
        """Import and build one pane into the stack (``self.panes`` calls this on first use)."""
        pane = spec.load()(self.ctx, self.stack)
        self.stack.addWidget(pane)
        return pane

    # --- navigation --------------------------------------------------------------------------

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self._pane_ids):
            return
        pane_id = self._pane_ids[row]
        if not self._attached or (self.root.currentIndex() == 0 and self.panes.built(pane_id) is None):
            self._pending_row = row  # no context yet, or behind the first-run page: built when shown
            return
        self._pending_row = None
        pane = self.panes[pane_id]
        self.stack.setCurrentWidget(pane)
        pane.on_shown()

    def _root_changed(self, index: int) -> None:
        if index == 1 and self._pending_row is not None:
            self._nav_changed(self._pending_row)

    def show_pane(self, pane_id: str) -> Pane | None:
        """Select a pane by its ``PANE_ID`` (and leave the first-run page)."""
        pane = self.panes.get(pane_id)
        if pane is None:
            return None
        row = self._pane_ids.index(pane_id)
        if row != self.nav.currentRow():
            self._pending_row = None  # replaced by this selection
        self.root.setCurrentIndex(1)
        self.nav.setCurrentRow(row)
        return pane

    def current_pane_id(self) -> str:
        """The pane selected in the navigation (shown, or shown once the first-run page goes)."""
        row = self.nav.currentRow()
        return self._pane_ids[row] if 0 <= row < len(self._pane_ids) else ""

    def try_sandbox(self) -> None:
        self.show_pane("token")
        self._leaving_first_run = True
        task = self.ctx.run(
            self.ctx.model.start_sandbox_session(), self.tr("Starting the sandbox and signing in…")
        )
        task.add_done_callback(lambda _t: self._first_run_done())

    def _first_run_done(self) -> None:
        self._leaving_first_run = False
        self.show_state(self.ctx.state)  # back to the first-run page if the sandbox could not start

    def add_account(self) -> None:
        pane = self.show_pane("profiles")
        if pane is not None:
            pane.open_with("new")

    # --- profiles ----------------------------------------------------------------------------

    def _state_changed(self, state: AppState, aspects: frozenset[Aspect]) -> None:
        from aigc_desktop.application.state import Aspect

        if aspects & {Aspect.PROFILES, Aspect.SESSION, Aspect.SECRETS, Aspect.PROBLEMS}:
            self.show_state(state)

    def show_state(self, state: AppState) -> None:
        """The profile selector, the first-run page, the banners and the status line, from ``state``."""
        from aigc_desktop.ui.problem_view import banner_messages

        combo = self.profile_combo
        combo.blockSignals(True)
        combo.clear()
        if not state.profiles:
            combo.addItem(self.tr("(no profile)"), None)
        for profile in state.profiles:
            combo.addItem(profile_display_name(profile.name, profile.is_sandbox), profile.id)
        if state.active is not None:
            combo.setCurrentIndex(max(combo.findData(state.active.id), 0))
        combo.setEnabled(bool(state.profiles))
        combo.blockSignals(False)
        # The first-run page shows only while there is nothing to work with.
        if state.profiles:
            if self.root.currentIndex() == 0:
                self.root.setCurrentIndex(1)
        elif not self._leaving_first_run:
            self.root.setCurrentIndex(0)
        self.banners.sync(banner_messages(state))
        self._update_session_label(state)
        self._update_session_actions(state)

    def _profile_chosen(self, index: int) -> None:
        profile_id = self.profile_combo.itemData(index)
        active = self.ctx.state.active
        if profile_id and (active is None or active.id != profile_id):
            self.ctx.run(self.ctx.model.activate_profile(profile_id), self.tr("Switching profile…"))

    def _update_session_label(self, state: AppState) -> None:
        active = state.active
        name = profile_display_name(active.name, active.is_sandbox) if active is not None else ""
        if active is None:
            text = self.tr("No profile selected")
        elif state.tokens is None:
            text = self.tr("%1 — not signed in").replace("%1", name)
        else:
            text = self.tr("%1 — signed in").replace("%1", name)
        if not state.secrets.persistent:
            text += "  ·  " + self.tr("secrets: this session only")
        self.session_label.setText(text)

    # --- menu actions ------------------------------------------------------------------------

    def sign_in(self) -> None:
        """Ctrl+Shift+S and the tray: sign in with the active profile (or say why not)."""
        self.show_pane("token")
        if not self.ctx.busy:
            self.ctx.run(self.ctx.model.sign_in(), self.tr("Signing in…"))

    def refresh(self) -> None:
        """Session > Refresh token (the 3-hour rule applies; the Token pane shows the countdown)."""
        if not self.ctx.busy:
            self.ctx.run(self.ctx.model.refresh(), self.tr("Refreshing the token…"))

    def force_refresh(self) -> None:
        """Session > Force refresh…: the Token pane asks first, as its own button does."""
        pane = self.show_pane("token")
        if pane is not None:
            pane.open_with("force_refresh")

    def sign_out(self) -> None:
        if not self.ctx.busy:
            self.ctx.run(self.ctx.model.sign_out(), self.tr("Signing out…"))

    def _update_session_actions(self, state: AppState) -> None:
        """The Session menu offers what the state allows (the Token pane's buttons follow the same rules)."""
        actions = self.menu_actions
        actions["sign_in"].setEnabled(state.active is not None)
        actions["refresh"].setEnabled(state.can_refresh and state.refresh_wait() <= timedelta(0))
        actions["force_refresh"].setEnabled(state.can_refresh)
        actions["sign_out"].setEnabled(state.signed_in)

    def quit_app(self) -> None:
        """Ctrl+Q and the tray: close the window, which runs the normal shutdown (clients, sandbox)."""
        self.close()

    def show_window(self) -> None:
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def open_settings(self) -> None:
        from aigc_desktop.ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.app_settings.load(), self)
        dialog.accepted.connect(lambda: self._settings_accepted(dialog))
        self.dialog = dialog
        dialog.open()

    def _settings_accepted(self, dialog: SettingsDialog) -> None:
        chosen = dialog.result_settings()
        if chosen is not None:
            self.app_settings.save(chosen)
            self.ctx.settings_changed.emit(chosen)

    def _settings_changed(self, chosen: AppSettings) -> None:
        self.set_theme(chosen.theme, save=False)
        self.ctx.model.set_quota_refresh(chosen.quota_refresh_s)

    def set_theme(self, mode: str, *, save: bool = True) -> None:
        """View > Theme: System / Light / Dark, remembered in QSettings ("ui/theme")."""
        self.theme.apply(mode)
        action = self.menu_actions.get(f"theme:{self.theme.mode}")
        if action is not None:
            action.setChecked(True)
        if save:
            store = self.app_settings
            from dataclasses import replace

            store.save(replace(store.load(), theme=self.theme.mode))

    def open_about(self) -> None:
        from aigc_desktop.ui.dialogs.about_dialog import AboutDialog

        active = self.ctx.state.active if self._attached else None
        dialog = AboutDialog(self, endpoint=active.base_url if active is not None else "")
        self.dialog = dialog
        dialog.open()

    def open_sandbox_docs(self) -> None:
        from aigc_desktop.ui.dialogs.about_dialog import sandbox_docs_url

        url = sandbox_docs_url()
        if url is not None:
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(url)
        else:
            self.statusBar().showMessage(self.tr("The sandbox is described in docs/sandbox.md."), 8000)

    # --- messages ----------------------------------------------------------------------------

    def show_notice(self, level: str, text: str) -> None:
        """Info notices go to the status bar; warnings and errors are the model's problems (banners)."""
        if level == "info":
            self.statusBar().showMessage(text, 8000)

    # --- state -------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = self.settings
        last = settings.value(KEY_LAST_PANE) if settings is not None else None
        geometry = settings.value(KEY_GEOMETRY) if settings is not None else None
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1180, 760)
        row = self._pane_ids.index(last) if isinstance(last, str) and last in self.panes else 0
        self.nav.setCurrentRow(row)

    def save_state(self) -> None:
        if self.settings is None:
            return
        self.settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        self.settings.setValue(KEY_LAST_PANE, self.current_pane_id())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)
