"""Pure signing functions for the platform's two MD5 schemes.

* Login: ``sign = md5(appId + timestamp_ms + appKey)``. The access doc says milliseconds; the platform's
  FAQ signs a 10-digit seconds timestamp, and the platform accepts both (see ``login_timestamp_unit``).
* Callbacks: ``signature = md5(callbackURL + timestamp_s + AuthKey)``; it does not cover the body.

Both yield 32 lowercase hex characters (hexdigest already zero-pads each byte, as the doc asks).
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass
from typing import Literal

from aigc_desktop.platform.messages import ENGLISH, Message, joined, msg, render

AUTH_KEY_MIN_LENGTH = 16
AUTH_KEY_MAX_LENGTH = 32


def md5_hex(text: str) -> str:
    """Lowercase 32-character MD5 of the UTF-8 encoding of ``text``."""
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def now_ms() -> int:
    """Current UNIX time in milliseconds, the login timestamp unit."""
    return time.time_ns() // 1_000_000


def now_s() -> int:
    """Current UNIX time in whole seconds, the callback timestamp unit."""
    return int(time.time())


def token_sign(app_id: str, timestamp_ms: int | str, app_key: str) -> str:
    """Login signature: md5(appId + timestamp + appKey), timestamp in milliseconds."""
    return md5_hex(f"{app_id}{timestamp_ms}{app_key}")


def login_timestamp_unit(timestamp: int | str) -> Literal["milliseconds", "seconds", "other"]:
    """What a login timestamp looks like: 13 digits milliseconds (the doc), 10 digits seconds (the FAQ).

    The sign preview and ``sign token`` warn on "seconds": the platform accepts it, but the access doc
    asks for milliseconds and a server that follows the doc strictly would refuse it.
    """
    text = str(timestamp).strip()
    if not (text.isascii() and text.isdigit()):
        return "other"
    return {13: "milliseconds", 10: "seconds"}.get(len(text), "other")  # type: ignore[return-value]


def callback_signing_string(callback_url: str, timestamp_s: int | str, auth_key: str) -> str:
    """The exact string that is hashed for a callback signature (contains the AuthKey: never log it)."""
    return f"{callback_url}{timestamp_s}{auth_key}"


def callback_signature(callback_url: str, timestamp_s: int | str, auth_key: str) -> str:
    """Callback signature: md5(callbackURL + timestamp + AuthKey), timestamp in 10-digit seconds."""
    return md5_hex(callback_signing_string(callback_url, timestamp_s, auth_key))


def signatures_equal(expected: str, received: str) -> bool:
    """Constant-time comparison, so a receiver leaks nothing through timing."""
    return hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class PolicyReport:
    """Result of the AuthKey policy check: which rules fail, as messages (worded per language)."""

    findings: tuple[Message, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def failures(self) -> tuple[str, ...]:
        """The findings in English (the CLI)."""
        return tuple(render(finding) for finding in self.findings)

    def text(self, language: str = ENGLISH) -> str:
        """Every finding in ``language``, joined; the policy's "ok" wording when none."""
        if self.ok:
            return render(msg("policy.ok"), language)
        return render(joined("join.semicolon", list(self.findings)), language)

    def __str__(self) -> str:
        return self.text()


def _characters(count: int) -> str:
    return "1 character" if count == 1 else f"{count} characters"


def check_auth_key_policy(auth_key: str) -> PolicyReport:
    """The doc's AuthKey rule: 16-32 characters with upper case, lower case and a digit."""
    findings: list[Message] = []
    length = len(auth_key)
    if length < AUTH_KEY_MIN_LENGTH:
        if length == 1:  # "1 character", not "1 characters"
            findings.append(msg("policy.too_short_one", minimum=AUTH_KEY_MIN_LENGTH))
        else:
            findings.append(msg("policy.too_short", length=length, minimum=AUTH_KEY_MIN_LENGTH))
    elif length > AUTH_KEY_MAX_LENGTH:
        findings.append(msg("policy.too_long", length=length, maximum=AUTH_KEY_MAX_LENGTH))
    if not any(c.isascii() and c.isupper() for c in auth_key):
        findings.append(msg("policy.upper"))
    if not any(c.isascii() and c.islower() for c in auth_key):
        findings.append(msg("policy.lower"))
    if not any(c.isascii() and c.isdigit() for c in auth_key):
        findings.append(msg("policy.digit"))
    return PolicyReport(tuple(findings))
