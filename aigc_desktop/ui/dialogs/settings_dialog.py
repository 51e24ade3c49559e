"""Settings: network (timeouts, CA bundle, proxy), quotas, notifications, language and theme.

The dialog only edits an ``AppSettings`` value; ``AppSettingsStore`` validates and persists it (no
secret is ever part of it). Network changes reach the *next* client (``AppSettings.client_config``);
the language applies after a restart, the theme at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from aigc_desktop.services.app_settings import AppSettings, SettingsError
from aigc_desktop.ui import theme
from aigc_desktop.ui.widgets.refresh_interval import fill_interval_combo


class SettingsDialog(QDialog):
    """Edit a copy of the settings; ``result_settings()`` is the validated value after OK."""

    def __init__(self, current: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self._result: AppSettings | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_network())
        layout.addWidget(self._build_quotas())
        layout.addWidget(self._build_notifications())
        layout.addWidget(self._build_appearance())
        align_form_labels(self.findChildren(QFormLayout))  # one label column across the groups
        self.error_label = QLabel()
        self.error_label.setAccessibleName(self.tr("Settings problem"))
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self.buttons = buttons
        layout.addWidget(buttons)
        self.load(current)

    # --- construction ------------------------------------------------------------------------

    def _seconds_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(0.5, 600.0)
        box.setDecimals(1)
        box.setSuffix(self.tr(" s"))
        box.setAccessibleName(name)
        return box

    def _build_network(self) -> QGroupBox:
        group = QGroupBox(self.tr("Network"))
        form = QFormLayout(group)
        self.connect_timeout = self._seconds_box(self.tr("Connect timeout"))
        self.read_timeout = self._seconds_box(self.tr("Read timeout"))
        self.total_timeout = self._seconds_box(self.tr("Total deadline per call"))
        self.total_timeout.setToolTip(
            self.tr(
                "The longest one call may take in all, retries included, however the server trickles its answer."
            )
        )
        form.addRow(self.tr("&Connect timeout:"), self.connect_timeout)
        form.addRow(self.tr("&Read timeout:"), self.read_timeout)
        form.addRow(self.tr("&Total deadline per call:"), self.total_timeout)
        row = QHBoxLayout()
        self.ca_bundle = QLineEdit()
        self.ca_bundle.setPlaceholderText(self.tr("Operating system trust store"))
        self.ca_bundle.setAccessibleName(self.tr("CA bundle file"))
        self.ca_browse = QPushButton(self.tr("Browse…"))
        self.ca_browse.setAccessibleName(self.tr("Choose a CA bundle file"))
        self.ca_browse.clicked.connect(self._choose_ca_bundle)
        row.addWidget(self.ca_bundle, 1)
        row.addWidget(self.ca_browse)
        ca_label = QLabel(self.tr("C&A bundle:"))
        ca_label.setBuddy(self.ca_bundle)
        form.addRow(ca_label, row)
        self.trust_in_use = QLabel()  # which certificates verify TLS: the OS store unless a bundle is set
        self.trust_in_use.setAccessibleName(self.tr("Certificates in use"))
        self.trust_in_use.setWordWrap(True)
        self.ca_bundle.textChanged.connect(self._show_trust_in_use)
        form.addRow(self.tr("Verifying with:"), self.trust_in_use)
        self.proxy_mode = QComboBox()
        self.proxy_mode.setAccessibleName(self.tr("Proxy"))
        self.proxy_mode.addItem(self.tr("System settings"), "system")
        self.proxy_mode.addItem(self.tr("No proxy"), "none")
        self.proxy_mode.addItem(self.tr("Custom URL"), "custom")
        self.proxy_mode.currentIndexChanged.connect(self._proxy_mode_changed)
        self.proxy_url = QLineEdit()
        self.proxy_url.setPlaceholderText("http://proxy.example.com:3128")
        self.proxy_url.setAccessibleName(self.tr("Proxy URL"))
        form.addRow(self.tr("&Proxy:"), self.proxy_mode)
        form.addRow(self.tr("Proxy &URL:"), self.proxy_url)
        note = QLabel(self.tr("Network settings apply to the next sign-in or profile switch."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        form.addRow(note)
        return group

    def _build_quotas(self) -> QGroupBox:
        group = QGroupBox(self.tr("Quotas"))
        form = QFormLayout(group)
        self.quota_refresh = QComboBox()
        self.quota_refresh.setAccessibleName(self.tr("Quota auto-refresh interval"))
        fill_interval_combo(self.quota_refresh)
        form.addRow(self.tr("&Auto-refresh:"), self.quota_refresh)
        self.warning_percent = QSpinBox()
        self.critical_percent = QSpinBox()
        for box, name in (
            (self.warning_percent, self.tr("Warning threshold")),
            (self.critical_percent, self.tr("Critical threshold")),
        ):
            box.setRange(1, 100)
            box.setSuffix("%")
            box.setAccessibleName(name)
        form.addRow(self.tr("&Warn at:"), self.warning_percent)
        form.addRow(self.tr("C&ritical at:"), self.critical_percent)
        return group

    def _build_notifications(self) -> QGroupBox:
        group = QGroupBox(self.tr("Notifications"))
        column = QVBoxLayout(group)
        self.notify_quota = QCheckBox(self.tr("When a quota crosses the warning or critical threshold"))
        self.notify_validity = QCheckBox(self.tr("When the service validity ends within 7 days"))
        self.notify_token = QCheckBox(
            self.tr("When the token expires within 10 minutes and auto-renew is off")
        )
        for box in (self.notify_quota, self.notify_validity, self.notify_token):
            box.setAccessibleName(box.text())
            column.addWidget(box)
        return group

    def _build_appearance(self) -> QGroupBox:
        group = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(group)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        language_row = QHBoxLayout()
        language_row.addWidget(self.language)
        self.restart_note = QLabel(self.tr("applies after restart"))
        self.restart_note.setStyleSheet("color: palette(placeholder-text);")
        language_row.addWidget(self.restart_note)
        language_row.addStretch(1)
        language_label = QLabel(self.tr("&Language:"))
        language_label.setBuddy(self.language)
        form.addRow(language_label, language_row)
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Theme"))
        self.theme.addItem(self.tr("Follow the system"), theme.SYSTEM)
        self.theme.addItem(self.tr("Light"), theme.LIGHT)
        self.theme.addItem(self.tr("Dark"), theme.DARK)
        form.addRow(self.tr("&Theme:"), self.theme)
        return group

    # --- values ------------------------------------------------------------------------------

    def load(self, settings: AppSettings) -> None:
        self.connect_timeout.setValue(settings.connect_timeout)
        self.read_timeout.setValue(settings.read_timeout)
        self.total_timeout.setValue(settings.total_timeout)
        self.ca_bundle.setText(settings.ca_bundle)
        self._show_trust_in_use()
        _select(self.proxy_mode, settings.proxy_mode)
        self.proxy_url.setText(settings.proxy_url)
        _select(self.quota_refresh, settings.quota_refresh_s)
        self.warning_percent.setValue(round(settings.warning_percent))
        self.critical_percent.setValue(round(settings.critical_percent))
        self.notify_quota.setChecked(settings.notify_quota)
        self.notify_validity.setChecked(settings.notify_validity)
        self.notify_token.setChecked(settings.notify_token)
        _select(self.language, settings.language)
        _select(self.theme, settings.theme)
        self._proxy_mode_changed()

    def current_settings(self) -> AppSettings:
        """What the form says now (not yet validated)."""
        return AppSettings(
            connect_timeout=self.connect_timeout.value(),
            read_timeout=self.read_timeout.value(),
            total_timeout=self.total_timeout.value(),
            ca_bundle=self.ca_bundle.text().strip(),
            proxy_mode=str(self.proxy_mode.currentData()),
            proxy_url=self.proxy_url.text().strip(),
            quota_refresh_s=int(self.quota_refresh.currentData() or 0),
            warning_percent=float(self.warning_percent.value()),
            critical_percent=float(self.critical_percent.value()),
            notify_quota=self.notify_quota.isChecked(),
            notify_validity=self.notify_validity.isChecked(),
            notify_token=self.notify_token.isChecked(),
            language=str(self.language.currentData()),
            theme=str(self.theme.currentData()),
        )

    def result_settings(self) -> AppSettings | None:
        return self._result

    def accept(self) -> None:
        """Validate first: a bad value keeps the dialog open and says which field and why."""
        try:
            self._result = self.current_settings().validate()
        except SettingsError as exc:
            self.error_label.setText(self._problem(exc.field) or exc.message)
            self.error_label.setStyleSheet(f"color: {theme.colour('text.error')};")
            self.error_label.setVisible(True)
            widget = getattr(self, exc.field, None)
            if isinstance(widget, QWidget):
                widget.setFocus()
            return
        super().accept()

    def _problem(self, field_name: str) -> str:
        """The translated sentence for a refused field (the service's English text is the fallback)."""
        problems = {
            "connect_timeout": self.tr("Timeouts must be between 0 and 600 seconds."),
            "read_timeout": self.tr("Timeouts must be between 0 and 600 seconds."),
            "total_timeout": self.tr(
                "The total deadline must be between 1 and 600 seconds, and not shorter than the read timeout."
            ),
            "ca_bundle": self.tr("The CA bundle file does not exist."),
            "proxy_url": self.tr("A custom proxy URL starts with http:// or https://."),
            "warning_percent": self.tr("The critical threshold cannot be below the warning threshold."),
        }
        return problems.get(field_name, "")

    def _proxy_mode_changed(self) -> None:
        self.proxy_url.setEnabled(self.proxy_mode.currentData() == "custom")

    def _show_trust_in_use(self) -> None:
        path = self.ca_bundle.text().strip()
        if path:
            self.trust_in_use.setText(self.tr("Custom CA bundle: %1").replace("%1", path))
        else:
            self.trust_in_use.setText(self.tr("Operating system trust store"))

    def _choose_ca_bundle(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a CA bundle"),
            self.ca_bundle.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_bundle.setText(path)


def align_form_labels(forms: list[QFormLayout]) -> None:
    """Give every form's labels the widest label's width, so the fields of all groups line up.

    Each ``QFormLayout`` sizes its label column on its own: one group's fields started where its own
    longest label ended, the next group's elsewhere. Fields added to any form later are covered too,
    as long as this runs once the forms are filled.
    """
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    widest = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(widest)


def _select(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    combo.setCurrentIndex(max(index, 0))
