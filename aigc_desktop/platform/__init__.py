"""Platform layer: signing, models, typed errors, log redaction and the async client (no Qt here)."""

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
