"""Indicators commands:

python -m indicators migrate                   bring the database to the newest migration
python -m indicators makemigration "message"   write a migration from the models' changes
python -m indicators rebuild                   empty the read model and read the registry's
                                               and assistance's feeds again from the start
                                               (service stopped)
"""

import asyncio
import sys
import time

import httpx

from indicators.app import create_app
from indicators.assistance_copy.consumer import rebuild as rebuild_visits
from indicators.registry_copy.consumer import rebuild
from indicators.settings import IndicatorsSettings
from kit.cli import migration_command


async def rebuild_command(settings: IndicatorsSettings) -> None:
    app = create_app(settings)
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        applied = await rebuild(app, http)
        if settings.consume_assistance:
            applied += await rebuild_visits(app, http)
    await app.state.engine.dispose()
    seconds = time.perf_counter() - started
    print(f"读模型已重建 / read model rebuilt: {applied} events ({seconds:.1f} s)")


async def main(argv: list[str]) -> None:
    settings = IndicatorsSettings()
    match argv:
        case ["migrate"] | ["makemigration", _]:
            await migration_command(create_app(settings), argv)
        case ["rebuild"]:
            await rebuild_command(settings)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
