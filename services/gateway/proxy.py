"""Streaming pass-through to the owning service: status, headers and body go as they come."""

import httpx
from fastapi import Request
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from gateway.routes import owner_of
from kit.logs import REQUEST_ID_HEADER, request_id_var
from kit.problems import BadGateway, GatewayTimeout, NotFound, problem_response

# Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}


def _forwardable(headers: httpx.Headers | list[tuple[str, str]]) -> list[tuple[str, str]]:
    items = headers.multi_items() if isinstance(headers, httpx.Headers) else headers
    return [(k, v) for k, v in items if k.lower() not in HOP_BY_HOP]


async def forward(request: Request) -> Response:
    route = owner_of(request.url.path)
    if route is None:
        return problem_response(NotFound("没有这个接口 / no such API"), request)
    service, path = route
    http: httpx.AsyncClient = request.app.state.http
    base = request.app.state.upstreams[service]
    headers = _forwardable(list(request.headers.items()))
    headers = [(k, v) for k, v in headers if k.lower() != REQUEST_ID_HEADER.lower()]
    headers.append((REQUEST_ID_HEADER, request_id_var.get()))
    upstream = http.build_request(
        request.method,
        base + path,
        params=request.url.query.encode() or None,
        headers=headers,
        content=request.stream(),
    )
    try:
        response = await http.send(upstream, stream=True)
    except httpx.TimeoutException:
        return problem_response(
            GatewayTimeout(f"{service} 响应超时 / {service} timed out"), request
        )
    except httpx.TransportError:
        return problem_response(BadGateway(f"{service} 暂不可用 / {service} is down"), request)
    return StreamingResponse(
        response.aiter_raw(),
        status_code=response.status_code,
        headers=dict(_forwardable(response.headers)),
        background=BackgroundTask(response.aclose),
    )
