"""The registry service: areas, people, entities, households and their links; login and keys."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request

from kit.app import create_service_app
from kit.feed import feed_router
from kit.tokens import jwks, load_or_create_signing_key
from registry.auth import service as auth_service
from registry.auth.router import router as auth_router
from registry.models import outbox
from registry.privacy import mask_event
from registry.settings import RegistrySettings

MIGRATIONS = Path(__file__).parent / "migrations"

keys_router = APIRouter(tags=["auth"])


@keys_router.get("/.well-known/jwks.json", summary="令牌公钥 / token signing keys (JWKS)")
async def public_keys(request: Request) -> dict[str, Any]:
    return jwks([request.app.state.signing_key])


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
        feed_router("registry", outbox, mask_event),
    ]
    app = create_service_app(
        name="registry",
        title="Fumin registry 登记",
        settings=settings,
        script_location=MIGRATIONS,
        outbox=outbox,
        routers=routers,
        background=[service_clients],
    )
    key = load_or_create_signing_key(settings.signing_key_path)
    app.state.signing_key = key
    app.state.verifier.trust(key.public_jwk)  # its own tokens never need a fetch
    return app
