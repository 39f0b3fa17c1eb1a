"""A real HTTP server on a free local port, serving an ASGI app from a background thread."""

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp


def closed_port_url() -> str:
    """An address where nothing listens: the port was free a moment ago and is closed again."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class LiveServer:
    """``with LiveServer(app) as url:`` serves ``app`` over real TCP until the block ends.

    ``on_stop`` runs on the server's own event loop after it stops (to close the app's clients).
    """

    def __init__(self, app: ASGIApp, on_stop: Callable[[], Awaitable[None]] | None = None) -> None:
        config = uvicorn.Config(app, log_config=None, access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.on_stop = on_stop
        self.thread = threading.Thread(target=lambda: asyncio.run(self._serve()), daemon=True)

    async def _serve(self) -> None:
        await self.server.serve(sockets=[self.sock])
        if self.on_stop is not None:
            await self.on_stop()

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"test server at {self.url} did not start")
            time.sleep(0.01)
        return self.url

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
