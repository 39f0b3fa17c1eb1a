"""RFC 9457 problem details: every error any service answers has this one shape.

A problem's ``type`` is a stable URI path (``/problems/<code>``); ``title`` and ``detail`` are
written for people (Chinese first, English beside it). No stack trace, SQL or secret is ever
put into one.
"""

import logging
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.db import NulInText

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("fumin.problems")


class Problem(Exception):
    status = 400
    code = "bad-request"
    title = "请求有误 / Bad request"
    # Extra response headers (e.g. Retry-After); set on the instance when a problem needs one.
    headers: dict[str, str] | None = None

    def __init__(self, detail: str | None = None, **extra: Any) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.extra = extra

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"/problems/{self.code}",
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body


class Unauthorized(Problem):
    status, code, title = 401, "unauthorized", "未登录或凭证无效 / Not authenticated"


class Forbidden(Problem):
    status, code, title = 403, "forbidden", "无权执行此操作 / Not allowed"


class NotFound(Problem):
    status, code, title = 404, "not-found", "未找到 / Not found"


class Conflict(Problem):
    """A write that clashes with what is stored. Raise a kind of it, never this one itself: its
    ``code`` tells a client which clash it is (each domain's ``errors.py`` declares its own)."""

    status, code, title = 409, "conflict", "与现有数据冲突 / Conflict"


class SameIdOtherBody(Conflict):
    """An idempotent PUT repeated with the client's id but a different body."""

    code = "same-id-other-body"
    title = "该编号已用于不同的内容 / This id was already used with other content"


class ConcurrentWrite(Conflict):
    """A constraint the service did not check first: two writers raced."""

    code = "concurrent-write"
    title = "与同时提交的数据冲突，请刷新后重试 / Clashed with a write made at the same time"


class PreconditionFailed(Problem):
    status, code, title = 412, "stale-version", "数据已被他人修改 / Version is stale"


class PayloadTooLarge(Problem):
    status, code, title = 413, "too-large", "文件过大 / Payload too large"


class UnprocessableEntity(Problem):
    status, code, title = 422, "validation", "输入有误 / Invalid input"


class PreconditionRequired(Problem):
    status, code, title = 428, "version-required", "缺少 If-Match 版本 / If-Match required"


class BadGateway(Problem):
    status, code, title = 502, "upstream-unavailable", "服务暂不可用 / Service unavailable"


class GatewayTimeout(Problem):
    status, code, title = 504, "upstream-timeout", "服务响应超时 / Service timed out"


# Field errors carry what a client needs to word them itself, in its user's language: the field's
# dotted path, a stable ``type`` (pydantic's own, e.g. ``string_pattern_mismatch``, ``missing``,
# ``greater_than``, or a service's, e.g. ``not_a_village``) and the limits in ``ctx``
# (``{"max_length": 200}``). ``message`` is the server's text, for logs and API users only.
INVALID = "invalid"
# The limits of pydantic's error context worth passing on; anything else there (the exception of a
# ValueError, say) is not for clients.
CTX_KEYS = frozenset(
    {
        "pattern",
        "min_length",
        "max_length",
        "gt",
        "ge",
        "lt",
        "le",
        "multiple_of",
        "max_digits",
        "decimal_places",
        "whole_digits",
        "expected",
    }
)


def field_error(
    field: str, message: str, type: str = INVALID, ctx: dict[str, Any] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"field": field, "type": type, "message": message}
    if ctx:
        error["ctx"] = ctx
    return error


def invalid(field: str, message: str, type: str = INVALID, **ctx: Any) -> UnprocessableEntity:
    """A one-field validation problem raised by service logic (same shape as the schema's):
    ``type`` names the rule broken, so a client can say it in its own words."""
    return UnprocessableEntity(
        f"{field}: {message}", errors=[field_error(field, message, type, ctx or None)]
    )


def _client_ctx(ctx: dict[str, Any] | None) -> dict[str, Any] | None:
    """The limits of a pydantic error that a client may show, as JSON values."""
    kept = {
        key: value if isinstance(value, bool | int | float | str) else str(value)
        for key, value in (ctx or {}).items()
        if key in CTX_KEYS
    }
    return kept or None


def _message(error: Any) -> str:
    # pydantic prefixes a validator's ValueError text with "Value error, "; the text is ours.
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def schema_field_error(error: Any) -> dict[str, Any]:
    """One of pydantic's errors in our shape, with where it came from (body, query, path…)."""
    loc = error["loc"]
    return {
        **field_error(
            _field_path(loc), _message(error), error["type"], _client_ctx(error.get("ctx"))
        ),
        "in": str(loc[0]),
    }


def _field_path(loc: Sequence[Any]) -> str:
    # Drop where it came from ("body", "query", ...): clients want the field's own path.
    parts = list(loc[1:]) if loc and loc[0] in {"body", "query", "path", "header"} else list(loc)
    return ".".join(str(p) for p in parts) or str(loc[0] if loc else "")


def problem_response(problem: Problem, request: Request | None = None) -> JSONResponse:
    instance = request.url.path if request is not None else None
    headers = dict(problem.headers or {})
    if problem.status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(
        problem.body(instance), status_code=problem.status, media_type=PROBLEM_JSON, headers=headers
    )


class InternalError(Problem):
    status, code, title = 500, "internal", "服务器内部错误 / Internal error"


def internal_error(request: Request) -> JSONResponse:
    """The one answer to an error nothing handled: nothing of it is given away."""
    log.exception("unhandled error on %s", request.url.path)
    return problem_response(InternalError("服务器内部错误 / internal error"), request)


class UnhandledErrorMiddleware:
    """Answers an error nothing else handled with the 500 problem, and does not raise it on.

    Starlette's own last resort answers and then re-raises, and uvicorn closes a connection that
    raised: a proxy holding that connection in its pool (the gateway) then sends the next,
    unrelated request into a closing socket. Answered here, the connection stays good. Half a
    response already sent cannot be mended: that error goes on, and the connection closes.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_and_see(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_and_see)
        except Exception:
            if started:
                raise
            await internal_error(Request(scope))(scope, receive, send)


def install_problem_handlers(app: FastAPI) -> None:
    """Every error as a problem. Call it before adding other middleware: the catch-all goes
    innermost, so the others (request id, metrics) see its 500 as any other answer."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc, request)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [schema_field_error(e) for e in exc.errors()]
        fields = ", ".join(e["field"] for e in errors)
        return problem_response(
            UnprocessableEntity(f"字段有误 / invalid: {fields}", errors=errors), request
        )

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        problem = Problem(str(exc.detail) if exc.detail else None)
        problem.status, problem.code = (
            exc.status_code,
            _HTTP_CODES.get(exc.status_code, "http-error"),
        )
        problem.title = _HTTP_TITLES.get(exc.status_code, problem.title)
        return problem_response(problem, request)

    async def on_integrity(request: Request, exc: Exception) -> JSONResponse:
        # A constraint the service did not check first (a race between two writers).
        log.warning("integrity error on %s", request.url.path)
        return problem_response(ConcurrentWrite(), request)

    async def on_database(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DBAPIError)
        if getattr(exc.orig, "sqlstate", None) in UNTEXTUAL:
            return problem_response(_nul_in(request), request)
        return await on_error(request, exc)

    async def on_nul(request: Request, exc: Exception) -> JSONResponse:
        return problem_response(_nul_in(request), request)  # SQLite's twin of UNTEXTUAL

    async def on_error(request: Request, exc: Exception) -> JSONResponse:
        return internal_error(request)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(IntegrityError, on_integrity)
    app.add_exception_handler(DBAPIError, on_database)
    app.add_exception_handler(NulInText, on_nul)
    app.add_exception_handler(Exception, on_error)
    app.add_middleware(UnhandledErrorMiddleware)


# PostgreSQL refuses text holding a NUL character (SQLSTATE 22021, character_not_in_repertoire),
# and JSON holding one written as \u0000 (22P05, untranslatable_character); any string of a query,
# path or body can carry one, so it is caught once, here, as bad input.
UNTEXTUAL = {"22021", "22P05"}


def _nul_in(request: Request) -> UnprocessableEntity:
    """Name the parameter that holds the NUL where it can be seen; else the body has it."""
    params = [*request.path_params.items(), *request.query_params.multi_items()]
    field = next((name for name, value in params if "\x00" in str(value)), "body")
    return invalid(
        field, "不能包含空字符 (NUL) / must not contain a NUL character", "nul_character"
    )


_HTTP_CODES = {
    400: "bad-request",
    404: "not-found",
    405: "method-not-allowed",
    401: "unauthorized",
    403: "forbidden",
}
_HTTP_TITLES = {
    404: NotFound.title,
    405: "不支持的方法 / Method not allowed",
    401: Unauthorized.title,
    403: Forbidden.title,
}


def problem_responses(*problems: type[Problem]) -> dict[int | str, dict[str, Any]]:
    """The problems an endpoint may answer, for its OpenAPI ``responses``: those every endpoint
    may (400, 401, 403, 404, 422) and the given ones, each status listing its types."""
    kinds: list[type[Problem]] = [Problem, Unauthorized, Forbidden, NotFound, UnprocessableEntity]
    by_status: dict[int, list[type[Problem]]] = {}
    for problem in [*kinds, *problems]:
        by_status.setdefault(problem.status, []).append(problem)
    return {
        status: {
            "description": "; ".join(f"{p.title} (/problems/{p.code})" for p in of_status),
            "content": {PROBLEM_JSON: {}},
        }
        for status, of_status in sorted(by_status.items())
    }


# What any endpoint may answer; writes add their own kinds of 409 and, for edits, EDIT_PROBLEMS.
PROBLEM_RESPONSES = problem_responses()
EDIT_PROBLEMS: tuple[type[Problem], ...] = (PreconditionFailed, PreconditionRequired)
