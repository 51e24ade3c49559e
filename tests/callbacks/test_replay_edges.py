"""The retry/replay memory at its edges: capacity, LRU order, pruning time and window, canonical bodies."""

from __future__ import annotations

import json

import pytest

from aigc_desktop.callbacks.replay import PRUNE_EVERY_S, ReplayMemory, body_digest

SIG = "a" * 32


def test_capacity_one_is_allowed_and_zero_refused() -> None:
    memory = ReplayMemory(capacity=1)
    memory.record(1, SIG, "d")
    memory.record(2, SIG, "d")
    assert len(memory) == 1 and memory.peek(2, SIG, "d").attempt == 2
    with pytest.raises(ValueError) as caught:
        ReplayMemory(capacity=0)
    assert str(caught.value) == "replay memory capacity must be at least 1, got 0"


def test_the_least_recently_seen_pair_is_evicted() -> None:
    memory = ReplayMemory(capacity=2)
    memory.record(1, SIG, "d")
    memory.record(2, SIG, "d")
    memory.record(1, SIG, "d")  # seen again: now the most recent
    memory.record(3, SIG, "d")  # evicts 2, the least recently seen
    assert memory.peek(1, SIG, "d").attempt == 3
    assert memory.peek(2, SIG, "d").attempt == 1
    assert memory.peek(3, SIG, "d").attempt == 2


def test_replays_are_not_counted_by_default() -> None:
    memory = ReplayMemory()
    assert memory.record(1, SIG, "first").attempt == 1
    check = memory.record(1, SIG, "second")
    assert check.replayed and check.attempt == 1
    assert memory.peek(1, SIG, "second").attempt == 1  # not remembered
    kept = memory.record(1, SIG, "second", keep_replays=True)
    assert kept.replayed and memory.peek(1, SIG, "second").attempt == 2


def test_signatures_are_compared_without_case() -> None:
    memory = ReplayMemory()
    memory.record(1, SIG.upper(), "d")
    assert memory.peek(1, SIG, "d").attempt == 2


def test_a_sweep_runs_at_most_every_30_seconds_and_keeps_the_window_edge() -> None:
    memory = ReplayMemory()
    window = 300.0
    memory.record(99, SIG, "d")  # exactly at the window's edge at the first sweep below
    memory.record(100, SIG, "d")
    memory.prune(399.0, window)  # a sweep: the oldest kept timestamp is 399 - 300 = 99
    assert memory.peek(99, SIG, "d").attempt == 2 and len(memory) == 2
    memory.prune(399.0 + PRUNE_EVERY_S - 1, window)  # 29 s later: no sweep, although both are now old
    assert len(memory) == 2
    memory.prune(399.0 + PRUNE_EVERY_S, window)  # 30 s later: swept
    assert len(memory) == 0


def test_the_first_sweep_may_come_30_seconds_after_time_zero() -> None:
    memory = ReplayMemory()
    memory.record(0, SIG, "d")
    memory.prune(PRUNE_EVERY_S, 1.0)
    assert len(memory) == 0


def test_forced_sweep_runs_at_once() -> None:
    memory = ReplayMemory()
    memory.record(1, SIG, "d")
    memory.prune(1000.0, 10.0)  # the first sweep
    memory.record(1, SIG, "d")
    memory.prune(1001.0, 10.0, force=True)
    assert len(memory) == 0


def test_re_serialised_bodies_with_odd_text_digest_alike() -> None:
    """A retry may be re-serialised; lone surrogates and non-ASCII text must not break the match."""
    value = {"s": "\ud800", "name": "数字人", "n": [1, 2]}
    compact = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")
    spaced = json.dumps(dict(reversed(value.items())), indent=2).encode()
    assert body_digest(compact, json.loads(compact.decode("utf-8", "surrogatepass"))) == body_digest(
        spaced, json.loads(spaced)
    )
    assert body_digest(b"{}", {}) != body_digest(b'{"a":1}', {"a": 1})
    assert body_digest(b"not json") == body_digest(b"not json")
