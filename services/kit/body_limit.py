"""A cap on every request body, so no upload is read (or spooled to disk) past it.

Form parsing reads a multipart body whole before any endpoint sees the file, so a per-file
limit in the endpoint comes too late; this one stops at the declared length, or as soon as
a streamed body passes the cap.
"""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.problems import PayloadTooLarge, problem_response


def _too_large(limit: int) -> PayloadTooLarge:
    megabytes = limit // (1024 * 1024)
    return PayloadTooLarge(f"请求超过 {megabytes} MB / the request is larger than {megabytes} MB")


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            await problem_response(_too_large(self.max_bytes))(scope, receive, send)
            return
        received = 0

        async def capped() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised where the route reads its body: the problem handlers answer it.
                    raise _too_large(self.max_bytes)
            return message

        await self.app(scope, capped, send)
