"""Profiles pane: create, edit and delete accounts. The AppKey goes only to the secret store."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.application.state import AppState, Aspect
from aigc_desktop.platform.endpoints import PRODUCTION_BASE_URL
from aigc_desktop.services.profiles import BaseUrlPreset, Profile, ProfileValidationError, new_profile_id
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.errors import describe_error
from aigc_desktop.ui.i18n import profile_display_name
from aigc_desktop.ui.panes.base import Pane
from aigc_desktop.ui.widgets.confirm import confirm

_ERROR_STYLE = "border: 1px solid #c62828;"


class ProfilesPane(Pane):
    PANE_ID = "profiles"
    TITLE = str(QT_TRANSLATE_NOOP("panes", "Profiles"))  # marked for lupdate, translated by display_title()
    ICON = "address-book"
    WATCHES = frozenset({Aspect.PROFILES, Aspect.SECRETS, Aspect.SANDBOX, "jobs"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.editing: Profile | None = None
        self.is_new = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        self.storage_label = QLabel()
        self.storage_label.setWordWrap(True)
        self.storage_label.setAccessibleName(self.tr("Where secrets are stored"))
        layout.addWidget(self.storage_label)
        row = QHBoxLayout()
        layout.addLayout(row, 1)
        row.addLayout(self._build_list(), 1)
        row.addWidget(self._build_form(), 3)
        self.show_state(ctx.state)

    # --- construction ------------------------------------------------------------------------

    def _build_list(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Profiles"))
        self.list.currentItemChanged.connect(self._selected)
        column.addWidget(self.list, 1)
        buttons = QGridLayout()  # two rows: the list stays narrow enough for the form at 720 px
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setAccessibleName(self.tr("New profile"))
        self.new_button.clicked.connect(self.start_new)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setAccessibleName(self.tr("Delete profile"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.use_button = QPushButton(self.tr("Use"))
        self.use_button.setAccessibleName(self.tr("Use this profile"))
        self.use_button.clicked.connect(self.use_selected)
        buttons.addWidget(self.use_button, 0, 0, 1, 2)
        buttons.addWidget(self.new_button, 1, 0)
        buttons.addWidget(self.delete_button, 1, 1)
        column.addLayout(buttons)
        return column

    def _build_form(self) -> QGroupBox:
        self.form_box = QGroupBox(self.tr("Profile"))
        form = QFormLayout(self.form_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName(self.tr("Profile name"))
        self.preset_combo = QComboBox()
        self.preset_combo.setAccessibleName(self.tr("Platform"))
        self.preset_combo.addItem(self.tr("Production (aigc.softsugar.com)"), BaseUrlPreset.PRODUCTION)
        self.preset_combo.addItem(self.tr("Sandbox (embedded, demo account)"), BaseUrlPreset.SANDBOX)
        self.preset_combo.addItem(self.tr("Custom URL"), BaseUrlPreset.CUSTOM)
        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        self.base_url_edit = QLineEdit()
        self.base_url_edit.setAccessibleName(self.tr("Base URL"))
        self.app_id_edit = QLineEdit()
        self.app_id_edit.setAccessibleName(self.tr("AppID"))
        self.app_key_edit = QLineEdit()
        self.app_key_edit.setAccessibleName(self.tr("AppKey"))
        self.app_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reveal_action = QAction(self.tr("Reveal"), self.app_key_edit)
        self.reveal_action.setCheckable(True)
        self.reveal_action.toggled.connect(
            lambda on: self.app_key_edit.setEchoMode(
                QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
            )
        )
        self.app_key_edit.addAction(self.reveal_action, QLineEdit.ActionPosition.TrailingPosition)
        self.app_key_status = QLabel()
        self.app_key_status.setWordWrap(True)
        self.app_key_status.setAccessibleName(self.tr("AppKey status"))
        self.app_key_status.setStyleSheet("color: palette(placeholder-text);")
        self.callback_edit = QLineEdit()
        self.callback_edit.setAccessibleName(self.tr("Callback URL"))
        self.callback_edit.setPlaceholderText(self.tr("optional, e.g. https://example.com/aigc/callback"))
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Platform"), self.preset_combo)
        form.addRow(self.tr("Base URL"), self.base_url_edit)
        form.addRow(self.tr("AppID"), self.app_id_edit)
        form.addRow(self.tr("AppKey"), self.app_key_edit)
        form.addRow("", self.app_key_status)
        form.addRow(self.tr("Callback URL"), self.callback_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setAccessibleName(self.tr("Form error"))
        self.error_label.setStyleSheet("color: #c62828;")
        form.addRow("", self.error_label)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save profile"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.test_button = QPushButton(self.tr("Test sign-in"))
        self.test_button.setAccessibleName(self.tr("Test the sign-in with these values"))
        self.test_button.setToolTip(self.tr("Sign in with the form's values without saving anything"))
        self.test_button.clicked.connect(self.test_sign_in)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.test_button)
        save_row.addStretch(1)
        form.addRow("", save_row)
        self.test_label = QLabel()
        self.test_label.setWordWrap(True)
        self.test_label.setTextFormat(Qt.TextFormat.PlainText)
        self.test_label.setAccessibleName(self.tr("Test sign-in result"))
        form.addRow("", self.test_label)
        self._fields = {
            "name": self.name_edit,
            "base_url": self.base_url_edit,
            "app_id": self.app_id_edit,
            "app_key": self.app_key_edit,
            "callback_url": self.callback_edit,
        }
        return self.form_box

    # --- list --------------------------------------------------------------------------------

    def show_state(self, state: AppState) -> None:
        """The storage note, the list, and the form (refreshed when nothing in it was edited)."""
        status = state.secrets
        if status.persistent:
            self.storage_label.setText(
                self.tr(
                    "AppKeys and tokens are stored in the system keyring (%1); never in the settings file."
                ).replace("%1", status.backend_name)
            )
            self.storage_label.setStyleSheet("color: palette(placeholder-text);")
        else:
            self.storage_label.setText(
                self.tr(
                    "Session only: AppKeys and tokens are kept in memory and forgotten on quit (%1)."
                ).replace("%1", status.reason)
            )
            self.storage_label.setStyleSheet("color: #b26a00;")
        keep = self.editing.id if self.editing is not None and not self.is_new else None
        active = state.active
        self.list.blockSignals(True)
        self.list.clear()
        for profile in state.profiles:
            name = profile_display_name(profile.name, profile.is_sandbox)
            text = self.tr("%1 (active)").replace("%1", name) if active and active.id == profile.id else name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            self.list.addItem(item)
            if profile.id == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if not self.is_new:
            current = state.profile(keep)
            if current is None and self.list.count():
                self.list.setCurrentRow(0)
            elif current is None:
                self.load_form(None)
            elif self.editing is not None and current != self.editing and not self.form_edited():
                self.load_form(current)  # changed elsewhere (a new sandbox run's URL): show it as stored
        self._show_key_status(state)
        self._update_buttons()

    def form_edited(self) -> bool:
        """True when the form differs from the profile it shows (unsaved edits are never overwritten)."""
        editing = self.editing
        if editing is None:
            return False
        return bool(self.app_key_edit.text()) or (
            self.name_edit.text(),
            self.base_url_edit.text(),
            self.app_id_edit.text(),
            self.callback_edit.text(),
        ) != (editing.name, editing.base_url, editing.app_id, editing.callback_url)

    def _selected(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        profile = self.ctx.state.profile(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        self.is_new = False
        self.load_form(profile)

    def selected_profile(self) -> Profile | None:
        item = self.list.currentItem()
        return self.ctx.state.profile(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _update_buttons(self) -> None:
        selected = self.selected_profile() is not None and not self.is_new
        self.delete_button.setEnabled(selected and not self.ctx.busy)
        self.use_button.setEnabled(selected and not self.ctx.busy)
        self.save_button.setEnabled(self.editing is not None and not self.ctx.busy)
        self.test_button.setEnabled(self.editing is not None and not self.ctx.busy)
        self.form_box.setEnabled(self.editing is not None)

    # --- form --------------------------------------------------------------------------------

    def open_with(self, intent: str) -> None:
        if intent == "new":
            self.start_new()

    def start_new(self) -> None:
        self.is_new = True
        self.list.blockSignals(True)
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.list.blockSignals(False)
        self.load_form(Profile(id=new_profile_id(), name="", base_url=PRODUCTION_BASE_URL, app_id=""))
        self.name_edit.setFocus()

    def load_form(self, profile: Profile | None) -> None:
        self.editing = profile
        self.test_label.setText("")
        self._clear_errors()
        self.name_edit.setText(profile.name if profile else "")
        preset = profile.preset if profile else BaseUrlPreset.PRODUCTION
        self.preset_combo.blockSignals(True)
        self.preset_combo.setCurrentIndex(max(self.preset_combo.findData(preset), 0))
        self.preset_combo.blockSignals(False)
        self.base_url_edit.setText(profile.base_url if profile else "")
        self._apply_preset_state()
        self.app_id_edit.setText(profile.app_id if profile else "")
        self.app_key_edit.clear()
        self.reveal_action.setChecked(False)
        self.callback_edit.setText(profile.callback_url if profile else "")
        self.app_key_status.setText("")
        self.app_key_edit.setPlaceholderText(self.tr("required") if self.is_new else "")
        state = self.ctx.state
        if profile is not None and not self.is_new and state.app_key_stored(profile.id) is None:
            self.ctx.run(self.ctx.model.check_app_key(profile.id), self.tr("Reading the keyring…"))
        self._show_key_status(state)
        self._update_buttons()

    def _show_key_status(self, state: AppState) -> None:
        """What the form says of the AppKey, from what the model knows of the store."""
        profile = self.editing
        if profile is None:
            return
        if self.preset_combo.currentData() == BaseUrlPreset.SANDBOX:
            self.app_key_status.setText(self.tr("The sandbox's demo AppKey is filled in automatically."))
            return
        if self.is_new:
            self.app_key_status.setText(self.tr("Enter the AppKey; it is saved only to the secret store."))
            return
        stored = state.app_key_stored(profile.id)
        if stored is None:
            self.app_key_status.setText("")
        elif stored:
            self.app_key_edit.setPlaceholderText(self.tr("stored — leave empty to keep it"))
            self.app_key_status.setText(self.tr("An AppKey is stored for this profile."))
        else:
            self.app_key_edit.setPlaceholderText(self.tr("not stored yet"))
            self.app_key_status.setText(
                self.tr("No AppKey is stored: sign-in will fail until you enter one.")
            )

    def _preset_changed(self) -> None:
        preset = self.preset_combo.currentData()
        if preset == BaseUrlPreset.PRODUCTION:
            self.base_url_edit.setText(PRODUCTION_BASE_URL)
        elif preset == BaseUrlPreset.SANDBOX:
            self.base_url_edit.setText(self.ctx.state.sandbox_url or "")
        self._apply_preset_state()

    def _apply_preset_state(self) -> None:
        preset = self.preset_combo.currentData()
        self.base_url_edit.setReadOnly(preset != BaseUrlPreset.CUSTOM)
        sandbox = preset == BaseUrlPreset.SANDBOX
        self.base_url_edit.setPlaceholderText(self.tr("chosen when the sandbox starts") if sandbox else "")
        self.app_key_edit.setEnabled(not sandbox)
        self.app_id_edit.setEnabled(not sandbox)
        if sandbox:
            self.app_id_edit.setText(self.app_id_edit.text() or "sandbox-demo-app")
            self.app_key_status.setText(self.tr("The sandbox's demo AppKey is filled in automatically."))

    def _clear_errors(self) -> None:
        self.error_label.setText("")
        for widget in self._fields.values():
            widget.setStyleSheet("")

    def show_error(self, field: str, message: str) -> None:
        self.show_errors([ProfileValidationError(field, message)])

    def show_errors(self, problems: list[ProfileValidationError]) -> None:
        """Every problem at once, in the form's order; each field marked, the first one focused."""
        self.error_label.setText("\n".join(problem.message for problem in problems))
        for problem in problems:
            widget = self._fields.get(problem.field)
            if widget is not None:
                widget.setStyleSheet(_ERROR_STYLE)
        first = self._fields.get(problems[0].field) if problems else None
        if first is not None:
            first.setFocus()

    def save(self) -> None:
        """Hand the form to the model: it validates, stores the fields and the AppKey (secret store only)."""
        if self.editing is None:
            return
        self._clear_errors()
        preset = self.preset_combo.currentData()
        candidate = replace(
            self.editing,
            name=self.name_edit.text(),
            base_url=self.base_url_edit.text(),
            app_id=self.app_id_edit.text(),
            callback_url=self.callback_edit.text(),
            is_sandbox=preset == BaseUrlPreset.SANDBOX,
        )
        app_key = self.app_key_edit.text()
        problems = self.ctx.model.profile_problems(candidate, app_key, is_new=self.is_new)
        if problems:
            self.show_errors(problems)
            return
        self.ctx.run(self._save(candidate, app_key, is_new=self.is_new), self.tr("Saving the profile…"))

    async def _save(self, candidate: Profile, app_key: str, *, is_new: bool) -> None:
        try:
            saved = await self.ctx.model.save_profile(candidate, app_key, is_new=is_new)
        except ProfileValidationError as exc:
            self.show_error(exc.field, exc.message)
            return
        self.app_key_edit.clear()  # the key never stays in the widget
        self.is_new = False
        self.editing = saved
        self.show_state(self.ctx.state)
        self.ctx.notice.emit("info", self.tr("Profile %1 saved").replace("%1", saved.name))

    def _candidate(self) -> Profile | None:
        if self.editing is None:
            return None
        return replace(
            self.editing,
            name=self.name_edit.text(),
            base_url=self.base_url_edit.text(),
            app_id=self.app_id_edit.text(),
            callback_url=self.callback_edit.text(),
            is_sandbox=self.preset_combo.currentData() == BaseUrlPreset.SANDBOX,
        )

    def test_sign_in(self) -> None:
        """Sign in with what the form holds (typed or stored AppKey); nothing is saved."""
        candidate = self._candidate()
        if candidate is None:
            return
        self._clear_errors()
        problems = [
            problem
            for problem in self.ctx.model.profile_problems(candidate, self.app_key_edit.text(), is_new=False)
            if problem.field in ("base_url", "app_id", "app_key")  # all a sign-in needs
        ]
        if problems:
            self.show_errors(problems)
            return
        self.test_label.setText(self.tr("Testing the sign-in…"))
        self.test_label.setStyleSheet("")
        self.ctx.run(self._test(candidate, self.app_key_edit.text()), self.tr("Testing the sign-in…"))

    async def _test(self, candidate: Profile, app_key: str) -> None:
        try:
            grant = await self.ctx.model.test_sign_in(candidate, app_key)
        except ProfileValidationError as exc:
            self.test_label.setText("")
            self.show_error(exc.field, exc.message)
            return
        except Exception as exc:  # the words of any failure, right under the button
            view = describe_error(exc)
            self.test_label.setText(self.tr("Sign-in failed: %1").replace("%1", view.as_text()))
            self.test_label.setStyleSheet("color: #c62828;")
            return
        user = grant.user.user_name if grant.user is not None and grant.user.user_name else ""
        text = (
            self.tr("Sign-in works: signed in as %1.").replace("%1", user)
            if user
            else self.tr("Sign-in works.")
        )
        self.test_label.setText(text)
        self.test_label.setStyleSheet("color: #2e7d32;")

    def ask_delete(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        box = confirm(
            self,
            self.tr("Delete profile?"),
            self.tr("Delete %1 and remove its AppKey and tokens from the keyring?").replace(
                "%1", profile_display_name(profile.name, profile.is_sandbox)
            ),
            lambda: self.delete_profile(profile.id, delete_history=self.delete_history_box.isChecked()),
            yes_text=self.tr("Delete"),
        )
        self.delete_history_box = QCheckBox(self.tr("Also delete its quota history"))
        self.delete_history_box.setAccessibleName(self.tr("Also delete the profile's quota history"))
        box.setCheckBox(self.delete_history_box)
        self.delete_box = box

    def delete_profile(self, profile_id: str, *, delete_history: bool = False) -> None:
        if self.editing is not None and self.editing.id == profile_id:
            self.editing = None
        task = self.ctx.model.delete_profile(profile_id, delete_history=delete_history)
        self.ctx.run(task, self.tr("Deleting the profile…"))

    def use_selected(self) -> None:
        profile = self.selected_profile()
        if profile is not None:
            self.ctx.run(self.ctx.model.activate_profile(profile.id), self.tr("Switching profile…"))
