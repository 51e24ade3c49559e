"""``aigc-desktop sign``: compute a login sign or a callback signature without the GUI.

Secrets never come from argv (it is visible to other users and kept in shell history): the
AppKey comes from ``AIGC_APP_KEY`` and the AuthKey from ``AIGC_AUTH_KEY``, else from one line of
standard input when that is a pipe or file (bounded and UTF-8 checked: ``bounded_input``).
"""

from __future__ import annotations

import argparse
import sys

from aigc_desktop.commands.bounded_input import InputError, checked_text, read_secret
from aigc_desktop.platform.signing import callback_signature, check_auth_key_policy, now_ms, now_s, token_sign

APP_KEY_ENV = "AIGC_APP_KEY"
AUTH_KEY_ENV = "AIGC_AUTH_KEY"
EXIT_OK = 0
EXIT_USAGE = 2


_UsageError = InputError  # a one-line problem with the input; reported on stderr with exit code 2


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


def _timestamp(text: str | None, default: int, unit: str) -> str:
    if text is None:
        return str(default)
    value = checked_text(text, "--timestamp").strip()
    if not (value.isascii() and value.isdigit()):
        raise _UsageError(f"--timestamp must be a whole number of {unit}, got {text!r}")
    return value


def _token(args: argparse.Namespace) -> None:
    app_id = checked_text(args.app_id, "--app-id").strip()
    if not app_id:
        raise _UsageError("--app-id is empty")
    timestamp = _timestamp(args.timestamp, now_ms(), "milliseconds")
    if len(timestamp) == 10:
        print("warning: the timestamp has 10 digits (seconds); login expects milliseconds", file=sys.stderr)
    app_key = read_secret(APP_KEY_ENV, "AppKey")
    print(f"timestamp: {timestamp}")
    print(f"sign: {token_sign(app_id, timestamp, app_key)}")


def _callback(args: argparse.Namespace) -> None:
    url = checked_text(args.url, "--url").strip()
    if not url.startswith(("http://", "https://")):
        raise _UsageError(f"--url must be an http:// or https:// URL, got {args.url!r}")
    timestamp = _timestamp(args.timestamp, now_s(), "seconds")
    if len(timestamp) == 13:
        print(
            "warning: the timestamp has 13 digits and looks like milliseconds; callbacks use 10-digit seconds",
            file=sys.stderr,
        )
    auth_key = read_secret(AUTH_KEY_ENV, "AuthKey")
    report = check_auth_key_policy(auth_key)
    if not report.ok:
        print(f"warning: the AuthKey does not meet the platform's policy: {report}", file=sys.stderr)
    print(f"timestamp: {timestamp}")
    print(f"signature: {callback_signature(url, timestamp, auth_key)}")


def run(args: argparse.Namespace) -> int:
    try:
        if args.sign_kind == "token":
            _token(args)
        else:
            _callback(args)
    except _UsageError as error:
        print(f"aigc-desktop sign: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK
