"""Client settings: validation, proxies from the environment, closed clients."""

from __future__ import annotations

import socket
import ssl
from dataclasses import replace

import pytest
import truststore

from aigc_desktop import __version__
from aigc_desktop.platform import endpoints
from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.endpoints import ALL_ENDPOINTS, PRODUCTION_BASE_URL
from aigc_desktop.platform.exceptions import AigcError, ConnectionFailed, InvalidConfiguration, PlatformError
from aigc_desktop.platform.transport import tls_verification
from aigc_desktop.sandbox import SandboxServer
from tests.platform.conftest import fast_config

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def test_defaults_follow_the_brief() -> None:
    config = ClientConfig()
    assert config.base_url == PRODUCTION_BASE_URL == "https://aigc.softsugar.com"
    assert (config.connect_timeout, config.read_timeout, config.max_retries) == (5.0, 15.0, 2)
    assert config.verify_tls and config.trust_env and config.ca_bundle is None
    assert config.max_response_bytes == 4 * 1024 * 1024
    assert config.user_agent == f"AIGC-Desktop/{__version__} (+python-httpx)"
    assert ClientConfig(base_url="http://localhost:8080/").base_url == "http://localhost:8080"


def test_endpoints_are_the_documented_four() -> None:
    assert [(e.method, e.path) for e in ALL_ENDPOINTS] == [
        ("POST", "/api/uc/v1/access/api/token"),
        ("POST", "/api/uc/v1/access/api/token/refresh"),
        ("POST", "/api/uc/v1/web/logout"),
        ("GET", "/api/2dvh/v1/user/config/resource"),
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"base_url": "aigc.softsugar.com"}, "must start with http:// or https://"),
        ({"base_url": "https://"}, "must start with http:// or https://"),
        ({"read_timeout": 0}, "read timeout must be a positive number"),
        ({"connect_timeout": -1}, "connect timeout must be a positive number"),
        ({"max_retries": -1}, "max retries cannot be negative"),
        ({"max_response_bytes": 0}, "max response bytes must be positive"),
    ],
)
def test_bad_settings_are_refused_with_a_reason(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ClientConfig(**overrides)  # type: ignore[arg-type]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def test_proxy_from_the_environment_is_used_only_with_trust_env(
    sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{_closed_port()}")
    async with PlatformClient(fast_config(sandbox.base_url, trust_env=True, max_retries=0)) as via_proxy:
        with pytest.raises(ConnectionFailed):
            await via_proxy.login(sandbox.demo.app_id, sandbox.demo.app_key)
    assert sandbox.requests == []
    async with PlatformClient(fast_config(sandbox.base_url, trust_env=False)) as direct:
        assert (await direct.login(sandbox.demo.app_id, sandbox.demo.app_key)).access_token


async def test_a_closed_client_says_so(sandbox: SandboxServer) -> None:
    client = PlatformClient(fast_config(sandbox.base_url))
    await client.aclose()
    await client.aclose()
    assert client.closed
    with pytest.raises(RuntimeError, match="has been closed"):
        await client.login(sandbox.demo.app_id, sandbox.demo.app_key)


async def test_an_explicit_proxy_carries_the_calls(sandbox: SandboxServer) -> None:
    """Settings' custom proxy: the request goes to the proxy (here the sandbox itself, in absolute form)."""
    unreachable = f"http://127.0.0.1:{_closed_port()}"
    config = fast_config(unreachable, trust_env=False, max_retries=0)
    async with PlatformClient(replace(config, proxy=sandbox.base_url)) as via_proxy:
        grant = await via_proxy.login(sandbox.demo.app_id, sandbox.demo.app_key)
    assert grant.access_token
    assert [r.path for r in sandbox.requests] == ["/api/uc/v1/access/api/token"]


async def test_a_base_url_with_a_path_keeps_it_in_front_of_every_endpoint(sandbox: SandboxServer) -> None:
    """A gateway that serves the platform under a prefix: every call goes to prefix + documented path."""
    async with PlatformClient(fast_config(f"{sandbox.base_url}/gateway/", max_retries=0)) as client:
        for _ in range(2):  # the second call reuses the URL built for the first
            with pytest.raises(PlatformError, match="No such endpoint: /gateway/api/2dvh/"):
                await client.get_account("token-value", 4)  # the sandbox serves nothing under a prefix
        with pytest.raises(PlatformError, match="No such endpoint: /gateway/api/uc/"):
            await client.login(sandbox.demo.app_id, sandbox.demo.app_key)
    assert [r.path for r in sandbox.requests] == [
        f"/gateway{endpoints.ACCOUNT.path}",
        f"/gateway{endpoints.ACCOUNT.path}",
        f"/gateway{endpoints.LOGIN.path}",
    ]


def _without_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)


def test_a_plain_http_client_loads_no_certificate_store_and_trusts_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The sandbox speaks plain HTTP: no store is loaded, and should TLS happen, nothing is trusted."""
    _without_proxy_variables(monkeypatch)
    context = tls_verification(ClientConfig(base_url="http://127.0.0.1:8080"))
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0


def test_tls_is_verified_against_the_system_store_wherever_it_can_happen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _without_proxy_variables(monkeypatch)

    def os_store(config: ClientConfig) -> bool:
        return isinstance(tls_verification(config), truststore.SSLContext)

    assert os_store(ClientConfig())  # https://aigc.softsugar.com
    plain = "http://127.0.0.1:8080"
    assert os_store(ClientConfig(base_url=plain, proxy="https://proxy.example:443"))
    monkeypatch.setenv("HTTPS_PROXY", "https://proxy.example:443")
    monkeypatch.setenv("HTTP_PROXY", "https://proxy.example:443")
    assert os_store(ClientConfig(base_url=plain))  # the environment's proxy is TLS
    assert not os_store(ClientConfig(base_url=plain, trust_env=False))
    assert isinstance(tls_verification(ClientConfig(base_url=plain, trust_env=False)), ssl.SSLContext)
    assert tls_verification(ClientConfig(verify_tls=False)) is False


def test_a_proxy_url_must_be_http() -> None:
    with pytest.raises(ValueError, match="proxy URL"):
        ClientConfig(proxy="socks5://127.0.0.1:1080")


@pytest.mark.parametrize("port", [1, 65535])
def test_ports_at_the_edges_are_accepted(port: int) -> None:
    assert ClientConfig(base_url=f"http://127.0.0.1:{port}/").base_url == f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    ("base_url", "words"),
    [
        ("http://127.0.0.1:0", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:65536", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:99999", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:-1", "port must be a number from 1 to 65535"),
        ("http://127.0.0.1:8o", "port must be a number from 1 to 65535"),
        ("http://[::1", "Invalid IPv6 URL"),
        ("ftp://127.0.0.1", "must start with http:// or https://"),
        ("http://user:SecretPw9@127.0.0.1", "user name or password"),
        ("http://user@127.0.0.1", "user name or password"),
        ("https://h.example/?token=SecretTok9", "query"),
        ("https://h.example/#frag", "fragment"),
        ("https://h.example/a b", "spaces or control characters"),
    ],
)
def test_malformed_base_urls_raise_invalid_configuration_before_any_request(
    base_url: str, words: str
) -> None:
    """Issue 15 item 6: a port out of range reached the network stack and came back as an ExceptionGroup."""
    with pytest.raises(InvalidConfiguration, match=words) as caught:
        ClientConfig(base_url=base_url)
    assert isinstance(caught.value, AigcError) and caught.value.field == "base_url"
    assert "SecretPw9" not in str(caught.value) and "SecretTok9" not in str(caught.value)


@pytest.mark.parametrize("total", [0, -1, float("inf"), float("nan")])
def test_the_total_deadline_must_be_a_positive_number(total: float) -> None:
    with pytest.raises(InvalidConfiguration, match="total timeout must be a positive number"):
        ClientConfig(total_timeout=total)


def test_the_total_deadline_defaults_to_30_seconds() -> None:
    assert ClientConfig().total_timeout == 30.0
