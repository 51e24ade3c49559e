"""Deliveries grouped by event: the platform's retries of one event folded together, with attempt numbers.

Retries of one event carry the same body, timestamp and signature, so groups are keyed by (timestamp,
signature, body digest). A different body under the same signature (a replay, or a second event in the
same second) gets its own group, so it cannot hide inside the original's retries. A delivery with no
signature to group by is an event of its own. Qt-free: ``listen`` numbers attempts with it ("attempt
2/3") and the receiver pane's table renders its groups.

Bounded: the newest ``max_events`` events and ``max_bytes`` of bodies are kept (older ones are counted
in ``dropped``), and a group keeps its first and latest ``KEPT_ATTEMPTS - 1`` deliveries however often a
sender repeats it, while ``attempts`` still counts every one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aigc_desktop.callbacks.deliveries import Delivery

PLATFORM_ATTEMPTS = 3  # the platform delivers an event at most three times (the doc's retry policy)
DEFAULT_MAX_EVENTS = 1000  # the receiver's own history keeps the last 1,000 deliveries too
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
KEPT_ATTEMPTS = 10

GroupId = tuple[Any, ...]


def group_id(delivery: Delivery) -> GroupId:
    key = delivery.group_key
    if key is None:
        return ("single", delivery.id)
    digest = hashlib.blake2b(delivery.body, digest_size=16).digest()
    return ("event", key[0], key[1], delivery.size, digest)


@dataclass(slots=True)
class DeliveryGroup:
    """One event as delivered, possibly several times (attempt 1, 2, 3 of the platform's policy)."""

    id: GroupId
    deliveries: list[Delivery] = field(default_factory=list)
    attempts: int = 0  # every delivery of the event, also those no longer kept
    body_bytes: int = 0  # body bytes of the deliveries kept
    view_cache: Any = None  # for a view: what it made from this group; reset by every new attempt

    def add(self, delivery: Delivery) -> int:
        """One more attempt of this event; returns its attempt number."""
        self.attempts += 1
        self.deliveries.append(delivery)
        self.body_bytes += len(delivery.body)
        if len(self.deliveries) > KEPT_ATTEMPTS:  # keep the first; drop the oldest retry after it
            self.body_bytes -= len(self.deliveries.pop(1).body)
        self.view_cache = None
        return self.attempts

    @property
    def first(self) -> Delivery:
        return self.deliveries[0]

    @property
    def latest(self) -> Delivery:
        return self.deliveries[-1]

    def attempt_of(self, delivery: Delivery) -> int:
        """The attempt number of a delivery kept in this group (1 for the first)."""
        position = next(i for i, kept in enumerate(self.deliveries) if kept.id == delivery.id)
        return position + 1 + (self.attempts - len(self.deliveries) if position > 0 else 0)


@dataclass(frozen=True, slots=True)
class GroupsChange:
    """What one ``add_many`` did, for a view: new groups (newest last) and groups with new attempts."""

    fresh: list[DeliveryGroup]
    changed: list[DeliveryGroup]


class DeliveryGroups:
    """The newest events, newest first, each with its attempts; bounded by events and by body bytes.

    A view adds in two steps so it can announce each change around it: ``classify`` (new attempts of
    known events, and new groups not shown yet), ``insert`` (the new groups on top), ``drop_oldest``.
    ``add_many`` does all three.
    """

    def __init__(self, max_events: int = DEFAULT_MAX_EVENTS, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_events < 1:
            raise ValueError(f"at least one event must be kept, got {max_events}")
        self.max_events = max_events
        self.max_bytes = max_bytes
        self.dropped = 0  # events no longer kept, oldest first
        self.requests = 0  # deliveries of the events kept (an event's retries included)
        self.body_bytes = 0
        self._groups: list[DeliveryGroup] = []  # newest first
        self._by_id: dict[GroupId, DeliveryGroup] = {}

    def __len__(self) -> int:
        return len(self._groups)

    def add(self, delivery: Delivery) -> DeliveryGroup:
        """Record one delivery; returns its group (``group.attempts`` is this delivery's attempt number)."""
        change = self.add_many([delivery])
        return (change.fresh or change.changed)[0]

    def add_many(self, deliveries: Iterable[Delivery]) -> GroupsChange:
        change = self.classify(deliveries)
        self.insert(change.fresh)
        self.drop_oldest()
        return change

    def classify(self, deliveries: Iterable[Delivery]) -> GroupsChange:
        """Add each delivery to its event's group; new events come back in ``fresh``, not yet inserted.

        Of a burst with more new events than are kept, only the newest ``max_events`` are returned.
        """
        fresh: list[DeliveryGroup] = []
        changed: dict[int, DeliveryGroup] = {}
        fresh_ids: set[int] = set()
        for delivery in deliveries:
            gid = group_id(delivery)
            group = self._by_id.get(gid)
            before = group.body_bytes if group is not None else 0
            if group is None:
                group = DeliveryGroup(gid)
                self._by_id[gid] = group
                fresh.append(group)
                fresh_ids.add(id(group))
            elif id(group) not in fresh_ids:
                changed[id(group)] = group
            group.add(delivery)
            self.requests += 1
            self.body_bytes += group.body_bytes - before
        if len(fresh) > self.max_events:  # a burst larger than the table: its oldest events never show
            self._forget(fresh[: -self.max_events])
            fresh = fresh[-self.max_events :]
        return GroupsChange(fresh, list(changed.values()))

    def insert(self, fresh: list[DeliveryGroup]) -> None:
        """Put groups from ``classify`` on top, newest first."""
        self._groups[:0] = reversed(fresh)

    def overflow(self) -> int:
        """How many of the oldest groups ``drop_oldest`` would drop (past the event or byte limit)."""
        count, size = len(self._groups), self.body_bytes
        dropped = 0
        while count - dropped > 1 and (count - dropped > self.max_events or size > self.max_bytes):
            size -= self._groups[count - 1 - dropped].body_bytes
            dropped += 1
        return dropped

    def drop_oldest(self, count: int | None = None) -> int:
        """Drop the oldest groups past the limits (or ``count`` of them); returns how many."""
        count = self.overflow() if count is None else count
        if count:
            self._forget(self._groups[-count:])
            del self._groups[-count:]
        return count

    def _forget(self, groups: list[DeliveryGroup]) -> None:
        for group in groups:
            del self._by_id[group.id]
            self.requests -= group.attempts
            self.body_bytes -= group.body_bytes
            self.dropped += 1

    def clear(self) -> None:
        self._groups.clear()
        self._by_id.clear()
        self.dropped = self.requests = self.body_bytes = 0

    def group(self, row: int) -> DeliveryGroup | None:
        """The group at ``row`` (0 = newest), or None."""
        return self._groups[row] if 0 <= row < len(self._groups) else None

    def row_of(self, group: DeliveryGroup) -> int:
        return self._groups.index(group)

    def groups(self) -> list[DeliveryGroup]:
        return list(self._groups)
