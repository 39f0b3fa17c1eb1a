"""Seeds the catalogue of main measures as the app starts (idempotent: only missing codes).

In the background and retried: where a migration job runs beside the services (compose,
Kubernetes), the table may not be there yet when a replica starts, and that must not stop it."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from assistance.measure_types.service import seed_defaults

log = logging.getLogger("fumin.assistance.measure_types")
RETRY_SECONDS = 5.0


async def seed_until_done(app: FastAPI) -> None:
    while True:
        try:
            async with app.state.sessionmaker.begin() as session:
                made = await seed_defaults(session)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database not reachable or not migrated yet
            log.warning("measure catalogue not seeded yet (%s); retrying", exc)
            await asyncio.sleep(RETRY_SECONDS)
        else:
            if made:
                log.info("measure catalogue: %d default types added", made)
            return


@contextlib.asynccontextmanager
async def measure_catalogue(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(seed_until_done(app))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
