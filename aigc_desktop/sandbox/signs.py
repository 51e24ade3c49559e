"""The sandbox's own sign and signature arithmetic, written apart from the client's on purpose.

The platform is a different implementation from our client; if the sandbox checked login signs with the
client's ``platform.signing`` every loopback test would confirm the client with itself, and a wrong formula
(operand order, timestamp unit, a truncated comparison) would pass. So the sandbox spells the two doc
formulas out again here, and an import-linter contract keeps it away from ``platform.signing`` and
``callbacks.verify``.

* Login: ``md5(appId + timestamp + appKey)``, 32 lowercase hex characters; the timestamp is taken exactly
  as sent, so a 13-digit millisecond (the access doc) and a 10-digit second timestamp (the platform's FAQ)
  both work, as they do on the platform.
* Callbacks: ``md5(callbackURL + timestamp + AuthKey)`` with a 10-digit seconds timestamp.
"""

from __future__ import annotations

import hashlib
import hmac


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def login_sign(app_id: str, timestamp: str, app_key: str) -> str:
    """The sign the platform expects for these login fields."""
    return _md5(app_id + timestamp + app_key)


def callback_signature(url: str, timestamp_s: int, auth_key: str) -> str:
    """The signature the platform puts on a callback it sends to ``url``."""
    return _md5(url + str(timestamp_s) + auth_key)


def same(expected: str, received: str) -> bool:
    """Exact, constant-time comparison of all characters (the doc demands lowercase hex)."""
    return hmac.compare_digest(expected.encode("utf-8"), received.encode("utf-8"))
