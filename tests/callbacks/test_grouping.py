"""Deliveries grouped by event without Qt: attempt numbers, and bounds by events, bytes and attempts."""

from __future__ import annotations

from datetime import UTC, datetime

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.grouping import KEPT_ATTEMPTS, DeliveryGroups
from aigc_desktop.callbacks.verify import CallbackVerifier

from .helpers import KEY, NOW, URL, signed_body


def delivery(number: int, body: bytes, verifier: CallbackVerifier) -> Delivery:
    return Delivery(
        id=number,
        received_at=datetime.now(UTC),
        peer="127.0.0.1:1",
        method="POST",
        path="/",
        request_url=URL,
        headers=(),
        body=body,
        size=len(body),
        verdict=verifier.verify_body(body),
        answered_status=200,
    )


def test_retries_of_an_event_are_numbered_whatever_their_verdict() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    wrong = signed_body(key="WrongKey2024abcdefXYZ", timestamp=NOW)
    events = DeliveryGroups()
    assert [events.add(delivery(n, wrong, verifier)).attempts for n in (1, 2, 3)] == [1, 2, 3]
    other = signed_body(key="WrongKey2024abcdefXYZ", timestamp=NOW, taskId="t-2")  # same signature
    assert events.add(delivery(4, other, verifier)).attempts == 1  # another body: another event
    assert events.add(delivery(5, b"not json", verifier)).attempts == 1  # nothing to group by
    assert events.add(delivery(6, b"not json", verifier)).attempts == 1
    assert (len(events), events.requests) == (4, 6)


def test_kept_by_events_and_by_body_bytes() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    bodies = [signed_body(timestamp=NOW - n, taskId="x" * 1000) for n in range(5)]
    size = len(bodies[0])
    events = DeliveryGroups(max_events=10, max_bytes=3 * size)  # exactly three bodies fit
    events.add_many(delivery(n, body, verifier) for n, body in enumerate(bodies[:3]))
    assert (len(events), events.dropped, events.body_bytes) == (3, 0, 3 * size)
    events.add(delivery(3, bodies[3], verifier))  # one byte-full more: the oldest goes
    assert (len(events), events.dropped, events.body_bytes) == (3, 1, 3 * size)
    assert [g.first.id for g in events.groups()] == [3, 2, 1]
    events.max_events = 2
    events.add(delivery(4, bodies[4], verifier))
    assert [g.first.id for g in events.groups()] == [4, 3]


def test_an_endless_retrier_keeps_the_first_and_latest_attempts_only() -> None:
    verifier = CallbackVerifier(URL, KEY, now=lambda: NOW)
    body = signed_body(timestamp=NOW)
    events = DeliveryGroups()
    for number in range(1, KEPT_ATTEMPTS + 6):
        group = events.add(delivery(number, body, verifier))
    assert group.attempts == KEPT_ATTEMPTS + 5 and len(group.deliveries) == KEPT_ATTEMPTS
    assert group.first.id == 1 and group.latest.id == KEPT_ATTEMPTS + 5
    assert [group.attempt_of(d) for d in group.deliveries[:2]] == [1, 7]
    assert group.body_bytes == KEPT_ATTEMPTS * len(body) and events.requests == KEPT_ATTEMPTS + 5
