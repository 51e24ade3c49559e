"""Command-line entry point: the GUI by default, headless sub-commands for scripts and CI.

Sub-commands live one per module in ``aigc_desktop.commands`` and are imported only when used,
so ``aigc-desktop sign ...`` never loads Qt and the GUI start never loads the sandbox.
Secrets never come from argv: they are read from environment variables or standard input.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from aigc_desktop import __version__

if TYPE_CHECKING:
    import argparse

# name -> (module under aigc_desktop.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "sandbox": ("sandbox", "run the local sandbox platform server"),
    "sign": ("sign", "compute a login or callback signature"),
    "errors": ("errors", "look up platform error codes by code or text"),
    "verify": ("verify", "verify a received callback body"),
    "listen": ("listen", "run the callback receiver without a window"),
    "status": ("status", "quotas, validity and forecasts of saved profiles (exit 1 past a threshold)"),
    "exporter": ("exporter", "serve Prometheus metrics of saved profiles' quotas"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser; only ``command``'s module is imported, so one sub-command never breaks another."""
    import argparse

    class _ArgumentParser(argparse.ArgumentParser):
        """argparse, but bad arguments give one line on stderr and exit 2."""

        def error(self, message: str) -> None:  # type: ignore[override]
            self.exit(2, f"{self.prog}: error: {message}\n")

    parser = _ArgumentParser(
        prog="aigc-desktop",
        description=(
            "AIGC Desktop: administration and debugging for the SenseTime AIGC platform (signed login and "
            "tokens, account and quotas, callback signatures, a callback receiver, error codes). Without a "
            "command it opens the window; the commands below work without one."
        ),
        epilog=(
            "Secrets never come from arguments: AIGC_APP_KEY holds the AppKey (sign token, --self-test), "
            "AIGC_AUTH_KEY the callback AuthKey (sign callback, verify, listen) and AIGC_AUTH_KEY_PREVIOUS "
            "the previous AuthKey during a rotation; sign also reads a key from standard input."
        ),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--sandbox", action="store_true", help="open the app on the embedded sandbox")
    parser.add_argument(
        "--self-test", action="store_true", help="sign in, load account and quotas, then exit"
    )
    parser.add_argument(
        "--keyring-check", action="store_true", help="say which keyring would hold secrets, then exit"
    )
    parser.add_argument(
        "--base-url",
        type=_base_url_arg,
        help="with --self-test: platform base URL (default: embedded sandbox)",
    )
    parser.add_argument(
        "--app-id", type=_text_arg, help="with --self-test: AppID (the AppKey comes from AIGC_APP_KEY)"
    )
    sub = parser.add_subparsers(dest="command", parser_class=_ArgumentParser)
    for name, (module_name, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            importlib.import_module(f"aigc_desktop.commands.{module_name}").add_arguments(sub_parser)
    return parser


def _text_arg(text: str) -> str:
    """argparse type: text that is valid UTF-8 (the OS may hand over undecodable bytes)."""
    from aigc_desktop.commands.bounded_input import InputError, checked_text

    try:
        return checked_text(text, "the value")
    except InputError as exc:
        raise _argument_type_error(str(exc)) from None


def _base_url_arg(text: str) -> str:
    """argparse type of ``--base-url``: UTF-8, and no credentials in it (a usage error, exit 2).

    Other flaws (a port out of range, an unclosed IPv6 bracket) are the self-test's to report: it
    checks the URL as a profile would and says "self-test failed: ..." (exit 1).
    """
    from urllib.parse import urlsplit

    text = _text_arg(text)
    try:
        netloc = urlsplit(text.strip()).netloc
    except ValueError:
        return text
    if "@" in netloc:
        raise _argument_type_error(
            "must not contain a user name or password (user:password@...); the AppKey comes from AIGC_APP_KEY"
        )
    return text


def _base_url_problem(base_url: str) -> str | None:
    """What makes ``base_url`` unusable (a port out of range, an unclosed IPv6 bracket...), or None.

    Checked before the window opens, with the client's own rules, so a malformed URL is one line
    and exit 1 rather than an error from deep inside the first call.
    """
    from aigc_desktop.platform.config import check_url
    from aigc_desktop.platform.exceptions import InvalidConfiguration

    try:
        check_url(base_url)
    except InvalidConfiguration as exc:
        return exc.summary
    return None


def _argument_type_error(message: str) -> Exception:
    import argparse

    return argparse.ArgumentTypeError(message)


def _self_test_app_key_problem() -> str | None:
    """Why ``AIGC_APP_KEY`` cannot be used by ``--self-test`` (too long, not UTF-8), or None."""
    from aigc_desktop.commands.bounded_input import InputError, env_secret

    try:
        env_secret("AIGC_APP_KEY")
    except InputError as exc:
        return str(exc)
    return None


class GuiOptions(NamedTuple):
    """What the GUI reads of the command line (an argparse namespace has the same attributes)."""

    sandbox: bool = False
    self_test: bool = False
    base_url: str | None = None
    app_id: str | None = None


# How desktop launchers start the app. They need no parser: building it with its sub-commands and parsing
# comes before the window can be drawn (kept: with the import order in ``startup.frame`` it keeps the start-up
# under its goal, see the start-up benchmark).
_PLAIN_LAUNCHES = {(): GuiOptions(), ("--sandbox",): GuiOptions(sandbox=True)}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    plain = _PLAIN_LAUNCHES.get(tuple(arguments))
    if plain is not None:
        return _run_gui(plain)
    command = next((a for a in arguments if not a.startswith("-")), None)
    args = build_parser(command if command in COMMANDS else None).parse_args(arguments)
    if args.command:
        module = importlib.import_module(f"aigc_desktop.commands.{COMMANDS[args.command][0]}")
        status: int = module.run(args)
        return status
    if args.self_test and (problem := _self_test_app_key_problem()) is not None:
        print(f"aigc-desktop: error: {problem}", file=sys.stderr)
        return 2
    if args.self_test and args.base_url and (problem := _base_url_problem(args.base_url)) is not None:
        print(f"self-test failed: base_url: {problem}", flush=True)  # as the self-test words its failures
        return 1
    if args.keyring_check:
        from aigc_desktop.services.keyring_check import run_keyring_check

        return run_keyring_check()
    return _run_gui(args)


def _run_gui(options: GuiOptions | argparse.Namespace) -> int:
    import gc

    # No automatic collection from here on: one could start on a worker thread (the request log is read on
    # one before the window is attached) and destroy Qt objects there. ``ui.gc_on_gui_thread`` collects on
    # the GUI thread once the window is up (``startup.bootstrap.resume_gc``, which also freezes the start-up).
    gc.disable()
    from aigc_desktop.ui.startup.entry import run_gui  # Qt is imported only for the GUI

    return run_gui(options)


if __name__ == "__main__":
    sys.exit(main())
