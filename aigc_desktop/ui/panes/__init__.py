"""The ordered list of panes shown in the navigation list. Append yours (see ``panes.base.Pane``)."""

from __future__ import annotations

from aigc_desktop.ui.panes.account_pane import AccountPane
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.panes.calculator_pane import CalculatorPane
from aigc_desktop.ui.panes.errors_pane import ErrorsPane
from aigc_desktop.ui.panes.profiles_pane import ProfilesPane
from aigc_desktop.ui.panes.quota_pane import QuotaPane
from aigc_desktop.ui.panes.receiver_pane import ReceiverPane
from aigc_desktop.ui.panes.request_log_pane import RequestLogPane
from aigc_desktop.ui.panes.sender_pane import SenderPane
from aigc_desktop.ui.panes.token_pane import TokenPane

PANES: list[type[Pane]] = [
    TokenPane,
    AccountPane,
    QuotaPane,
    ProfilesPane,
    CalculatorPane,
    ReceiverPane,
    SenderPane,
    ErrorsPane,
    RequestLogPane,
]

__all__ = ["PANES", "Pane"]
