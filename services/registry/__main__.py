"""``python -m registry migrate | makemigration "message"``."""

import asyncio
import sys

from kit import migrations
from kit.db import make_engine
from registry.app import MIGRATIONS
from registry.settings import RegistrySettings


async def main(argv: list[str]) -> None:
    settings = RegistrySettings()
    engine = make_engine(settings.database_url or settings.sqlite_url("registry"), "registry")
    try:
        match argv:
            case ["migrate"]:
                await migrations.upgrade(engine, MIGRATIONS, "registry")
            case ["makemigration", message]:
                await migrations.autogenerate(engine, MIGRATIONS, "registry", message)
            case _:
                sys.exit(__doc__)
    finally:
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
