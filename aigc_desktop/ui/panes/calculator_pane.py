"""Signature calculator: md5(callback URL + timestamp + AuthKey) step by step, and "why doesn't it match".

Nothing here blocks: mistakes (a 13-digit millisecond timestamp, a key outside the policy) are warned
about, not refused, because the doc's own example uses a six-character key. The AuthKey is masked in the
string-to-sign, including when copied; only the explicit Copy next to the key copies the key itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence, Set

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.callbacks.verify import DEFAULT_TOLERANCE_S, CallbackVerifier
from aigc_desktop.platform.signing import callback_signature, check_auth_key_policy, now_s
from aigc_desktop.services.profiles import Profile
from aigc_desktop.ui import i18n
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.callback_key_edit import KeyEdit
from aigc_desktop.ui.widgets.callback_verdict import describe_verdict, status_colour, status_label
from aigc_desktop.ui.widgets.url_suggestions import FilledUrl

MASK = "•" * 8  # fixed width: the masked form does not reveal the key's length
_WARNING_STYLE = "color: #b26a00;"
_OK_STYLE = "color: #2e7d32;"


def masked_signing_string(callback_url: str, timestamp: str) -> str:
    """The string that is hashed, with the AuthKey replaced by a fixed mask."""
    return f"{callback_url}{timestamp}{MASK}"


class CalculatorPane(Pane):
    PANE_ID = "callback_calculator"
    TITLE = str(
        QT_TRANSLATE_NOOP("panes", "Signature calculator")
    )  # marked for lupdate, translated by display_title()
    ICON = "calculator"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        ctx.state_changed.connect(self._callback_urls_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.addWidget(self._build_compute())
        layout.addWidget(self._build_check(), 1)
        ctx.profile_changed.connect(self._profile_changed)
        self._profile_changed(ctx.active_profile)
        self._callback_urls_changed(ctx.state, {Aspect.SESSION})
        self.recompute()

    # --- construction ------------------------------------------------------------------------

    def _build_compute(self) -> QGroupBox:
        box = QGroupBox(self.tr("Compute a callback signature"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.url_edit = QLineEdit()
        self.url_filler = FilledUrl(self.url_edit)
        self.url_edit.setAccessibleName(self.tr("Callback URL"))
        self.url_edit.setPlaceholderText(self.tr("exactly as configured on the platform"))
        grid.addWidget(QLabel(self.tr("Callback URL")), 0, 0)
        grid.addWidget(self.url_edit, 0, 1, 1, 2)

        self.timestamp_edit = QLineEdit()
        self.timestamp_edit.setAccessibleName(self.tr("Timestamp"))
        self.timestamp_edit.setPlaceholderText(self.tr("10-digit UNIX seconds"))
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setAccessibleName(self.tr("Use the current time"))
        self.now_button.clicked.connect(self.use_now)
        grid.addWidget(QLabel(self.tr("Timestamp")), 1, 0)
        grid.addWidget(self.timestamp_edit, 1, 1)
        grid.addWidget(self.now_button, 1, 2)
        self.timestamp_warning = QLabel()
        self.timestamp_warning.setAccessibleName(self.tr("Timestamp warning"))
        self.timestamp_warning.setWordWrap(True)
        self.timestamp_warning.setStyleSheet(_WARNING_STYLE)
        grid.addWidget(self.timestamp_warning, 2, 1, 1, 2)

        self.key_edit = KeyEdit(self.tr("AuthKey"))
        grid.addWidget(QLabel(self.tr("AuthKey")), 3, 0)
        grid.addWidget(self.key_edit, 3, 1, 1, 2)
        self.policy_label = QLabel()
        self.policy_label.setAccessibleName(self.tr("AuthKey policy check"))
        self.policy_label.setWordWrap(True)
        grid.addWidget(self.policy_label, 4, 1, 1, 2)

        self.string_edit = QLineEdit()
        self.string_edit.setReadOnly(True)
        self.string_edit.setFont(mono)
        self.string_edit.setAccessibleName(self.tr("String to sign (AuthKey masked)"))
        self.copy_string_button = QToolButton()
        self.copy_string_button.setText(self.tr("Copy"))
        self.copy_string_button.setToolTip(self.tr("Copies the string with the AuthKey masked"))
        self.copy_string_button.setAccessibleName(self.tr("Copy the string to sign (AuthKey masked)"))
        self.copy_string_button.clicked.connect(lambda: self._copy(self.string_edit.text()))
        grid.addWidget(QLabel(self.tr("String to sign")), 5, 0)
        grid.addWidget(self.string_edit, 5, 1)
        grid.addWidget(self.copy_string_button, 5, 2)

        self.signature_edit = QLineEdit()
        self.signature_edit.setReadOnly(True)
        self.signature_edit.setFont(mono)
        self.signature_edit.setAccessibleName(self.tr("Signature"))
        self.copy_signature_button = QToolButton()
        self.copy_signature_button.setText(self.tr("Copy"))
        self.copy_signature_button.setAccessibleName(self.tr("Copy the signature"))
        self.copy_signature_button.clicked.connect(lambda: self._copy(self.signature_edit.text()))
        grid.addWidget(QLabel(self.tr("Signature (MD5)")), 6, 0)
        grid.addWidget(self.signature_edit, 6, 1)
        grid.addWidget(self.copy_signature_button, 6, 2)

        formula = QLabel(
            self.tr("signature = md5(callback URL + timestamp + AuthKey), 32 lowercase hex digits")
        )
        formula.setStyleSheet("color: palette(placeholder-text);")
        grid.addWidget(formula, 7, 1, 1, 2)

        for edit in (self.url_edit, self.timestamp_edit):
            edit.textChanged.connect(self.recompute)
        self.key_edit.changed.connect(self.recompute)
        return box

    def _build_check(self) -> QGroupBox:
        box = QGroupBox(self.tr("Why doesn't my signature match? Paste a received body"))
        layout = QVBoxLayout(box)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName(self.tr("Received callback body"))
        self.body_edit.setPlaceholderText(
            self.tr('{"taskId": "…", "timestamp": 1693206851, "signature": "863151b5…"}')
        )
        self.body_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.body_edit.setMaximumHeight(110)
        layout.addWidget(self.body_edit)
        row = QHBoxLayout()
        self.check_button = QPushButton(self.tr("Check body"))
        self.check_button.setAccessibleName(self.tr("Check the pasted body"))
        self.check_button.clicked.connect(self.check_body)
        row.addWidget(self.check_button)
        tolerance_label = QLabel(self.tr("Tolerance"))
        self.tolerance_spin = QSpinBox()
        self.tolerance_spin.setRange(0, 86_400)
        self.tolerance_spin.setValue(DEFAULT_TOLERANCE_S)
        self.tolerance_spin.setSuffix(self.tr(" s"))
        self.tolerance_spin.setAccessibleName(self.tr("Timestamp tolerance in seconds"))
        tolerance_label.setBuddy(self.tolerance_spin)
        row.addSpacing(12)
        row.addWidget(tolerance_label)
        row.addWidget(self.tolerance_spin)
        note = QLabel(self.tr("Uses the URL and AuthKey above; a dry run, nothing is remembered."))
        note.setStyleSheet("color: palette(placeholder-text);")
        row.addSpacing(12)
        row.addWidget(note, 1)
        layout.addLayout(row)
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName(self.tr("Verdict"))
        self.verdict_label.setWordWrap(True)
        layout.addWidget(self.verdict_label)
        self.verdict_view = QPlainTextEdit()
        self.verdict_view.setReadOnly(True)
        self.verdict_view.setAccessibleName(self.tr("Verdict and near misses"))
        # Break lines between words only: a URL cut in two reads as two URLs (it scrolls instead).
        self.verdict_view.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        layout.addWidget(self.verdict_view, 1)
        return box

    # --- behaviour ---------------------------------------------------------------------------

    def _callback_urls_changed(self, state: AppState, aspects: Set[str]) -> None:
        """The account's configured URLs are offered; a URL chosen elsewhere (Account pane) is taken."""
        if Aspect.SESSION in aspects and state.callback_urls != self.url_filler.offered:
            self.suggest_callback_urls(state.callback_urls)
        if Aspect.CALLBACK_URL in aspects and state.signed_as_url:
            self.url_edit.setText(state.signed_as_url)

    def suggest_callback_urls(self, urls: Sequence[str]) -> None:
        """Offer the account's configured callback URLs (a signature covers that exact URL).

        They complete what is typed; an empty field takes the first one. Nothing typed is replaced.
        """
        self.url_filler.offer(urls)

    @property
    def suggested_callback_urls(self) -> tuple[str, ...]:
        return self.url_filler.offered

    def _profile_changed(self, profile: Profile | None) -> None:
        url = profile.callback_url if profile is not None else ""
        self.url_filler.follow(url)

    def use_now(self) -> None:
        self.timestamp_edit.setText(str(now_s()))

    def timestamp_warning_text(self, text: str) -> str:
        if not text:
            return ""
        if not text.isdigit():
            return self.tr("The timestamp should be digits only (UNIX seconds).")
        if len(text) == 13:
            return self.tr(
                "13 digits: this looks like milliseconds. Callback timestamps are 10-digit UNIX seconds "
                "(%1); the signature below is computed with the value as typed."
            ).replace("%1", text[:10])
        if len(text) != 10:
            return self.tr(
                "Callback timestamps have exactly 10 digits (UNIX seconds); this one has %1."
            ).replace("%1", str(len(text)))
        return ""

    def recompute(self) -> None:
        url = self.url_edit.text()
        timestamp = self.timestamp_edit.text().strip()
        key = self.key_edit.value()
        warning = self.timestamp_warning_text(timestamp)
        self.timestamp_warning.setText(warning)
        self.timestamp_warning.setVisible(bool(warning))
        self._show_policy(key)
        ready = bool(url and timestamp and key)
        self.string_edit.setText(masked_signing_string(url, timestamp) if ready else "")
        self.signature_edit.setText(callback_signature(url, timestamp, key) if ready else "")
        self.copy_string_button.setEnabled(ready)
        self.copy_signature_button.setEnabled(ready)
        if not ready:
            self.signature_edit.setPlaceholderText(self.tr("Enter the URL, timestamp and AuthKey"))

    def _show_policy(self, key: str) -> None:
        if not key:
            self.policy_label.setText(self.tr("16-32 characters with upper case, lower case and a digit."))
            self.policy_label.setStyleSheet("color: palette(placeholder-text);")
            return
        report = check_auth_key_policy(key)
        if report.ok:
            self.policy_label.setText(self.tr("Meets the platform's AuthKey policy."))
            self.policy_label.setStyleSheet(_OK_STYLE)
        else:
            self.policy_label.setText(
                self.tr("Outside the platform's policy (the signature is computed anyway): %1").replace(
                    "%1", report.text(i18n.current_language())
                )
            )
            self.policy_label.setStyleSheet(_WARNING_STYLE)

    def check_body(self) -> None:
        """Dry-run the verifier on the pasted body with the URL and key above."""
        raw = self.body_edit.toPlainText().encode("utf-8")
        url = self.url_edit.text().strip()
        if not url:
            self._show_verdict_text(self.tr("Enter the callback URL above first."), "")
            return
        verifier = CallbackVerifier(
            url, self.key_edit.value() or None, tolerance_s=self.tolerance_spin.value()
        )
        verdict = verifier.verify_body(raw, remember=False)
        label = status_label(verdict.status)
        colour = status_colour(verdict.status)
        self.verdict_label.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.verdict_label.setText(label)
        details = describe_verdict(verdict)
        expected = self._expected_signature(raw, url)
        if expected and not verdict.accepted:
            details += "\n\n" + self.tr(
                "Expected for this timestamp with the URL and AuthKey above: %1"
            ).replace("%1", expected)
        self.verdict_view.setPlainText(details)

    def _expected_signature(self, raw: bytes, url: str) -> str:
        key = self.key_edit.value()
        try:
            parsed = json.loads(raw)
        except (ValueError, RecursionError):
            return ""
        timestamp = parsed.get("timestamp") if isinstance(parsed, dict) else None
        if not key or isinstance(timestamp, bool) or not isinstance(timestamp, int | str):
            return ""
        return callback_signature(url, timestamp, key)

    def _show_verdict_text(self, title: str, details: str) -> None:
        self.verdict_label.setStyleSheet("")
        self.verdict_label.setText(title)
        self.verdict_view.setPlainText(details)

    def _copy(self, text: str) -> None:
        if text:
            QGuiApplication.clipboard().setText(text)
            self.ctx.notice.emit("info", self.tr("Copied"))
