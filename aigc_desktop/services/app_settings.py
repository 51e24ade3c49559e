"""App-wide preferences (non-secret): network, quota refresh, warning thresholds, notifications, look.

Kept behind the same tiny key/value protocol as profiles (QSettings in the app, a dict in tests), so
nothing here can hold a secret and the rules are testable without Qt. ``client_config`` turns the
network part into the ``ClientConfig`` of the next client, which is how a changed timeout or CA
bundle reaches the platform calls: the running client keeps its settings until the profile is
re-opened or the app restarts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aigc_desktop.platform.config import DEFAULT_TOTAL_TIMEOUT_S, ClientConfig
from aigc_desktop.services.notifications import Thresholds
from aigc_desktop.services.preference_keys import KEY_LANGUAGE, KEY_THEME
from aigc_desktop.services.profiles import KeyValueBackend, Profile

if TYPE_CHECKING:  # the window reads its theme from here before the client stack is loaded
    from aigc_desktop.platform.client import PlatformClient

_PREFIX = "app/"

LANGUAGES = ("system", "en", "zh_CN")
THEMES = ("system", "light", "dark")
PROXY_MODES = ("system", "none", "custom")
QUOTA_REFRESH_CHOICES_S = (0, 30, 60, 300, 900)


class SettingsError(ValueError):
    """A preference is not acceptable; ``field`` names it so the dialog can point at it."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Every preference with its default."""

    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT_S  # one whole call, retries included
    ca_bundle: str = ""
    proxy_mode: str = "system"
    proxy_url: str = ""
    quota_refresh_s: int = 0
    warning_percent: float = 80.0
    critical_percent: float = 95.0
    notify_quota: bool = True
    notify_validity: bool = True
    notify_token: bool = True
    language: str = "system"
    theme: str = "system"

    def validate(self) -> AppSettings:
        """Return self, or raise ``SettingsError`` naming the first bad field."""
        for name in ("connect_timeout", "read_timeout"):
            if not 0 < getattr(self, name) <= 600:
                raise SettingsError(name, "Timeouts must be between 0 and 600 seconds.")
        if not 1 <= self.total_timeout <= 600 or self.total_timeout < self.read_timeout:
            raise SettingsError(
                "total_timeout",
                "The total deadline must be between 1 and 600 seconds, and not shorter than the read timeout.",
            )
        if self.ca_bundle and not Path(self.ca_bundle).is_file():
            raise SettingsError("ca_bundle", "The CA bundle file does not exist.")
        if self.proxy_mode not in PROXY_MODES:
            raise SettingsError("proxy_mode", "Unknown proxy mode.")
        if self.proxy_mode == "custom" and not self.proxy_url.startswith(("http://", "https://")):
            raise SettingsError("proxy_url", "A custom proxy URL starts with http:// or https://.")
        if self.quota_refresh_s < 0:
            raise SettingsError("quota_refresh_s", "The refresh interval cannot be negative.")
        try:
            self.thresholds()
        except ValueError as exc:
            raise SettingsError("warning_percent", str(exc)) from None
        if self.language not in LANGUAGES:
            raise SettingsError("language", "Unknown language.")
        if self.theme not in THEMES:
            raise SettingsError("theme", "Unknown theme.")
        return self

    def thresholds(self) -> Thresholds:
        return Thresholds(self.warning_percent, self.critical_percent)

    def client_config(self, base_url: str) -> ClientConfig:
        """The ``ClientConfig`` a new client for ``base_url`` gets from these preferences."""
        return ClientConfig(
            base_url=base_url,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            total_timeout=self.total_timeout,
            ca_bundle=Path(self.ca_bundle) if self.ca_bundle else None,
            trust_env=self.proxy_mode != "none",
            proxy=self.proxy_url if self.proxy_mode == "custom" else None,
        )


def _key(name: str) -> str:
    if name == "language":
        return KEY_LANGUAGE
    if name == "theme":
        return KEY_THEME
    return _PREFIX + name


def _parse(kind: Any, text: str) -> Any:
    if kind in (bool, "bool"):
        return text.strip().lower() in {"1", "true", "yes", "on"}
    if kind in (int, "int"):
        return int(float(text))
    if kind in (float, "float"):
        return float(text)
    return text


class AppSettingsStore:
    """Loads and saves ``AppSettings``; an unreadable value falls back to its default (never crashes)."""

    def __init__(self, backend: KeyValueBackend) -> None:
        self._backend = backend
        self._listeners: list[Callable[[AppSettings], None]] = []

    def load(self) -> AppSettings:
        defaults = AppSettings()
        values: dict[str, Any] = {}
        for field in fields(AppSettings):
            text = self._backend.get(_key(field.name))
            if text is None:
                continue
            try:
                values[field.name] = _parse(field.type, text)
            except ValueError:
                continue
        candidate = replace(defaults, **values)
        try:
            return candidate.validate()
        except SettingsError as exc:  # keep the rest, reset only what is wrong
            fixed = replace(candidate, **{exc.field: getattr(defaults, exc.field)})
            if fixed.total_timeout < fixed.read_timeout:  # a long saved read timeout: the deadline follows
                fixed = replace(fixed, total_timeout=fixed.read_timeout)
            return fixed

    def save(self, settings: AppSettings) -> None:
        settings.validate()
        for name, value in dataclasses.asdict(settings).items():
            self._backend.set(_key(name), str(value).lower() if isinstance(value, bool) else str(value))
        for listener in list(self._listeners):
            listener(settings)

    def subscribe(self, listener: Callable[[AppSettings], None]) -> None:
        """``listener(settings)`` after every save (the UI re-applies theme and notification rules)."""
        self._listeners.append(listener)

    def client_factory(self) -> Callable[[Profile], PlatformClient]:
        """A ``ClientFactory`` that reads the preferences at the moment each client is made."""

        def factory(profile: Profile) -> PlatformClient:
            from aigc_desktop.platform.client import PlatformClient

            return PlatformClient(self.load().client_config(profile.base_url))

        return factory
