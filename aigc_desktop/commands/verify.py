"""``aigc-desktop verify callback``: check one received callback body, and say why it fails.

Keys come from ``AIGC_AUTH_KEY`` (and ``AIGC_AUTH_KEY_PREVIOUS`` during a rotation), never from argv,
which other users can see and shells keep in history. Exit 0 valid, 1 not valid, 2 usage error.
"""

from __future__ import annotations

import argparse
import sys

from aigc_desktop.callbacks.receiver import DEFAULT_BODY_LIMIT
from aigc_desktop.callbacks.verify import DEFAULT_TOLERANCE_S, CallbackVerifier, Verdict
from aigc_desktop.commands.bounded_input import InputError, checked_text, env_secret, read_body
from aigc_desktop.commands.messages import auth_key_policy_warning, error_line, warning_line
from aigc_desktop.platform.environment import AUTH_KEY_ENV, PREVIOUS_AUTH_KEY_ENV
from aigc_desktop.platform.signing import check_auth_key_policy

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


UsageError = InputError  # a one-line problem with the command's input: printed on stderr, exit code 2


def tolerance_arg(text: str) -> float:
    """argparse type for ``--tolerance``: zero or more seconds."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be zero or more seconds, got {text!r}")
    return value


def read_keys(*, required: bool = True) -> tuple[str | None, str | None]:
    """(current, previous) AuthKeys from the environment; warns (never echoing a key) about odd keys."""
    current = env_secret(AUTH_KEY_ENV) or None  # bounded, UTF-8 checked (InputError otherwise)
    previous = env_secret(PREVIOUS_AUTH_KEY_ENV) or None
    if current is None and required:
        raise UsageError(
            f"no AuthKey: set {AUTH_KEY_ENV} (and {PREVIOUS_AUTH_KEY_ENV} during a key rotation)"
        )
    if previous is not None and current is None:
        raise UsageError(
            f"{PREVIOUS_AUTH_KEY_ENV} is set but {AUTH_KEY_ENV} is not; set the current AuthKey too"
        )
    for name, key in ((AUTH_KEY_ENV, current), (PREVIOUS_AUTH_KEY_ENV, previous)):
        if key is None:
            continue
        if key.strip() != key:
            print(
                warning_line("verify", f"{name} has whitespace around it; it is used as-is"), file=sys.stderr
            )
        report = check_auth_key_policy(key)
        if not report.ok:
            print(auth_key_policy_warning("verify", name, report), file=sys.stderr)
    return current, previous


def callback_url_arg(text: str) -> str:
    """argparse type for the callback URL: an absolute http(s) URL, kept exactly as typed otherwise."""
    try:
        checked_text(text, "the URL")
    except InputError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if not text.strip().lower().startswith(("http://", "https://")):
        raise argparse.ArgumentTypeError(f"must be an http:// or https:// URL, got {text!r}")
    return text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="verify_kind", metavar="{callback}")
    kinds.required = True
    callback = kinds.add_parser(
        "callback",
        help="verify a callback body; AuthKey from $AIGC_AUTH_KEY (and $AIGC_AUTH_KEY_PREVIOUS)",
        description=(
            f"Verify a received callback body against the callback URL. The AuthKey is read from "
            f"${AUTH_KEY_ENV}, the previous one (during a rotation) from ${PREVIOUS_AUTH_KEY_ENV}. "
            "Exit 0 valid, 1 not valid, 2 usage error."
        ),
    )
    callback.add_argument(
        "--url", required=True, type=callback_url_arg, help="the callback URL as configured"
    )
    callback.add_argument(
        "--body", required=True, metavar="FILE|-", help="file with the raw body, or - for standard input"
    )
    callback.add_argument(
        "--tolerance",
        type=tolerance_arg,
        metavar="S",
        default=float(DEFAULT_TOLERANCE_S),
        help=f"accepted clock difference in seconds, both ways (default {DEFAULT_TOLERANCE_S})",
    )


def format_verdict(verdict: Verdict) -> list[str]:
    """The verdict as lines for a terminal: status, reason, age, attempt, near-misses."""
    status = verdict.status.name
    if verdict.key_used is not None:
        status += f" ({verdict.key_used.value} AuthKey)"
    lines = [f"verdict: {status}", f"reason: {verdict.reason}"]
    if verdict.age_s is not None:
        lines.append(f"age: {verdict.age_s} s" + (" (in the future)" if verdict.age_s < 0 else ""))
    if verdict.attempt > 1:
        lines.append(f"attempt: {verdict.attempt}")
    if verdict.near_misses:
        lines.append("near-misses:")
        for miss in verdict.near_misses:
            lines.append(f"  - {miss.description}")
            lines.append(f"    {miss.detail}")
    return lines


def run(args: argparse.Namespace) -> int:
    try:
        body = read_body(args.body, DEFAULT_BODY_LIMIT)  # a missing file first, before any key warning
        current, previous = read_keys()
        verifier = CallbackVerifier(args.url, current, previous, tolerance_s=args.tolerance)
    except (UsageError, ValueError) as exc:
        print(error_line("verify", str(exc)), file=sys.stderr)
        return EXIT_USAGE
    verdict = verifier.verify_body(body)
    print("\n".join(format_verdict(verdict)), flush=True)
    return EXIT_VALID if verdict.accepted else EXIT_INVALID
