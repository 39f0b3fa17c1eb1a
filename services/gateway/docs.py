"""The API docs page (``/api/docs``): Swagger UI served by the gateway itself, never a CDN.

Swagger UI's files come from the ``swagger-ui-bundle-v2`` package (pinned; the same bytes as
npm's ``swagger-ui-dist`` of that version), under a path that names the version so they can be
cached for good. The page has no inline script or style: its start-up is a file of its own
(``static/api-docs.js``), and its Content-Security-Policy allows only this origin.
"""

from pathlib import Path

from fastapi import APIRouter, Request
from starlette.responses import FileResponse, HTMLResponse, Response
from swagger_ui_bundle import swagger_ui_path

from kit.problems import NotFound, problem_response

SWAGGER_UI = Path(str(swagger_ui_path))
ASSETS = f"/api/docs/{SWAGGER_UI.name}"  # e.g. /api/docs/swagger-ui-5.31.0
SERVED = {"swagger-ui-bundle.js", "swagger-ui.css", "favicon-32x32.png", "favicon-16x16.png"}
START = Path(__file__).parent / "static" / "api-docs.js"

# Swagger UI sets styles through the DOM (allowed without 'unsafe-inline') and draws its icons as
# data: images; "Try it out" calls this origin's API.
DOCS_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"

PAGE = f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>富民接口文档 / Fumin API</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/api/docs")
async def docs_page() -> HTMLResponse:
    headers = {"Content-Security-Policy": DOCS_CSP, "Cache-Control": REVALIDATE}
    return HTMLResponse(PAGE, headers=headers)


@router.get("/api/docs/start.js")
async def docs_start() -> FileResponse:
    return FileResponse(START, media_type="text/javascript", headers={"Cache-Control": REVALIDATE})


@router.get(f"{ASSETS}/{{name}}")
async def docs_asset(request: Request, name: str) -> Response:
    if name not in SERVED:
        return problem_response(NotFound("文件不存在 / no such file"), request)
    return FileResponse(SWAGGER_UI / name, headers={"Cache-Control": IMMUTABLE})
