"""The demo county: a deterministic generator for a realistic 庆元县, loaded into the registry's
own tables (with the events the API would have written) for the local run and the tests, or
copied straight into PostgreSQL at province scale for benchmarks (``copy_households``).

    load_demo(app)                  the full county (about 12,000 households), once
    load_demo(app, households=300)  a small county for tests
"""

from fastapi import FastAPI

from registry.demo.generate import FULL_HOUSEHOLDS, SEED
from registry.demo.load import load_county
from registry.demo.logins import DEMO_PASSWORD, create_logins
from registry.models import Area

__all__ = ["DEMO_PASSWORD", "FULL_HOUSEHOLDS", "SEED", "load_county", "load_demo"]


async def load_demo(app: FastAPI, households: int = FULL_HOUSEHOLDS, seed: int = SEED) -> bool:
    """Load the demo county and its logins unless the county is there already; answers whether
    it loaded. All of it commits together or not at all."""
    async with app.state.sessionmaker.begin() as session:
        if await session.get(Area, "331126") is not None:
            return False
        await load_county(session, households, seed)
        await create_logins(session)
    return True
