"""``aigc-desktop status``: quotas, validity and forecasts of saved profiles, for cron jobs and scripts.

Profiles come from the GUI's settings file (read without Qt, never written: ``services/qt_ini``) with
their AppKeys from the OS keyring, or one account from ``--base-url URL --app-id ID`` with the AppKey
in ``AIGC_APP_KEY``. Each load is recorded in the quota history (``--no-history`` skips it), which
also gives the forecasts. Output: a table, or ``--json`` (schema: ``docs/status-json.md``).

Exit 0 all well; 1 a threshold crossed (a quota at or above ``--warn-at`` percent, validity ending
within ``--expiry-days``); 2 a usage error, a profile that could not be read, or an unusable history
database. Every error is one line on stderr; no secret is ever printed.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import logging
import math
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aigc_desktop.application.model import AppModel
from aigc_desktop.platform.environment import APP_KEY_ENV
from aigc_desktop.services.fleet import LoadResult
from aigc_desktop.services.fleet_report import SCHEMA_VERSION, Thresholds, profile_report
from aigc_desktop.services.forecast import WINDOW
from aigc_desktop.services.history import HistoryError, HistoryStore
from aigc_desktop.services.profiles import (
    DictBackend,
    Profile,
    ProfileStore,
    ProfileValidationError,
    validate_url,
)
from aigc_desktop.services.qt_ini import QtIniBackend, SettingsFileError
from aigc_desktop.services.secrets import SecretKind, SecretStore

PROG = "aigc-desktop status"
EXIT_OK, EXIT_THRESHOLD, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments or inputs; one line."""


def _percent(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or not 0 < value <= 100:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 100 (percent), got {text}")
    return value


def _days(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of days: {text!r}") from None
    if not math.isfinite(value) or value < 0 or value > 3650:
        raise argparse.ArgumentTypeError(f"must be between 0 and 3650 days, got {text}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--profile", metavar="NAME", action="append", help="a saved profile (repeatable)")
    which.add_argument("--all", action="store_true", help="every saved profile but the sandbox's")
    parser.add_argument("--base-url", metavar="URL", help="one account at this base URL (with --app-id)")
    parser.add_argument("--app-id", metavar="ID", help=f"its AppID; the AppKey comes from ${APP_KEY_ENV}")
    parser.add_argument("--json", action="store_true", help="JSON output (schema: docs/status-json.md)")
    parser.add_argument(
        "--warn-at",
        type=_percent,
        default=90.0,
        metavar="PCT",
        help="exit 1 when a quota is at or above PCT percent used (default 90)",
    )
    parser.add_argument(
        "--expiry-days",
        type=_days,
        default=7.0,
        metavar="N",
        help="exit 1 when service validity ends within N days (default 7)",
    )
    parser.add_argument("--no-history", action="store_true", help="neither record nor read quota history")
    parser.add_argument("--settings", metavar="FILE", help=argparse.SUPPRESS)  # tests: another settings file
    parser.add_argument("--history-db", metavar="FILE", help=argparse.SUPPRESS)  # tests: another database


def _fail(message: str) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr, flush=True)
    return EXIT_USAGE


def adhoc_profile(base_url: str, app_id: str) -> Profile:
    """A throwaway profile whose id is stable per (base URL, AppID), so its history accumulates."""
    digest = hashlib.sha256(f"{base_url}\n{app_id}".encode()).hexdigest()[:12]
    host = urlsplit(base_url).hostname or base_url
    return Profile(id=f"cli-{digest}", name=f"{app_id}@{host}", base_url=base_url, app_id=app_id)


def _select(args: argparse.Namespace) -> tuple[ProfileStore, list[Profile], SecretStore, str | None]:
    """The profiles to load, their store and the secret store; UsageError when the choice is impossible."""
    if args.base_url or args.app_id:
        if args.profile or args.all:
            raise UsageError("--base-url/--app-id cannot be combined with --profile or --all")
        if not (args.base_url and args.app_id):
            raise UsageError("--base-url and --app-id go together")
        try:
            base_url = validate_url(args.base_url, "base_url", required=True)
        except ProfileValidationError as exc:
            raise UsageError(f"--base-url: {exc.message}") from None
        app_id = args.app_id.strip()
        if not app_id or any(ch.isspace() for ch in app_id):
            raise UsageError(f"--app-id must be non-empty and contain no spaces, got {args.app_id!r}")
        app_key = os.environ.get(APP_KEY_ENV, "")
        if not app_key:
            raise UsageError(f"set {APP_KEY_ENV} to the AppKey (it is never read from the command line)")
        profile = adhoc_profile(base_url, app_id)
        store = ProfileStore(DictBackend())
        store.save(profile)
        return store, [profile], SecretStore.session_only("command line"), app_key
    backend = QtIniBackend(Path(args.settings) if args.settings else None)
    store = ProfileStore(backend)
    saved = store.list()
    if not saved:
        raise UsageError(
            f"no saved profiles in {backend.path}; add one in the app, or use --base-url URL --app-id ID"
        )
    if args.all:
        # the embedded sandbox's profile points at a port that only exists while the app runs
        chosen = [p for p in saved if not p.is_sandbox]
        if not chosen:
            raise UsageError("only the sandbox profile is saved; name it with --profile to include it")
    elif args.profile:
        by_name = {p.name.casefold(): p for p in saved}
        chosen = []
        for name in args.profile:
            match = by_name.get(name.strip().casefold())
            if match is None:
                names = ", ".join(sorted(p.name for p in saved))
                raise UsageError(f"no saved profile named {name!r} (saved: {names})")
            chosen.append(match)
    else:
        active = store.get(store.active_id) if store.active_id else None
        if active is None:
            raise UsageError("no profile is active in the app; pass --profile NAME or --all")
        chosen = [active]
    return store, chosen, SecretStore(), None


def run(args: argparse.Namespace) -> int:
    try:
        store, chosen, secrets, app_key = _select(args)
    except UsageError as exc:
        return _fail(str(exc))
    except SettingsFileError as exc:
        return _fail(f"cannot read the app's settings: {exc}")
    history: HistoryStore | None = None
    if not args.no_history:
        try:
            history = HistoryStore.open(Path(args.history_db) if args.history_db else None)
        except HistoryError as exc:
            return _fail(str(exc))
    thresholds = Thresholds(warn_at=args.warn_at, expiry_days=args.expiry_days)
    # The client logs retries and failures as warnings; here each failure is the one line printed below.
    logging.getLogger("aigc_desktop").addHandler(logging.NullHandler())
    try:
        reports = asyncio.run(_load(store, chosen, secrets, app_key, history, thresholds))
    finally:
        if history is not None:
            history.close()
    status = _exit_status(reports)
    if args.json:
        document = {
            "schema": SCHEMA_VERSION,
            "generatedAt": datetime.now(UTC).isoformat(),
            "warnAt": thresholds.warn_at,
            "expiryDays": thresholds.expiry_days,
            "exitCode": status,
            "profiles": reports,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(render_table(reports))
    for report in reports:
        if report["error"]:
            print(f"{PROG}: error: {report['name']}: {report['error']['message']}", file=sys.stderr)
        if report["historyError"]:
            print(f"{PROG}: error: {report['historyError']}", file=sys.stderr)
    return status


async def _load(
    store: ProfileStore,
    chosen: list[Profile],
    secrets: SecretStore,
    app_key: str | None,
    history: HistoryStore | None,
    thresholds: Thresholds,
) -> list[dict[str, Any]]:
    """Load through the application model, as the app's Overview does (sessions, sign-in rules, history)."""
    if app_key is not None:
        await secrets.set(chosen[0].id, SecretKind.APP_KEY, app_key)
    model = AppModel(store, secrets, history=history)
    try:
        results = await model.load_all(chosen)
        return [await _report(model, result, thresholds) for result in results]
    finally:
        await model.aclose()


async def _report(model: AppModel, result: LoadResult, thresholds: Thresholds) -> dict[str, Any]:
    now = datetime.now(UTC)
    snapshots = []
    if model.history is not None and result.ok:
        try:
            snapshots = await model.history_of(result.profile, since=now - WINDOW)
        except HistoryError as exc:
            result = replace(result, history_error=str(exc))
    return profile_report(result, snapshots, thresholds, now)


def _exit_status(reports: list[dict[str, Any]]) -> int:
    if any(r["error"] or r["historyError"] for r in reports):
        return EXIT_USAGE
    if any(r["warnings"] for r in reports):
        return EXIT_THRESHOLD
    return EXIT_OK


def _number(value: object) -> str:
    return "?" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def render_table(reports: list[dict[str, Any]]) -> str:
    """A human table: one header line per profile, one line per quota, warnings marked with '!'."""
    lines: list[str] = []
    for report in reports:
        head = f"{report['name']}  ({report['appId']} at {report['baseUrl']})"
        if report["error"]:
            code = report["error"]["code"]
            lines.append(
                f"{head}  ERROR{f' {code}' if code is not None else ''}: {report['error']['message']}"
            )
            lines.append("")
            continue
        validity = report["validity"]
        lines.append(f"{head}  validity {validity['text'] if validity and validity['text'] else 'unknown'}")
        for quota in report["quotas"]:
            percent = "" if quota["percent"] is None else f"{quota['percent']:.1f}%"
            forecast = quota["forecast"]["text"] if quota["forecast"] else ""
            mark = "!" if quota["warn"] else " "
            used_total = f"{_number(quota['used'])} / {_number(quota['total'])}"
            lines.append(f" {mark} {quota['label']:<46} {used_total:>21} {percent:>7}  {forecast}".rstrip())
        for warning in report["warnings"]:
            lines.append(f"  ! {warning}")
        if report["historyError"]:
            lines.append(f"  (history: {report['historyError']})")
        lines.append("")
    return "\n".join(lines).rstrip("\n")
