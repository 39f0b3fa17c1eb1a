"""The built web app (frontend/dist): its files, and index.html for every client-side route."""

import mimetypes
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

# The build writes each file also brotli- and gzip-compressed beside it (vite.config.ts): on a
# phone's weak signal the app's first load is a third of the bytes. Best first.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))

router = APIRouter(include_in_schema=False)


def _accepted(request: Request) -> set[str]:
    """The codings the client takes (``q=0`` means refused)."""
    taken = set()
    for part in request.headers.get("accept-encoding", "").split(","):
        coding, _, params = part.strip().partition(";")
        if coding and params.replace(" ", "") not in {"q=0", "q=0.0", "q=0.00", "q=0.000"}:
            taken.add(coding.strip().lower())
    return taken


def file_response(request: Request, found: Path, cache: str) -> FileResponse:
    """The file, or its precompressed twin when the client takes that coding."""
    headers = {"Cache-Control": cache, "Vary": "Accept-Encoding"}
    taken = _accepted(request)
    media_type = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
    for coding, suffix in PRECOMPRESSED:
        twin = found.with_name(found.name + suffix)
        if coding in taken and twin.is_file():
            headers["Content-Encoding"] = coding
            return FileResponse(twin, media_type=media_type, headers=headers)
    return FileResponse(found, media_type=media_type, headers=headers)


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
        return file_response(request, found, cache)
    if path.startswith(ASSETS_PREFIX):
        # An old hashed file after a deploy: a 404, not HTML the browser would try to run.
        return problem_response(NotFound("文件不存在 / no such file"), request)
    return file_response(request, index, REVALIDATE)
