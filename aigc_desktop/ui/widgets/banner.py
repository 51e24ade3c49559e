"""The banner area at the top of the window: every error and important notice lands here.

Banners stay until dismissed (errors are never silent), repeated messages collapse into one with
a counter, and only the newest few are kept so a burst of failures cannot push the window away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from aigc_desktop.ui import theme
from aigc_desktop.ui.errors import ErrorView

MAX_BANNERS = 4
_LEVELS = ("error", "warning", "info")


class LinkButton(QToolButton):
    """A button that reads as a link: underlined, no frame, a pointing hand; Tab reaches it, Enter or
    Space opens it. (A QLabel link is not clickable across its whole text and is skipped by Tab.)"""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bannerLink")
        self.setText(text)
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.font()
        font.setUnderline(True)
        self.setFont(font)


class Banner(theme.FollowsScheme, QFrame):
    """One dismissable message: a bold title, optional detail and advice lines."""

    dismissed = Signal(object)
    lookup_requested = Signal(int)  # an error code: show it in the Error codes pane

    def __init__(self, level: str, view: ErrorView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = level
        self.view = view
        self.count = 1
        self.key: int | None = None  # the model's problem id this banner shows (``BannerArea.sync``)
        self.setObjectName("banner")
        self._apply_colours()
        self.follow_scheme()
        self.setAccessibleName(self._level_name(level))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        texts = QVBoxLayout()
        texts.setSpacing(2)
        self.title_label = QLabel(view.title)
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.title_label.setStyleSheet("font-weight: 600;")
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        texts.addWidget(self.title_label)
        self.detail_label = QLabel(view.detail)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.PlainText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_label.setVisible(bool(view.detail))
        texts.addWidget(self.detail_label)
        self.advice_label = QLabel(view.advice)
        self.advice_label.setWordWrap(True)
        self.advice_label.setTextFormat(Qt.TextFormat.PlainText)
        self.advice_label.setVisible(bool(view.advice))
        texts.addWidget(self.advice_label)
        layout.addLayout(texts, 1)
        self.lookup_button: LinkButton | None = None
        if view.code is not None:
            code = view.code
            lookup = LinkButton(self.tr("Look up %1").replace("%1", str(code)))
            lookup.setToolTip(self.tr("Show this code in the Error codes pane"))
            lookup.setAccessibleName(self.tr("Look up error code %1").replace("%1", str(code)))
            lookup.clicked.connect(lambda: self.lookup_requested.emit(code))
            self.lookup_button = lookup
            layout.addWidget(lookup, 0, Qt.AlignmentFlag.AlignTop)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss message"))
        close.clicked.connect(lambda: self.dismissed.emit(self))
        self.close_button = close
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)

    def _level_name(self, level: str) -> str:
        """The banner's accessible name: what kind of message it is, in the interface language."""
        if level == "error":
            return self.tr("Error message")
        if level == "warning":
            return self.tr("Warning message")
        return self.tr("Information message")

    def _apply_colours(self) -> None:
        level = self.level if self.level in _LEVELS else "info"
        background, border, text = (
            theme.colour(f"banner.{level}.{part}") for part in ("background", "border", "text")
        )
        self.picked_for_scheme()
        self.setStyleSheet(
            f"QFrame#banner {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
            f"QLabel, QToolButton {{ color: {text}; background: transparent; border: none; }}"
            f"QToolButton#bannerLink:focus {{ border-bottom: 1px solid {text}; }}"
        )

    def bump(self) -> None:
        """The same message arrived again: show how many times instead of stacking copies."""
        self.set_count(self.count + 1)

    def set_count(self, count: int) -> None:
        self.count = count
        self.title_label.setText(f"{self.view.title}  (×{count})" if count > 1 else self.view.title)

    def text(self) -> str:
        return "\n".join(
            label.text() for label in (self.title_label, self.detail_label, self.advice_label) if label.text()
        )


class BannerArea(QWidget):
    """A vertical stack of banners; empty (and zero-height) when there is nothing to say."""

    lookup_requested = Signal(int)  # forwarded from any banner's "Look up <code>"
    problem_dismissed = Signal(int)  # the user closed the banner of this problem id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Messages"))
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 0)
        self._layout.setSpacing(4)
        self._banners: list[Banner] = []
        self.setVisible(False)

    def banners(self) -> list[Banner]:
        return list(self._banners)

    def show_message(self, level: str, view: ErrorView) -> Banner:
        for existing in self._banners:
            if existing.level == level and existing.view == view:
                existing.bump()
                return existing
        return self._add(level, view)

    def _add(self, level: str, view: ErrorView) -> Banner:
        banner = Banner(level, view, self)
        banner.dismissed.connect(self._dismissed_by_user)
        banner.lookup_requested.connect(self.lookup_requested)
        self._banners.append(banner)
        self._layout.addWidget(banner)
        while len(self._banners) > MAX_BANNERS:
            self.dismiss(self._banners[0])
        self.setVisible(True)
        return banner

    def _dismissed_by_user(self, banner: Banner) -> None:
        self.dismiss(banner)
        if banner.key is not None:
            self.problem_dismissed.emit(banner.key)

    def dismiss(self, banner: Banner) -> None:
        if banner in self._banners:
            self._banners.remove(banner)
            self._layout.removeWidget(banner)
            banner.deleteLater()
        self.setVisible(bool(self._banners))

    def clear(self) -> None:
        for banner in list(self._banners):
            self.dismiss(banner)

    def sync(self, messages: list[tuple[int, str, ErrorView, int]]) -> None:
        """Show exactly ``messages`` — (key, level, view, count) — keeping banners whose key stays.

        The banners render the model's problems: one that the state no longer has (a sign-in that now
        worked, another profile, a sign-out) goes without being dismissed by hand.
        """
        wanted = {key: (level, view, count) for key, level, view, count in messages}
        for banner in list(self._banners):
            if banner.key not in wanted or wanted[banner.key][:2] != (banner.level, banner.view):
                self.dismiss(banner)
        shown = {banner.key for banner in self._banners}
        for key, level, view, count in messages[-MAX_BANNERS:]:
            if key not in shown:
                banner = self._add(level, view)
                banner.key = key
            else:
                banner = next(b for b in self._banners if b.key == key)
            if banner.count != count:
                banner.set_count(count)
