"""``aigc-desktop sandbox``: run the fake platform on loopback until SIGINT/SIGTERM.

Prints ``AIGC sandbox listening on http://HOST:PORT`` first (flushed, so scripts can wait for it),
then, for the built-in demo account, its AppID, AppKey (a public demo value) and userId. Request
lines (method, path, status, code; never secrets) go to stderr. Exit 0 on a clean stop; 2 for a bad
accounts file, a port in use or a non-loopback host without ``--allow-lan``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from aigc_desktop.commands._serving import install_stop_handlers, port_arg
from aigc_desktop.platform.network import is_loopback
from aigc_desktop.platform.redaction import install_redaction
from aigc_desktop.sandbox import AccountsFileError, SandboxAccount, SandboxServer, load_accounts

PROG = "aigc-desktop sandbox"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=port_arg, default=0, help="port to listen on; 0 picks a free one (default)"
    )
    parser.add_argument("--accounts", metavar="FILE", help="JSON accounts file (default: the demo account)")
    parser.add_argument(
        "--usage-growth",
        type=_growth,
        metavar="PCT",
        help="make each quota's use grow by PCT %% of its total per sandbox hour (default: off)",
    )
    parser.add_argument(
        "--allow-lan",
        action="store_true",
        help="allow a non-loopback --host (exposes the sandbox to the network)",
    )


def _growth(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 100:
        raise argparse.ArgumentTypeError(
            f"usage growth must be more than 0 and at most 100 (% per hour), got {text}"
        )
    return value


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)
    return 2


def run(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.allow_lan:
        return _fail(
            f"refusing to listen on {args.host!r}, which is not a loopback address; "
            "pass --allow-lan to expose the sandbox to your network"
        )
    accounts: list[SandboxAccount] | None = None
    if args.accounts:
        try:
            accounts = load_accounts(args.accounts)
        except AccountsFileError as exc:
            return _fail(f"bad accounts file: {exc}")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:  # httpx's lines name callback URLs: no credentials in them
        install_redaction(handler)
    server = SandboxServer(accounts, host=args.host, port=args.port)
    if getattr(args, "usage_growth", None):
        from aigc_desktop.sandbox.usage_growth import UsageGrowth

        server.state.usage_growth = UsageGrowth(args.usage_growth)
    try:
        return asyncio.run(_serve(server, show_demo=accounts is None))
    except OSError as exc:
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")


async def _serve(server: SandboxServer, *, show_demo: bool) -> int:
    stop = asyncio.Event()
    restore = install_stop_handlers(stop)
    try:
        await server.start()
        print(f"AIGC sandbox listening on {server.base_url}", flush=True)
        if show_demo:
            demo = server.demo
            print(f"demo AppID: {demo.app_id}", flush=True)
            print(f"demo AppKey: {demo.app_key}  (a public demo value)", flush=True)
            print(f"demo userId: {demo.user_id}", flush=True)
        await stop.wait()
    finally:
        await server.stop()
        restore()
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run just this command (``python -m aigc_desktop.commands.sandbox``), without the GUI's CLI."""
    parser = argparse.ArgumentParser(prog=PROG, description="run the local sandbox platform server")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
