"""Export recorded deliveries: JSON history, and one delivery as a curl command to replay it.

Deliveries hold no AuthKey (headers are redacted on record, the body carries only the signature);
``scrub`` additionally blanks any given secret should a sender have put one into a body.
"""

from __future__ import annotations

import base64
import json
import shlex
from collections.abc import Iterable, Sequence
from typing import Any

from aigc_desktop.callbacks.deliveries import REDACTED, Delivery
from aigc_desktop.callbacks.verify import Verdict

EXPORT_FORMAT = "aigc-desktop.callback-deliveries/1"
_SKIPPED_CURL_HEADERS = {"host", "content-length", "connection", "accept-encoding", "user-agent", "accept"}


def _scrub_bytes(body: bytes, scrub: Sequence[str]) -> bytes:
    for secret in scrub:
        if secret:
            body = body.replace(secret.encode("utf-8"), REDACTED.encode("ascii"))
    return body


def verdict_to_dict(verdict: Verdict) -> dict[str, Any]:
    return {
        "status": verdict.status.value,
        "accepted": verdict.accepted,
        "reason": verdict.reason,
        "key_used": verdict.key_used.value if verdict.key_used else None,
        "age_s": verdict.age_s,
        "attempt": verdict.attempt,
        "problem": verdict.problem,
        "diagnosis": verdict.diagnosis.value,
        "near_misses": [
            {"description": miss.description, "detail": miss.detail, "kinds": list(miss.kinds)}
            for miss in verdict.near_misses
        ],
    }


def delivery_to_dict(delivery: Delivery, scrub: Sequence[str] = ()) -> dict[str, Any]:
    """One delivery as JSON-ready data: the body as text when it is UTF-8, otherwise base64."""
    body = _scrub_bytes(delivery.body, scrub)
    try:
        body_fields: dict[str, Any] = {"body_text": body.decode("utf-8"), "body_base64": None}
    except UnicodeDecodeError:
        body_fields = {"body_text": None, "body_base64": base64.b64encode(body).decode("ascii")}
    group = delivery.group_key
    return {
        "id": delivery.id,
        "received_at": delivery.received_at.isoformat(),
        "peer": delivery.peer,
        "method": delivery.method,
        "path": delivery.path,
        "request_url": delivery.request_url,
        "headers": [[name, value] for name, value in delivery.headers],
        "size": delivery.size,
        "body_complete": delivery.body_complete,
        **body_fields,
        "verdict": verdict_to_dict(delivery.verdict) if delivery.verdict else None,
        "answered_status": delivery.answered_status,
        "forward": None
        if delivery.forward is None
        else {
            "url": delivery.forward.url,
            "status_code": delivery.forward.status_code,
            "elapsed_s": round(delivery.forward.elapsed_s, 3),
            "error": delivery.forward.error,
        },
        "group_key": list(group) if group else None,
        "note": delivery.note,
    }


def deliveries_to_json(deliveries: Iterable[Delivery], scrub: Sequence[str] = ()) -> str:
    """The whole history as one JSON document (UTF-8 text, indented for reading and diffing)."""
    document = {
        "format": EXPORT_FORMAT,
        "deliveries": [delivery_to_dict(delivery, scrub) for delivery in deliveries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def delivery_to_curl(delivery: Delivery, url: str | None = None, scrub: Sequence[str] = ()) -> str:
    """A POSIX shell command that re-sends the delivery's exact body to ``url`` (default: where it came in).

    A UTF-8 body goes in ``--data-raw``; any other body is piped through base64 so every byte survives.
    """
    target = url or delivery.request_url
    body = _scrub_bytes(delivery.body, scrub)
    parts = ["curl", "-X", "POST", shlex.quote(target)]
    content_type = delivery.content_type or "application/json"
    parts += ["-H", shlex.quote(f"Content-Type: {content_type}")]
    for name, value in delivery.headers:
        lowered = name.lower()
        if lowered in _SKIPPED_CURL_HEADERS or lowered == "content-type" or value == REDACTED:
            continue
        parts += ["-H", shlex.quote(f"{name}: {value}")]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        text = "\x00"  # not representable as an argument either
    if "\x00" in text:  # argv cannot carry NUL bytes
        encoded = base64.b64encode(body).decode("ascii")
        return f"printf %s {shlex.quote(encoded)} | base64 -d | " + " ".join([*parts, "--data-binary", "@-"])
    return " ".join([*parts, "--data-raw", shlex.quote(text)])
