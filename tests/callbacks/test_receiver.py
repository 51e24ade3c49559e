"""The receiver over real loopback HTTP: answers, history, failure modes, limits and slow clients."""

from __future__ import annotations

import asyncio
import json
import logging
import threading

import httpx
import pytest

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.receiver import REFUSED_BODY_KEPT, CallbackReceiver, FailureMode, ReceiverError
from aigc_desktop.callbacks.verify import CallbackVerifier, Diagnosis, KeyUsed, VerdictStatus
from aigc_desktop.platform.signing import now_s

from .helpers import KEY, PREVIOUS, URL, signed_body


def fresh(**kwargs: object) -> bytes:
    return signed_body(timestamp=now_s(), **kwargs)  # type: ignore[arg-type]


async def test_valid_delivery_is_answered_200_and_recorded(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    seen: list[Delivery] = []
    receiver.add_observer(seen.append)
    body = fresh()
    response = await http.post(
        receiver.url + "hooks/aigc?x=1",
        content=body,
        headers={"Content-Type": "application/json", "Authorization": "Bearer very-secret"},
    )
    assert response.status_code == 200
    [delivery] = seen
    assert delivery.verdict is not None and delivery.verdict.status is VerdictStatus.VALID
    assert delivery.answered_status == 200
    assert delivery.body == body and delivery.size == len(body)
    assert delivery.method == "POST" and delivery.path == "/hooks/aigc?x=1"
    assert delivery.peer.startswith("127.0.0.1:")
    assert ("Authorization", "[redacted]") in delivery.headers
    assert delivery.group_key == (json.loads(body)["timestamp"], json.loads(body)["signature"])
    assert receiver.deliveries == seen


@pytest.mark.parametrize(
    ("body", "status", "verdict"),
    [
        (
            lambda: signed_body(timestamp=now_s(), key="NotTheKey123abcXYZ"),
            401,
            VerdictStatus.INVALID_SIGNATURE,
        ),
        (lambda: signed_body(timestamp=now_s() - 3600), 401, VerdictStatus.EXPIRED),
        (lambda: signed_body(timestamp=now_s() + 3600), 401, VerdictStatus.FUTURE),
        (lambda: b"this is not json", 400, VerdictStatus.MALFORMED),
        (lambda: b'{"taskId": "t-1"}', 401, VerdictStatus.UNSIGNED),
    ],
)
async def test_refusals(
    receiver: CallbackReceiver, http: httpx.AsyncClient, body: object, status: int, verdict: VerdictStatus
) -> None:
    response = await http.post(receiver.url, content=body())  # type: ignore[operator]
    assert response.status_code == status
    assert verdict.value in response.text  # the answer says why, for the sender's logs
    [delivery] = receiver.deliveries
    assert delivery.verdict is not None and delivery.verdict.status is verdict
    assert delivery.answered_status == status


async def test_retry_is_accepted_and_replay_refused(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    timestamp = now_s()
    body = signed_body(timestamp=timestamp)
    first, retry = [await http.post(receiver.url, content=body) for _ in range(2)]
    assert (first.status_code, retry.status_code) == (200, 200)
    forged = await http.post(receiver.url, content=signed_body(timestamp=timestamp, taskId="forged"))
    assert forged.status_code == 401
    verdicts = [d.verdict for d in receiver.deliveries]
    assert [(v.status, v.attempt) for v in verdicts if v] == [
        (VerdictStatus.VALID, 1),
        (VerdictStatus.VALID, 2),
        (VerdictStatus.REPLAYED, 1),  # the first sighting of the forged body
    ]
    assert len({d.group_key for d in receiver.deliveries}) == 1


async def test_previous_key_is_accepted_and_counted(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    response = await http.post(receiver.url, content=fresh(key=PREVIOUS))
    assert response.status_code == 200
    [delivery] = receiver.deliveries
    assert delivery.verdict is not None and delivery.verdict.key_used is KeyUsed.PREVIOUS
    assert receiver.verifier.stats.previous_key_count == 1


async def test_non_post_is_405(receiver: CallbackReceiver, http: httpx.AsyncClient) -> None:
    response = await http.get(receiver.url)
    assert response.status_code == 405 and response.headers["Allow"] == "POST"
    assert receiver.deliveries[0].answered_status == 405


async def test_oversize_body_is_413() -> None:
    verifier = CallbackVerifier(URL, KEY)
    async with (
        CallbackReceiver(verifier, body_limit=1024) as small,
        httpx.AsyncClient(trust_env=False) as http,
    ):
        announced = await http.post(small.url, content=b"x" * 5000)
        assert announced.status_code == 413

        async def chunks() -> object:  # no Content-Length: the limit must hold while streaming
            for _ in range(10):
                yield b"y" * 512

        streamed = await http.post(small.url, content=chunks())  # type: ignore[arg-type]
        assert streamed.status_code == 413
        ok = await http.post(small.url, content=fresh())
        assert ok.status_code == 200
        assert [d.answered_status for d in small.deliveries] == [413, 413, 200]
        assert small.deliveries[1].body == b""  # nothing over the limit is kept


async def open_slow_post(url: str) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A POST announcing 100 bytes whose body has not started: the receiver waits for it."""
    port = int(url.split(":")[2].rstrip("/"))
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n")
    writer.write(b"Content-Length: 100\r\n\r\n")
    await writer.drain()
    return reader, writer


async def test_slow_client_does_not_block_others() -> None:
    # A read timeout far longer than the test: a busy machine cannot expire the slow request early.
    verifier = CallbackVerifier(URL, KEY)
    async with (
        CallbackReceiver(verifier, read_timeout_s=60.0) as live,
        httpx.AsyncClient(trust_env=False) as http,
    ):
        _reader, writer = await open_slow_post(live.url)
        for age, piece in enumerate((b'{"ta', b"skId", b'":')):  # trickle while others are served
            writer.write(piece)
            await writer.drain()
            response = await http.post(live.url, content=signed_body(timestamp=now_s() - age))
            assert response.status_code == 200
        assert [d.answered_status for d in live.deliveries] == [200, 200, 200]  # the slow one still pending
        writer.close()
        await writer.wait_closed()


async def test_body_not_received_within_the_read_timeout_is_408() -> None:
    # Nothing else happens meanwhile, so the short timeout races with nothing.
    verifier = CallbackVerifier(URL, KEY)
    async with CallbackReceiver(verifier, read_timeout_s=0.5) as live:
        reader, writer = await open_slow_post(live.url)
        writer.write(b'{"ta')  # then it stops sending
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), timeout=30)
        assert status_line.startswith(b"HTTP/1.1 408")
        assert [d.answered_status for d in live.deliveries] == [408]
        assert "not received within 0.5 s" in live.deliveries[-1].note
        writer.close()
        await writer.wait_closed()


async def test_simulated_http500(receiver: CallbackReceiver, http: httpx.AsyncClient) -> None:
    receiver.failure_mode = FailureMode.HTTP500
    response = await http.post(receiver.url, content=fresh())
    assert response.status_code == 500
    [delivery] = receiver.deliveries
    assert delivery.verdict is not None and delivery.verdict.accepted  # verified, then failed on purpose
    assert delivery.note == "simulated HTTP 500"


async def test_stall_holds_until_stop(http: httpx.AsyncClient) -> None:
    live = CallbackReceiver(CallbackVerifier(URL, KEY), stall_s=60)
    await live.start()
    live.failure_mode = FailureMode.STALL
    arrived = asyncio.Event()
    live.add_observer(lambda delivery: arrived.set())
    with pytest.raises(httpx.ReadTimeout):
        await http.post(live.url, content=fresh(), timeout=0.3)
    assert live.deliveries == []  # still held
    await live.stop()
    await asyncio.wait_for(arrived.wait(), timeout=5)
    [delivery] = live.deliveries
    assert "released by stop" in delivery.note


async def test_stall_ends_after_stall_time(receiver: CallbackReceiver, http: httpx.AsyncClient) -> None:
    receiver.failure_mode = FailureMode.STALL
    receiver.stall_s = 0.2
    response = await http.post(receiver.url, content=fresh())
    assert response.status_code == 503
    assert receiver.deliveries[0].note == "stalled 0.2 s (simulated)"


async def test_forwarding_valid_deliveries(receiver: CallbackReceiver, http: httpx.AsyncClient) -> None:
    downstream = CallbackReceiver(CallbackVerifier(URL, None))
    async with downstream:
        receiver.forward_to = downstream.url + "app"
        forwarded = asyncio.Event()
        receiver.add_observer(lambda delivery: forwarded.set())
        body = fresh()
        assert (await http.post(receiver.url, content=body)).status_code == 200
        await asyncio.wait_for(forwarded.wait(), timeout=5)
        [delivery] = receiver.deliveries
        assert delivery.forward is not None and delivery.forward.status_code == 200
        assert delivery.forward.error is None
        assert [d.body for d in downstream.deliveries] == [body]


async def test_forward_failure_is_recorded(receiver: CallbackReceiver, http: httpx.AsyncClient) -> None:
    receiver.forward_to = "http://127.0.0.1:1/nothing-listens"
    recorded = asyncio.Event()
    receiver.add_observer(lambda delivery: recorded.set())
    assert (await http.post(receiver.url, content=fresh())).status_code == 200
    await asyncio.wait_for(recorded.wait(), timeout=5)  # the sender is answered before the forward
    forward = receiver.deliveries[0].forward
    assert forward is not None and forward.status_code is None and forward.error


async def test_fixed_path_refuses_others(http: httpx.AsyncClient) -> None:
    async with CallbackReceiver(CallbackVerifier(URL, KEY), path="/cb") as live:
        assert live.url.endswith("/cb")
        assert (await http.post(live.url, content=fresh())).status_code == 200
        assert (await http.post(live.url.replace("/cb", "/other"), content=fresh())).status_code == 404


async def test_observer_errors_do_not_break_the_receiver(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    def broken(delivery: Delivery) -> None:
        raise RuntimeError("observer bug")

    receiver.add_observer(broken)
    assert (await http.post(receiver.url, content=fresh())).status_code == 200


async def test_history_is_bounded(http: httpx.AsyncClient) -> None:
    async with CallbackReceiver(CallbackVerifier(URL, KEY), history=3) as live:
        for _ in range(5):
            await http.post(live.url, content=b"x")
        assert [d.id for d in live.deliveries] == [3, 4, 5]


def test_non_loopback_host_needs_allow_lan() -> None:
    with pytest.raises(ReceiverError, match="not a loopback address"):
        CallbackReceiver(CallbackVerifier(URL, KEY), host="0.0.0.0")
    CallbackReceiver(CallbackVerifier(URL, KEY), host="0.0.0.0", allow_lan=True)  # explicit opt-in


async def test_port_in_use_is_a_clear_error(receiver: CallbackReceiver) -> None:
    port = int(receiver.url.split(":")[2].rstrip("/"))
    with pytest.raises(ReceiverError, match=f"cannot listen on 127.0.0.1:{port}"):
        await CallbackReceiver(CallbackVerifier(URL, KEY), port=port).start()


async def test_sender_vanishing_mid_body_is_recorded(receiver: CallbackReceiver) -> None:
    recorded = asyncio.Event()
    receiver.add_observer(lambda delivery: recorded.set())
    port = int(receiver.url.split(":")[2].rstrip("/"))
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"taskId"')
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    await asyncio.wait_for(recorded.wait(), timeout=5)
    [delivery] = receiver.deliveries
    assert delivery.answered_status is None and "client went away" in delivery.note


# --- hostile input (issue 15) ---------------------------------------------------------------


def port_of(receiver: CallbackReceiver) -> int:
    return int(receiver.url.split(":")[2].split("/")[0])


async def raw_exchange(port: int, request: bytes) -> bytes:
    """Send raw bytes, read the whole answer (the receiver closes the connection after it)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        answer = b""
        async with asyncio.timeout(10):
            try:
                while chunk := await reader.read(65536):
                    answer += chunk
            except ConnectionError:  # closed while part of our request was still unread
                pass
        return answer
    finally:
        writer.close()


async def test_refused_bodies_keep_a_prefix_and_the_history_is_bounded_by_bytes(
    http: httpx.AsyncClient,
) -> None:
    junk = bytes(range(256)) * 400  # 100 KiB, not JSON
    valid = [signed_body(timestamp=now_s() - n, taskId="x" * 500) for n in range(5)]  # distinct events
    room = 3 * REFUSED_BODY_KEPT + sum(map(len, valid))
    async with CallbackReceiver(CallbackVerifier(URL, KEY), history_bytes=room) as live:
        for _ in range(5):
            assert (await http.post(live.url, content=junk)).status_code == 400
        refused = live.deliveries
        assert [(len(d.body), d.size, d.body_complete) for d in refused] == [
            (REFUSED_BODY_KEPT, len(junk), False)
        ] * 5
        assert refused[0].body == junk[:REFUSED_BODY_KEPT]
        assert live.history_bytes == 5 * REFUSED_BODY_KEPT
        for body in valid:
            assert (await http.post(live.url, content=body)).status_code == 200
        kept = live.deliveries
        assert all(d.body_complete for d in kept if d.verdict and d.verdict.accepted)  # accepted: whole
        # 3 refused prefixes + 5 valid bodies fit exactly; the 2 oldest refused ones went for the bytes.
        assert len(kept) == 8 and live.history_bytes <= live.history_bytes_limit
        assert [d.id for d in kept] == list(range(3, 11))


async def test_non_utf8_host_header_is_answered_401_with_its_reason(receiver: CallbackReceiver) -> None:
    body = fresh(signature="0123456789abcdef0123456789abcdef")
    request = (
        b"POST /cb HTTP/1.1\r\nHost: a\xffb\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    answer = await raw_exchange(port_of(receiver), request)
    assert answer.startswith(b"HTTP/1.1 401 ")
    assert b"invalid_signature: The signature does not match" in answer
    [delivery] = receiver.deliveries
    assert delivery.request_url == "http://a\\xffb/cb"  # the raw byte shown, not a crash
    assert delivery.verdict is not None and delivery.verdict.status is VerdictStatus.INVALID_SIGNATURE
    json.dumps(delivery.request_url).encode("utf-8")  # exportable as UTF-8


async def test_a_malformed_request_gets_a_short_400_and_one_short_log_line(
    receiver: CallbackReceiver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="aiohttp.server")
    data = b"x" * (2 * 1024 * 1024)
    answer = await raw_exchange(port_of(receiver), b"POST /cb HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" + data)
    assert answer.startswith(b"HTTP/1.0 400 ")
    _, _, text = answer.partition(b"\r\n\r\n")
    assert len(text) <= 100 and b"xxx" not in text  # says what was wrong, echoes no payload
    lines = [record.getMessage() for record in caplog.records if record.name == "aiohttp.server"]
    assert len(lines) == 1 and len(lines[0]) < 400, lines
    assert lines[0].startswith("rejected a malformed HTTP request:") and "characters in all" in lines[0]
    assert not any(record.exc_info for record in caplog.records)


async def test_a_wrong_signature_is_diagnosed_on_a_worker_thread(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    receiver.verifier.callback_url = URL
    body = signed_body(URL + "/", KEY, now_s())  # the sender added a trailing slash
    answer = await http.post(receiver.url, content=body)
    assert answer.status_code == 401 and "likely cause: signed URL with a trailing slash" in answer.text
    assert threading.main_thread() is threading.current_thread()
    workers = [thread.name for thread in threading.enumerate() if thread.name.startswith("near-miss")]
    assert workers, "the near-miss search ran on the loop's thread"
    [delivery] = receiver.deliveries
    assert delivery.verdict is not None and delivery.verdict.diagnosis is Diagnosis.DONE


async def test_past_the_budget_a_wrong_signature_is_judged_without_diagnosis(
    receiver: CallbackReceiver, http: httpx.AsyncClient
) -> None:
    receiver.verifier.budget.per_second_s = 0.0  # spent at once
    body = signed_body(URL + "/", KEY, now_s())
    answer = await http.post(receiver.url, content=body)
    assert answer.status_code == 401
    assert "judged without looking for the likely cause" in answer.text
    [delivery] = receiver.deliveries
    assert delivery.verdict is not None and delivery.verdict.diagnosis is Diagnosis.SKIPPED
