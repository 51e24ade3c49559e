"""The four documented endpoints of the user-access API, in one place.

Paths come from the platform's access doc; the client and the sandbox both use them so they
can never drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

PRODUCTION_BASE_URL = "https://aigc.softsugar.com"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One API route: a short name for logs and errors, the HTTP method and the path."""

    name: str
    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


LOGIN = Endpoint("login", "POST", "/api/uc/v1/access/api/token")
REFRESH = Endpoint("refresh", "POST", "/api/uc/v1/access/api/token/refresh")
LOGOUT = Endpoint("logout", "POST", "/api/uc/v1/web/logout")
ACCOUNT = Endpoint("account", "GET", "/api/2dvh/v1/user/config/resource")

ALL_ENDPOINTS: tuple[Endpoint, ...] = (LOGIN, REFRESH, LOGOUT, ACCOUNT)

LOGIN_GRANT_TYPE = "sign"
REFRESH_GRANT_TYPE = "refreshToken"
