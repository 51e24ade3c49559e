"""Account pane: company, service validity window (days left), AppID and AppKey as the platform returns them."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.platform.models import Account
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.callback_urls import CallbackUrlsView
from aigc_desktop.ui.widgets.countdown import format_local, platform_time
from aigc_desktop.ui.widgets.secret_field import SecretField

VALIDITY_WARNING_DAYS = 30


def validity_state(begin: datetime | None, end: datetime | None, now: datetime) -> tuple[str, int | None]:
    """(level, days left): ``error`` outside the window, ``warning`` under 30 days, ``ok`` otherwise."""
    if begin is not None and now < begin:
        return "error", None
    if end is None:
        return ("unknown", None) if begin is None else ("ok", None)
    if now > end:
        return "error", -(now - end).days  # whole days since it ended, as a negative count
    days_left = (end - now).days
    if days_left < VALIDITY_WARNING_DAYS:
        return "warning", days_left
    return "ok", days_left


_LEVEL_STYLE = {"error": "color: #c62828; font-weight: 600;", "warning": "color: #b26a00; font-weight: 600;"}


class AccountPane(Pane):
    PANE_ID = "account"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Account"))  # marked for lupdate, translated by display_title()
    ICON = "building"
    WATCHES = frozenset({Aspect.PROFILES, Aspect.SESSION, Aspect.ACCOUNT, "jobs"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._shown: Account | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        actions = QHBoxLayout()
        self.reload_button = QPushButton(self.tr("Refresh account"))
        self.reload_button.setAccessibleName(self.tr("Refresh account"))
        self.reload_button.clicked.connect(self.reload)
        actions.addWidget(self.reload_button)
        actions.addStretch(1)
        self.loaded_label = QLabel()
        self.loaded_label.setAccessibleName(self.tr("Last loaded"))
        actions.addWidget(self.loaded_label)
        layout.addLayout(actions)

        self.empty_label = QLabel(self.tr("Sign in to see the account's basic information."))
        self.empty_label.setStyleSheet("color: palette(placeholder-text); padding: 12px;")
        layout.addWidget(self.empty_label)

        self.basic_box = QGroupBox(self.tr("Basic information"))
        form = QFormLayout(self.basic_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.company_label = self._value_label(self.tr("Company name"))
        self.account_id_label = self._value_label(self.tr("Account ID"))
        self.validity_label = self._value_label(self.tr("Service validity"))
        self.days_label = self._value_label(self.tr("Days left"))
        self.app_id_label = self._value_label(self.tr("AppID"))
        self.app_key_field = SecretField(self.tr("AppKey as returned"), show_ends=False)
        form.addRow(self.tr("Company name"), self.company_label)
        form.addRow(self.tr("Account ID"), self.account_id_label)
        form.addRow(self.tr("Service validity"), self.validity_label)
        form.addRow(self.tr("Status"), self.days_label)
        form.addRow(self.tr("AppID"), self.app_id_label)
        form.addRow(self.tr("AppKey"), self.app_key_field)
        layout.addWidget(self.basic_box)
        self.callback_urls = CallbackUrlsView()
        self.callback_urls.use_as_signed_url.connect(self._use_for_signatures)
        layout.addWidget(self.callback_urls)

        self.issues_label = QLabel()
        self.issues_label.setWordWrap(True)
        self.issues_label.setAccessibleName(self.tr("Differences from the documentation"))
        self.issues_label.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        layout.addWidget(self.issues_label)
        layout.addStretch(1)

        self.show_state(ctx.state)

    def _value_label(self, name: str) -> QLabel:
        label = QLabel("—")
        label.setAccessibleName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _use_for_signatures(self, url: str) -> None:
        self.ctx.model.use_callback_url(url)
        self.ctx.notice.emit(
            "info", self.tr("The calculator and the receiver now sign with %1").replace("%1", url)
        )

    def reload(self) -> None:
        self.ctx.run(self.ctx.model.load_account(), self.tr("Loading the account…"))

    @property
    def account(self) -> Account | None:
        """The account snapshot this pane shows now (rendered from the model's state)."""
        return self._shown

    def show_state(self, state: AppState) -> None:
        self.reload_button.setEnabled(state.signed_in and not self.ctx.busy)
        account = self._shown = state.account
        self.callback_urls.set_user(state.tokens.user if state.tokens is not None else None)
        basic = account.basic_info if account is not None else None
        self.empty_label.setVisible(account is None)
        self.basic_box.setVisible(account is not None)
        self.company_label.setText((basic.company if basic else None) or "—")
        self.account_id_label.setText(str(basic.id) if basic and basic.id is not None else "—")
        self.app_id_label.setText((basic.app_id if basic else None) or "—")
        self.app_key_field.set_value(basic.app_key if basic else None)
        begin = platform_time(basic.effective_begin) if basic else None
        end = platform_time(basic.effective_end) if basic else None
        self.validity_label.setText(f"{format_local(begin)} → {format_local(end)}" if basic else "—")
        level, days = validity_state(begin, end, datetime.now(UTC)) if basic else ("unknown", None)
        self.days_label.setText(self._validity_text(level, days, begin))
        self.days_label.setStyleSheet(_LEVEL_STYLE.get(level, ""))
        self.days_label.setProperty("level", level)
        loaded = state.account_loaded_at if account is not None else None
        self.loaded_label.setText(
            self.tr("Loaded at %1").replace("%1", format_local(loaded)) if loaded else ""
        )
        issues = account.issues if account is not None else ()
        if issues:
            self.issues_label.setText(
                self.tr("Note: the response differed from the documentation — %1").replace(
                    "%1", "; ".join(str(issue) for issue in issues)
                )
            )
        else:
            self.issues_label.setText("")
        self.issues_label.setVisible(bool(issues))

    def _validity_text(self, level: str, days: int | None, begin: datetime | None) -> str:
        if level == "unknown":
            return self.tr("Validity window unknown")
        if level == "error":
            if days is None and begin is not None:
                return self.tr("Not yet valid: the service starts on %1").replace("%1", format_local(begin))
            return self.tr("Expired %1 days ago: the service is outside its validity window").replace(
                "%1", str(abs(days or 0))
            )
        if days is None:
            return self.tr("Valid (no end date)")
        if level == "warning":
            return self.tr("%1 days left — renew the service soon").replace("%1", str(days))
        return self.tr("%1 days left").replace("%1", str(days))
