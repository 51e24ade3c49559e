"""What the headless commands read from outside: secrets and bodies, bounded and checked before use.

A key comes from an environment variable or one line of standard input, and is at most
``MAX_SECRET_BYTES`` of UTF-8; a body is at most the receiver's body limit. Past a limit the command
stops at once with a one-line usage error (exit 2), having read no more than limit + 1 bytes, so
``< /dev/zero`` costs nothing. Arguments and environment values the OS handed over as undecodable
bytes (Python keeps them as lone surrogates) are refused here too, instead of failing later with a
``UnicodeEncodeError`` traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

MAX_SECRET_BYTES = 4096  # AppKeys and AuthKeys are a few dozen characters; a line of 4 KiB is plenty


class InputError(Exception):
    """A one-line problem with what the command was given; the command prints it and exits 2."""


def checked_text(value: str, what: str) -> str:
    """``value`` if it is valid UTF-8 text; ``what`` names it in the error (``--app-id``, ``AIGC_APP_KEY``)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{what} is not valid UTF-8 text; check its encoding") from None
    return value


def env_secret(name: str) -> str | None:
    """The value of environment variable ``name`` (None when unset), bounded and UTF-8 checked."""
    value = os.environ.get(name)
    if value is None:
        return None
    if len(value.encode("utf-8", "surrogateescape")) > MAX_SECRET_BYTES:
        raise InputError(f"{name} is longer than {MAX_SECRET_BYTES} bytes; a key is one short line")
    return checked_text(value, name)


def stdin_secret(label: str) -> str:
    """One line of standard input (line end removed), read no further than ``MAX_SECRET_BYTES`` + 2 bytes."""
    stream = sys.stdin
    buffer: BinaryIO | None = getattr(stream, "buffer", None)
    if buffer is not None:
        raw = buffer.readline(MAX_SECRET_BYTES + 2)  # + room for "\r\n"
    else:  # a text stream without bytes underneath (tests, embedding): same bound in characters
        raw = stream.readline(MAX_SECRET_BYTES + 2).encode("utf-8", "surrogateescape")
    line = raw.removesuffix(b"\n").removesuffix(b"\r")
    if len(line) > MAX_SECRET_BYTES:
        raise InputError(
            f"the {label} on standard input is longer than {MAX_SECRET_BYTES} bytes; a key is one short line"
        )
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"the {label} on standard input is not valid UTF-8 text") from None


def read_secret(env_name: str, label: str, waiting: Callable[[], object] | None = None) -> str:
    """The ``label`` secret from ``env_name``, else one line of piped standard input; never empty.

    ``waiting`` is called before standard input is read (a command says there that it waits for the key).
    """
    value = env_secret(env_name)
    if value is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError(f"no {label}: set {env_name} or pipe the {label} on standard input")
        if waiting is not None:
            waiting()
        value = stdin_secret(label)
    if not value:
        raise InputError(f"the {label} is empty (from {env_name} or standard input)")
    return value


def read_body(source: str, limit: int, option: str = "--body") -> bytes:
    """The bytes of file ``source`` (``-``: standard input), or ``InputError`` past ``limit`` bytes."""
    try:
        if source == "-":
            stream = sys.stdin
            if stream is None:
                raise InputError(f"{option} - needs standard input, but there is none")
            data = _read_up_to(stream.buffer, limit + 1)
        else:
            with Path(source).open("rb") as handle:
                data = _read_up_to(handle, limit + 1)
    except FileNotFoundError:
        raise InputError(f"cannot read {option} {source}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {option} {source}: it is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read {option} {source}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(
            f"{option} {source} is larger than {limit} bytes, the receiver's body limit; "
            "no callback body is that large"
        )
    return data


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    """At most ``size`` bytes: pipes and devices return short reads, so read until EOF or enough."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
