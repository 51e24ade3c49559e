"""``aigc-desktop exporter``: Prometheus metrics of accounts' quotas and validity, for team monitoring.

Polls each profile at most once per ``--interval`` seconds (a few at a time, signing in only when the
token is missing or expired) and answers scrapes from what it has — a scrape never calls the platform.
Metrics are served by the official ``prometheus_client`` HTTP server on ``--host`` (loopback unless told
otherwise) and ``--port``. Profiles: ``--profiles FILE`` (TOML, AppKeys named by environment variable;
``docs/monitoring/README.md``), else the app's saved profiles with their AppKeys from the OS keyring.

An unreadable or malformed profiles file, an unset AppKey variable, a port in use or a non-loopback host
without ``--allow-lan``: one line on stderr, exit 2. Log lines (stderr) name profiles and platform codes,
never secrets. SIGINT/SIGTERM stop it with exit 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import math
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from aigc_desktop.application.model import AppModel
from aigc_desktop.commands._serving import install_stop_handlers, port_arg
from aigc_desktop.platform.network import is_loopback
from aigc_desktop.services.fleet import FleetLoader, LoadResult
from aigc_desktop.services.history import HistoryError, HistoryStore
from aigc_desktop.services.metrics import QuotaMetrics
from aigc_desktop.services.profiles import DictBackend, Profile, ProfileStore
from aigc_desktop.services.profiles_file import ProfilesFileError, app_keys, load_profiles_file
from aigc_desktop.services.qt_ini import QtIniBackend, SettingsFileError
from aigc_desktop.services.secrets import SecretKind, SecretStore

if TYPE_CHECKING:
    from wsgiref.simple_server import WSGIServer

PROG = "aigc-desktop exporter"
EXIT_USAGE = 2
MIN_INTERVAL_S = 10.0
log = logging.getLogger("aigc_desktop.exporter")


def _interval(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < MIN_INTERVAL_S or value > 86400:
        raise argparse.ArgumentTypeError(
            f"must be between {MIN_INTERVAL_S:g} and 86400 seconds (the platform limits call rates), got {text}"
        )
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to serve metrics on (default 127.0.0.1)")
    parser.add_argument("--port", type=port_arg, default=9464, help="port to serve metrics on (default 9464)")
    parser.add_argument(
        "--interval",
        type=_interval,
        default=300.0,
        metavar="S",
        help="seconds between polls of each profile (default 300, at least 10)",
    )
    parser.add_argument(
        "--profiles", metavar="FILE", help="TOML profiles file (AppKeys named by environment variable)"
    )
    parser.add_argument("--allow-lan", action="store_true", help="allow a non-loopback --host")
    parser.add_argument(
        "--history", action="store_true", help="also record each load in the quota history database"
    )
    parser.add_argument("--settings", metavar="FILE", help=argparse.SUPPRESS)  # tests: another settings file


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)
    return EXIT_USAGE


class Exporter:
    """The poller and the metrics server; ``start`` binds, ``poll_once`` loads, ``run_until`` loops."""

    def __init__(
        self,
        store: ProfileStore,
        profiles: list[Profile],
        secrets: SecretStore,
        *,
        interval_s: float,
        history: HistoryStore | None = None,
        loader: FleetLoader | AppModel | None = None,
    ) -> None:
        self.profiles = profiles
        self.interval_s = interval_s
        self.metrics = QuotaMetrics()
        # the application model by default: the same sessions, sign-in rules and history as the app
        self.loader = loader or AppModel(store, secrets, history=history)
        self.polls = 0
        self._server: WSGIServer | None = None

    def start(self, host: str, port: int) -> int:
        """Bind and serve metrics on a daemon thread; OSError when the port is taken. Returns the port."""
        from prometheus_client import CollectorRegistry, start_http_server

        registry = CollectorRegistry(auto_describe=False)
        registry.register(self.metrics)
        server, _thread = start_http_server(port, addr=host, registry=registry)
        self._server = server
        return int(server.server_address[1])

    async def poll_once(self) -> list[LoadResult]:
        results = await self.loader.load_all(self.profiles, on_result=_log_result)
        self.metrics.update(results)
        self.polls += 1
        return results

    async def run_until(self, stop: asyncio.Event) -> None:
        """Poll, then wait out the interval (measured from the poll's start), until ``stop`` is set."""
        while not stop.is_set():
            started = time.monotonic()
            await self.poll_once()
            remaining = self.interval_s - (time.monotonic() - started)
            if remaining > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=remaining)

    async def aclose(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        await self.loader.aclose()


def _log_result(result: LoadResult) -> None:
    if result.ok:
        log.info("profile %r: loaded", result.profile.name)
    else:
        code = f" (code {result.error_code})" if result.error_code is not None else ""
        log.warning("profile %r: load failed%s: %s", result.profile.name, code, result.error)


def _sources(args: argparse.Namespace) -> tuple[ProfileStore, list[Profile], SecretStore, dict[str, str]]:
    """Profiles from the file (with AppKeys from the environment) or the app's saved ones."""
    if args.profiles:
        entries = load_profiles_file(Path(args.profiles))
        keys = app_keys(entries)
        store = ProfileStore(DictBackend())
        for entry in entries:
            store.save(entry.profile)
        secrets = SecretStore.session_only("exporter profiles file: AppKeys from the environment")
        return store, [e.profile for e in entries], secrets, keys
    backend = QtIniBackend(Path(args.settings) if args.settings else None)
    store = ProfileStore(backend)
    saved = [p for p in store.list() if not p.is_sandbox]  # the embedded sandbox lives only with the app
    if not saved:
        raise ProfilesFileError(
            f"no saved profiles (other than the sandbox's) in {backend.path}; pass --profiles FILE"
        )
    return store, saved, SecretStore(), {}


def run(args: argparse.Namespace) -> int:
    if not is_loopback(args.host) and not args.allow_lan:
        return _fail(
            f"refusing to serve metrics on {args.host!r}, which is not a loopback address; "
            "pass --allow-lan to expose them to your network"
        )
    try:
        store, profiles, secrets, keys = _sources(args)
    except (ProfilesFileError, SettingsFileError) as exc:
        return _fail(str(exc))
    history: HistoryStore | None = None
    if args.history:
        try:
            history = HistoryStore.open()
        except HistoryError as exc:
            return _fail(str(exc))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    try:
        return asyncio.run(_serve(args, store, profiles, secrets, keys, history))
    finally:
        if history is not None:
            history.close()


async def _serve(
    args: argparse.Namespace,
    store: ProfileStore,
    profiles: list[Profile],
    secrets: SecretStore,
    keys: dict[str, str],
    history: HistoryStore | None,
) -> int:
    for profile_id, key in keys.items():
        await secrets.set(profile_id, SecretKind.APP_KEY, key)
    exporter = Exporter(store, profiles, secrets, interval_s=args.interval, history=history)
    try:
        port = exporter.start(args.host, args.port)
    except OSError as exc:
        await exporter.aclose()
        return _fail(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    print(f"AIGC exporter serving metrics on http://{args.host}:{port}/metrics", flush=True)
    stop = asyncio.Event()
    restore = install_stop_handlers(stop)
    try:
        await exporter.run_until(stop)
    finally:
        restore()
        await exporter.aclose()
    return 0
