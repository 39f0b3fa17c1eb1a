"""Assistance commands:

python -m assistance migrate                   bring the database to the newest migration
python -m assistance makemigration "message"   write a migration from the models' changes
python -m assistance seed-demo [--seed S] [--wait SECONDS]
        the demo county's year of assistance (Dec 2025 – Nov 2026), once: reads the registry's
        feed first (the registry must be running; waits up to SECONDS for it), then stores
        visits, needs, plans, happiness lists and photos with their events (refused in
        production). Run it with the assistance service stopped.
"""

import argparse
import asyncio
import sys
import time

from assistance.app import create_app
from assistance.demo.generate import SEED
from assistance.demo.load import already_seeded, load_activity, sync_registry
from assistance.settings import AssistanceSettings
from kit.cli import migration_command
from kit.db import utcnow


async def seed_demo(settings: AssistanceSettings, argv: list[str]) -> None:
    if settings.environment == "production":
        sys.exit("演示数据不能装入生产库 / the demo year is never loaded in production")
    parser = argparse.ArgumentParser(prog="python -m assistance seed-demo")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--wait", type=float, default=30.0, help="seconds to wait for the registry")
    args = parser.parse_args(argv)
    app = create_app(settings)
    started = time.perf_counter()
    try:
        if await already_seeded(app):
            print("演示帮扶数据已存在 / the demo year is already there")
            return
        events = await sync_registry(app, args.wait)
        synced = time.perf_counter()
        print(f"已同步登记库 / registry copy synced: {events} events ({synced - started:.1f} s)")
        counts = await load_activity(app, app.state.photo_store, utcnow(), args.seed)
        took = time.perf_counter() - synced
        print(f"演示帮扶数据已装入 / demo year loaded: {counts} ({took:.1f} s)")
    finally:
        await app.state.engine.dispose()


async def main(argv: list[str]) -> None:
    settings = AssistanceSettings()
    match argv:
        case ["migrate"] | ["makemigration", _]:
            await migration_command(create_app(settings), argv)
        case ["seed-demo", *options]:
            await seed_demo(settings, options)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
