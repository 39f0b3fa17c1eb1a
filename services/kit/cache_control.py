"""``Cache-Control: no-store`` on every answer that does not say otherwise.

Nearly everything the services answer is personal data or scoped to the caller (households,
members, cadres, users, visits, needs, plans, photos, audit, feeds, snapshots, exports…): no
browser, proxy or shared computer may keep a copy. An endpoint whose answer is public and
cacheable (the registry's public keys) sets its own ``Cache-Control``, which is left alone.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

NO_STORE = "no-store"


class NoStoreMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_no_store(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).setdefault("Cache-Control", NO_STORE)
            await send(message)

        await self.app(scope, receive, send_no_store)
