"""Tell platform retries from replays, in bounded memory.

The signature covers URL + timestamp + AuthKey, not the body, so a captured (timestamp, signature) pair
could be reused with any body inside the tolerance window. A retry repeats the same pair with the same body;
a replay reuses the pair with another body. Entries older than the tolerance window are useless (such a
request is refused as expired anyway), so they are pruned; an LRU cap bounds memory under a flood.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

DEFAULT_CAPACITY = 10_000
PRUNE_EVERY_S = 30


def body_digest(raw: bytes, parsed: Any = None) -> str:
    """SHA-256 of the event; a parsed JSON body is canonicalised so re-serialised retries still match."""
    if parsed is not None:
        try:
            canonical = json.dumps(parsed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
        except (ValueError, TypeError, RecursionError):
            pass
    return hashlib.sha256(raw).hexdigest()


@dataclass(slots=True)
class _Seen:
    counts: dict[str, int]  # body digest -> deliveries seen with it
    timestamp: int


@dataclass(frozen=True, slots=True)
class ReplayCheck:
    """``attempt`` is n for the n-th delivery of this body; ``replayed`` if the pair came with another body."""

    attempt: int
    replayed: bool


class ReplayMemory:
    """(timestamp, signature) -> body digests and delivery counts, LRU-capped and pruned by age."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        if capacity < 1:
            raise ValueError(f"replay memory capacity must be at least 1, got {capacity}")
        self.capacity = capacity
        self._entries: OrderedDict[tuple[int, str], _Seen] = OrderedDict()
        self._last_prune = 0.0

    def __len__(self) -> int:
        return len(self._entries)

    def peek(self, timestamp: int, signature: str, digest: str) -> ReplayCheck:
        """What ``record`` would answer, without remembering anything."""
        seen = self._entries.get((timestamp, signature.lower()))
        if seen is None:
            return ReplayCheck(attempt=1, replayed=False)
        other_bodies = any(known != digest for known in seen.counts)
        return ReplayCheck(attempt=seen.counts.get(digest, 0) + 1, replayed=other_bodies)

    def record(
        self, timestamp: int, signature: str, digest: str, *, keep_replays: bool = False
    ) -> ReplayCheck:
        """Count one delivery. A pair seen with another body is a replay: not counted unless ``keep_replays``."""
        key = (timestamp, signature.lower())
        check = self.peek(timestamp, signature, digest)
        if check.replayed and not keep_replays:
            return check
        seen = self._entries.get(key)
        if seen is None:
            self._entries[key] = _Seen({digest: 1}, timestamp)
            while len(self._entries) > self.capacity:
                self._entries.popitem(last=False)
        else:
            seen.counts[digest] = check.attempt
            self._entries.move_to_end(key)
        return check

    def prune(self, now: float, window_s: float, *, force: bool = False) -> None:
        """Forget pairs whose timestamp has left the tolerance window (full sweep at most every 30 s)."""
        if not force and now - self._last_prune < PRUNE_EVERY_S:
            return
        self._last_prune = now
        oldest = now - window_s
        for key in [key for key, seen in self._entries.items() if seen.timestamp < oldest]:
            del self._entries[key]

    def clear(self) -> None:
        self._entries.clear()
