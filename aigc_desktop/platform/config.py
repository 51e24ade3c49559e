"""Connection settings of the platform client (non-secret; the UI persists them per profile)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from aigc_desktop import __version__
from aigc_desktop.platform.endpoints import PRODUCTION_BASE_URL

DEFAULT_USER_AGENT = f"AIGC-Desktop/{__version__} (+python-httpx)"
DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024


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

    @property
    def trust_in_use(self) -> str:
        """Which certificates verify TLS, in words: the OS trust store, a custom CA bundle, or none."""
        if not self.verify_tls:
            return "Verification off"
        if self.ca_bundle is not None:
            return f"Custom CA bundle: {self.ca_bundle}"
        return "Operating system trust store"

    def __post_init__(self) -> None:
        base = self.base_url.strip().rstrip("/")
        if not base.startswith(("http://", "https://")) or len(base.split("://", 1)[1]) == 0:
            raise ValueError(
                f"base URL must start with http:// or https:// and name a host, got {self.base_url!r}"
            )
        object.__setattr__(self, "base_url", base)
        for name in ("connect_timeout", "read_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name.replace('_', ' ')} must be a positive number of seconds")
        if self.max_retries < 0:
            raise ValueError("max retries cannot be negative")
        if self.backoff_base < 0 or self.backoff_cap < 0:
            raise ValueError("backoff times cannot be negative")
        if self.max_response_bytes <= 0:
            raise ValueError("max response bytes must be positive")
        if self.ca_bundle is not None:
            object.__setattr__(self, "ca_bundle", Path(self.ca_bundle))
        if self.proxy is not None and not self.proxy.startswith(("http://", "https://")):
            raise ValueError(f"proxy URL must start with http:// or https://, got {self.proxy!r}")
