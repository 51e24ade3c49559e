"""Parse a request body as JSON with a nesting limit (platform endpoints and ``/_sandbox/`` controls).

``json.loads`` recurses once per nesting level: 10^5 nested arrays end in ``RecursionError``, which
no handler expected (a plain-text 500). Here any document nested deeper than ``MAX_DEPTH`` is a
``ValueError`` like any other malformed body, and the check costs nothing for ordinary bodies: a
text with fewer brackets than the limit cannot be nested deeper than it.
"""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DEPTH = 32  # the platform's bodies nest 3 levels; a control's event a few more


def loads_limited(text: str | bytes, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``text``, or ``ValueError`` (malformed, or nested deeper than ``max_depth``)."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise ValueError(f"JSON nested deeper than {max_depth} levels") from None
    brackets = (
        text.count(b"[") + text.count(b"{") if isinstance(text, bytes) else text.count("[") + text.count("{")
    )
    if brackets > max_depth and _depth(document) > max_depth:
        raise ValueError(f"JSON nested deeper than {max_depth} levels")
    return document


def _depth(document: Any) -> int:
    """How deeply arrays and objects nest in ``document`` (0 for a scalar), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(document, 0)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        level += 1
        deepest = max(deepest, level)
        stack.extend((child, level) for child in children)
    return deepest


def finite_number(value: Any) -> float | None:
    """``value`` as a float when it is a finite JSON number (not a bool), else None.

    JSON integers have no size limit: ``10**400`` is an int that ``math.isfinite`` cannot convert
    (``OverflowError``, a 500); here it is simply not a usable number.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
