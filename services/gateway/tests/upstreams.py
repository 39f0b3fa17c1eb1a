"""Small stand-ins for the services, served over real HTTP in the gateway's tests.

Both define a schema named ``Item`` with different fields (so the merged OpenAPI must rename
them) and share FastAPI's identical validation schemas (which it must not).
"""

import asyncio
import hashlib
import threading
from collections.abc import AsyncIterator

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, create_model

EXPORT_CHUNK = bytes(range(256)) * 256  # 64 KiB
EXPORT_CHUNKS = 80  # 5 MiB in all
EXPORT_SHA256 = hashlib.sha256(EXPORT_CHUNK * EXPORT_CHUNKS).hexdigest()
SLOW_SECONDS = 1.5
CURRENT_ETAG = '"2"'

# Set by a test once it has the first chunk of /v1/households/trickle through the gateway.
first_chunk_seen = threading.Event()


class Item(BaseModel):
    name: str
    size: int


class Household(BaseModel):
    id: str
    head: Item


async def echo(request: Request) -> dict[str, object]:
    body = await request.body()
    return {
        "service": request.app.title,
        "method": request.method,
        "path": request.url.path,
        "query": request.url.query,
        "body": body.decode(),
        "headers": dict(request.headers),
    }


registry_routes = APIRouter()


@registry_routes.get("/v1/households/export")
async def export() -> StreamingResponse:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(EXPORT_CHUNKS):
            yield EXPORT_CHUNK

    return StreamingResponse(chunks(), media_type="text/csv")


@registry_routes.get("/v1/households/trickle")
async def trickle() -> StreamingResponse:
    async def chunks() -> AsyncIterator[bytes]:
        yield b"first;"
        for _ in range(500):  # up to 5 s for the test to see the first chunk
            if first_chunk_seen.is_set():
                yield b"released"
                return
            await asyncio.sleep(0.01)
        yield b"never released"

    return StreamingResponse(chunks(), media_type="text/plain")


@registry_routes.get("/v1/households/slow")
async def slow() -> dict[str, str]:
    await asyncio.sleep(SLOW_SECONDS)
    return {"status": "late"}


@registry_routes.post("/v1/imports/households")
async def slow_import() -> dict[str, str]:
    await asyncio.sleep(SLOW_SECONDS)  # a whole county's file takes a while to write
    return {"status": "imported"}


@registry_routes.get("/v1/households/{household_id}", response_model=Household)
async def read_household(household_id: str) -> Household:
    return Household(id=household_id, head=Item(name="张三", size=4))


@registry_routes.get("/v1/households/{household_id}/raw")
async def raw_param(household_id: str) -> dict[str, str]:
    """The parameter as the service received it."""
    return {"household_id": household_id}


@registry_routes.put("/v1/households/{household_id}")
async def edit_household(request: Request, household_id: str) -> JSONResponse:
    if request.headers.get("if-match") != CURRENT_ETAG:
        problem = {"type": "/problems/stale-version", "status": 412}
        return JSONResponse(
            problem,
            status_code=412,
            media_type="application/problem+json",
            headers={"ETag": CURRENT_ETAG},
        )
    return JSONResponse(await echo(request), headers={"ETag": '"3"'})


@registry_routes.post("/v1/auth/token")
async def token(request: Request) -> dict[str, object]:
    return await echo(request)


@registry_routes.post("/v1/households", status_code=201)
async def create_household(request: Request) -> JSONResponse:
    response = JSONResponse(await echo(request), status_code=201)
    response.set_cookie("a", "1")
    response.set_cookie("b", "2")
    return response


@registry_routes.api_route(
    "/v1/{path:path}", methods=["GET", "DELETE", "PATCH"], include_in_schema=False
)
async def anything(request: Request) -> dict[str, object]:
    return await echo(request)


@registry_routes.get("/.well-known/jwks.json")
async def keys() -> dict[str, list[str]]:
    return {"keys": []}


@registry_routes.get("/internal/debug")
async def internal() -> dict[str, str]:
    return {"not": "public"}


# What a service serves on its own port and never through the gateway.
INTERNAL_MARK = "internal-only"


@registry_routes.get("/metrics")
async def service_metrics() -> dict[str, str]:
    return {"metrics": INTERNAL_MARK}


def registry_stub() -> FastAPI:
    app = FastAPI(title="registry")
    app.include_router(registry_routes)
    return app


# The same schema name as the registry's Item, for a different thing.
AssistanceItem = create_model("Item", title=(str, ...), done=(bool, ...))


def assistance_stub() -> FastAPI:
    app = FastAPI(title="assistance")

    @app.get("/v1/visits", response_model=list[AssistanceItem])
    async def visits() -> list[dict[str, object]]:
        return [{"title": "走访", "done": True}]

    @app.api_route("/v1/{path:path}", methods=["GET", "POST"], include_in_schema=False)
    async def anything(request: Request) -> dict[str, object]:
        return await echo(request)

    return app
