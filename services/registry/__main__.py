"""Registry commands:

python -m registry migrate                   bring the database to the newest migration
python -m registry makemigration "message"   write a migration from the models' changes
python -m registry seed-demo [--households N] [--seed S]
                                             load the demo county (refused in production)
python -m registry seed-demo --copy --database-url URL [--households N] [--seed S]
                                             COPY province-scale households into PostgreSQL
python -m registry create-admin USERNAME     a county admin; password from FUMIN_ADMIN_PASSWORD
python -m registry unlock USERNAME           clear a lock from failed logins (e.g. the county
                                             admin's, when no other admin can)
"""

import argparse
import asyncio
import getpass
import os
import sys
import time

from sqlmodel import col, select

from kit.auth import Role
from kit.cli import migration_command
from registry.app import create_app
from registry.demo import FULL_HOUSEHOLDS, SEED, load_demo
from registry.demo.copy import copy_households
from registry.models import User
from registry.password_policy import weakness
from registry.passwords import hash_secret
from registry.settings import RegistrySettings


async def create_admin(settings: RegistrySettings, username: str) -> None:
    password = os.environ.get("FUMIN_ADMIN_PASSWORD") or getpass.getpass("密码 / password: ")
    if reason := weakness(password, username):
        sys.exit(reason)
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


async def unlock(settings: RegistrySettings, username: str) -> None:
    app = create_app(settings)
    async with app.state.sessionmaker.begin() as session:
        user = await session.scalar(select(User).where(col(User.username) == username))
        if user is not None:
            user.failed_logins, user.locked_until = 0, None
    await app.state.engine.dispose()
    if user is None:
        sys.exit(f"没有用户 {username} / no user {username}")
    print(f"已解除锁定 / unlocked: {username}")


def seed_demo_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m registry seed-demo")
    parser.add_argument("--households", type=int, default=FULL_HOUSEHOLDS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--copy", action="store_true", help="COPY into PostgreSQL (no events; for benchmarks)"
    )
    parser.add_argument("--database-url", default="", help="with --copy: a migrated database")
    args = parser.parse_args(argv)
    if args.copy and not args.database_url:
        parser.error("--copy needs --database-url")
    return args


async def seed_demo(settings: RegistrySettings, argv: list[str]) -> None:
    if settings.environment == "production":
        sys.exit("演示数据不能装入生产库 / the demo county is never loaded in production")
    args = seed_demo_args(argv)
    started = time.perf_counter()
    if args.copy:
        counts = await copy_households(args.database_url, args.households, args.seed)
        print(f"已写入 / copied: {dict(counts)} ({time.perf_counter() - started:.1f} s)")
        return
    app = create_app(settings)
    loaded = await load_demo(app, households=args.households, seed=args.seed)
    print(
        f"演示县已装入 / demo county loaded ({time.perf_counter() - started:.1f} s)"
        if loaded
        else "演示县已存在 / demo county already there"
    )
    await app.state.engine.dispose()


async def main(argv: list[str]) -> None:
    settings = RegistrySettings()
    match argv:
        case ["migrate"] | ["makemigration", _]:
            await migration_command(create_app(settings), argv)
        case ["seed-demo", *options]:
            await seed_demo(settings, options)
        case ["create-admin", username]:
            await create_admin(settings, username)
        case ["unlock", username]:
            await unlock(settings, username)
        case _:
            sys.exit(__doc__)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:]))
