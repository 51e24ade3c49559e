"""Connection settings of the platform client (non-secret; the UI persists them per profile)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from aigc_desktop import __version__
from aigc_desktop.platform.endpoints import PRODUCTION_BASE_URL
from aigc_desktop.platform.exceptions import InvalidConfiguration
from aigc_desktop.platform.redaction import redact_url

DEFAULT_USER_AGENT = f"AIGC-Desktop/{__version__} (+python-httpx)"
DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024
DEFAULT_TOTAL_TIMEOUT_S = 30.0  # a whole call, retries and waits included


def check_url(text: str, *, what: str = "base URL", field_name: str = "base_url") -> str:
    """``text`` trimmed (no trailing '/'), or ``InvalidConfiguration`` saying what is wrong with it.

    An http(s) URL naming a host, with a port from 1 to 65535 if any, and nothing a URL cannot carry
    safely: no user-info (``user:password@``: httpx would send it as Basic auth and every log would
    show it), no query or fragment, no spaces or control characters. The message never repeats
    credentials.
    """
    raw = text.strip()
    shown = redact_url(raw)

    def refuse(message: str) -> InvalidConfiguration:
        return InvalidConfiguration(f"The {what} {message}", field=field_name)

    if not raw.lower().startswith(("http://", "https://")):
        raise refuse(f"must start with http:// or https:// and name a host, got {shown!r}")
    if any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in raw):
        raise refuse("must not contain spaces or control characters")
    if not raw.split("://", 1)[1].strip("/"):
        raise refuse(f"must start with http:// or https:// and name a host (it has no host name): {shown!r}")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        reason = "port must be a number from 1 to 65535" if "port" in str(exc).lower() else str(exc)
        raise refuse(f"is not a valid URL ({reason}): {shown!r}") from None
    if "@" in parts.netloc:
        raise refuse(
            "must not contain a user name or password (user:password@...); "
            "the platform signs in with the AppID and AppKey instead"
        )
    if not parts.hostname:
        raise refuse(f"must start with http:// or https:// and name a host (it has no host name): {shown!r}")
    if port == 0:
        raise refuse(f"is not a valid URL (port must be a number from 1 to 65535): {shown!r}")
    if parts.query or parts.fragment or raw.endswith(("?", "#")):
        raise refuse(f"must not contain a query (?...) or fragment (#...): {shown!r}")
    return raw.rstrip("/")


@dataclass(frozen=True, slots=True)
class ClientConfig:
    """How to reach the platform. Validated on creation so a typo fails early with a clear message."""

    base_url: str = PRODUCTION_BASE_URL
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    verify_tls: bool = True
    ca_bundle: Path | None = None
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY / SSL_CERT_FILE from the environment
    proxy: str | None = None  # an explicit http(s) proxy URL; wins over the environment's
    max_retries: int = 2
    backoff_base: float = 0.3
    backoff_cap: float = 5.0
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    user_agent: str = field(default=DEFAULT_USER_AGENT)
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT_S  # the deadline of a whole call, retries included

    @property
    def trust_in_use(self) -> str:
        """Which certificates verify TLS, in words: the OS trust store, a custom CA bundle, or none."""
        if not self.verify_tls:
            return "Verification off"
        if self.ca_bundle is not None:
            return f"Custom CA bundle: {self.ca_bundle}"
        return "Operating system trust store"

    def __post_init__(self) -> None:
        """Every problem is an ``InvalidConfiguration`` (a ``ValueError`` too) naming the setting."""
        object.__setattr__(self, "base_url", check_url(self.base_url))
        for name in ("connect_timeout", "read_timeout", "total_timeout"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < float("inf"):
                raise InvalidConfiguration(
                    f"{name.replace('_', ' ')} must be a positive number of seconds", field=name
                )
        if self.max_retries < 0:
            raise InvalidConfiguration("max retries cannot be negative", field="max_retries")
        if self.backoff_base < 0 or self.backoff_cap < 0:
            raise InvalidConfiguration("backoff times cannot be negative", field="backoff_base")
        if self.max_response_bytes <= 0:
            raise InvalidConfiguration("max response bytes must be positive", field="max_response_bytes")
        if self.ca_bundle is not None:
            object.__setattr__(self, "ca_bundle", Path(self.ca_bundle))
        if self.proxy is not None and not self.proxy.startswith(("http://", "https://")):
            raise InvalidConfiguration(
                f"proxy URL must start with http:// or https://, got {redact_url(self.proxy)!r}",
                field="proxy",
            )
