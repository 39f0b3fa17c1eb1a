"""``python -m assistance migrate | makemigration "message"``."""

import asyncio
import sys

from assistance.app import MIGRATIONS
from assistance.settings import AssistanceSettings
from kit import migrations
from kit.db import make_engine


async def main(argv: list[str]) -> None:
    settings = AssistanceSettings()
    engine = make_engine(settings.database_url or settings.sqlite_url("assistance"), "assistance")
    try:
        match argv:
            case ["migrate"]:
                await migrations.upgrade(engine, MIGRATIONS, "assistance")
            case ["makemigration", message]:
                await migrations.autogenerate(engine, MIGRATIONS, "assistance", message)
            case _:
                sys.exit(__doc__)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
