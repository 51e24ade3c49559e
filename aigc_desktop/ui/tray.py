"""The tray icon and the notifications it shows: quota crossings, service end, token expiry.

When/what is decided by ``services.notifications.NotificationPolicy`` (Qt-free, tested with plain
numbers); this module only turns a ``Notification`` into words and shows it — as a tray balloon
when the desktop has a system tray, otherwise in the status bar (and as a banner for warnings) so
nothing is lost on desktops without one (and offscreen).
"""

from __future__ import annotations

from collections.abc import Callable, Set
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.platform.models import Account
from aigc_desktop.services.app_settings import AppSettings
from aigc_desktop.services.notifications import Kind, Notification, NotificationPolicy, readings_for
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.i18n import current_language

TOKEN_CHECK_MS = 30_000


def _duration(remaining: timedelta) -> tuple[int, str]:
    """A rounded amount and its unit ("days", "hours" or "minutes") for a message."""
    seconds = max(int(remaining.total_seconds()), 0)
    if seconds >= 2 * 86400:
        return seconds // 86400, "days"
    if seconds >= 2 * 3600:
        return seconds // 3600, "hours"
    return max(seconds // 60, 1), "minutes"


class TrayNotifier(QObject):
    """Owns the tray icon (if any), its menu, and the policy that decides what is worth saying."""

    shown = Signal(str, str, str)  # level, title, text — every notification, whichever way it went

    def __init__(
        self,
        ctx: AppContext,
        *,
        show_window: Callable[[], None],
        sign_in: Callable[[], None],
        quit_app: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.policy = NotificationPolicy()
        self._checked_account: Account | None = None
        self.history: list[tuple[str, str, str]] = []
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = self._make_tray(show_window, sign_in, quit_app)
        ctx.state_changed.connect(self._state_changed)
        ctx.profile_changed.connect(lambda _p: self.policy.reset())
        ctx.settings_changed.connect(self.apply_settings)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_token)
        self.timer.start(TOKEN_CHECK_MS)

    def _make_tray(
        self, show_window: Callable[[], None], sign_in: Callable[[], None], quit_app: Callable[[], None]
    ) -> QSystemTrayIcon:
        tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
        tray.setToolTip(self.tr("AIGC Desktop"))
        menu = QMenu()
        self.menu = menu  # the tray does not own its menu: keep it alive
        for text, slot in (
            (self.tr("Show AIGC Desktop"), show_window),
            (self.tr("Sign in"), sign_in),
            (self.tr("Quit"), quit_app),
        ):
            action = QAction(text, menu)
            action.triggered.connect(slot)
            menu.addAction(action)
        tray.setContextMenu(menu)
        tray.activated.connect(
            lambda reason: show_window() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
        )
        tray.show()
        return tray

    @property
    def uses_tray(self) -> bool:
        return self.tray is not None and self.tray.isVisible() and QSystemTrayIcon.supportsMessages()

    def apply_settings(self, settings: AppSettings) -> None:
        self.policy.thresholds = settings.thresholds()
        self.policy.quota_alerts = settings.notify_quota
        self.policy.validity_alerts = settings.notify_validity
        self.policy.token_alerts = settings.notify_token

    # --- checks ------------------------------------------------------------------------------

    def _state_changed(self, state: AppState, aspects: Set[str]) -> None:
        account = state.account
        if Aspect.ACCOUNT in aspects and account is not None and account is not self._checked_account:
            self._checked_account = account
            self.check_account(account)

    def check_account(self, account: Account) -> list[Notification]:
        found: list[Notification] = []
        config = account.resource_config
        if config is not None:
            readings = readings_for(config.all_usages, current_language())
            found += self.policy.check_quotas(readings)
        basic = account.basic_info
        validity = self.policy.check_validity(basic.effective_end if basic is not None else None)
        if validity is not None:
            found.append(validity)
        for notification in found:
            self.notify(notification)
        return found

    def check_token(self, now: datetime | None = None) -> Notification | None:
        state = self.ctx.state
        tokens = state.tokens
        found = self.policy.check_token(
            tokens.expires_at if tokens is not None else None,
            auto_renew=state.auto_renew,
            now=now,
        )
        if found is not None:
            self.notify(found)
        return found

    # --- showing -----------------------------------------------------------------------------

    def words(self, n: Notification) -> tuple[str, str]:
        """Title and text of a notification, translated."""
        if n.kind is Kind.QUOTA:
            percent = f"{n.percent:.0f}" if n.percent is not None else "?"
            threshold = f"{n.threshold:.0f}" if n.threshold is not None else "?"
            title = self.tr("%1 at %2%").replace("%1", n.label).replace("%2", percent)
            text = self.tr("More than %1% of this quota is used. Open Quotas for the numbers.").replace(
                "%1", threshold
            )
            return title, text
        amount, unit = _duration(n.remaining or timedelta(0))
        if unit == "days":
            left = self.tr("%1 days").replace("%1", str(amount))
        elif unit == "hours":
            left = self.tr("%1 hours").replace("%1", str(amount))
        else:
            left = self.tr("%1 minutes").replace("%1", str(amount))
        if n.kind is Kind.VALIDITY:
            if n.level == "error":
                return self.tr("The service validity has ended"), self.tr(
                    "Sign-ins will fail until the account is renewed. Contact your account manager."
                )
            return self.tr("The service validity ends in %1").replace("%1", left), self.tr(
                "Renew the account before then; see Account for the exact date."
            )
        return self.tr("The access token expires in %1").replace("%1", left), self.tr(
            "Auto-renew is off: refresh or sign in again on the Token pane."
        )

    def notify(self, notification: Notification) -> None:
        title, text = self.words(notification)
        self.history.append((notification.level, title, text))
        if self.uses_tray and self.tray is not None:
            icon = (
                QSystemTrayIcon.MessageIcon.Critical
                if notification.level == "error"
                else QSystemTrayIcon.MessageIcon.Warning
            )
            self.tray.showMessage(title, text, icon)
        else:
            self.ctx.notice.emit(notification.level, f"{title}\n{text}")
        self.shown.emit(notification.level, title, text)

    def hide(self) -> None:
        if self.tray is not None:
            self.tray.hide()
