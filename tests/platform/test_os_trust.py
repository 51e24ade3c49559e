"""TLS trust (issue 16, item 8): the OS trust store by default, a custom CA bundle on request.

A real HTTPS server on loopback presents a certificate from a private root, as a corporate
TLS-inspection proxy does. On Linux the OS trust store is OpenSSL's system store, which the
``SSL_CERT_FILE`` variable points elsewhere (the way IT-installed roots are found): certifi's bundle
never reads it when the client ignores the environment, the OS store does.
"""

from __future__ import annotations

import ipaddress
import ssl
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aiohttp import web

from aigc_desktop.platform.client import PlatformClient
from aigc_desktop.platform.config import ClientConfig
from aigc_desktop.platform.exceptions import TlsFailure
from aigc_desktop.platform.transport import tls_verification

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="points the OpenSSL system store elsewhere")


def _make_pki(folder: Path) -> tuple[Path, Path, Path]:
    """A private root CA (ca.pem) and a server certificate for 127.0.0.1 signed by it."""
    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)

    def name(text: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, text)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("Corporate Inspection Root (test)"))
        .issuer_name(name("Corporate Inspection Root (test)"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name("127.0.0.1"))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return ca_file, cert_file, key_file


@pytest.fixture
async def https_platform(tmp_path: Path) -> AsyncIterator[tuple[str, Path]]:
    """An HTTPS server answering the logout endpoint; yields its base URL and the root CA file."""
    ca_file, cert_file, key_file = _make_pki(tmp_path)

    async def logout(request: web.Request) -> web.Response:
        return web.json_response({"code": 0, "message": "success", "data": 1})

    app = web.Application()
    app.router.add_post("/api/uc/v1/web/logout", logout)
    runner = web.AppRunner(app)
    await runner.setup()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=context)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"https://127.0.0.1:{port}", ca_file
    finally:
        await runner.cleanup()


def _config(base_url: str, **overrides: object) -> ClientConfig:
    values: dict[str, object] = {"base_url": base_url, "trust_env": False, "max_retries": 0}
    values.update(overrides)
    return ClientConfig(**values)  # type: ignore[arg-type]


async def test_a_root_in_the_os_store_is_trusted(
    https_platform: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    base_url, ca_file = https_platform
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # the OS store now holds the inspection root
    async with PlatformClient(_config(base_url)) as client:
        assert await client.logout("access-token-0123456789") is True


async def test_a_root_outside_the_os_store_is_refused(
    https_platform: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    base_url, _ = https_platform
    other = tmp_path / "other"
    other.mkdir()
    other_ca, _, _ = _make_pki(other)
    monkeypatch.setenv("SSL_CERT_FILE", str(other_ca))
    async with PlatformClient(_config(base_url)) as client:
        with pytest.raises(TlsFailure):
            await client.logout("access-token-0123456789")


async def test_a_custom_ca_bundle_replaces_the_os_store(
    https_platform: tuple[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    base_url, ca_file = https_platform
    other = tmp_path / "other"
    other.mkdir()
    other_ca, _, _ = _make_pki(other)
    monkeypatch.setenv("SSL_CERT_FILE", str(other_ca))  # the OS store does not trust the server...
    async with PlatformClient(_config(base_url, ca_bundle=ca_file)) as client:
        assert await client.logout("access-token-0123456789") is True  # ...the custom bundle does
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))  # and the OS store is not consulted beside it
    async with PlatformClient(_config(base_url, ca_bundle=other_ca)) as client:
        with pytest.raises(TlsFailure):
            await client.logout("access-token-0123456789")


def test_which_trust_is_in_use_in_words(tmp_path: Path) -> None:
    assert ClientConfig().trust_in_use == "Operating system trust store"
    bundle = tmp_path / "corp.pem"
    assert ClientConfig(ca_bundle=bundle).trust_in_use == f"Custom CA bundle: {bundle}"
    assert ClientConfig(verify_tls=False).trust_in_use == "Verification off"


def test_an_https_client_verifies_with_the_os_store() -> None:
    import truststore

    context = tls_verification(ClientConfig(trust_env=False))
    assert isinstance(context, truststore.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
