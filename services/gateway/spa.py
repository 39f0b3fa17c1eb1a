"""The built web app (frontend/dist): its files, and index.html for every client-side route."""

from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, HTMLResponse, Response

from kit.problems import NotFound, problem_response

# Vite puts a content hash in every name under assets/, so they never change: cache for a year.
# Everything else (index.html, the service worker, the manifest) must be checked on each load, or
# a phone keeps running last month's app.
ASSETS_PREFIX = "assets/"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

NOT_BUILT_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>富民 Fumin</title></head>
<body>
<h1>网页应用尚未构建 / The web app is not built</h1>
<p>在 frontend 目录运行 <code>npm run build</code> 后刷新本页。
 / Run <code>npm run build</code> in frontend/ and reload.</p>
<p>接口文档 / API docs: <a href="/api/docs">/api/docs</a></p>
</body></html>
"""

router = APIRouter(include_in_schema=False)


def file_in(dist: Path, path: str) -> Path | None:
    """``dist/path`` if it is a file inside dist (no ``..`` escapes), else None."""
    root = dist.resolve()
    candidate = (root / path).resolve()
    return candidate if candidate.is_relative_to(root) and candidate.is_file() else None


@router.api_route("/{path:path}", methods=["GET", "HEAD"])
async def spa(request: Request, path: str) -> Response:
    if path == "api" or path.startswith("api/"):
        # An API path nobody owns is a 404 the client can read, never the app's HTML.
        return problem_response(NotFound("没有这个接口 / no such API"), request)
    dist: Path = request.app.state.settings.frontend_dist
    index = dist / "index.html"
    if not index.is_file():
        return HTMLResponse(NOT_BUILT_PAGE, headers={"Cache-Control": REVALIDATE})
    found = file_in(dist, path) if path else None
    if found is not None:
        cache = IMMUTABLE if path.startswith(ASSETS_PREFIX) else REVALIDATE
        return FileResponse(found, headers={"Cache-Control": cache})
    if path.startswith(ASSETS_PREFIX):
        # An old hashed file after a deploy: a 404, not HTML the browser would try to run.
        return problem_response(NotFound("文件不存在 / no such file"), request)
    return FileResponse(index, headers={"Cache-Control": REVALIDATE})
