"""The words of a ``Problem`` (a banner of the model's state) in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from aigc_desktop.application.model import CLOCK_SKEW, KEYRING_SESSION_ONLY
from aigc_desktop.application.state import AppState, Problem
from aigc_desktop.services.clock_skew import format_offset
from aigc_desktop.ui.errors import ErrorView, describe_error
from aigc_desktop.ui.i18n import current_language

translate = QCoreApplication.translate  # lupdate reads translate("problems", "...")


def describe_problem(problem: Problem, state: AppState) -> ErrorView:
    """Title, detail and advice of one banner."""
    if problem.error is not None:
        return describe_error(problem.error)
    if problem.code == KEYRING_SESSION_ONLY:
        return ErrorView(
            translate(
                "problems", "No usable keyring: AppKeys and tokens are kept in memory for this session only."
            ),
            state.secrets.reason_in(current_language()) or problem.detail,
        )
    if problem.code == CLOCK_SKEW:
        offset = state.clock_skew.offset_s if state.clock_skew is not None else 0.0
        title = (
            translate("problems", "Your clock is %1 behind the platform's clock.")
            if offset > 0
            else translate("problems", "Your clock is %1 ahead of the platform's clock.")
        ).replace("%1", format_offset(offset))
        advice = translate(
            "problems",
            "Sign-in and callback signatures carry timestamps, so they can fail. "
            "Turn on automatic time synchronisation (NTP) in the system settings.",
        )
        return ErrorView(title, "", advice)
    return ErrorView(problem.title, problem.detail)


def banner_messages(state: AppState) -> list[tuple[int, str, ErrorView, int]]:
    """(key, level, view, count) of every problem, oldest first, for ``BannerArea.sync``."""
    return [(p.id, p.level, describe_problem(p, state), p.count) for p in state.problems]
