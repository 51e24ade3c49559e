"""What the headless commands read is bounded and UTF-8 checked: edges of ``commands.bounded_input``.

The limits are pinned exactly (a key of 4096 bytes is used, 4097 refused; a body of the receiver's
limit is verified, one byte more refused). The hostile versions (``/dev/zero``, undecodable bytes)
run as real subprocesses in ``tests/reliability/test_hardening.py``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from aigc_desktop.callbacks.receiver import DEFAULT_BODY_LIMIT
from aigc_desktop.cli import main
from aigc_desktop.commands.bounded_input import (
    MAX_SECRET_BYTES,
    InputError,
    env_secret,
    read_body,
    stdin_secret,
)
from aigc_desktop.platform.signing import token_sign


class _Pipe(io.TextIOWrapper):
    """A piped standard input: bytes underneath, not a terminal."""

    def __init__(self, data: bytes) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8")

    def isatty(self) -> bool:
        return False


@pytest.fixture(autouse=True)
def _no_inherited_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AIGC_APP_KEY", "AIGC_AUTH_KEY", "AIGC_AUTH_KEY_PREVIOUS"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("ending", [b"", b"\n", b"\r\n"])
def test_a_key_of_exactly_the_limit_is_read_whole(monkeypatch: pytest.MonkeyPatch, ending: bytes) -> None:
    key = "k" * MAX_SECRET_BYTES
    rest = b"next line\n" if ending else b""  # without a line end, the key runs to the end of input
    monkeypatch.setattr(sys, "stdin", _Pipe(key.encode() + ending + rest))
    assert stdin_secret("AppKey") == key


def test_a_key_one_byte_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Pipe(b"k" * (MAX_SECRET_BYTES + 1) + b"\n"))
    with pytest.raises(InputError, match=f"longer than {MAX_SECRET_BYTES} bytes"):
        stdin_secret("AppKey")


def test_the_limit_counts_utf8_bytes_not_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGC_APP_KEY", "密" * (MAX_SECRET_BYTES // 3))  # 3 bytes each: 4095 bytes
    assert env_secret("AIGC_APP_KEY") == "密" * (MAX_SECRET_BYTES // 3)
    monkeypatch.setenv("AIGC_APP_KEY", "密" * (MAX_SECRET_BYTES // 3) + "kk")  # 4097 bytes
    with pytest.raises(InputError, match="AIGC_APP_KEY is longer than 4096 bytes"):
        env_secret("AIGC_APP_KEY")


def test_sign_token_with_a_key_at_the_limit_and_one_past(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = "k" * MAX_SECRET_BYTES
    monkeypatch.setattr(sys, "stdin", _Pipe(key.encode() + b"\n"))
    assert main(["sign", "token", "--app-id", "app", "--timestamp", "1676797061518"]) == 0
    assert f"sign: {token_sign('app', '1676797061518', key)}" in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", _Pipe(key.encode() + b"k\n"))
    assert main(["sign", "token", "--app-id", "app"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert "longer than 4096 bytes" in lines[-1]  # one error line, after at most the waiting notice
    assert all("waiting for the AppKey" in line for line in lines[:-1]) and len(lines) <= 2


def test_a_key_on_stdin_that_is_not_utf8_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Pipe(b"\xff\xfe-key\n"))
    with pytest.raises(InputError, match="not valid UTF-8"):
        stdin_secret("AuthKey")


def test_an_environment_value_with_undecodable_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY", "GoodAuthKey\udcff12345")  # how Python keeps an undecodable byte
    with pytest.raises(InputError, match="AIGC_AUTH_KEY is not valid UTF-8"):
        env_secret("AIGC_AUTH_KEY")


def test_a_body_of_exactly_the_receivers_limit_is_verified_and_one_byte_more_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY", "GoodAuthKey12345")
    at_limit = tmp_path / "at-limit.json"
    at_limit.write_bytes(b" " * DEFAULT_BODY_LIMIT)
    assert len(read_body(str(at_limit), DEFAULT_BODY_LIMIT)) == DEFAULT_BODY_LIMIT
    assert (
        main(["verify", "callback", "--url", "http://127.0.0.1/cb", "--body", str(at_limit)]) == 1
    )  # judged
    past = tmp_path / "past.json"
    past.write_bytes(b" " * (DEFAULT_BODY_LIMIT + 1))
    capsys.readouterr()
    assert main(["verify", "callback", "--url", "http://127.0.0.1/cb", "--body", str(past)]) == 2
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1 and f"larger than {DEFAULT_BODY_LIMIT} bytes, the receiver's body limit" in err
    )
