"""Facts about hosts that every layer asks the same way (one rule, one place)."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str | None) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ``::1``, also written ``[::1]``).

    Any other host name is not trusted to be local: it is whatever a resolver says it is.
    """
    if not host:
        return False
    name = host.strip()
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False
