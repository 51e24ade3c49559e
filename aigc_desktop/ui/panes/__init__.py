"""The ordered list of panes shown in the navigation list. Append yours (see ``panes.base.Pane``).

``PANES`` holds light ``PaneSpec`` entries — id, title, icon and where the class lives — so the
window can list every pane (navigation, View menu, shortcuts) without importing a single pane
module. A pane's module is imported and the pane built the first time it is needed
(``spec.load()`` returns the class). A ``PaneSpec`` reads like the class it stands for
(``PANE_ID``, ``TITLE``, ``ICON``, ``display_title()``), and the window accepts pane classes too.
"""

from __future__ import annotations

import importlib
from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from aigc_desktop.ui.panes.base import Pane


class PaneSpec(NamedTuple):
    """A pane as the navigation sees it; ``target`` is ``"module:Class"`` (or the class itself).

    A NamedTuple, not a dataclass: the first frame lists the panes, and ``dataclasses`` is one import
    the frame can do without.
    """

    PANE_ID: str
    TITLE: str  # English, marked QT_TRANSLATE_NOOP("panes", ...) where the spec is written
    ICON: str
    target: str | type[Pane]

    def display_title(self) -> str:
        return QCoreApplication.translate("panes", self.TITLE)

    def load(self) -> type[Pane]:
        """Import the pane's module (first time only) and return its class, checked against the spec."""
        if isinstance(self.target, type):
            return self.target
        module_name, _, class_name = self.target.partition(":")
        pane_class = getattr(importlib.import_module(module_name), class_name)
        if not (isinstance(pane_class, type) and issubclass(pane_class, Pane)):
            raise TypeError(f"{self.target} is not a Pane")
        found = (pane_class.PANE_ID, pane_class.TITLE, pane_class.ICON)
        if found != (self.PANE_ID, self.TITLE, self.ICON):
            raise ValueError(f"{self.target} has {found}, its PaneSpec says {self}")
        return pane_class

    @classmethod
    def of(cls, pane: PaneSpec | type[Pane]) -> PaneSpec:
        """A spec for a pane class (its own fields), or the spec itself."""
        if isinstance(pane, PaneSpec):
            return pane
        return cls(pane.PANE_ID, pane.TITLE, pane.ICON, pane)


def _spec(pane_id: str, title: str, icon: str, module: str, class_name: str) -> PaneSpec:
    return PaneSpec(pane_id, title, icon, f"aigc_desktop.ui.panes.{module}:{class_name}")


PANES: list[PaneSpec] = [
    _spec("token", str(QT_TRANSLATE_NOOP("panes", "Token")), "key", "token_pane", "TokenPane"),
    _spec(
        "account",
        str(QT_TRANSLATE_NOOP("panes", "Account")),
        "building",
        "account_pane",
        "AccountPane",
    ),
    _spec(
        "quotas",
        str(QT_TRANSLATE_NOOP("panes", "Quotas")),
        "gauge",
        "quota_pane",
        "QuotaPane",
    ),
    _spec(
        "overview",
        str(QT_TRANSLATE_NOOP("panes", "Overview")),
        "layout-dashboard",
        "overview_pane",
        "OverviewPane",
    ),
    _spec(
        "profiles",
        str(QT_TRANSLATE_NOOP("panes", "Profiles")),
        "address-book",
        "profiles_pane",
        "ProfilesPane",
    ),
    _spec(
        "callback_calculator",
        str(QT_TRANSLATE_NOOP("panes", "Signature calculator")),
        "calculator",
        "calculator_pane",
        "CalculatorPane",
    ),
    _spec(
        "callback_receiver",
        str(QT_TRANSLATE_NOOP("panes", "Callback receiver")),
        "inbox",
        "receiver_pane",
        "ReceiverPane",
    ),
    _spec(
        "callback_sender",
        str(QT_TRANSLATE_NOOP("panes", "Callback sender")),
        "send",
        "sender_pane",
        "SenderPane",
    ),
    _spec(
        "errors",
        str(QT_TRANSLATE_NOOP("panes", "Error codes")),
        "alert-triangle",
        "errors_pane",
        "ErrorsPane",
    ),
    _spec(
        "request_log",
        str(QT_TRANSLATE_NOOP("panes", "Request log")),
        "list-details",
        "request_log_pane",
        "RequestLogPane",
    ),
]


def pane_classes() -> list[type[Pane]]:
    """Every built-in pane class, in navigation order (imports every pane module)."""
    return [spec.load() for spec in PANES]


__all__ = ["PANES", "Pane", "PaneSpec", "pane_classes"]
