"""Streaming pass-through to the owning service: status, headers and body go as they come."""

import httpx
from fastapi import Request
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from gateway.routes import is_long_running, owner_of
from kit.logs import REQUEST_ID_HEADER, request_id_var
from kit.problems import BadGateway, GatewayTimeout, NotFound, problem_response

# Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are never forwarded; Host is
# the gateway's own, and the request id is set afresh by each side's middleware.
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
    REQUEST_ID_HEADER.lower(),
}


def _forwardable(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in items if k.lower() not in HOP_BY_HOP]


def upstream_headers(request: Request) -> list[tuple[str, str]]:
    """The caller's headers, plus the request id and who the caller was."""
    headers = _forwardable(request.headers.items())
    headers.append((REQUEST_ID_HEADER, request_id_var.get()))
    if request.client:
        headers.append(("X-Forwarded-For", request.client.host))
    if "accept-encoding" not in request.headers:
        # Else httpx asks for gzip on the caller's behalf, and we pass bytes it cannot read.
        headers.append(("Accept-Encoding", "identity"))
    return headers


async def forward(request: Request) -> Response:
    route = owner_of(request.url.path)
    if route is None:
        return problem_response(NotFound("没有这个接口 / no such API"), request)
    service, path = route
    http: httpx.AsyncClient = request.app.state.http
    base = request.app.state.upstreams[service]
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    upstream = http.build_request(
        request.method,
        base + path,
        params=request.url.query.encode() or None,
        headers=upstream_headers(request),
        content=request.stream() if has_body else None,
    )
    if is_long_running(request.url.path):
        timeout = request.app.state.settings.long_running_timeout_seconds
        upstream.extensions["timeout"] = httpx.Timeout(timeout, connect=5.0).as_dict()
    try:
        response = await http.send(upstream, stream=True)
    except httpx.TimeoutException:
        return problem_response(
            GatewayTimeout(f"{service} 响应超时 / {service} timed out"), request
        )
    except httpx.TransportError:
        return problem_response(BadGateway(f"{service} 暂不可用 / {service} is down"), request)
    # The raw (still encoded) bytes go down as they arrive: Content-Length and Content-Encoding
    # stay true, and a large export never sits whole in the gateway's memory.
    streamed = StreamingResponse(
        response.aiter_raw(),
        status_code=response.status_code,
        background=BackgroundTask(response.aclose),
    )
    # Set raw so repeated headers (Set-Cookie, Vary) keep every value.
    streamed.raw_headers = [
        (k.encode("latin-1"), v.encode("latin-1"))
        for k, v in _forwardable(response.headers.multi_items())
    ]
    return streamed
