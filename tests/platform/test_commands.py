"""`aigc-desktop sign` and `aigc-desktop errors`: output, exit codes 0/1/2, secrets never on argv."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from aigc_desktop.cli import main
from aigc_desktop.platform.signing import callback_signature, token_sign

APP_KEY = "CliAppKey0123456789abc"
AUTH_KEY = "GoodAuthKey12345"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _no_inherited_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIGC_APP_KEY", raising=False)
    monkeypatch.delenv("AIGC_AUTH_KEY", raising=False)
    monkeypatch.setattr(sys, "stdin", _Tty(""))


def test_sign_token_from_environment(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_APP_KEY", APP_KEY)
    assert main(["sign", "token", "--app-id", "my-app", "--timestamp", "1676797061518"]) == 0
    out = capsys.readouterr().out
    assert out == f"timestamp: 1676797061518\nsign: {token_sign('my-app', '1676797061518', APP_KEY)}\n"
    assert APP_KEY not in out


def test_sign_token_from_piped_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(APP_KEY + "\n"))
    assert main(["sign", "token", "--app-id", "my-app"]) == 0
    lines = capsys.readouterr().out.splitlines()
    timestamp = lines[0].removeprefix("timestamp: ")
    assert len(timestamp) == 13 and timestamp.isdigit()
    assert lines[1] == f"sign: {token_sign('my-app', timestamp, APP_KEY)}"


def test_sign_token_without_a_secret_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sign", "token", "--app-id", "my-app"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "set AIGC_APP_KEY or pipe the AppKey on standard input" in err


@pytest.mark.parametrize(
    "timestamp", ["soon", "1.5", "-1.5"]
)  # "-5": must not be negative (test_cli_wording)
def test_bad_timestamp_is_a_usage_error(
    timestamp: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_APP_KEY", APP_KEY)
    assert main(["sign", "token", "--app-id", "a", f"--timestamp={timestamp}"]) == 2
    assert "--timestamp must be a whole number of milliseconds" in capsys.readouterr().err


def test_app_key_is_not_accepted_on_argv(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["sign", "token", "--app-id", "a", "--app-key", APP_KEY])
    assert caught.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_sign_callback_doc_example(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY", "abc123")
    url = "https://www.example.com/your/callback"
    assert main(["sign", "callback", "--url", url, "--timestamp", "1693206851"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "timestamp: 1693206851\nsignature: 863151b586912152aacee3124f81e301\n"
    assert (
        "does not meet the platform's AuthKey policy" in captured.err
        and "too short: 6 characters" in captured.err
    )


def test_sign_callback_warns_about_milliseconds(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(AUTH_KEY))
    assert main(["sign", "callback", "--url", "https://h/cb", "--timestamp", "1693206851000"]) == 0
    captured = capsys.readouterr()
    assert "looks like milliseconds" in captured.err and "policy" not in captured.err
    assert f"signature: {callback_signature('https://h/cb', '1693206851000', AUTH_KEY)}" in captured.out


def test_sign_callback_rejects_a_non_url(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIGC_AUTH_KEY", AUTH_KEY)
    assert main(["sign", "callback", "--url", "example.com/cb"]) == 2
    assert "--url must be an http:// or https:// URL" in capsys.readouterr().err


def test_errors_by_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "60112161"]) == 0
    out = capsys.readouterr().out
    assert "60112161  [Access tokens]  Refresh token too frequent, limited to ‹N› hour intervals" in out
    assert "advice: Wait until the refresh window opens" in out


def test_errors_by_text_and_prefix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "grant", "type"]) == 0
    assert "60112162" in capsys.readouterr().out
    assert main(["errors", "6011216"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines if line.startswith("6")] == ["60112160", "60112161", "60112162"]


def test_errors_unknown_code_offers_its_category_only_as_a_guess(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "--lang", "en", "60112999"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "60112999  not in the platform's documented catalogue"
    assert lines[1] == "    by its prefix it may belong to: Access tokens (a guess, not documented)"
    assert lines[2].startswith("    advice: This code is not in the platform's documentation")
    assert main(["errors", "--lang", "en", "77777777"]) == 1  # no documented prefix: no guess at all
    assert "may belong" not in capsys.readouterr().out


def test_errors_nothing_matched_and_bad_args(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "no", "such", "words"]) == 1
    assert "no documented error matches 'no such words'" in capsys.readouterr().out
    assert main(["errors", " "]) == 2
    with pytest.raises(SystemExit) as caught:
        main(["errors"])
    assert caught.value.code == 2


def test_sign_in_a_real_process_reads_the_key_from_the_environment() -> None:
    env = {**os.environ, "AIGC_APP_KEY": APP_KEY}
    done = subprocess.run(
        [sys.executable, "-m", "aigc_desktop", "sign", "token", "--app-id", "p", "--timestamp", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["timestamp: 1", f"sign: {token_sign('p', '1', APP_KEY)}"]


def test_errors_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "--lang", "zh_CN", "60112161"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "60112161  [访问令牌]  令牌刷新过于频繁，每 ‹N› 小时只能刷新一次",
        "    处理建议：请等到可刷新时间后再刷新，或直接重新登录：令牌有效期内，登录会返回同一个访问令牌。",
    ]
    assert main(["errors", "--lang", "zh_CN", "60112999"]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == [
        "60112999  不在平台文档的错误码表中",
        "    按前缀推测可能属于：访问令牌（仅为推测，文档中没有）",
    ]
    assert main(["errors", "--lang", "zh_CN", "令牌", "频繁"]) == 0
    assert "60112161" in capsys.readouterr().out


def test_errors_language_follows_a_chinese_locale(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["errors", "50107603"]) == 0
    assert "[AppKey 与签名]  签名无效" in capsys.readouterr().out
    assert main(["errors", "--lang", "en", "50107603"]) == 0
    assert "[App keys and signatures]  Invalid signature" in capsys.readouterr().out
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")  # LC_ALL wins over LANG
    assert main(["errors", "50107603"]) == 0
    assert "Invalid signature" in capsys.readouterr().out


def test_errors_never_print_a_raw_placeholder(capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("en", "zh_CN"):
        assert main(["errors", "--lang", lang, "6", "8", "9"]) == 0
        out = capsys.readouterr().out
        assert out.count("\n") > 200 and "%s" not in out


def test_errors_minus_one_is_a_code_not_a_word(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "--lang", "en", "-1"]) == 1  # not "6-16 characters" (50102113)
    out = capsys.readouterr().out
    assert out.startswith("-1  not in the platform's documented catalogue") and "50102113" not in out


def test_errors_advice_is_worded_for_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["errors", "--lang", "en", "60112160", "84115912", "89999999"]) == 0
    out = capsys.readouterr().out
    assert "your AppID and AppKey" in out
    assert "profile" not in out and "pane" not in out and "the app" not in out
    assert main(["errors", "--lang", "zh_CN", "84115912"]) == 0
    assert "页面" not in capsys.readouterr().out
