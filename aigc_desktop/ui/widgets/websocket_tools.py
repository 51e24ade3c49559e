"""Copy WebSocket URL and Test WebSocket sign-in, for the token pane.

The URL is the streaming endpoint with the token as the platform expects it in a URL
(``?Authorization=Bearer%20<token>``). The label shows it masked; only Copy puts the full URL (and so
the token) on the clipboard, cleared again after a while. The test runs ``test_websocket_sign_in``
through the app's async runner (visible busy state) and shows its verdict.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from aigc_desktop.platform import websocket
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.redaction import mask_websocket_url
from aigc_desktop.platform.websocket import WebSocketSignInResult
from aigc_desktop.ui.widgets.reveal_copy import copy_secret

# () -> (base URL, access token), or None when not signed in
Current = Callable[[], tuple[str, str] | None]
# runs a coroutine on the app's loop with a visible busy label (``AppContext.run``)
Runner = Callable[[Coroutine[Any, Any, Any], str], Any]
SignInTest = Callable[[ClientConfig, str], Awaitable[WebSocketSignInResult]]


def _default_test(config: ClientConfig, token: str) -> Awaitable[WebSocketSignInResult]:
    return websocket.test_websocket_sign_in(config, token)


class WebSocketTools(QWidget):
    """Two buttons and two lines of text; ``refresh()`` after sign-in, refresh or sign-out."""

    def __init__(
        self,
        current: Current,
        run: Runner,
        parent: QWidget | None = None,
        *,
        config_for: Callable[[str], ClientConfig] = lambda url: ClientConfig(base_url=url),
        sign_in_test: SignInTest = _default_test,
    ) -> None:
        super().__init__(parent)
        self._current = current
        self._run = run
        self._config_for = config_for
        self._sign_in_test = sign_in_test
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("Copy WebSocket URL"))
        self.copy_button.setAccessibleName(self.tr("Copy WebSocket URL (contains the token)"))
        self.copy_button.setToolTip(
            self.tr(
                "The streaming URL with the token in it, as the platform expects; cleared from the clipboard after 45 s"
            )
        )
        self.copy_button.clicked.connect(self.copy_url)
        self.test_button = QPushButton(self.tr("Test WebSocket sign-in"))
        self.test_button.setAccessibleName(self.tr("Test WebSocket sign-in"))
        self.test_button.clicked.connect(self.test_sign_in)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.url_label = QLabel()
        self.url_label.setAccessibleName(self.tr("WebSocket URL, token masked"))
        self.url_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setAccessibleName(self.tr("WebSocket sign-in result"))
        self.result_label.setWordWrap(True)
        layout.addWidget(self.url_label)
        layout.addWidget(self.result_label)
        self.last_result: WebSocketSignInResult | None = None
        self.refresh()

    def _url(self) -> str | None:
        current = self._current()
        if current is None:
            return None
        base_url, token = current
        try:
            return websocket.websocket_url(base_url, token)
        except ValueError:
            return None

    def refresh(self) -> None:
        """Follow the current base URL and token (buttons off when not signed in)."""
        url = self._url()
        self.copy_button.setEnabled(url is not None)
        self.test_button.setEnabled(url is not None)
        self.url_label.setText(mask_websocket_url(url) if url else self.tr("Sign in to get a WebSocket URL."))

    def copy_url(self) -> None:
        url = self._url()
        if url is not None:
            copy_secret(url)
            self.result_label.setText(self.tr("WebSocket URL copied (it contains the token)."))

    def test_sign_in(self) -> Any:
        """Start the test through the runner; returns what the runner returns (a task in the app)."""
        current = self._current()
        if current is None:
            self.refresh()
            return None
        base_url, token = current
        self.test_button.setEnabled(False)
        self.result_label.setText(self.tr("Testing WebSocket sign-in…"))
        return self._run(self._test(base_url, token), self.tr("Testing WebSocket sign-in…"))

    async def _test(self, base_url: str, token: str) -> WebSocketSignInResult:
        try:
            result = await self._sign_in_test(self._config_for(base_url), token)
        finally:
            self.test_button.setEnabled(self._url() is not None)
        self.last_result = result
        self.result_label.setText(self.describe(result))
        return result

    def describe(self, result: WebSocketSignInResult) -> str:
        if result.signed_in:
            return self.tr("Accepted: the platform kept the WebSocket open.")
        if result.platform_code is not None:
            return (
                self.tr("Refused: %1 %2")
                .replace("%1", str(result.platform_code))
                .replace("%2", result.meaning)
                .rstrip()
            )
        return self.tr("Failed: %1").replace("%1", result.detail)
