"""AuthKeys of the active profile and the doc's rotation sequence as a checklist.

The rotation is only safe when the receiver accepts both keys until the platform has switched; the
panel shows how many deliveries were still signed with the old key and when the last one came, so the
user can tell when retiring it loses nothing. Keys go to the keyring through ``CallbackKeyStore``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.callbacks.verify import RotationStats
from aigc_desktop.platform.signing import check_auth_key_policy
from aigc_desktop.services.callback_keys import (
    AuthKeys,
    CallbackKeyError,
    CallbackKeyStore,
    generate_auth_key,
)
from aigc_desktop.ui import i18n
from aigc_desktop.ui.widgets.callback_key_edit import KeyEdit
from aigc_desktop.ui.widgets.confirm import confirm

Runner = Callable[[Coroutine[Any, Any, Any], str], Any]
_HINT_STYLE = "color: palette(placeholder-text);"


def _ago(seconds: float) -> str:
    seconds = max(int(seconds), 0)
    if seconds < 60:
        return QCoreApplication.translate("countdown", "%1 s").replace("%1", str(seconds))
    if seconds < 3600:
        return QCoreApplication.translate("countdown", "%1 min").replace("%1", str(seconds // 60))
    return (
        QCoreApplication.translate("countdown", "%1 h %2 min")
        .replace("%1", str(seconds // 3600))
        .replace("%2", str(seconds % 3600 // 60))
    )


class RotationPanel(QWidget):
    """Current / previous / new AuthKey, Rotate and Retire, the six-step checklist and the old-key count."""

    keys_changed = Signal(object)  # AuthKeys

    def __init__(self, store: CallbackKeyStore, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._run = run
        self._profile_id: str | None = None
        self.keys = AuthKeys()
        self._retired_this_session = False
        self._stats: RotationStats | None = None
        self._receiver_running = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self._build_keys(), 3)
        top.addWidget(self._build_checklist(), 2)
        layout.addLayout(top)
        layout.addStretch(1)
        self._update()

    def set_storage(self, persistent: bool) -> None:
        """Say where the keys are: the keyring, or memory for this session when no keyring is usable."""
        self.keys_box.setTitle(
            self.tr("AuthKeys of this profile (kept in the keyring)")
            if persistent
            else self.tr("AuthKeys of this profile (kept in memory for this session only)")
        )

    # --- construction ------------------------------------------------------------------------

    def _build_keys(self) -> QGroupBox:
        box = self.keys_box = QGroupBox(self.tr("AuthKeys of this profile (kept in the keyring)"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.current_edit = KeyEdit(self.tr("Current AuthKey"))
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save the current AuthKey"))
        self.save_button.setToolTip(self.tr("Store the current AuthKey without rotating (first set-up)"))
        self.save_button.clicked.connect(self.save_current)
        grid.addWidget(QLabel(self.tr("Current")), 0, 0)
        grid.addWidget(self.current_edit, 0, 1)
        grid.addWidget(self.save_button, 0, 2)

        self.previous_edit = KeyEdit(self.tr("Previous AuthKey"))
        self.previous_edit.set_read_only(True)
        self.previous_edit.edit.setPlaceholderText(self.tr("(none — not rotating)"))
        self.retire_button = QPushButton(self.tr("Retire previous key…"))
        self.retire_button.setAccessibleName(self.tr("Retire the previous AuthKey"))
        self.retire_button.clicked.connect(self.ask_retire)
        grid.addWidget(QLabel(self.tr("Previous")), 1, 0)
        grid.addWidget(self.previous_edit, 1, 1)
        grid.addWidget(self.retire_button, 1, 2)

        self.new_edit = KeyEdit(self.tr("New AuthKey"))
        self.new_edit.edit.setPlaceholderText(self.tr("type one, or Generate"))
        self.new_edit.changed.connect(lambda _t: self._update())
        self.generate_button = QPushButton(self.tr("Generate"))
        self.generate_button.setAccessibleName(self.tr("Generate a new AuthKey"))
        self.generate_button.setToolTip(
            self.tr("A random 24-character key with upper case, lower case and digits")
        )
        self.generate_button.clicked.connect(self.generate)
        grid.addWidget(QLabel(self.tr("New")), 2, 0)
        grid.addWidget(self.new_edit, 2, 1)
        grid.addWidget(self.generate_button, 2, 2)
        self.policy_label = QLabel()
        self.policy_label.setAccessibleName(self.tr("New AuthKey policy check"))
        self.policy_label.setWordWrap(True)
        grid.addWidget(self.policy_label, 3, 1, 1, 2)

        self.rotate_button = QPushButton(self.tr("Rotate: new key becomes current"))
        self.rotate_button.setAccessibleName(self.tr("Rotate the AuthKey"))
        self.rotate_button.setToolTip(
            self.tr("The current key becomes the previous one; the receiver accepts both until you retire it")
        )
        self.rotate_button.clicked.connect(self.rotate)
        grid.addWidget(self.rotate_button, 4, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
        self.stats_label = QLabel()
        self.stats_label.setAccessibleName(self.tr("Deliveries signed with the old key"))
        self.stats_label.setWordWrap(True)
        self.stats_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.stats_label, 5, 0, 1, 3)
        return box

    def _build_checklist(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rotation sequence (from the platform doc)"))
        layout = QVBoxLayout(box)
        self.steps: list[QCheckBox] = []
        for text, manual in (
            (self.tr("1. Define a new AuthKey"), False),
            (self.tr("2. Receiver accepts both the new and the old key"), False),
            (self.tr("3. Update the AuthKey to the new one in the platform console"), True),
            (self.tr("4. Observe: deliveries no longer arrive signed with the old key"), True),
            (self.tr("5. Remove the old key from the receiver"), False),
            (self.tr("6. Rotation complete"), False),
        ):
            step = QCheckBox(text)
            step.setAccessibleName(text)
            if not manual:  # follows the keys' state; shown, not clicked
                step.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
                step.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            else:
                step.toggled.connect(lambda _on: self._update())
            self.steps.append(step)
            layout.addWidget(step)
        hint = QLabel(self.tr("Steps 3 and 4 are yours to tick; the others follow the keys."))
        hint.setStyleSheet(_HINT_STYLE)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        return box

    # --- profile and keys --------------------------------------------------------------------

    def set_profile(self, profile_id: str | None) -> Any:
        """Load the profile's keys (async via the runner); clears the panel when there is no profile."""
        self._profile_id = profile_id
        self._retired_this_session = False
        for step in self.steps:
            step.setChecked(False)
        if profile_id is None:
            self.apply_keys(AuthKeys())
            return None
        return self._run(self._load(profile_id), self.tr("Loading AuthKeys…"))

    async def _load(self, profile_id: str) -> AuthKeys:
        keys = await self._store.load(profile_id)
        if profile_id == self._profile_id:
            self.apply_keys(keys)
        return keys

    def apply_keys(self, keys: AuthKeys) -> None:
        self.keys = keys
        self.current_edit.set_value(keys.current)
        self.previous_edit.set_value(keys.previous)
        self._update()
        self.keys_changed.emit(keys)

    def _require_profile(self) -> str | None:
        if self._profile_id is None:
            self.stats_label.setText(self.tr("Choose a profile first: AuthKeys are stored per profile."))
        return self._profile_id

    def save_current(self) -> Any:
        profile_id = self._require_profile()
        if profile_id is None:
            return None
        return self._run(self._save(profile_id, self.current_edit.value()), self.tr("Saving the AuthKey…"))

    async def _save(self, profile_id: str, key: str) -> AuthKeys | None:
        try:
            keys = await self._store.set_current(profile_id, key)
        except CallbackKeyError as exc:
            self.stats_label.setText(self.tr("Not saved: %1").replace("%1", str(exc)))
            return None
        self.apply_keys(keys)
        return keys

    def generate(self) -> None:
        self.new_edit.set_value(generate_auth_key())

    def rotate(self) -> Any:
        profile_id = self._require_profile()
        if profile_id is None or not self.new_edit.value().strip():
            return None
        return self._run(self._rotate(profile_id, self.new_edit.value()), self.tr("Rotating the AuthKey…"))

    async def _rotate(self, profile_id: str, new_key: str) -> AuthKeys | None:
        try:
            keys = await self._store.rotate(profile_id, new_key)
        except CallbackKeyError as exc:
            self.policy_label.setText(self.tr("Not rotated: %1").replace("%1", str(exc)))
            self.policy_label.setStyleSheet("color: #c62828;")
            return None
        self.new_edit.set_value("")
        self._retired_this_session = False
        self.apply_keys(keys)
        return keys

    def ask_retire(self) -> None:
        count = self._stats.previous_key_count if self._stats else 0
        text = self.tr(
            "Deliveries signed with the previous AuthKey will be refused from now on (%1 arrived since the "
            "rotation). Retire it only once the platform console uses the new key."
        ).replace("%1", str(count))
        self.retire_box = confirm(
            self, self.tr("Retire the previous AuthKey?"), text, self.retire, yes_text=self.tr("Retire")
        )

    def retire(self) -> Any:
        profile_id = self._require_profile()
        if profile_id is None:
            return None
        return self._run(self._retire(profile_id), self.tr("Retiring the previous AuthKey…"))

    async def _retire(self, profile_id: str) -> AuthKeys:
        keys = await self._store.retire_previous(profile_id)
        self._retired_this_session = True
        self.apply_keys(keys)
        return keys

    # --- view --------------------------------------------------------------------------------

    def show_stats(self, stats: RotationStats | None, receiver_running: bool) -> None:
        """Called by the receiver pane on every delivery and on a timer (for "… ago")."""
        self._stats = stats
        self._receiver_running = receiver_running
        self._update()

    def stats_text(self) -> str:
        stats = self._stats
        if not self.keys.rotating:
            if self.keys.current:
                return self.tr("One AuthKey in use. To rotate: Generate a new key, then Rotate.")
            return self.tr("No AuthKey yet: the receiver accepts callbacks without checking them.")
        if stats is None or not self._receiver_running:
            return self.tr("Rotating. Start the receiver to see which key the deliveries are signed with.")
        count = stats.previous_key_count
        current = stats.current_key_count
        if count == 0:
            return self.tr("Rotating. No delivery signed with the old key yet; %1 with the new key.").replace(
                "%1", str(current)
            )
        last = stats.last_previous_key_at or time.time()
        when = time.strftime("%H:%M:%S", time.localtime(last))
        return (
            self.tr(
                "Rotating. %1 deliveries still signed with the old key, the last at %2 (%3 ago); %4 with the new key."
            )
            .replace("%1", str(count))
            .replace("%2", when)
            .replace("%3", _ago(time.time() - last))
            .replace("%4", str(current))
        )

    def _update(self) -> None:
        keys = self.keys
        has_profile = self._profile_id is not None
        new_key = self.new_edit.value()
        if new_key:
            report = check_auth_key_policy(new_key)
            self.policy_label.setText(
                self.tr("Meets the platform's AuthKey policy.")
                if report.ok
                else self.tr("Outside the platform's policy (the console may refuse it): %1").replace(
                    "%1", report.text(i18n.current_language())
                )
            )
            self.policy_label.setStyleSheet("color: #2e7d32;" if report.ok else "color: #b26a00;")
        else:
            self.policy_label.setText("")
        for widget in (self.save_button, self.generate_button, self.current_edit):
            widget.setEnabled(has_profile)
        self.rotate_button.setEnabled(has_profile and bool(new_key.strip()))
        self.retire_button.setEnabled(has_profile and keys.rotating)
        self.stats_label.setText(self.stats_text())
        step_done = (
            keys.rotating or bool(new_key) or self._retired_this_session,
            (keys.rotating and self._receiver_running) or self._retired_this_session,
            self.steps[2].isChecked(),
            self.steps[3].isChecked(),
            self._retired_this_session,
            self._retired_this_session,
        )
        for step, done in zip(self.steps, step_done, strict=True):
            if step.isChecked() != done:
                step.blockSignals(True)
                step.setChecked(done)
                step.blockSignals(False)
