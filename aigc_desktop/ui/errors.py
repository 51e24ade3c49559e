"""Turn any exception into the words the banner and panes show: code, meaning, advice.

A platform error's meaning, category and advice come from the catalogue in the interface's language
(``ErrorCatalogue.describe(code, server_message, lang)``); the server's own words are shown verbatim
beside them whenever they say something else (a Chinese server message, a filled-in value). Other
errors' advice travels as a code (``AigcError.advice_code``) worded per language. Anything that looks
like a secret is masked.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from aigc_desktop.application.errors import SecretStoreError
from aigc_desktop.platform.errors_catalogue import ErrorCatalogue
from aigc_desktop.platform.exceptions import AigcError, PlatformError, RefreshTooSoon
from aigc_desktop.platform.redaction import redact_text
from aigc_desktop.services.profiles import ProfileValidationError
from aigc_desktop.ui.i18n import current_language

# lupdate finds translate("context", "text") calls; the context names one module's messages.
translate = QCoreApplication.translate


# services/session.py's errors still carry English ``advice`` text: their codes in resources/wording.json
# (to be declared there as ``advice_code``; the class name is only the bridge until then).
def advice_text(exc: AigcError, lang: str) -> str:
    """The error's advice in ``lang``: from its advice code when it has one, else its own text."""
    if exc.advice_code:
        return exc.advice_in(lang)
    return exc.advice


@dataclass(frozen=True, slots=True)
class ErrorView:
    """What a user reads about one failure."""

    title: str
    detail: str = ""
    advice: str = ""
    code: int | None = None

    def as_text(self) -> str:
        return "\n".join(part for part in (self.title, self.detail, self.advice) if part)


def describe_error(exc: BaseException) -> ErrorView:
    """A short title, the detail and the advice for ``exc`` (never a raw traceback)."""
    lang = current_language()
    if isinstance(exc, PlatformError):
        return _platform_error_view(exc, lang)
    if isinstance(exc, RefreshTooSoon):
        when = exc.next_allowed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        detail = translate(
            "errors",
            "Refused locally: the platform allows one refresh per 3 hours; the next one is allowed at %1",
        ).replace("%1", when)
        return ErrorView(translate("errors", "Refresh not sent"), detail, advice_text(exc, lang))
    if isinstance(exc, AigcError):
        detail = translate("errors", "Endpoint: %1").replace("%1", exc.endpoint) if exc.endpoint else ""
        return ErrorView(redact_text(exc.summary), detail, advice_text(exc, lang))
    if isinstance(exc, SecretStoreError):
        return ErrorView(translate("errors", "Keyring problem"), redact_text(str(exc)))
    if isinstance(exc, ProfileValidationError):
        return ErrorView(translate("errors", "Profile not saved"), exc.message)
    if isinstance(exc, TimeoutError):
        return ErrorView(translate("errors", "The operation timed out"), redact_text(str(exc)))
    text = redact_text(f"{type(exc).__name__}: {exc}")
    return ErrorView(
        translate("errors", "Unexpected error"),
        text,
        translate("errors", "Details were written to the log."),
    )


def _platform_error_view(exc: PlatformError, lang: str) -> ErrorView:
    """Title and advice from the catalogue in ``lang``; the server's words verbatim when they add something."""
    described = ErrorCatalogue.default().describe(exc.code, exc.server_message, lang)
    meaning = described.meaning or translate("errors", "no description in the catalogue")
    detail_parts = []
    if described.server_message and described.server_message != described.meaning:
        detail_parts.append(
            translate("errors", "Server said: %1").replace("%1", redact_text(described.server_message))
        )
    if exc.endpoint:
        detail_parts.append(translate("errors", "Endpoint: %1").replace("%1", exc.endpoint))
    if exc.http_status is not None:
        detail_parts.append(translate("errors", "HTTP status: %1").replace("%1", str(exc.http_status)))
    title = translate("errors", "Platform error %1: %2").replace("%1", str(exc.code)).replace("%2", meaning)
    return ErrorView(title, " · ".join(detail_parts), described.advice or exc.advice_in(lang), exc.code)
