"""Platform layer: signing, models, typed errors, log redaction and the async client (no Qt here).

The names below are loaded on first use (PEP 562), so importing one light module such as
``aigc_desktop.platform.endpoints`` does not pull in the HTTP client and httpx with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aigc_desktop.platform.call_record import CallRecord, RequestPreview
    from aigc_desktop.platform.client import PlatformClient
    from aigc_desktop.platform.config import ClientConfig
    from aigc_desktop.platform.endpoints import PRODUCTION_BASE_URL
    from aigc_desktop.platform.exceptions import (
        AigcError,
        ConnectionFailed,
        InvalidResponse,
        PlatformError,
        RateLimited,
        RefreshTooSoon,
        RequestCancelled,
        RequestTimeout,
        TlsFailure,
        TransportError,
    )
    from aigc_desktop.platform.models import Account, TokenGrant
    from aigc_desktop.platform.redaction import (
        install_redaction,
        mask_secret,
        redact_json,
        redact_text,
        register_secret,
    )
    from aigc_desktop.platform.refresh_guard import (
        REFRESH_MIN_INTERVAL,
        check_refresh_allowed,
        next_refresh_allowed_at,
    )

# exported name -> the module (under aigc_desktop.platform) that defines it
_EXPORTS: dict[str, str] = {
    "CallRecord": "call_record",
    "RequestPreview": "call_record",
    "PlatformClient": "client",
    "ClientConfig": "config",
    "PRODUCTION_BASE_URL": "endpoints",
    "AigcError": "exceptions",
    "ConnectionFailed": "exceptions",
    "InvalidResponse": "exceptions",
    "PlatformError": "exceptions",
    "RateLimited": "exceptions",
    "RefreshTooSoon": "exceptions",
    "RequestCancelled": "exceptions",
    "RequestTimeout": "exceptions",
    "TlsFailure": "exceptions",
    "TransportError": "exceptions",
    "Account": "models",
    "TokenGrant": "models",
    "install_redaction": "redaction",
    "mask_secret": "redaction",
    "redact_json": "redaction",
    "redact_text": "redaction",
    "register_secret": "redaction",
    "REFRESH_MIN_INTERVAL": "refresh_guard",
    "check_refresh_allowed": "refresh_guard",
    "next_refresh_allowed_at": "refresh_guard",
}

__all__ = [
    "PRODUCTION_BASE_URL",
    "REFRESH_MIN_INTERVAL",
    "Account",
    "AigcError",
    "CallRecord",
    "ClientConfig",
    "ConnectionFailed",
    "InvalidResponse",
    "PlatformClient",
    "PlatformError",
    "RateLimited",
    "RefreshTooSoon",
    "RequestCancelled",
    "RequestPreview",
    "RequestTimeout",
    "TlsFailure",
    "TokenGrant",
    "TransportError",
    "check_refresh_allowed",
    "install_redaction",
    "mask_secret",
    "next_refresh_allowed_at",
    "redact_json",
    "redact_text",
    "register_secret",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
