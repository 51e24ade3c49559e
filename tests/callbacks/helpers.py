"""Shared values and body builders for the callback tests (signatures computed the doc's way)."""

from __future__ import annotations

import json
from typing import Any

from aigc_desktop.platform.signing import callback_signature

URL = "https://hooks.example.com/aigc/callback"
KEY = "CurrentKey2024abcXYZ"
PREVIOUS = "PreviousKey2023defUVW"
NOW = 1_764_000_000


def signed_body(
    url: str = URL, key: str = KEY, timestamp: int | str = NOW, *, signature: str | None = None, **event: Any
) -> bytes:
    """A body as the platform sends it: event fields, ``timestamp`` and md5(url + timestamp + key)."""
    payload: dict[str, Any] = {"taskId": "t-1", "status": "SUCCESS", **event}
    payload["timestamp"] = timestamp
    payload["signature"] = signature or callback_signature(url, timestamp, key)
    return json.dumps(payload).encode("utf-8")
