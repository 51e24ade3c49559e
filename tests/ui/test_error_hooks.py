"""Uncaught errors (slots, callbacks, forgotten tasks) land in the banner, never silently."""

from __future__ import annotations

import asyncio
import sys

import pytest

from aigc_desktop.ui.error_hooks import install_error_hooks
from tests.ui.conftest import AppHarness


def test_excepthook_and_loop_handler_show_banners(app: AppHarness, aio) -> None:
    restore = install_error_hooks(app.ctx, asyncio.get_event_loop())
    try:
        try:
            raise RuntimeError("boom in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        aio.loop.call_exception_handler({"message": "task failed", "exception": ValueError("lost task")})
    finally:
        restore()
    texts = [b.text() for b in app.window.banners.banners()]
    assert any("Unexpected error" in t and "RuntimeError: boom in a slot" in t for t in texts)
    assert any("ValueError: lost task" in t for t in texts)


def test_secrets_in_unexpected_errors_are_masked_in_banner_and_log(
    app: AppHarness, caplog: pytest.LogCaptureFixture
) -> None:
    from aigc_desktop.platform.redaction import register_secret

    register_secret("SuperSecretAppKey123", partial=False)
    try:
        raise RuntimeError("failed with SuperSecretAppKey123 inside")
    except RuntimeError as exc:
        app.ctx.report_error(exc)
    text = app.window.banners.banners()[0].text()
    assert "RuntimeError: failed with" in text and "SuperSecretAppKey123" not in text
    assert "Traceback" in caplog.text and "SuperSecretAppKey123" not in caplog.text
