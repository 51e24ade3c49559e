"""``aigc-desktop sign``: compute a login sign or a callback signature without the GUI.

Secrets never come from argv (it is visible to other users and kept in shell history): the
AppKey comes from ``AIGC_APP_KEY`` and the AuthKey from ``AIGC_AUTH_KEY``, else from one line of
standard input when that is a pipe or file.
"""

from __future__ import annotations

import argparse
import os
import sys

from aigc_desktop.commands.bounded_input import InputError, checked_text, read_secret
from aigc_desktop.commands.messages import auth_key_policy_warning, error_line, info_line, warning_line
from aigc_desktop.platform.environment import APP_KEY_ENV, AUTH_KEY_ENV
from aigc_desktop.platform.signing import (
    callback_signature,
    check_auth_key_policy,
    login_timestamp_unit,
    now_ms,
    now_s,
    token_sign,
)

EXIT_OK = 0
EXIT_USAGE = 2


class _UsageError(Exception):
    """A one-line problem with the input; reported on stderr with exit code 2."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="sign_kind", metavar="{token,callback}")
    kinds.required = True
    token = kinds.add_parser(
        "token",
        help="login sign md5(appId + timestamp + appKey); AppKey from $AIGC_APP_KEY or stdin",
        description=f"Login sign. The AppKey is read from ${APP_KEY_ENV}, else one line of stdin.",
    )
    token.add_argument("--app-id", required=True, help="the AppID")
    token.add_argument("--timestamp", help="milliseconds since 1970 (default: now)")
    callback = kinds.add_parser(
        "callback",
        help="callback signature md5(url + timestamp + AuthKey); AuthKey from $AIGC_AUTH_KEY or stdin",
        description=f"Callback signature. The AuthKey is read from ${AUTH_KEY_ENV}, else one line of stdin.",
    )
    callback.add_argument("--url", required=True, help="the callback URL exactly as configured")
    callback.add_argument("--timestamp", help="seconds since 1970, 10 digits (default: now)")


def _text(value: str, option: str) -> str:
    """An argument that must be UTF-8 text (a usage error, exit 2, when it is not)."""
    try:
        return checked_text(value, option)
    except InputError as error:
        raise _UsageError(str(error)) from None


def _read_secret(env_name: str, label: str) -> str:
    """The key from ``env_name`` or one line of standard input: bounded and UTF-8 checked (exit 2 if not)."""
    try:
        return read_secret(env_name, label, waiting=lambda: _say_when_waiting(env_name, label))
    except InputError as error:
        raise _UsageError(str(error)) from None


def _say_when_waiting(env_name: str, label: str, grace_s: float = 0.2) -> None:
    """On stderr, when nothing arrives on standard input at once: the command waits for the key there."""
    try:
        import select

        ready = bool(select.select([sys.stdin], [], [], grace_s)[0])
    except (OSError, ValueError, TypeError):  # no select() on this stream (Windows pipes): say it anyway
        ready = False
    if not ready:
        print(
            info_line("sign", f"waiting for the {label} on standard input (or set {env_name})"),
            file=sys.stderr,
            flush=True,
        )


def _timestamp(text: str | None, default: int, unit: str) -> str:
    if text is None:
        return str(default)
    value = _text(text, "--timestamp").strip()
    if value.startswith("-") and value[1:].isascii() and value[1:].isdigit():
        raise _UsageError(f"--timestamp must not be negative, got {text!r}")
    if not (value.isascii() and value.isdigit()):
        raise _UsageError(f"--timestamp must be a whole number of {unit}, got {text!r}")
    return value


def _token(args: argparse.Namespace) -> None:
    app_id = _text(args.app_id, "--app-id").strip()
    if not app_id:
        raise _UsageError("--app-id is empty")
    timestamp = _timestamp(args.timestamp, now_ms(), "milliseconds")
    if login_timestamp_unit(timestamp) == "seconds":
        print(
            warning_line(
                "sign",
                "the timestamp has 10 digits (seconds); the access doc asks for 13-digit milliseconds "
                "(the platform's FAQ signs seconds, and the platform accepts them)",
            ),
            file=sys.stderr,
        )
    app_key = _read_secret(APP_KEY_ENV, "AppKey")
    print(f"timestamp: {timestamp}")
    print(f"sign: {token_sign(app_id, timestamp, app_key)}")


def _digits(count: int) -> str:
    return "1 digit" if count == 1 else f"{count} digits"


def _callback(args: argparse.Namespace) -> None:
    url = _text(args.url, "--url").strip()
    if not url.startswith(("http://", "https://")):
        raise _UsageError(f"--url must be an http:// or https:// URL, got {args.url!r}")
    timestamp = _timestamp(args.timestamp, now_s(), "seconds")
    if len(timestamp) == 13:
        print(
            warning_line(
                "sign",
                "the timestamp has 13 digits and looks like milliseconds; callbacks use 10-digit seconds",
            ),
            file=sys.stderr,
        )
    elif len(timestamp) != 10:
        print(
            warning_line(
                "sign", f"the timestamp has {_digits(len(timestamp))}; callbacks use 10-digit seconds"
            ),
            file=sys.stderr,
        )
    auth_key = _read_secret(AUTH_KEY_ENV, "AuthKey")
    report = check_auth_key_policy(auth_key)
    if not report.ok:
        source = AUTH_KEY_ENV if os.environ.get(AUTH_KEY_ENV) else "standard input"
        print(auth_key_policy_warning("sign", source, report), file=sys.stderr)
    print(f"timestamp: {timestamp}")
    print(f"signature: {callback_signature(url, timestamp, auth_key)}")


def run(args: argparse.Namespace) -> int:
    try:
        if args.sign_kind == "token":
            _token(args)
        else:
            _callback(args)
    except _UsageError as error:
        print(error_line("sign", str(error)), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
