"""Seeds for the entity and link tests: cadres and households straight through the ORM (their
APIs belong to other domains), entities through the entity API, and the outbox as written."""

import itertools
from datetime import date
from typing import Any
from uuid import UUID

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from kit.auth import Role
from kit.testing import TokenFactory
from registry.models import Cadre, Household, Member, outbox
from registry.tests.factories import TOWN_A, VILLAGE_A1, id_number

_sequence = itertools.count(101, 2)


async def add_cadre(
    app: FastAPI, *, name: str = "李帮扶", home: str = TOWN_A, active: bool = True
) -> UUID:
    async with app.state.sessionmaker.begin() as session:
        cadre = Cadre(
            name=name, type="township_staff", home_area_code=home, active=active, skills=[]
        )
        session.add(cadre)
    return cadre.id


async def add_household(
    app: FastAPI, *, village: str = VILLAGE_A1, low_income: bool = True
) -> UUID:
    """A household with its head, as the households domain would have stored it."""
    async with app.state.sessionmaker.begin() as session:
        household = Household(
            village_code=village,
            category="low_income" if low_income else "small_farmer",
            low_income_subtype="subsistence" if low_income else None,
            address="黄田村 1 号",
        )
        session.add(household)
        await session.flush()
        session.add(
            Member(
                household_id=household.id,
                position=0,
                name="吴户主",
                id_number=id_number(sequence=next(_sequence) % 1000),
                birth_date=date(1980, 1, 1),
                sex="male",
                relation="head",
                resident=True,
                labour_ability="able",
                health="healthy",
                employment="farming",
            )
        )
    return household.id


def entity_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "庆元县黄田香菇家庭农场",
        "type": "family_farm",
        "village_code": VILLAGE_A1,
        "industry": "edible_fungi",
        "cultivated_year": 2023,
    }
    return body | overrides


async def add_entity(
    client: httpx.AsyncClient, tokens: TokenFactory, **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        "/v1/entities",
        json=entity_body(**overrides),
        headers=tokens.headers(Role.COUNTY_ADMIN, area="331126"),
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def events(app: FastAPI, aggregate: str) -> list[dict[str, Any]]:
    """The outbox rows of ``aggregate``, in feed order."""
    query = select(outbox).where(outbox.c.aggregate == aggregate).order_by(outbox.c.seq)
    async with app.state.engine.connect() as conn:
        return [dict(row) for row in (await conn.execute(query)).mappings()]
