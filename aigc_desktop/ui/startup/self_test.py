"""``aigc-desktop --self-test``: open the real window, sign in, load account and quotas, report, exit.

Uses a throwaway in-memory profile and secret store: it never reads or writes the user's settings
or keyring. Without ``--base-url`` it runs against the embedded sandbox (with its demo account);
with ``--base-url`` it needs ``--app-id`` and the AppKey in ``AIGC_APP_KEY`` (never in argv).

The window is built as the app builds it for its first frame, plus the panes the test reads
(``CHECKED_PANES``, built before anything is signed in so they follow every signal); the other
panes, the tray and the clock-skew label are not needed to check anything and are left unbuilt.
"""

from __future__ import annotations

import asyncio
import os

from aigc_desktop.application.errors import SecretStoreError
from aigc_desktop.application.model import AppModel
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.environment import APP_KEY_ENV
from aigc_desktop.platform.exceptions import AigcError
from aigc_desktop.services.profiles import ProfileValidationError
from aigc_desktop.ui import event_loop
from aigc_desktop.ui.context import AppContext
from aigc_desktop.ui.error_hooks import configure_logging, install_error_hooks
from aigc_desktop.ui.errors import describe_error
from aigc_desktop.ui.main_window import MainWindow
from aigc_desktop.ui.startup.bootstrap import resume_gc
from aigc_desktop.ui.startup.frame import LaunchOptions, make_application

CHECKED_PANES = ("token", "account", "quotas")
_CALLS = 2  # login + account


class SelfTestFailure(Exception):
    """A check of the self-test did not hold; the message says which."""


def time_budget(config: ClientConfig) -> float:
    """Worst case of the calls made, from the client's own timeouts and retries, plus start-up margin."""
    attempts = config.max_retries + 1
    per_attempt = config.connect_timeout + config.read_timeout
    return _CALLS * attempts * (per_attempt + config.backoff_cap) + 10.0


async def _prepare_remote(ctx: AppContext, args: LaunchOptions) -> None:
    app_key = os.environ.get(APP_KEY_ENV, "")
    base_url = args.base_url or ""  # only called with one
    if not args.app_id:
        raise SelfTestFailure(
            "--base-url needs --app-id (and the AppKey in the AIGC_APP_KEY environment variable)"
        )
    if not app_key:
        raise SelfTestFailure(f"the AppKey must be in the {APP_KEY_ENV} environment variable")
    try:
        await ctx.model.add_profile("Self-test", base_url=base_url, app_id=args.app_id, app_key=app_key)
    except ProfileValidationError as exc:
        raise SelfTestFailure(f"{exc.field}: {exc.message}") from None
    await ctx.model.sign_in()


def _check_window(window: MainWindow) -> list[str]:
    """What the panes show, or a failure when a pane stayed empty."""
    token = window.panes["token"]
    account = window.panes["account"]
    quotas = window.panes["quotas"]
    if not token.access_field.value():  # type: ignore[attr-defined]
        raise SelfTestFailure("the token pane shows no access token")
    if window.ctx.state.account is None or not account.basic_box.isVisibleTo(account):  # type: ignore[attr-defined]
        raise SelfTestFailure("the account pane shows no account")
    bars = quotas.bars  # type: ignore[attr-defined]
    unknown = [key for key, bar in bars.items() if bar.level == "unknown"]
    if unknown:
        raise SelfTestFailure(f"quota values missing: {', '.join(unknown)}")
    expiry = token.expiry_label.text()  # type: ignore[attr-defined]
    company = account.company_label.text()  # type: ignore[attr-defined]
    validity = account.days_label.text()  # type: ignore[attr-defined]
    lines = [
        f"Signed in: the access token {expiry[:1].lower()}{expiry[1:]}.",
        f"Account loaded: {company}, {validity[:1].lower()}{validity[1:]}.",
    ]
    lines += [f"{bar.title.text()}: {bar.numbers.text()}." for bar in bars.values()]
    return lines


async def run_self_test(args: LaunchOptions) -> int:
    ctx = AppContext(AppModel.in_memory("self-test: nothing is saved", "keyring.self_test"))
    restore_hooks = install_error_hooks(ctx, asyncio.get_running_loop())
    stray: list[BaseException] = []
    ctx.error_reported.connect(stray.append)
    window = MainWindow(ctx, settings=None, defer=True)
    window.panes.build_all(CHECKED_PANES)  # now, so they see the sign-in and the account arrive
    window.show()
    resume_gc()
    budget = time_budget(ClientConfig(base_url="http://127.0.0.1"))  # timeouts only: the URL is checked later
    try:
        async with asyncio.timeout(budget):
            if args.base_url:
                await _prepare_remote(ctx, args)
            else:
                await ctx.model.start_sandbox_session()
            lines = _check_window(window)
        if stray:
            raise stray[0]
    except TimeoutError:
        print(f"self-test failed: no result within {budget:.0f} s (the client's timeouts)", flush=True)
        return 1
    except SelfTestFailure as exc:
        print(f"self-test failed: {exc}", flush=True)
        return 1
    except (AigcError, SecretStoreError) as exc:
        print(f"self-test failed: {describe_error(exc).as_text()}", flush=True)
        return 1
    finally:
        await ctx.aclose()
        window.close()
        restore_hooks()
    for line in lines:
        print(line)
    print("self-test ok", flush=True)
    return 0


def run_self_test_process(args: LaunchOptions) -> int:
    """``--self-test``: sign in on the sandbox (or ``--base-url``), load the account, print, exit."""
    configure_logging(log_dir=None)
    make_application()
    return int(event_loop.run(run_self_test(args)))
