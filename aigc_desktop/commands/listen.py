"""``aigc-desktop listen``: run the callback receiver without a window, one line per delivery.

Keys come from ``AIGC_AUTH_KEY`` / ``AIGC_AUTH_KEY_PREVIOUS`` (never argv). Without a key the command
refuses to start unless ``--no-auth-key`` says the platform really has none, so a forgotten variable
never turns into "everything accepted". A key that is not UTF-8 text is refused at start. SIGINT/SIGTERM
stop it cleanly with exit 0; bad arguments exit 2. Retries of one event are numbered ("attempt 2/3")
by ``callbacks.grouping``, whatever their verdict.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys

from aigc_desktop.callbacks.deliveries import Delivery
from aigc_desktop.callbacks.grouping import PLATFORM_ATTEMPTS, DeliveryGroups
from aigc_desktop.callbacks.receiver import DEFAULT_BODY_LIMIT
from aigc_desktop.callbacks.verify import DEFAULT_TOLERANCE_S, CallbackVerifier
from aigc_desktop.commands._serving import port_arg
from aigc_desktop.commands.verify import (
    EXIT_USAGE,
    UsageError,
    callback_url_arg,
    read_keys,
    tolerance_arg,
)
from aigc_desktop.platform.environment import AUTH_KEY_ENV, PREVIOUS_AUTH_KEY_ENV

EXIT_OK = 0


def _body_limit_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of bytes, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 byte, got {value}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", required=True, type=port_arg, metavar="P", help="port to listen on (0 = any free port)"
    )
    parser.add_argument(
        "--callback-url",
        required=True,
        type=callback_url_arg,
        metavar="URL",
        help="the callback URL configured on the platform (what the signature is computed over)",
    )
    parser.add_argument(
        "--tolerance",
        type=tolerance_arg,
        metavar="S",
        default=float(DEFAULT_TOLERANCE_S),
        help=f"accepted clock difference in seconds, both ways (default {DEFAULT_TOLERANCE_S})",
    )
    parser.add_argument("--allow-lan", action="store_true", help="allow a non-loopback --host")
    parser.add_argument(
        "--body-limit",
        type=_body_limit_arg,
        metavar="BYTES",
        default=DEFAULT_BODY_LIMIT,
        help=f"largest body accepted, in bytes (default {DEFAULT_BODY_LIMIT})",
    )
    parser.add_argument("--path", default="/", help="only accept this path (default: any path)")
    parser.add_argument(
        "--forward-to", type=callback_url_arg, metavar="URL", help="also POST each valid delivery to this URL"
    )
    parser.add_argument(
        "--accept-shared-signatures",
        action="store_true",
        help="accept a timestamp+signature seen with another body (events sent in the same second); "
        "flagged instead of refused as a replay",
    )
    parser.add_argument(
        "--no-auth-key",
        action="store_true",
        help=f"run without ${AUTH_KEY_ENV}: accept unsigned callbacks (the platform has no AuthKey set)",
    )


def format_delivery(delivery: Delivery, attempt_number: int = 1) -> list[str]:
    """One summary line per delivery, plus indented reason and near-misses when it was refused.

    ``attempt_number`` is the delivery's place among the deliveries of its event (``DeliveryGroups``).
    """
    verdict = delivery.verdict
    when = delivery.received_at.astimezone().strftime("%H:%M:%S")
    status = verdict.status.name if verdict else "-"
    attempt = f"attempt {attempt_number}/{PLATFORM_ATTEMPTS}"
    answered = delivery.answered_status if delivery.answered_status is not None else "no answer"
    line = f"{when} {delivery.peer} {delivery.method} {delivery.path} {delivery.size} B {status} {attempt} -> {answered}"
    if delivery.note:
        line += f" ({delivery.note})"
    lines = [line]
    if verdict is not None and not (
        verdict.accepted and verdict.attempt == 1 and not verdict.shared_signature
    ):
        lines.append(f"    {verdict.reason}")
        lines.extend(f"    near-miss: {miss.detail}" for miss in verdict.near_misses)
    if delivery.forward is not None:
        forward = delivery.forward
        outcome = f"HTTP {forward.status_code}" if forward.status_code is not None else forward.error
        lines.append(f"    forwarded to {forward.url}: {outcome} in {forward.elapsed_s:.3f} s")
    return lines


class _Printer:
    """Prints each delivery with its attempt number among its event's deliveries."""

    def __init__(self) -> None:
        self.events = DeliveryGroups()

    def __call__(self, delivery: Delivery) -> None:
        group = self.events.add(delivery)
        print("\n".join(format_delivery(delivery, group.attempts)), flush=True)


async def _serve(args: argparse.Namespace, current: str | None, previous: str | None) -> int:
    from aigc_desktop.callbacks.receiver import CallbackReceiver, ReceiverError  # aiohttp only when used

    verifier = CallbackVerifier(
        args.callback_url,
        current,
        previous,
        tolerance_s=args.tolerance,
        refuse_replays=not args.accept_shared_signatures,
    )
    try:
        receiver = CallbackReceiver(
            verifier,
            host=args.host,
            port=args.port,
            path=args.path,
            body_limit=args.body_limit,
            allow_lan=args.allow_lan,
            forward_to=args.forward_to,
        )
        await receiver.start()
    except ReceiverError as exc:
        print(f"aigc-desktop listen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    stop = asyncio.Event()
    _install_stop_signals(stop)
    receiver.add_observer(_Printer())
    base = receiver.url.rstrip("/") if args.path == "/" else receiver.url
    print(f"listening on {base} (signed-as {args.callback_url})", flush=True)
    if current is None:
        print(
            "aigc-desktop listen: warning: no AuthKey: signatures are not checked, unsigned callbacks are accepted",
            file=sys.stderr,
        )
    try:
        await stop.wait()
    finally:
        await receiver.stop()
    print("stopped", flush=True)
    return EXIT_OK


def _install_stop_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop.set)
        except (NotImplementedError, RuntimeError):  # Windows: no loop signal handlers
            signal.signal(signum, lambda *_: loop.call_soon_threadsafe(stop.set))


def _check_text_keys() -> None:
    """Refuse a key that is not UTF-8 text (os.environ holds such bytes as surrogate escapes).

    Such a key can never match a signature, and it used to turn every delivery into an HTTP 500.
    """
    for name in (AUTH_KEY_ENV, PREVIOUS_AUTH_KEY_ENV):
        key = os.environ.get(name)
        if key is None:
            continue
        try:
            key.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError(
                f"${name} is not valid UTF-8 text; set it to the AuthKey as plain text"
            ) from None


def run(args: argparse.Namespace) -> int:
    if args.path and not args.path.startswith("/"):
        print(f"aigc-desktop listen: error: --path must start with '/', got {args.path!r}", file=sys.stderr)
        return EXIT_USAGE
    try:
        _check_text_keys()
        current, previous = read_keys(required=not args.no_auth_key)
        if args.no_auth_key and current is not None:
            raise UsageError(f"--no-auth-key contradicts {AUTH_KEY_ENV}, which is set; use one or the other")
    except UsageError as exc:
        print(f"aigc-desktop listen: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with contextlib.suppress(KeyboardInterrupt):
        return asyncio.run(_serve(args, current, previous))
    return EXIT_OK
