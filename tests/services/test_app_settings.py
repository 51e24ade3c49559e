"""Preferences: defaults, round trip without secrets, validation, and the next client's ClientConfig."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from aigc_desktop.services.app_settings import (
    KEY_LANGUAGE,
    KEY_THEME,
    AppSettings,
    AppSettingsStore,
    SettingsError,
)
from aigc_desktop.services.profiles import DictBackend, Profile


def test_defaults_and_round_trip() -> None:
    backend = DictBackend()
    store = AppSettingsStore(backend)
    assert store.load() == AppSettings()
    chosen = replace(AppSettings(), read_timeout=3.5, language="zh_CN", theme="dark", notify_token=False)
    store.save(chosen)
    assert store.load() == chosen
    assert backend.data[KEY_LANGUAGE] == "zh_CN"  # the i18n loader reads this key at start-up
    assert backend.data[KEY_THEME] == "dark"


def test_a_broken_value_falls_back_to_its_default_only() -> None:
    backend = DictBackend()
    backend.data.update({"app/read_timeout": "soon", "app/connect_timeout": "2", KEY_THEME: "purple"})
    loaded = AppSettingsStore(backend).load()
    assert loaded.read_timeout == 15.0 and loaded.connect_timeout == 2.0 and loaded.theme == "system"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"read_timeout": 0}, "read_timeout"),
        ({"ca_bundle": "/no/such/file.pem"}, "ca_bundle"),
        ({"proxy_mode": "custom", "proxy_url": "proxy:3128"}, "proxy_url"),
        ({"warning_percent": 96.0, "critical_percent": 90.0}, "warning_percent"),
        ({"language": "fr"}, "language"),
        ({"total_timeout": 0.99}, "total_timeout"),
        ({"total_timeout": 600.01}, "total_timeout"),
        ({"read_timeout": 20.0, "total_timeout": 19.9}, "total_timeout"),
    ],
)
def test_validation_names_the_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(SettingsError) as caught:
        replace(AppSettings(), **change).validate()  # type: ignore[arg-type]
    assert caught.value.field == field


def test_client_config_carries_timeouts_ca_and_proxy_mode(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not checked here", encoding="utf-8")
    settings = replace(
        AppSettings(), connect_timeout=1.5, read_timeout=7, ca_bundle=str(bundle), proxy_mode="none"
    )
    config = settings.client_config("https://example.test")
    assert (config.connect_timeout, config.read_timeout, config.ca_bundle) == (1.5, 7, bundle)
    assert config.trust_env is False
    assert AppSettings().client_config("https://example.test").trust_env is True


def test_the_total_deadline_reaches_the_client_and_accepts_its_edges() -> None:
    """Issue 15 item 8: a deadline per call, 30 s unless changed, between 1 and 600 s, >= the read timeout."""
    assert AppSettings().total_timeout == 30.0
    assert AppSettings().client_config("https://example.test").total_timeout == 30.0
    for edge in (1.0, 600.0):
        settings = replace(AppSettings(), read_timeout=1.0, total_timeout=edge).validate()
        assert settings.client_config("https://example.test").total_timeout == edge
    assert replace(AppSettings(), read_timeout=20.0, total_timeout=20.0).validate().total_timeout == 20.0


def test_a_saved_read_timeout_longer_than_the_default_deadline_lifts_the_deadline() -> None:
    backend = DictBackend()
    backend.set("app/read_timeout", "45")
    assert (
        AppSettingsStore(backend).load().read_timeout,
        AppSettingsStore(backend).load().total_timeout,
    ) == (45, 45)


async def test_the_factory_reads_preferences_when_each_client_is_made() -> None:
    store = AppSettingsStore(DictBackend())
    factory = store.client_factory()
    profile = Profile("p", "P", "http://127.0.0.1:9", "app")
    first = factory(profile)
    store.save(replace(AppSettings(), read_timeout=2.0))
    second = factory(profile)
    try:
        assert first.config.read_timeout == 15.0
        assert second.config.read_timeout == 2.0
    finally:
        await first.aclose()
        await second.aclose()


def test_listeners_hear_every_save() -> None:
    store = AppSettingsStore(DictBackend())
    heard: list[AppSettings] = []
    store.subscribe(heard.append)
    store.save(replace(AppSettings(), theme="light"))
    assert [s.theme for s in heard] == ["light"]
