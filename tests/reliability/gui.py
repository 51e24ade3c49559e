"""A real main window over real services with a client tuned for fault tests, and input helpers."""

from __future__ import annotations

import random
from collections.abc import Callable

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from aigc_desktop.application.model import AppModel
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.services.profiles import Profile, ProfileStore
from aigc_desktop.services.secrets import SecretStore
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.settings import QSettingsBackend
from tests.ui.conftest import WAIT_MS, AsyncHelper


class MaxJitter(random.Random):
    """Backoff jitter that always waits the full ceiling, so retries take a known, visible while."""

    def uniform(self, a: float, b: float) -> float:
        return b


def client_factory(read_timeout: float = 1.5, backoff: float = 0.4) -> Callable[[Profile], PlatformClient]:
    def make(profile: Profile) -> PlatformClient:
        config = ClientConfig(
            base_url=profile.base_url,
            read_timeout=read_timeout,
            connect_timeout=2.0,
            backoff_base=backoff,
            backoff_cap=backoff * 2,
            trust_env=False,
        )
        return PlatformClient(config, rng=MaxJitter())

    return make


class Heartbeat:
    """A QTimer that counts its ticks: if the loop is blocked, the count stops."""

    def __init__(self, interval_ms: int = 20) -> None:
        self.ticks = 0
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1

    def stop(self) -> None:
        self.timer.stop()


def post_click(widget: QWidget) -> None:
    """A mouse click delivered through the event queue (not called directly), like a user's."""
    centre = QPointF(widget.rect().center())
    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
        event = QMouseEvent(
            kind,
            centre,
            widget.mapToGlobal(centre),
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton if kind is QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.postEvent(widget, event)


class GuiApp:
    """The window as ``run_app`` builds it, with ``client_factory`` for short timeouts."""

    def __init__(
        self,
        aio: AsyncHelper,
        qtbot: QtBot,
        settings: object,
        factory: Callable[[Profile], PlatformClient],
        secrets: SecretStore | None = None,
    ) -> None:
        self.aio = aio
        self.qtbot = qtbot
        self.model = AppModel(
            ProfileStore(QSettingsBackend(settings)),  # type: ignore[arg-type]
            secrets or SecretStore(timeout_s=2.0),
            client_factory=factory,
        )
        self.ctx = AppContext(self.model)
        aio.run(self.model.probe_secrets())
        self.window = MainWindow(self.ctx, settings)  # type: ignore[arg-type]
        qtbot.addWidget(self.window)
        self.window.show()
        self.errors: list[BaseException] = []
        self.ctx.error_reported.connect(self.errors.append)

    def pane(self, pane_id: str) -> object:
        return self.window.show_pane(pane_id)

    def wait(self, condition: Callable[[], bool], timeout_ms: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout_ms)

    def wait_idle(self, timeout_ms: int = WAIT_MS) -> None:
        self.wait(lambda: not self.ctx.busy, timeout_ms)

    def banner_texts(self) -> list[str]:
        return [banner.text() for banner in self.window.banners.banners()]

    def close(self) -> None:
        self.aio.run(self.ctx.aclose())


def button(pane: object, name: str) -> QPushButton:
    widget = getattr(pane, name)
    assert isinstance(widget, QPushButton)
    return widget
