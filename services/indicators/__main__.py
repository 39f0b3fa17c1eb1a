"""``python -m indicators migrate | makemigration "message"``."""

import asyncio
import sys

from indicators.app import MIGRATIONS
from indicators.settings import IndicatorsSettings
from kit import migrations
from kit.db import make_engine


async def main(argv: list[str]) -> None:
    settings = IndicatorsSettings()
    engine = make_engine(settings.database_url or settings.sqlite_url("indicators"), "indicators")
    try:
        match argv:
            case ["migrate"]:
                await migrations.upgrade(engine, MIGRATIONS, "indicators")
            case ["makemigration", message]:
                await migrations.autogenerate(engine, MIGRATIONS, "indicators", message)
            case _:
                sys.exit(__doc__)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
