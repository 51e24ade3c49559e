"""Turn any exception into the words the banner and panes show: code, meaning, advice.

The exceptions already carry the platform code, the catalogue meaning and advice; this module only
chooses the wording (translatable) and masks anything that looks like a secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from aigc_desktop.application.errors import SecretStoreError
from aigc_desktop.platform.exceptions import AigcError, PlatformError, RefreshTooSoon
from aigc_desktop.platform.redaction import redact_text
from aigc_desktop.services.profiles import ProfileValidationError

# lupdate finds translate("context", "text") calls; the context names one module's messages.
translate = QCoreApplication.translate


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
    if isinstance(exc, PlatformError):
        meaning = exc.meaning or exc.server_message or translate("errors", "no description in the catalogue")
        detail_parts = []
        if exc.server_message and exc.server_message != exc.meaning:
            detail_parts.append(
                translate("errors", "Server said: %1").replace("%1", redact_text(exc.server_message))
            )
        if exc.endpoint:
            detail_parts.append(translate("errors", "Endpoint: %1").replace("%1", exc.endpoint))
        if exc.http_status is not None:
            detail_parts.append(translate("errors", "HTTP status: %1").replace("%1", str(exc.http_status)))
        title = (
            translate("errors", "Platform error %1: %2").replace("%1", str(exc.code)).replace("%2", meaning)
        )
        return ErrorView(title, " · ".join(detail_parts), exc.advice, exc.code)
    if isinstance(exc, RefreshTooSoon):
        return ErrorView(translate("errors", "Refresh not sent"), redact_text(exc.summary), exc.advice)
    if isinstance(exc, AigcError):
        detail = translate("errors", "Endpoint: %1").replace("%1", exc.endpoint) if exc.endpoint else ""
        return ErrorView(redact_text(exc.summary), detail, exc.advice)
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
