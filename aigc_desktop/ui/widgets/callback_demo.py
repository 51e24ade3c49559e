"""Ask the in-process sandbox to deliver a signed callback (``POST /_sandbox/callbacks``), as the platform would.

Goes over real loopback HTTP like any other sandbox client, so the receiver sees exactly what a platform
delivery looks like (3 attempts, same body on each). The AuthKey travels only to the local sandbox.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

DEMO_TIMEOUT_S = 120.0  # three stalled attempts plus the retry delays
_counter = itertools.count(1)


class DemoError(Exception):
    """The sandbox refused or could not be reached; the text says why."""


@dataclass(frozen=True, slots=True)
class DemoResult:
    delivered: bool
    dropped: bool
    attempts: list[dict[str, Any]]


def demo_event() -> dict[str, Any]:
    """An illustrative task event; the platform's real event fields vary by product."""
    number = next(_counter)
    return {
        "eventType": "TASK_FINISHED",
        "taskId": f"demo-{number:04d}",
        "status": "SUCCESS",
        "progress": 100,
    }


async def send_demo_callback(sandbox_base_url: str, receiver_url: str, auth_key: str | None) -> DemoResult:
    """Have the sandbox sign (md5 over ``receiver_url``) and deliver one event; returns its attempts."""
    import httpx  # here, not at module level: the window imports this module before its first paint

    payload = {"url": receiver_url, "authKey": auth_key, "event": demo_event()}
    try:
        async with httpx.AsyncClient(trust_env=False, timeout=DEMO_TIMEOUT_S) as client:
            response = await client.post(f"{sandbox_base_url}/_sandbox/callbacks", json=payload)
        document = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise DemoError(f"{type(exc).__name__}: {exc}") from None
    if response.status_code != 200:
        raise DemoError(str(document.get("error", response.text)))
    return DemoResult(bool(document["delivered"]), bool(document["dropped"]), list(document["attempts"]))
