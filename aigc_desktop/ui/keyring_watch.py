"""Say so when the keyring stops answering mid-session and secrets become session-only (issue 15 item 14).

``SecretStore`` switches itself to memory on a keyring timeout and tells its status observers; this
turns that into the same kind of warning banner the start-up check shows for a missing keyring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from aigc_desktop.services.secrets import StoreStatus

if TYPE_CHECKING:
    from aigc_desktop.ui.context import AppContext

translate = QCoreApplication.translate  # lupdate reads translate("keyring", "...")


def announce_keyring_changes(ctx: AppContext) -> Callable[[], None]:
    """Show a warning banner whenever ``ctx.secrets`` turns session-only; returns the unsubscribe function."""

    def on_status(status: StoreStatus) -> None:
        if status.persistent:
            return
        title = translate(
            "keyring",
            "The keyring stopped answering: AppKeys and tokens are now kept in memory for this session only.",
        )
        ctx.notice.emit("warning", f"{title}\n{status.reason}")

    return ctx.secrets.add_status_observer(on_status)
