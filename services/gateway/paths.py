"""Paths the gateway refuses before routing, and the exact path it passes on.

A service must only ever be reached at ``/v1/<its resource>/…`` (and the registry's public keys),
never at its internal routes (``/metrics``, its own ``/openapi.json`` and ``/docs``). Dot segments
and encoded separators are how a path escapes its prefix: ``/api/v1/households/../../metrics``, or
the same with ``%2e%2e%2f`` (which a client sends as is and a URL library may decode and then
normalise), or ``%5c`` (a backslash some servers take for a slash), or any of them encoded twice
(``%252e``). None of them has a use in this API, so a path holding one is refused as a whole
(400 ``/problems/bad-path``) rather than cleaned up: what the client meant is not guessed.

Once a path is accepted, the gateway forwards it exactly as the client encoded it (never the
decoded form, in which ``%3F`` would become a query and ``%0A`` an unsendable URL).
"""

import re

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from kit.problems import Problem, problem_response

# %2f "/", %5c "\", %2e "." and %25 "%" (so nothing is decoded twice), in either case.
ENCODED_SEPARATOR = re.compile(rb"%(2f|5c|2e|25)", re.IGNORECASE)
DOT_SEGMENTS = {".", ".."}
# Bytes a path may carry on to a service unencoded: printable ASCII, less "#" (a fragment).
UNSAFE_BYTE = re.compile(rb"[^\x21-\x22\x24-\x7e]")


class BadPath(Problem):
    status, code, title = 400, "bad-path", "路径不合规 / Path not allowed"


def refusal(scope: Scope) -> str | None:
    """Why the gateway will not route this request's path; None when it may."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    if ENCODED_SEPARATOR.search(raw):
        return "路径含编码的分隔符 / the path holds an encoded separator (%2f, %5c, %2e, %25)"
    path: str = scope["path"]
    if "\\" in path or b"\\" in raw:
        return "路径含反斜杠 / the path holds a backslash"
    if any(segment in DOT_SEGMENTS for segment in path.split("/")):
        return "路径含 . 或 .. 段 / the path holds a . or .. segment"
    return None


def raw_path_of(scope: Scope) -> str:
    """The path as the client encoded it, with bytes a URL may not carry percent-encoded (a
    control character or raw UTF-8 reaches the service as %XX, and the service refuses it)."""
    raw: bytes = scope.get("raw_path") or scope["path"].encode()
    return UNSAFE_BYTE.sub(lambda match: b"%%%02X" % match.group()[0], raw).decode("ascii")


class PathGuardMiddleware:
    """Refuses what :func:`refusal` refuses, on every path (the web app's too), before routing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        reason = refusal(scope) if scope["type"] == "http" else None
        if reason is None:
            await self.app(scope, receive, send)
            return
        await problem_response(BadPath(reason), Request(scope))(scope, receive, send)
