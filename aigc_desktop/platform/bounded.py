"""Bounded text for logs and error answers: one hostile request must never become a huge log line or echo.

A malformed request can carry megabytes in the part a parser complains about (aiohttp quotes the data
after ``Connection: close`` in its message); whatever quotes it passes through ``bounded`` first.
"""

from __future__ import annotations

LOG_LIMIT = 200  # characters of a quoted value kept in a log line or an error answer


def bounded(text: str, limit: int = LOG_LIMIT) -> str:
    """``text`` on one line, cut to ``limit`` characters with the full length said when it was longer."""
    head = " ".join(text[: 4 * limit].split())
    if len(text) <= 4 * limit and len(head) <= limit:
        return head
    return f"{head[:limit]}… ({len(text):,} characters in all)"


def safe_text(text: str) -> str:
    """Text that encodes as UTF-8: bytes that arrived undecodable (surrogate escapes) shown as ``\\xff``."""
    if text.isascii():  # nearly always (methods, paths, URLs): no encoding attempted
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape" if _only_escapes(text) else "backslashreplace").decode(
            "utf-8", "backslashreplace"
        )
    return text


def _only_escapes(text: str) -> bool:
    """Whether every surrogate is one of surrogateescape's (U+DC80-U+DCFF, a raw byte 0x80-0xFF)."""
    return all(not 0xD800 <= ord(c) <= 0xDFFF or 0xDC80 <= ord(c) <= 0xDCFF for c in text)
