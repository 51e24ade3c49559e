"""ProfileStore: validation with field names, persistence of non-secret fields only."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from aigc_desktop.services.profiles import (
    DictBackend,
    Profile,
    ProfileStore,
    ProfileValidationError,
    TokenMeta,
    new_profile_id,
)


def _profile(**changes: object) -> Profile:
    base = {
        "id": new_profile_id(),
        "name": "Prod",
        "base_url": "https://aigc.softsugar.com/",
        "app_id": "app-1",
    }
    base.update(changes)
    return Profile(**base)  # type: ignore[arg-type]


def test_saved_profile_survives_a_new_store_and_url_is_cleaned() -> None:
    backend = DictBackend()
    store = ProfileStore(backend)
    saved = store.save(_profile(last_refresh_at=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), user_id=4))
    store.active_id = saved.id
    again = ProfileStore(backend)
    loaded = again.get(saved.id)
    assert loaded == saved
    assert loaded is not None and loaded.base_url == "https://aigc.softsugar.com"
    assert loaded.last_refresh_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert again.active_id == saved.id


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": "  "}, "name", "Give the profile a name"),
        ({"base_url": "aigc.softsugar.com"}, "base_url", "must start with http:// or https://"),
        ({"base_url": "https://"}, "base_url", "no host name"),
        ({"app_id": ""}, "app_id", "Enter the AppID"),
        ({"app_id": "app 1"}, "app_id", "must not contain spaces"),
        ({"callback_url": "ftp://x"}, "callback_url", "must start with http"),
        # issue 15: names bounded and free of control, surrogate and text-direction characters
        ({"name": "x" * 65}, "name", "at most 64 characters"),
        ({"name": "Pro\x00d"}, "name", "control characters"),
        ({"name": "Pro\nd"}, "name", "control characters"),
        ({"name": "Pro\udc80d"}, "name", "invalid characters"),
        ({"name": "\u202aProd"}, "name", "U\\+202A"),
        ({"name": "Prod\u2069"}, "name", "U\\+2069"),
        # issue 15: base and callback URLs without credentials or impossible ports
        ({"base_url": "http://u:SecretPw9@127.0.0.1:8080"}, "base_url", "user name or password"),
        ({"base_url": "http://127.0.0.1:65536"}, "base_url", "port must be a number from 1 to 65535"),
        ({"base_url": "http://[::1"}, "base_url", "Invalid IPv6 URL"),
        ({"callback_url": "https://u:pw@h.example/cb"}, "callback_url", "user name or password"),
        ({"callback_url": "https://h.example:99999/cb"}, "callback_url", "port is from 1 to 65535"),
    ],
)
def test_bad_fields_are_named(changes: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(ProfileValidationError, match=message) as info:
        ProfileStore(DictBackend()).save(_profile(**changes))
    assert info.value.field == field


@pytest.mark.parametrize(
    "name", ["x" * 64, "生产 · Production", "Prod\u200d🚀", "עברית", "Tab\tin the middle".replace("\t", " ")]
)
def test_names_up_to_64_characters_in_any_script_are_kept(name: str) -> None:
    assert ProfileStore(DictBackend()).save(_profile(name=name)).name == name


def test_a_callback_url_may_carry_a_query() -> None:
    saved = ProfileStore(DictBackend()).save(_profile(callback_url="https://h.example/cb?tenant=7"))
    assert saved.callback_url == "https://h.example/cb?tenant=7"


def test_duplicate_names_are_refused_case_insensitively() -> None:
    store = ProfileStore(DictBackend())
    store.save(_profile(name="Prod"))
    with pytest.raises(ProfileValidationError, match="already exists"):
        store.save(_profile(name="prod"))


def test_delete_clears_active_and_token_meta() -> None:
    backend = DictBackend()
    store = ProfileStore(backend)
    saved = store.save(_profile())
    store.active_id = saved.id
    now = datetime.now(UTC)
    store.set_token_meta(saved.id, TokenMeta(now, now, True))
    assert store.token_meta(saved.id) == TokenMeta(now, now, True)
    store.delete(saved.id)
    assert store.list() == [] and store.active_id is None and store.token_meta(saved.id) is None
    assert json.loads(backend.data["profiles/list"]) == []


def test_damaged_settings_do_not_stop_the_app() -> None:
    backend = DictBackend()
    backend.set("profiles/list", "{not json")
    assert ProfileStore(backend).list() == []
