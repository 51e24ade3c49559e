"""What the headless commands say on stderr, read from real ``aigc-desktop`` processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

GOOD_KEY = "Abcdefghijklmnop1"  # 17 characters, upper, lower, digit
URL = "https://example.com/cb"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIGC_")}
    env.update(extra)
    return env


def _run(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aigc_desktop", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=_env(**env),
        check=False,
    )


def test_top_level_help_says_what_the_program_is_and_names_the_key_variables() -> None:
    done = _run("--help")
    assert done.returncode == 0
    assert "administration and debugging for the SenseTime AIGC platform" in done.stdout
    assert "AIGC_APP_KEY" in done.stdout and "AIGC_AUTH_KEY" in done.stdout


def test_keyring_check_says_its_finding_once() -> None:
    done = _run("--keyring-check", PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert done.returncode == 1
    assert done.stdout.startswith("keyring: none usable")
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""  # not said a second time through the log


@pytest.mark.parametrize(
    ("timestamp", "warning"),
    [
        ("1700000000", None),  # 10 digits: seconds, as callbacks want
        ("170000000", "the timestamp has 9 digits; callbacks use 10-digit seconds"),
        ("17000000000", "the timestamp has 11 digits; callbacks use 10-digit seconds"),
        ("1", "the timestamp has 1 digit; callbacks use 10-digit seconds"),
        (
            "1700000000000",
            "the timestamp has 13 digits and looks like milliseconds; callbacks use 10-digit seconds",
        ),
    ],
)
def test_callback_timestamps_other_than_10_digits_are_warned_about(
    timestamp: str, warning: str | None
) -> None:
    done = _run("sign", "callback", "--url", URL, "--timestamp", timestamp, AIGC_AUTH_KEY=GOOD_KEY)
    assert done.returncode == 0
    assert f"timestamp: {timestamp}" in done.stdout
    if warning is None:
        assert done.stderr == ""
    else:
        assert done.stderr.splitlines() == [f"aigc-desktop sign: warning: {warning}"]


@pytest.mark.parametrize("kind", ["callback", "token"])
def test_a_negative_timestamp_is_refused_as_negative(kind: str) -> None:
    target = ["--url", URL] if kind == "callback" else ["--app-id", "app"]
    done = _run("sign", kind, *target, "--timestamp", "-5", AIGC_AUTH_KEY=GOOD_KEY, AIGC_APP_KEY="k")
    assert done.returncode == 2
    assert done.stderr == "aigc-desktop sign: error: --timestamp must not be negative, got '-5'\n"
    assert done.stdout == ""


def test_sign_and_verify_word_the_auth_key_policy_warning_alike(tmp_path: Path) -> None:
    body = tmp_path / "body.json"
    body.write_text('{"timestamp": 1700000000, "sign": "x"}', encoding="utf-8")
    sign = _run("sign", "callback", "--url", URL, "--timestamp", "1700000000", AIGC_AUTH_KEY="a")
    verify = _run("verify", "callback", "--url", URL, "--body", str(body), AIGC_AUTH_KEY="a")
    expected = (
        "warning: the AuthKey from AIGC_AUTH_KEY does not meet the platform's AuthKey policy: "
        "too short: 1 character, needs at least 16; needs an upper-case letter (A-Z); needs a digit (0-9)"
    )
    assert f"aigc-desktop sign: {expected}" in sign.stderr.splitlines()
    assert f"aigc-desktop verify: {expected}" in verify.stderr.splitlines()


def test_a_missing_body_file_is_reported_before_any_policy_warning(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    done = _run("verify", "callback", "--url", URL, "--body", str(missing), AIGC_AUTH_KEY="a")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"aigc-desktop verify: error: cannot read --body {missing}: no such file"
    ]


@pytest.mark.parametrize(
    ("args", "env", "command"),
    [
        (["sign", "callback", "--url", "ftp://x"], {"AIGC_AUTH_KEY": GOOD_KEY}, "sign"),
        (["sign", "token", "--app-id", " "], {"AIGC_APP_KEY": "k"}, "sign"),
        (["verify", "callback", "--url", URL, "--body", "/"], {"AIGC_AUTH_KEY": GOOD_KEY}, "verify"),
        (["verify", "callback", "--url", URL, "--body", "-"], {}, "verify"),
        (["errors"], {}, "errors"),
    ],
)
def test_every_command_error_has_one_prefix_style(args: list[str], env: dict[str, str], command: str) -> None:
    done = _run(*args, stdin="", **env)
    assert done.returncode == 2
    assert done.stderr.startswith(f"aigc-desktop {command}: error: "), done.stderr


def test_sign_waiting_on_a_pipe_for_its_key_says_so_then_signs() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "aigc_desktop", "sign", "callback", "--url", URL, "--timestamp", "1700000000"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert process.stderr is not None and process.stdin is not None
        line = process.stderr.readline()  # said while nothing has arrived yet
        assert line == "aigc-desktop sign: waiting for the AuthKey on standard input (or set AIGC_AUTH_KEY)\n"
        out, err = process.communicate(GOOD_KEY + "\n", timeout=60)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 0
    assert "signature: " in out and err == ""


def test_a_key_already_on_standard_input_is_read_without_the_waiting_line() -> None:
    done = _run("sign", "callback", "--url", URL, "--timestamp", "1700000000", stdin=GOOD_KEY + "\n")
    assert done.returncode == 0
    assert done.stderr == ""
