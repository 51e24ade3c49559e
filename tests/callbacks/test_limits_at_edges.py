"""Limits pinned at their edges: the receiver's body limit, the timestamp tolerance, the full signature.

Each rule is checked exactly at the limit and one step past it, so an off-by-one (``>=`` for ``>``) or a
partial comparison (the first 16 hex characters) fails here.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from aigc_desktop.callbacks.receiver import CallbackReceiver, ReceiverError
from aigc_desktop.callbacks.verify import CallbackVerifier, VerdictStatus
from aigc_desktop.platform.signing import callback_signature
from tests.vectors import one_off

from .helpers import KEY, NOW, URL

LIMIT = 1024


def body_of_size(size: int, timestamp: int = NOW) -> bytes:
    """A correctly signed callback body of exactly ``size`` bytes (padded inside a field)."""
    payload = {
        "taskId": "t-1",
        "pad": "",
        "timestamp": timestamp,
        "signature": callback_signature(URL, timestamp, KEY),
    }
    bare = len(json.dumps(payload).encode("utf-8"))
    assert size >= bare
    payload["pad"] = "x" * (size - bare)
    raw = json.dumps(payload).encode("utf-8")
    assert len(raw) == size
    return raw


@pytest.fixture
async def small() -> AsyncIterator[CallbackReceiver]:
    """A receiver with a 1 KiB body limit whose verifier runs on a fixed clock (``NOW``)."""
    async with CallbackReceiver(CallbackVerifier(URL, KEY, now=lambda: NOW), body_limit=LIMIT) as live:
        yield live


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(trust_env=False, timeout=30.0) as client:
        yield client


async def streamed(raw: bytes, piece: int = 100) -> AsyncIterator[bytes]:
    """The body in pieces without a Content-Length (chunked), so the limit must hold while reading."""
    for start in range(0, len(raw), piece):
        yield raw[start : start + piece]


@pytest.mark.parametrize(("size", "status"), [(LIMIT, 200), (LIMIT + 1, 413)], ids=["at-limit", "one-past"])
async def test_declared_body_at_the_limit_is_read_and_one_byte_more_refused(
    small: CallbackReceiver, http: httpx.AsyncClient, size: int, status: int
) -> None:
    raw = body_of_size(size)
    response = await http.post(small.url, content=raw)
    assert response.status_code == status
    delivery = small.deliveries[-1]
    assert delivery.answered_status == status
    if status == 200:
        assert delivery.body == raw and delivery.size == LIMIT
    else:
        assert delivery.body == b"" and f"over the {LIMIT} byte limit" in response.text


@pytest.mark.parametrize(("size", "status"), [(LIMIT, 200), (LIMIT + 1, 413)], ids=["at-limit", "one-past"])
async def test_streamed_body_at_the_limit_is_read_and_one_byte_more_refused(
    small: CallbackReceiver, http: httpx.AsyncClient, size: int, status: int
) -> None:
    raw = body_of_size(size)
    response = await http.post(small.url, content=streamed(raw))
    assert response.status_code == status
    assert small.deliveries[-1].answered_status == status
    if status == 200:
        assert small.deliveries[-1].body == raw


async def test_a_limit_of_one_byte_is_allowed_and_zero_refused() -> None:
    verifier = CallbackVerifier(URL, KEY)
    assert CallbackReceiver(verifier, body_limit=1).body_limit == 1
    with pytest.raises(ReceiverError, match="at least 1 byte"):
        CallbackReceiver(verifier, body_limit=0)


# -- tolerance at exactly its edge, both ways -----------------------------------------------------


@pytest.mark.parametrize("tolerance", [0, 1, 300])
@pytest.mark.parametrize(
    ("offset_past_edge", "status_past_edge"), [(-1, VerdictStatus.EXPIRED), (1, VerdictStatus.FUTURE)]
)
def test_tolerance_edge_is_inclusive_both_ways(
    tolerance: int, offset_past_edge: int, status_past_edge: VerdictStatus
) -> None:
    verifier = CallbackVerifier(URL, KEY, tolerance_s=tolerance, now=lambda: NOW)
    direction = 1 if offset_past_edge > 0 else -1
    at_edge = NOW + direction * tolerance
    verdict = verifier.verify_fields(at_edge, callback_signature(URL, at_edge, KEY), remember=False)
    assert verdict.status is VerdictStatus.VALID and verdict.age_s == -direction * tolerance
    past = at_edge + offset_past_edge
    verdict = verifier.verify_fields(past, callback_signature(URL, past, KEY), remember=False)
    assert verdict.status is status_past_edge and not verdict.accepted


def test_fractional_now_does_not_move_the_edge() -> None:
    """The verifier's clock has sub-second precision; the age is whole seconds, as the timestamp is."""
    verifier = CallbackVerifier(URL, KEY, tolerance_s=300, now=lambda: NOW + 0.999)
    edge = NOW - 300
    assert verifier.verify_fields(edge, callback_signature(URL, edge, KEY), remember=False).accepted
    past = edge - 1
    assert not verifier.verify_fields(past, callback_signature(URL, past, KEY), remember=False).accepted


# -- the whole signature counts ----------------------------------------------------------------------


@pytest.mark.parametrize("index", [31, 30, 16, 15, 0])
def test_a_signature_differing_in_one_character_is_refused(index: int) -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    good = callback_signature(URL, NOW, KEY)
    verdict = verifier.verify_fields(NOW, one_off(good, index), remember=False)
    assert verdict.status is VerdictStatus.INVALID_SIGNATURE and not verdict.accepted
    assert verifier.verify_fields(NOW, good, remember=False).status is VerdictStatus.VALID


async def test_the_receiver_refuses_a_signature_off_in_its_last_character(
    small: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    good = callback_signature(URL, NOW, KEY)
    body = json.dumps({"taskId": "t-9", "timestamp": NOW, "signature": one_off(good, 31)}).encode()
    response = await http.post(small.url, content=body)
    assert response.status_code == 401
    assert small.deliveries[-1].verdict is not None
    assert small.deliveries[-1].verdict.status is VerdictStatus.INVALID_SIGNATURE


async def test_a_refused_body_is_recorded_with_its_size_time_and_reason(
    small: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    declared = await http.post(small.url, content=body_of_size(LIMIT + 1))
    assert declared.text == f"body over the {LIMIT} byte limit\n"
    streamed_answer = await http.post(small.url, content=streamed(body_of_size(LIMIT + 1)))
    assert streamed_answer.text == f"body over the {LIMIT} byte limit\n"
    first, second = small.deliveries
    assert first.size == LIMIT + 1  # as announced
    assert first.note == f"body of {LIMIT + 1} bytes or more is over the {LIMIT} byte limit"
    assert LIMIT < second.size <= LIMIT + 100  # as far as it was read: the limit plus at most one piece
    assert second.note == f"body of {second.size} bytes or more is over the {LIMIT} byte limit"
    for delivery in (first, second):
        assert delivery.answered_status == 413 and delivery.verdict is None and delivery.body == b""
        assert delivery.received_at is not None and delivery.received_at.tzinfo is not None


def test_a_limit_below_one_byte_is_refused_in_words() -> None:
    with pytest.raises(ReceiverError) as caught:
        CallbackReceiver(CallbackVerifier(URL, KEY), body_limit=0)
    assert str(caught.value) == "the body limit must be at least 1 byte, got 0"


async def test_a_chunked_body_over_the_limit_sent_in_one_piece_is_refused(small: CallbackReceiver) -> None:
    """All of it may already be buffered when the handler runs: the limit must hold then too."""
    raw = body_of_size(LIMIT + 1)
    port = int(small.url.split(":")[2].rstrip("/"))
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    writer.write(head + f"{len(raw):x}\r\n".encode() + raw + b"\r\n0\r\n\r\n")
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=30)
    writer.close()
    await writer.wait_closed()
    assert status_line.startswith(b"HTTP/1.1 413")
    assert small.deliveries[-1].answered_status == 413
