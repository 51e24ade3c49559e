"""Exports: JSON history and curl commands carry the body and signature, never an AuthKey."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import sys

import httpx
import pytest

from aigc_desktop.callbacks.export import deliveries_to_json, delivery_to_curl
from aigc_desktop.callbacks.receiver import CallbackReceiver
from aigc_desktop.platform.signing import now_s

from .helpers import KEY, PREVIOUS, signed_body


async def _record(receiver: CallbackReceiver, http: httpx.AsyncClient, *bodies: bytes) -> None:
    for body in bodies:
        await http.post(
            receiver.url + "cb",
            content=body,
            headers={"Content-Type": "application/json", "X-Api-Key": KEY, "Authorization": f"Bearer {KEY}"},
        )


async def test_json_export_has_bodies_verdicts_and_no_key(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    text_body = signed_body(timestamp=now_s(), note='it\'s "quoted" — ü')
    binary_body = b"\xff\x00binary"
    await _record(receiver, http, text_body, binary_body, signed_body(timestamp=now_s(), key=PREVIOUS))
    exported = deliveries_to_json(receiver.deliveries)
    assert KEY not in exported and PREVIOUS not in exported
    document = json.loads(exported)
    first, second, third = document["deliveries"]
    assert first["body_text"].encode() == text_body and first["body_base64"] is None
    assert first["verdict"]["status"] == "valid" and first["answered_status"] == 200
    assert first["group_key"] == [json.loads(text_body)["timestamp"], json.loads(text_body)["signature"]]
    assert base64.b64decode(second["body_base64"]) == binary_body and second["body_text"] is None
    assert second["verdict"]["status"] == "malformed"
    assert third["verdict"]["key_used"] == "previous"


async def test_scrub_removes_a_key_a_sender_put_in_the_body(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    await _record(receiver, http, signed_body(timestamp=now_s(), leaked=KEY))
    [delivery] = receiver.deliveries
    assert KEY not in deliveries_to_json([delivery], scrub=[KEY])
    assert KEY not in delivery_to_curl(delivery, scrub=[KEY])


@pytest.mark.skipif(
    sys.platform == "win32", reason="replays through a POSIX sh; curl is installed by tests/run.sh"
)
@pytest.mark.parametrize(
    "body", [signed_body(note="it's a 'quote' and $HOME and `x` \n ü"), b"\xff\x00\x01bin"]
)
async def test_curl_command_replays_the_exact_body(
    receiver: CallbackReceiver, http: httpx.AsyncClient, body: bytes
) -> None:
    await _record(receiver, http, body)
    [original] = receiver.deliveries
    command = delivery_to_curl(original)
    assert KEY not in command
    assert command.count("curl -X POST") == 1 and "Content-Type: application/json" in command
    process = await asyncio.create_subprocess_exec(
        "sh",
        "-c",
        command + " -s -o /dev/null",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={name: value for name, value in os.environ.items() if "proxy" not in name.lower()},
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=20)
    assert process.returncode == 0, stderr
    replayed = receiver.deliveries[1]
    assert replayed.body == body and replayed.path == "/cb"
