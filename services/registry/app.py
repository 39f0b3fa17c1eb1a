"""The registry service: areas, people, entities, households and their links; login and keys."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response

from kit.app import create_service_app
from kit.feed import feed_router
from kit.tokens import SigningKey, jwks, load_or_create_signing_key, signing_key_from_pem
from registry.areas.router import router as areas_router
from registry.audit.router import router as audit_router
from registry.auth import service as auth_service
from registry.auth.revocations import TableRevocations
from registry.auth.router import router as auth_router
from registry.cadres.router import router as cadres_router
from registry.clients.router import router as clients_router
from registry.departments.router import router as departments_router
from registry.entities.router import router as entities_router
from registry.households.router import router as households_router
from registry.imports.router import router as imports_router
from registry.links import router as links
from registry.models import outbox
from registry.privacy import WRITE_AUDIT, audit_feed_read, mask_event
from registry.reconciliations.router import router as reconciliations_router
from registry.settings import RegistrySettings
from registry.snapshots.router import router as snapshots_router
from registry.users.router import router as users_router
from registry.vocabularies.router import router as vocabularies_router

MIGRATIONS = Path(__file__).parent / "migrations"

keys_router = APIRouter(tags=["auth"])


# Public, and the same for everyone: the one answer that may be cached (briefly: keys rotate).
KEYS_CACHE = "public, max-age=300"


@keys_router.get("/.well-known/jwks.json", summary="令牌公钥 / token signing keys (JWKS)")
async def public_keys(request: Request, response: Response) -> dict[str, Any]:
    response.headers["Cache-Control"] = KEYS_CACHE
    return jwks(request.app.state.published_keys)


@contextlib.asynccontextmanager
async def service_clients(app: FastAPI) -> AsyncIterator[None]:
    async with app.state.sessionmaker.begin() as session:
        await auth_service.ensure_service_clients(session, app.state.settings)
    yield


def create_app(settings: RegistrySettings | None = None) -> FastAPI:
    settings = settings or RegistrySettings()
    routers = [
        auth_router,
        keys_router,
        feed_router("registry", outbox, mask_event, audit_feed_read),
        snapshots_router,
        households_router,
        entities_router,
        links.cadre_entity_links,
        links.entity_household_links,
        links.pairings,
        areas_router,
        departments_router,
        users_router,
        clients_router,
        cadres_router,
        audit_router,
        imports_router,
        reconciliations_router,
        vocabularies_router,
    ]
    app = create_service_app(
        name="registry",
        title="Fumin registry 登记",
        settings=settings,
        script_location=MIGRATIONS,
        outbox=outbox,
        routers=routers,
        background=[service_clients],
        revocations=lambda app: TableRevocations(app.state.sessionmaker),
        write_audit=WRITE_AUDIT,
    )
    app.state.signing_key, app.state.published_keys = signing_keys(settings)
    for key in app.state.published_keys:
        app.state.verifier.trust(key.public_jwk)  # its own tokens never need a fetch
    return app


def signing_keys(settings: RegistrySettings) -> tuple[SigningKey, list[SigningKey]]:
    """The key that signs, and every key the JWKS publishes (the rotation's other one too)."""
    path = settings.signing_key_path
    if settings.environment == "production" and not path.exists():
        # Replicas that each made a key of their own would reject each other's tokens.
        raise RuntimeError(f"signing_key_file: {path} is missing (production never makes one)")
    key = load_or_create_signing_key(path)
    published = [key]
    if settings.rotation_key_file is not None:
        published.append(signing_key_from_pem(settings.rotation_key_file.read_text()))
    return key, published
