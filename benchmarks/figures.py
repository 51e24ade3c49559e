"""Figures, goals and the settings every benchmark receives."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any, Literal

GoalKind = Literal["ratio_max", "ratio_min", "value_max", "value_min"]


@dataclass(frozen=True, slots=True)
class Goal:
    """A target for one figure: on its app/baseline ratio or on the app's own value."""

    kind: GoalKind
    limit: float
    strict: bool = False  # "<" / ">" instead of "<=" / ">="

    def describe(self, unit: str) -> str:
        sign = {"ratio_max": "<", "ratio_min": ">", "value_max": "<", "value_min": ">"}[self.kind]
        sign += "" if self.strict else "="
        if self.kind.startswith("ratio"):
            return f"{sign} {self.limit:g}x"
        return f"{sign} {self.limit:,g} {unit}"

    def holds(self, figure: Figure) -> bool | None:
        value = figure.ratio if self.kind.startswith("ratio") else figure.app
        if value is None:
            return None
        if self.kind.endswith("max"):
            return value < self.limit if self.strict else value <= self.limit
        return value > self.limit if self.strict else value >= self.limit


@dataclass(slots=True)
class Figure:
    """One line of the table: the app's value against the baseline's, measured in the same run."""

    benchmark: str
    name: str
    unit: str
    app: float
    baseline: float | None
    goals: tuple[Goal, ...] = ()
    samples: dict[str, list[float]] = field(default_factory=dict)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or self.baseline == 0:
            return None
        return self.app / self.baseline

    @property
    def holds(self) -> bool | None:
        """True / False when every goal holds / one fails; None without goals."""
        verdicts = [goal.holds(self) for goal in self.goals]
        if not verdicts or any(v is None for v in verdicts):
            return None
        return all(verdicts)

    def goal_text(self) -> str:
        return " and ".join(goal.describe(self.unit) for goal in self.goals)

    def as_json(self) -> dict[str, Any]:
        return {
            "benchmark": self.benchmark,
            "figure": self.name,
            "unit": self.unit,
            "app": self.app,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "goal": self.goal_text(),
            "holds": self.holds,
            "samples": self.samples,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Settings:
    """Sizes and repetitions; ``full``, ``quick`` and ``smoke`` (CI, tiny) are the presets."""

    preset: str
    runs: int  # start-up and self-test samples per program
    memory_runs: int
    stall_runs: int
    account_calls: int
    callbacks: int
    concurrency: int
    throughput_callbacks: int
    throughput_runs: int
    client_rounds: int
    timeout_s: float
    env: dict[str, str] = field(repr=False, default_factory=dict)

    @classmethod
    def preset_named(cls, name: str, env: dict[str, str], timeout_s: float) -> Settings:
        sizes: dict[str, tuple[int, ...]] = {
            # runs, memory, stall, accounts, callbacks, concurrency, tp callbacks, tp runs, rounds
            "full": (9, 3, 3, 100, 1000, 16, 3000, 3, 300),
            "quick": (5, 2, 1, 100, 1000, 16, 1000, 1, 100),
            "smoke": (1, 1, 1, 5, 20, 4, 30, 1, 3),
        }
        return cls(name, *sizes[name], timeout_s=timeout_s, env=env)


def median(values: list[float]) -> float:
    return statistics.median(values)
