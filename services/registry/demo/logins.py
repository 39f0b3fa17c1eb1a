"""The demo's logins, made through the users domain (password rules, hashing, checks): the county
admin, a leader, an officer for every township (``huangtian`` for 黄田镇, …) and one assisting
cadre of 黄田镇 with paired households. All share DEMO_PASSWORD."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal, Role
from registry.demo.geography import COUNTY_CODE, PINYIN, TOWNSHIPS
from registry.models import Cadre, Pairing
from registry.users import service as users
from registry.users.schemas import UserCreate

DEMO_PASSWORD = "fumin-demo-2026"
CADRE_TOWNSHIP = "331126101"  # 黄田镇: the cadre login works where the huangtian officer does
LOADER = Principal(subject="demo-loader", roles=frozenset({Role.COUNTY_ADMIN}), area="")


async def create_logins(session: AsyncSession) -> list[str]:
    """Every demo user; answers their usernames."""
    people: list[dict[str, Any]] = [
        {
            "username": "admin",
            "display_name": "县农业农村局管理员",
            "roles": [Role.COUNTY_ADMIN],
            "area_code": COUNTY_CODE,
        },
        {
            "username": "leader",
            "display_name": "县领导",
            "roles": [Role.LEADER],
            "area_code": COUNTY_CODE,
        },
    ]
    for code, name in TOWNSHIPS:
        people.append(
            {
                "username": PINYIN[code],
                "display_name": f"{name}干部",
                "roles": [Role.TOWNSHIP_OFFICER],
                "area_code": code,
            }
        )
    cadre = await _paired_cadre(session)
    if cadre is not None:
        people.append(
            {
                "username": "cadre",
                "display_name": cadre.name,
                "roles": [Role.CADRE],
                "area_code": COUNTY_CODE,
                "cadre_id": cadre.id,
            }
        )
    for person in people:
        data = UserCreate.model_validate({**person, "password": DEMO_PASSWORD})
        await users.create_user(session, principal=LOADER, data=data)
    return [person["username"] for person in people]


async def _paired_cadre(session: AsyncSession) -> Cadre | None:
    """The first (by name) cadre of 黄田镇 with an active pairing."""
    query = (
        select(Cadre)
        .join(Pairing, col(Pairing.cadre_id) == col(Cadre.id))
        .where(col(Cadre.home_area_code) == CADRE_TOWNSHIP, col(Pairing.ended_on).is_(None))
        .order_by(col(Cadre.name), col(Cadre.id))
        .limit(1)
    )
    return (await session.execute(query)).scalars().first()
