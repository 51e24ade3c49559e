"""Read the GUI's settings file (QSettings, INI format) without Qt, for headless commands.

The app stores its settings with ``QSettings(IniFormat, UserScope, "SenseTime AIGC", "AIGC Desktop")``
(``ui/settings.py``). Commands such as ``status`` must not import Qt, so this module reads that same
file: it finds it where Qt does and decodes Qt's INI escaping (quoted values, ``\\"``, ``\\xHHHH``,
``%XX`` in keys, ``@@`` for a leading ``@``). It is read-only: what a command ``set``s stays in memory,
so a headless run can never damage the GUI's file (a token a command obtained is still kept in the
keyring; the GUI's own token record is left as it was).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORGANIZATION = "SenseTime AIGC"
APPLICATION = "AIGC Desktop"

_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ESCAPES |= {c: c for c in "\"?'\\"}
_HEX = "0123456789abcdefABCDEF"


class SettingsFileError(Exception):
    """The settings file exists but cannot be read; one line."""


def default_settings_path() -> Path:
    """Where QSettings keeps the app's INI file for this user (mirrors Qt's own rule per OS)."""
    if sys.platform == "win32":
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(base) / ORGANIZATION / f"{APPLICATION}.ini"
    xdg = os.environ.get("XDG_CONFIG_HOME", "")
    if xdg.startswith("/"):
        base_path = Path(xdg)
    elif xdg:
        base_path = Path.home() / xdg
    else:
        base_path = Path.home() / ".config"
    return base_path / ORGANIZATION / f"{APPLICATION}.ini"


def unescape_key(text: str) -> str:
    """Qt's key escaping: ``%XX`` and ``%UXXXX`` stand for characters, ``\\`` for ``/``."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "%" and text[i + 1 : i + 2] == "U" and _is_hex(text[i + 2 : i + 6], 4):
            out.append(chr(int(text[i + 2 : i + 6], 16)))
            i += 6
        elif ch == "%" and _is_hex(text[i + 1 : i + 3], 2):
            out.append(chr(int(text[i + 1 : i + 3], 16)))
            i += 3
        else:
            out.append("/" if ch == "\\" else ch)
            i += 1
    return "".join(out)


def _is_hex(text: str, length: int) -> bool:
    return len(text) == length and all(c in _HEX for c in text)


def unescape_value(text: str) -> str | list[str]:
    """Qt's ``iniUnescapedStringList``: a string, or a list when unquoted commas separate items."""
    items: list[str] = []
    current: list[str] = []
    quoted_any = False
    in_quotes = False
    i = 0
    n = len(text)

    def skip_spaces(pos: int) -> int:
        while pos < n and text[pos] in " \t":
            pos += 1
        return pos

    def finish(parts: list[str], quoted: bool) -> str:
        value = "".join(parts)
        return value if quoted else value.rstrip(" \t")

    i = skip_spaces(i)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 1
            if i >= n:
                break
            esc = text[i]
            i += 1
            if esc in _ESCAPES:
                current.append(_ESCAPES[esc])
            elif esc == "x":
                j = i
                while j < n and text[j] in _HEX:
                    j += 1
                if j > i:
                    current.append(chr(int(text[i:j], 16) & 0xFFFF))
                i = j
            elif esc in "01234567":
                j = i
                while j < n and text[j] in "01234567":
                    j += 1
                current.append(chr(int(esc + text[i:j], 8) & 0xFFFF))
                i = j
            # any other escaped character is skipped, as Qt does
        elif ch == '"':
            i += 1
            quoted_any = True
            in_quotes = not in_quotes
            if not in_quotes:
                i = skip_spaces(i)
        elif ch == "," and not in_quotes:
            items.append(finish(current, quoted_any))
            current, quoted_any = [], False
            i = skip_spaces(i + 1)
        else:
            current.append(ch)
            i += 1
    last = finish(current, quoted_any)
    if items:
        return [*items, last]
    return last


def _string_value(raw: str | list[str]) -> str | None:
    """Qt's ``stringToVariant`` for the string case: ``@@x`` is ``@x``, ``@String(x)`` is ``x``."""
    if isinstance(raw, list):
        return None
    if raw.startswith("@@"):
        return raw[1:]
    if raw.startswith("@String(") and raw.endswith(")"):
        return raw[len("@String(") : -1]
    if raw.startswith("@"):
        return None  # a byte array, variant or other non-string value
    return raw


def parse_ini(text: str) -> dict[str, str | list[str]]:
    """Every key of a QSettings INI document (``section/key``; the General section is top level)."""
    values: dict[str, str | list[str]] = {}
    section = ""
    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or line[0] in ";#":
            continue
        if line.startswith("[") and line.endswith("]"):
            name = unescape_key(line[1:-1].strip())
            section = "" if name.casefold() == "general" else name
            continue
        key, sep, value = line.partition("=")
        if not sep:
            continue
        full = unescape_key(key.strip())
        values[f"{section}/{full}" if section else full] = unescape_value(value)
    return values


class QtIniBackend:
    """Read-only ``KeyValueBackend`` over the GUI's settings file; writes stay in memory for this run."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_settings_path()
        self._values: dict[str, str | list[str]] = {}
        self._overlay: dict[str, str | None] = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return  # no settings yet: no saved profiles
        except UnicodeDecodeError as exc:
            raise SettingsFileError(
                f"{self.path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
        except OSError as exc:
            raise SettingsFileError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        self._values = parse_ini(text)

    @property
    def exists(self) -> bool:
        return self.path.exists()

    def get(self, key: str) -> str | None:
        if key in self._overlay:
            return self._overlay[key]
        raw = self._values.get(key)
        return _string_value(raw) if raw is not None else None

    def set(self, key: str, value: str) -> None:
        self._overlay[key] = value

    def remove(self, key: str) -> None:
        self._overlay[key] = None
