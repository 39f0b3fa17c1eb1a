"""The commands every service answers: ``python -m <service> migrate | makemigration "message"``."""

import sys
from pathlib import Path

from fastapi import FastAPI

from kit import migrations


async def migration_command(app: FastAPI, argv: list[str]) -> bool:
    """Run ``argv`` if it is a migration command; answers whether it was one."""
    engine, name = app.state.engine, app.state.service
    script_location: Path = app.state.script_location
    match argv:
        case ["migrate"]:
            await migrations.upgrade(engine, script_location, name)
        case ["makemigration", message]:
            await migrations.autogenerate(engine, script_location, name, message)
        case _:
            return False
    await engine.dispose()
    return True


async def run(app: FastAPI, argv: list[str], usage: str | None) -> None:
    if not await migration_command(app, argv):
        sys.exit(usage)
