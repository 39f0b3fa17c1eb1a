"""Security headers the gateway puts on every response it sends, proxied or its own."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The SPA is built by Vite and served from here: scripts, workers and API calls are all 'self'.
# Styles allow 'unsafe-inline' because Ant Design injects its CSS-in-JS as <style> tags; images
# allow data: and blob: for the photo previews a cadre takes before they are uploaded.
SPA_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

# Cadres record where a visit happened and photograph it; nothing else is needed.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()"
)

HSTS = "max-age=31536000; includeSubDomains"


def security_headers(*, behind_https: bool) -> dict[str, str]:
    headers = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Content-Security-Policy": SPA_CSP,
        "Permissions-Policy": PERMISSIONS_POLICY,
    }
    if behind_https:  # over plain HTTP, HSTS would be ignored at best and lock out a test rig
        headers["Strict-Transport-Security"] = HSTS
    return headers


# The gateway's own API answers (its problems, the merged document) are not kept either; what a
# service answers carries the service's Cache-Control (kit.cache_control).
API_CACHE_CONTROL = "no-store"


class SecurityHeadersMiddleware:
    """Adds each header the response does not set itself (the docs page sets its own CSP)."""

    def __init__(self, app: ASGIApp, *, behind_https: bool = False) -> None:
        self.app = app
        self.headers = security_headers(behind_https=behind_https)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        api = scope["path"].startswith("/api/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
                if api:
                    headers.setdefault("Cache-Control", API_CACHE_CONTROL)
            await send(message)

        await self.app(scope, receive, send_with_headers)
