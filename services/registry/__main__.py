"""Registry commands:

python -m registry migrate                   bring the database to the newest migration
python -m registry makemigration "message"   write a migration from the models' changes
python -m registry seed-demo                 load the demo county (refused in production)
python -m registry create-admin USERNAME     a county admin; password from FUMIN_ADMIN_PASSWORD
"""

import asyncio
import getpass
import os
import sys

from sqlmodel import col, select

from kit.auth import Role
from kit.cli import migration_command
from registry.app import create_app
from registry.demo import load_demo
from registry.models import User
from registry.passwords import hash_secret
from registry.settings import RegistrySettings


async def create_admin(settings: RegistrySettings, username: str) -> None:
    password = os.environ.get("FUMIN_ADMIN_PASSWORD") or getpass.getpass("密码 / password: ")
    if len(password) < 8:
        sys.exit("密码至少 8 位 / the password needs at least 8 characters")
    app = create_app(settings)
    async with app.state.sessionmaker.begin() as session:
        user = await session.scalar(select(User).where(col(User.username) == username))
        if user is None:
            session.add(
                User(
                    username=username,
                    display_name=username,
                    roles=[Role.COUNTY_ADMIN],
                    area_code="",
                    password_hash=hash_secret(password),
                )
            )
        else:
            user.password_hash = hash_secret(password)
    await app.state.engine.dispose()


async def seed_demo(settings: RegistrySettings) -> None:
    if settings.environment == "production":
        sys.exit("演示数据不能装入生产库 / the demo county is never loaded in production")
    app = create_app(settings)
    loaded = await load_demo(app)
    print(
        "演示县已装入 / demo county loaded"
        if loaded
        else "演示县已存在 / demo county already there"
    )
    await app.state.engine.dispose()


async def main(argv: list[str]) -> None:
    settings = RegistrySettings()
    match argv:
        case ["migrate"] | ["makemigration", _]:
            await migration_command(create_app(settings), argv)
        case ["seed-demo"]:
            await seed_demo(settings)
        case ["create-admin", username]:
            await create_admin(settings, username)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
