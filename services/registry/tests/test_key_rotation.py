"""Rotating the registry's signing key: a second key is published and trusted, never signs."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from kit.auth import Role
from kit.testing import KeyFiles, TokenFactory
from kit.tokens import TokenVerifier, generate_private_pem, signing_key_from_pem
from registry.app import create_app
from registry.settings import RegistrySettings
from registry.tests.test_auth import add_user

pytestmark = pytest.mark.smoke


@contextlib.asynccontextmanager
async def registry(app_settings: dict[str, Any], **keys: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A second registry app on the run's (already migrated) database, with these key files."""
    rotated: FastAPI = create_app(RegistrySettings(**app_settings, **keys))
    transport = httpx.ASGITransport(app=rotated)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http
    await rotated.state.engine.dispose()


def pem_file(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(generate_private_pem())
    return path


async def test_both_keys_are_published_tokens_of_either_verify_and_only_the_first_signs(
    app, client, app_settings, test_keys: KeyFiles, tmp_path: Path
) -> None:
    new = pem_file(tmp_path, "next.pem")
    new_key = signing_key_from_pem(new.read_text())
    old_key = test_keys.key
    await add_user(app)

    # The swap: the new key signs, the old one stays published until its tokens have expired.
    async with registry(
        app_settings, signing_key_file=new, rotation_key_file=test_keys.private_pem
    ) as http:
        published = (await http.get("/.well-known/jwks.json")).json()["keys"]
        assert [k["kid"] for k in published] == [new_key.kid, old_key.kid]
        assert all("d" not in k for k in published), "never the private half"

        login = await http.post(
            "/v1/auth/token",
            data={"grant_type": "password", "username": "wang", "password": "s3cret-pass"},
        )
        access = login.json()["access_token"]
        # A service that knows only the JWKS address verifies the new key's token...
        verifier = TokenVerifier(
            issuer="fumin-registry",
            audience="fumin",
            jwks_url="http://test/.well-known/jwks.json",
            http=http,
        )
        assert (await verifier.verify(access))["sub"]
        assert verifier.keys.keys() == {new_key.kid, old_key.kid}
        # ...and a token the old key signed before the swap still works until it expires.
        old_token = TokenFactory(old_key).headers(Role.COUNTY_ADMIN, area="331126")
        assert (await http.get("/v1/auth/me", headers=old_token)).status_code == 200
        new_token = TokenFactory(new_key).headers(Role.COUNTY_ADMIN, area="331126")
        assert (await http.get("/v1/auth/me", headers=new_token)).status_code == 200

    # After the old key is retired (and with no JWKS file that still trusts it), its tokens are
    # refused.
    untrusting = {**app_settings, "trusted_jwks_file": None}
    async with registry(untrusting, signing_key_file=new) as http:
        published = (await http.get("/.well-known/jwks.json")).json()["keys"]
        assert [k["kid"] for k in published] == [new_key.kid]
        assert (await http.get("/v1/auth/me", headers=old_token)).status_code == 401


async def test_production_never_makes_a_signing_key_of_its_own(app_settings, tmp_path: Path):
    settings = RegistrySettings(
        **{
            **app_settings,
            "environment": "production",
            "database_url": "postgresql+asyncpg://fumin@db/fumin",
        },
        signing_key_file=tmp_path / "missing.pem",
        assistance_client_secret="a-real-secret",
        indicators_client_secret="another-real-secret",
    )
    with pytest.raises(RuntimeError, match="signing_key_file"):
        create_app(settings)
    assert not (tmp_path / "missing.pem").exists()
