"""``/healthz``: the process answers. ``/readyz``: the database answers and is at migration head."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kit.problems import PROBLEM_JSON

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="存活 / liveness")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="就绪 / readiness", response_model=None)
async def readyz(request: Request) -> dict[str, Any] | JSONResponse:
    head: str = request.app.state.migration_head
    try:
        async with request.app.state.sessionmaker() as session:
            current = await session.scalar(text("SELECT version_num FROM alembic_version"))
    except SQLAlchemyError:
        return _unready("数据库不可达 / database unreachable")
    if current != head:
        return _unready(f"数据库迁移未到最新 / migrations at {current}, head is {head}")
    return {"status": "ready", "migration": current}


def _unready(detail: str) -> JSONResponse:
    body = {
        "type": "/problems/not-ready",
        "title": "未就绪 / Not ready",
        "status": 503,
        "detail": detail,
    }
    return JSONResponse(body, status_code=503, media_type=PROBLEM_JSON)
