"""The sender's 3-attempt policy and variants, against the real receiver on loopback."""

from __future__ import annotations

import asyncio
import json

import pytest

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.receiver import CallbackReceiver, FailureMode
from aigc_desktop.callbacks.sender import CallbackSender, DeliveryAttempt, SendError
from aigc_desktop.callbacks.verify import VerdictStatus
from aigc_desktop.platform.signing import callback_signature

from .helpers import KEY, URL

EVENT = {"taskId": "t-42", "status": "SUCCESS"}


def quick_sender(timeout_s: float = 2.0) -> CallbackSender:
    return CallbackSender(timeout_s=timeout_s, retry_delays_s=(0.01, 0.01))


async def test_valid_delivery_on_first_attempt(receiver: CallbackReceiver) -> None:
    async with quick_sender() as sender:
        report = await sender.send(receiver.url, KEY, EVENT, signed_as_url=URL)
    assert report.delivered and not report.dropped
    assert [(a.number, a.status_code, a.error) for a in report.attempts] == [(1, 200, None)]
    body = json.loads(report.body)
    assert body["taskId"] == "t-42" and len(str(body["timestamp"])) == 10
    assert body["signature"] == callback_signature(URL, body["timestamp"], KEY)
    assert KEY.encode() not in report.body
    assert receiver.deliveries[0].body == report.body


async def test_fails_twice_then_delivered_on_attempt_3(receiver: CallbackReceiver) -> None:
    receiver.failure_mode = FailureMode.HTTP500

    def recover_after_two(delivery: Delivery) -> None:
        if len(receiver.deliveries) == 2:
            receiver.failure_mode = FailureMode.NONE

    receiver.add_observer(recover_after_two)
    seen: list[DeliveryAttempt] = []
    async with quick_sender() as sender:
        report = await sender.send(receiver.url, KEY, EVENT, signed_as_url=URL, on_attempt=seen.append)
    assert report.delivered and "attempt 3" in report.summary()
    assert [a.status_code for a in report.attempts] == [500, 500, 200]
    assert seen == report.attempts
    assert [d.verdict.attempt for d in receiver.deliveries if d.verdict] == [1, 2, 3]
    assert {d.body for d in receiver.deliveries} == {report.body}  # every attempt carries the same body


async def test_always_failing_receiver_means_dropped_after_3(receiver: CallbackReceiver) -> None:
    receiver.failure_mode = FailureMode.HTTP500
    async with quick_sender() as sender:
        report = await sender.send(receiver.url, KEY, EVENT, signed_as_url=URL)
    assert report.dropped and not report.delivered
    assert len(report.attempts) == 3 and report.summary() == "dropped after 3 failed attempts"
    assert all(a.error == "answered HTTP 500, not 200" for a in report.attempts)
    assert (
        report.attempts[0].error_in("zh_CN") == "响应 HTTP 500，不是 200"
    )  # the Chinese sender pane's words


async def test_stalled_receiver_times_out_each_attempt(receiver: CallbackReceiver) -> None:
    receiver.failure_mode = FailureMode.STALL
    async with quick_sender(timeout_s=0.2) as sender:
        report = await sender.send(receiver.url, KEY, EVENT, signed_as_url=URL)
    assert report.dropped
    assert [(a.status_code, a.error) for a in report.attempts] == [(None, "no answer within 0.2 s")] * 3


async def test_unreachable_receiver_is_dropped_with_reason() -> None:
    async with quick_sender() as sender:
        report = await sender.send("http://127.0.0.1:1/cb", KEY, EVENT)
    assert report.dropped
    assert all(a.error and "could not connect" in a.error for a in report.attempts)


@pytest.mark.parametrize(
    ("variant", "status"),
    [
        ("valid", VerdictStatus.VALID),
        ("expired", VerdictStatus.EXPIRED),
        ("future", VerdictStatus.FUTURE),
        ("wrong_key", VerdictStatus.INVALID_SIGNATURE),
        ("other_url", VerdictStatus.INVALID_SIGNATURE),
    ],
)
async def test_variants_are_judged_as_intended(
    receiver: CallbackReceiver, variant: str, status: VerdictStatus
) -> None:
    async with CallbackSender(timeout_s=2.0, retry_delays_s=()) as sender:
        report = await sender.send(receiver.url, KEY, EVENT, variant=variant, signed_as_url=URL)
    assert report.delivered is (status is VerdictStatus.VALID)
    verdict = receiver.deliveries[0].verdict
    assert verdict is not None and verdict.status is status


async def test_unsigned_body_without_auth_key(receiver: CallbackReceiver) -> None:
    async with CallbackSender(timeout_s=2.0, retry_delays_s=()) as sender:
        report = await sender.send(receiver.url, None, EVENT)
    assert json.loads(report.body) == EVENT and report.signature is None
    verdict = receiver.deliveries[0].verdict
    assert verdict is not None and verdict.status is VerdictStatus.UNSIGNED and not verdict.accepted


async def test_retry_wait_is_cancellable(receiver: CallbackReceiver) -> None:
    receiver.failure_mode = FailureMode.HTTP500
    first = asyncio.Event()
    async with CallbackSender(timeout_s=2.0, retry_delays_s=(3600.0, 3600.0)) as sender:
        task = asyncio.create_task(sender.send(receiver.url, KEY, EVENT, on_attempt=lambda a: first.set()))
        await asyncio.wait_for(first.wait(), timeout=5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert len(receiver.deliveries) == 1


async def test_bad_input_gives_clear_errors() -> None:
    async with quick_sender() as sender:
        with pytest.raises(SendError, match="unknown variant 'sideways'"):
            await sender.send("http://127.0.0.1:1/", KEY, EVENT, variant="sideways")
        with pytest.raises(SendError, match="absolute http"):
            await sender.send("ftp://example.com/", KEY, EVENT)
        with pytest.raises(SendError, match="cannot be encoded as JSON"):
            await sender.send("http://127.0.0.1:1/", KEY, {"when": object()})
        with pytest.raises(SendError, match="needs an AuthKey"):
            await sender.send("http://127.0.0.1:1/", None, EVENT, variant="expired")
    with pytest.raises(SendError, match="timeout_s must be positive"):
        CallbackSender(timeout_s=0)


async def test_now_override_sets_the_timestamp() -> None:
    sender = CallbackSender()
    body, timestamp, signature = sender.build_body(URL, KEY, EVENT, now=1_700_000_000)
    assert timestamp == 1_700_000_000 and json.loads(body)["timestamp"] == 1_700_000_000
    assert signature == callback_signature(URL, 1_700_000_000, KEY)
    await sender.aclose()
