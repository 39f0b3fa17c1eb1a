"""Streaming pass-through to the owning service: status, headers and body go as they come.

A pooled connection the service has just closed (after an unhandled error, or idle for as long
as its keep-alive) fails the next request sent on it before any answer: "server disconnected
without sending a response". That request never reached the service, so an idempotent one is
sent again, once, on a fresh connection, instead of answering 502 to whoever happened to draw the
dead connection from the pool. Bodies up to ``REPLAYABLE_BODY_BYTES`` are read first so they can
be sent again; larger ones stream through, once.
"""

import logging
from collections.abc import AsyncIterator

import httpx
from fastapi import Request
from starlette.background import BackgroundTask
from starlette.responses import Response, StreamingResponse

from gateway.paths import raw_path_of
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


log = logging.getLogger("fumin.gateway")

# RFC 9110 §9.2.2: sending these twice does what sending them once does.
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "PUT", "DELETE"}
REPLAYABLE_BODY_BYTES = 1024 * 1024
# What a connection that died before answering raises (the request was not answered, and was not
# taken: a service that took it answers, or times out).
DEAD_CONNECTION = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


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


async def request_body(request: Request) -> bytes | AsyncIterator[bytes] | None:
    """None without a body; the bytes when small enough to send again; else the stream."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) <= REPLAYABLE_BODY_BYTES:
        return await request.body()
    return request.stream() if "transfer-encoding" in request.headers or length else None


async def send_upstream(
    http: httpx.AsyncClient, request: Request, url: str, timeouts: dict[str, float | None] | None
) -> httpx.Response:
    """Sends the request to ``url``; an idempotent one again, once, if the connection it drew
    from the pool was dead (see the module's docstring)."""
    body = await request_body(request)
    replayable = request.method in IDEMPOTENT and not isinstance(body, AsyncIterator)
    for attempt in (1, 2):
        upstream = http.build_request(
            request.method,
            url,
            params=request.url.query.encode() or None,
            headers=upstream_headers(request),
            content=body,
        )
        if timeouts is not None:
            upstream.extensions["timeout"] = timeouts
        try:
            return await http.send(upstream, stream=True)
        except DEAD_CONNECTION as exc:
            if attempt == 2 or not replayable:
                raise
            log.info("upstream connection dead before answering (%s); sending again", exc)
    raise AssertionError("unreachable")


async def forward(request: Request) -> Response:
    route = owner_of(request.url.path)
    if route is None:
        return problem_response(NotFound("没有这个接口 / no such API"), request)
    service = route[0]
    http: httpx.AsyncClient = request.app.state.http
    # The path as the client encoded it: the decoded one may hold a "?" or a control character.
    url = request.app.state.upstreams[service] + raw_path_of(request.scope).removeprefix("/api")
    timeouts = None
    if is_long_running(request.url.path):
        seconds = request.app.state.settings.long_running_timeout_seconds
        timeouts = httpx.Timeout(seconds, connect=5.0).as_dict()
    try:
        response = await send_upstream(http, request, url, timeouts)
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
