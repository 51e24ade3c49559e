"""``--profiles FILE``: profiles for a server with no keyring, in TOML, AppKeys named by environment variable.

Format (``docs/monitoring/README.md`` has the full description)::

    [[profile]]
    name = "team-a"                        # label value in the metrics; unique
    base_url = "https://aigc.softsugar.com"
    app_id = "your-app-id"
    app_key_env = "AIGC_APP_KEY_TEAM_A"    # the AppKey is read from this environment variable

An AppKey written in the file itself is refused: the file is configuration, often in version control.
Every problem is a one-line ``ProfilesFileError`` naming the place (``profile[2].app_key_env``).
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aigc_desktop.services.profiles import Profile, ProfileValidationError, validate_url

_KEYS = ("name", "base_url", "app_id", "app_key_env")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SECRET_KEYS = ("app_key", "appkey", "appKey", "secret", "key")


class ProfilesFileError(ValueError):
    """The profiles file is unreadable, malformed, or names an unset variable; one line."""


@dataclass(frozen=True, slots=True)
class FileProfile:
    """A profile from the file and the name of the variable holding its AppKey (never the key itself)."""

    profile: Profile
    app_key_env: str


def load_profiles_file(path: Path) -> list[FileProfile]:
    """Parse and validate the file (not the environment: see ``app_keys``)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ProfilesFileError(f"{path}: no such file") from None
    except OSError as exc:
        raise ProfilesFileError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ProfilesFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfilesFileError(f"{path}: invalid TOML: {' '.join(str(exc).split())}") from None
    try:
        return parse_profiles(document)
    except ProfilesFileError as exc:
        raise ProfilesFileError(f"{path}: {exc}") from None


def parse_profiles(document: Mapping[str, Any]) -> list[FileProfile]:
    extra = [key for key in document if key != "profile"]
    if extra:
        raise ProfilesFileError(f"unknown top-level key {extra[0]!r}; profiles go in [[profile]] tables")
    entries = document.get("profile")
    if not isinstance(entries, list) or not entries:
        raise ProfilesFileError("no profiles: add at least one [[profile]] table")
    result: list[FileProfile] = []
    names: dict[str, int] = {}
    for index, entry in enumerate(entries):
        where = f"profile[{index}]"
        if not isinstance(entry, Mapping):
            raise ProfilesFileError(f"{where}: expected a table")
        for key in entry:
            if key in _SECRET_KEYS:
                raise ProfilesFileError(
                    f"{where}.{key}: AppKeys are never read from this file; "
                    "put the key in an environment variable and name it with app_key_env"
                )
            if key not in _KEYS:
                raise ProfilesFileError(f"{where}: unknown key {key!r}; expected {', '.join(_KEYS)}")
        for key in _KEYS:
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise ProfilesFileError(f"{where}.{key}: required, a non-empty string")
        name = entry["name"].strip()
        if name.casefold() in names:
            raise ProfilesFileError(
                f"{where}.name: {name!r} is already used by profile[{names[name.casefold()]}]"
            )
        names[name.casefold()] = index
        try:
            base_url = validate_url(entry["base_url"], "base_url", required=True)
        except ProfileValidationError as exc:
            raise ProfilesFileError(f"{where}.base_url: {exc.message}") from None
        app_id = entry["app_id"].strip()
        if any(ch.isspace() for ch in app_id):
            raise ProfilesFileError(f"{where}.app_id: must not contain spaces")
        env = entry["app_key_env"].strip()
        if not _ENV_NAME.match(env):
            raise ProfilesFileError(f"{where}.app_key_env: {env!r} is not an environment variable name")
        digest = hashlib.sha256(f"{base_url}\n{app_id}".encode()).hexdigest()[:12]
        profile = Profile(id=f"file-{digest}", name=name, base_url=base_url, app_id=app_id)
        result.append(FileProfile(profile, env))
    return result


def app_keys(profiles: list[FileProfile], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Profile id -> AppKey from the environment; an unset or empty variable is a ``ProfilesFileError``."""
    env = os.environ if environ is None else environ
    keys: dict[str, str] = {}
    for item in profiles:
        value = env.get(item.app_key_env, "")
        if not value:
            raise ProfilesFileError(
                f"profile {item.profile.name!r}: the environment variable {item.app_key_env} "
                "(its AppKey) is not set or empty"
            )
        keys[item.profile.id] = value
    return keys
