"""Receiver fuzz: thousands of malformed, partial, oversized and slow raw HTTP requests over loopback.

Raw asyncio sockets, so nothing is tidied up by an HTTP library: garbage, broken request lines and
headers, huge headers, bodies cut short, declared and real oversize bodies, broken chunking, slow
bodies, bad JSON and bad signatures, wrong methods and paths. Bounded in count (5,000 in CI) and in
time (per connection and overall), with concurrency. The receiver must answer each with a 4xx or
close the connection — never a 2xx or 5xx, never hold it — and stay up: a valid delivery still
works afterwards. Peak and current RSS (``/proc/self/status``) are printed before and after.
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import random
import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aigc_desktop.callbacks.receiver import REFUSED_BODY_KEPT, CallbackReceiver
from aigc_desktop.callbacks.sender import CallbackSender
from aigc_desktop.callbacks.verify import CallbackVerifier
from aigc_desktop.platform.signing import callback_signature, now_s
from tests.reliability import matrix
from tests.reliability.conftest import IN_CI

KEY = "FuzzCurrentKey2024abcXYZ"
PREVIOUS = "FuzzPreviousKey2023defUV"
SIGNED_AS = "https://hooks.example.com/aigc/fuzz"
PATH = "/cb"
REQUESTS = 5000 if IN_CI else 1500
CONCURRENCY = 64
WARM_UP = 300
READ_TIMEOUT_S = 0.5  # the receiver's body deadline; slow probes trickle for longer
ANSWER_WAIT_S = 5.0  # per connection: an answer (or a close) must come within this
TOTAL_BUDGET_S = 300.0
MIB = 1024 * 1024
_STATUS = re.compile(rb"HTTP/1\.[01] (\d{3})")


@dataclass
class Probe:
    kind: str
    parts: list[bytes]
    pause_s: float = 0.0  # between parts
    # Shut our writing side after the last part (EOF): only for requests cut off on purpose, since
    # aiohttp drops a half-closed connection without answering (which would hide the 4xx under test).
    half_close: bool = False


@dataclass
class Outcome:
    statuses: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)


def _head(method: str = "POST", path: str = PATH, headers: dict[str, str] | None = None) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def _framed(body: bytes, **headers: str) -> bytes:
    return (
        _head(headers={"Content-Type": "application/json", "Content-Length": str(len(body)), **headers})
        + body
    )


def _signed(rng: random.Random, key: str) -> bytes:
    ts = now_s() + rng.randint(-10, 10)
    event = {"taskId": f"fuzz-{rng.randrange(10**9)}", "status": "SUCCESS", "timestamp": ts}
    event["signature"] = callback_signature(SIGNED_AS, ts, key)
    return json.dumps(event).encode()


def make_probe(rng: random.Random) -> Probe:
    """One hostile request; the mix leans on cheap ones, with a bounded share of big and slow ones."""
    roll = rng.random()
    valid = _framed(_signed(rng, KEY))
    if roll < 0.12:
        return Probe("garbage", [rng.randbytes(rng.randint(1, 4096))], half_close=True)
    if roll < 0.22:
        line = rng.choice(
            [b"GET\r\n\r\n", b"POST / HTTP/9.9\r\n\r\n", b"\x00\x01\x02 / HTTP/1.1\r\n\r\n", b"POST  HTTP/1.1\r\n\r\n",
             b"POST /cb HTTP/1.1 extra\r\n\r\n", b"PO ST /cb HTTP/1.1\r\n\r\n",
             b"POST /cb\x7f HTTP/1.1\r\nHost: x\r\n\r\n", b"POST http://[::1 HTTP/1.1\r\n\r\n"]
        )  # fmt: skip
        return Probe("bad request line", [line])
    if roll < 0.34:
        header = rng.choice(
            ["Bad Header Without Colon", "X-A: \x00nul", "Content-Length: -5", "Content-Length: abc",
             "Content-Length: 5\r\nContent-Length: 7", "Transfer-Encoding: chunked\r\nContent-Length: 3",
             "Transfer-Encoding: gzip, chunked", " folded: continuation", "Content-Length: 99999999999999999999"]
        )  # fmt: skip
        text = f"POST {PATH} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{header}\r\n\r\n" + "{}"
        return Probe("bad headers", [text.encode("latin-1")])
    if roll < 0.40:
        size = rng.choice([9_000, 20_000, 70_000, 200_000])
        return Probe("huge header", [_head(headers={"X-Big": "a" * size})])
    if roll < 0.50:
        cut = valid[: rng.randint(1, valid.index(b"\r\n\r\n") + 2)]
        blank = b"\r\n" * rng.randint(1, 8)  # a server skips blank lines and waits: EOF ends it
        return Probe("partial headers, then EOF", [rng.choice([cut, blank])], half_close=True)
    if roll < 0.60:
        cut = valid.index(b"\r\n\r\n") + 4 + rng.randint(0, max(0, len(valid) - valid.index(b"\r\n\r\n") - 6))
        return Probe("partial body, then EOF", [valid[:cut]], half_close=True)
    if roll < 0.66:
        declared = rng.choice([MIB + 1, 10 * MIB, 10**9, 10**12])
        return Probe("oversize declared", [_head(headers={"Content-Length": str(declared)}) + b"{" * 100])
    if roll < 0.663:  # few: 2 MB of junk after an HTTP/1.0 head with no length (must not be logged or echoed)
        return Probe(
            "HTTP/1.0 junk, no length", [f"POST {PATH} HTTP/1.0\r\nHost: x\r\n\r\n".encode() + b"j" * 2 * MIB]
        )
    if roll < 0.665:  # few: each sends more than the 1 MiB limit for real
        chunk = b"x" * 65536
        parts = [_head(headers={"Transfer-Encoding": "chunked"})] + [b"10000\r\n" + chunk + b"\r\n"] * 18
        return Probe("oversize chunked body", parts)
    if roll < 0.72:
        bad = rng.choice(
            [b"zz\r\nabc\r\n0\r\n\r\n", b"5\r\nabc\r\n0\r\n\r\n", b"-1\r\n\r\n", b"ffffffffffffffff\r\nx"]
        )
        return Probe("broken chunking", [_head(headers={"Transfer-Encoding": "chunked"}) + bad])
    if roll < 0.80:
        body = rng.choice(
            [rng.randbytes(rng.randint(0, 300)), b"{", b"[]", b'{"timestamp": "x"}', b"null", b"\xff\xfe"]
        )
        return Probe("malformed body", [_framed(body)])
    if roll < 0.88:
        body = _signed(rng, "WrongKey2024abcdefXY")  # (an altered body would keep a valid signature)
        stale = json.dumps({"taskId": "x", "timestamp": 1, "signature": "0" * 32}).encode()
        if rng.random() < 0.3:  # bytes that are not UTF-8 in the Host header
            head = f"POST {PATH} HTTP/1.1\r\nHost: a\xffb\r\nConnection: close\r\n"
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            return Probe("non-UTF-8 host, bad signature", [head.encode("latin-1") + body])
        return Probe("bad signature or stale", [_framed(rng.choice([body, stale]))])
    if roll < 0.93:
        method, path = rng.choice(
            [("GET", PATH), ("PUT", PATH), ("DELETE", PATH), ("POST", "/other"), ("POST", "/cb/../x")]
        )
        return Probe("wrong method or path", [_head(method, path, {"Content-Length": "2"}) + b"{}"])
    if roll < 0.95:
        return Probe("expect 100-continue", [_framed(b"{not json", Expect="100-continue")])
    # slow: headers promise a body that trickles in longer than the receiver waits for it
    body = _signed(rng, KEY)
    head = _framed(body)[: -len(body)]
    pieces = [body[i : i + 8] for i in range(0, 32, 8)]
    return Probe("slow body", [head, *pieces], pause_s=READ_TIMEOUT_S / 2)


async def _answer(reader: asyncio.StreamReader) -> bytes:
    """Bytes until a final (non-1xx) status line and its headers, or EOF."""
    data = b""
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            return data
        data += chunk
        finals = [m for m in _STATUS.finditer(data) if not m.group(1).startswith(b"1")]
        if finals and b"\r\n\r\n" in data[finals[-1].start() :]:
            return data


async def send_probe(port: int, probe: Probe) -> str:
    """``4xx``/``closed``/``held``/``NNN``: what the receiver did with one hostile request."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        async with asyncio.timeout(ANSWER_WAIT_S + probe.pause_s * len(probe.parts)):
            try:
                for index, part in enumerate(probe.parts):
                    if index and probe.pause_s:
                        await asyncio.sleep(probe.pause_s)  # the trickle itself, not a synchronisation
                    writer.write(part)
                    await writer.drain()
                if probe.half_close and writer.can_write_eof():
                    writer.write_eof()
            except (ConnectionError, OSError):
                pass  # the receiver already gave up on us: read what it said, if anything
            try:
                data = await _answer(reader)
            except (ConnectionError, OSError):
                return "closed"
    except TimeoutError:
        return "held"
    finally:
        writer.close()
    statuses = [m.group(1) for m in _STATUS.finditer(data) if not m.group(1).startswith(b"1")]
    if not statuses:
        return "closed"
    return statuses[-1].decode()


def _memory() -> dict[str, int]:
    """VmRSS and VmHWM (peak) of this process, in kB."""
    values: dict[str, int] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values


@pytest.fixture
async def receiver() -> AsyncIterator[CallbackReceiver]:
    live = CallbackReceiver(
        CallbackVerifier(SIGNED_AS, KEY, PREVIOUS), path=PATH, read_timeout_s=READ_TIMEOUT_S, stall_s=5.0
    )
    await live.start()
    try:
        yield live
    finally:
        await live.stop()


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads RSS from /proc")
async def test_receiver_survives_thousands_of_hostile_requests(
    receiver: CallbackReceiver, caplog: pytest.LogCaptureFixture
) -> None:
    # aiohttp logs each malformed request with its traceback; the test's log capture would keep every
    # record (and the frames it references) alive and count it against the receiver's memory.
    caplog.set_level(logging.CRITICAL, logger="aiohttp.server")
    port = int(receiver.url.rsplit(":", 1)[1].split("/", 1)[0])
    seed = int(os.environ.get("AIGC_FUZZ_SEED", "20261127"))
    rng = random.Random(seed)
    warm_up = [make_probe(rng) for _ in range(WARM_UP)]
    probes = [make_probe(rng) for _ in range(REQUESTS)]
    outcome = Outcome()
    limit = asyncio.Semaphore(CONCURRENCY)

    async def run(probe: Probe, into: Outcome) -> None:
        async with limit:
            result = await send_probe(port, probe)
        into.statuses[result] += 1
        ok = result == "closed" or (len(result) == 3 and result.startswith("4"))
        if not ok:
            into.failures.append(f"{probe.kind}: {result}")

    async with asyncio.timeout(TOTAL_BUDGET_S):
        # A warm-up round first, so one-time allocations (parsers, buffers, logging) are not counted as growth.
        await asyncio.gather(*(run(probe, Outcome()) for probe in warm_up))
        gc.collect()
        before = _memory()
        await asyncio.gather(*(run(probe, outcome) for probe in probes))
    gc.collect()
    after = _memory()
    kinds = Counter(probe.kind for probe in probes)
    line = (
        f"receiver fuzz (seed {seed}): {len(probes)} hostile requests, answers {dict(outcome.statuses)}; "
        f"RSS {before['VmRSS'] // 1024} MiB -> {after['VmRSS'] // 1024} MiB, "
        f"peak (VmHWM) {before['VmHWM'] // 1024} MiB -> {after['VmHWM'] // 1024} MiB"
    )
    print(f"\n{line}\nkinds: {dict(kinds)}")
    matrix.NOTES["receiver-fuzz"] = line

    assert outcome.failures == [], Counter(outcome.failures).most_common(10)
    assert sum(outcome.statuses.values()) == REQUESTS and len(kinds) >= 12
    assert outcome.statuses["408"] > 0 and outcome.statuses["413"] > 0  # slow and big ones were judged
    assert after["VmRSS"] - before["VmRSS"] < 100 * 1024  # generous: < +100 MB
    assert receiver.running
    refused = [d for d in receiver.deliveries if d.verdict is None or not d.verdict.accepted]
    assert refused and all(len(d.body) <= REFUSED_BODY_KEPT for d in refused)  # no junk kept whole

    # Still a working receiver: a valid delivery from the sender is accepted.
    async with CallbackSender(timeout_s=5.0, retry_delays_s=(0.01, 0.01)) as sender:
        report = await sender.send(
            receiver.url, KEY, {"taskId": "after-fuzz", "status": "SUCCESS"}, signed_as_url=SIGNED_AS
        )
    assert report.delivered
    assert receiver.deliveries[-1].answered_status == 200


async def test_headers_that_never_finish_are_cut_off(receiver: CallbackReceiver) -> None:
    port = int(receiver.url.rsplit(":", 1)[1].split("/", 1)[0])
    probe = Probe("slowloris", [f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode()])
    assert await send_probe(port, probe) in {"closed", "408", "400"}
