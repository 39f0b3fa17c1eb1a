"""Test data for the assistance service: registry feed events shaped exactly as the registry
emits them (HouseholdPublic, PairingPublic, CadreState as ``data``), applied to the copy the
way the feed consumer does."""

import uuid
from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI

from assistance.measure_types.service import seed_defaults
from assistance.registry_copy.apply import apply_events

COUNTY = "331126"
TOWN_A = "331126101"  # 黄田镇
TOWN_B = "331126201"  # 隆宫乡
VILLAGE_A1 = "331126101201"
VILLAGE_B1 = "331126201201"
HOME = (27.6185, 119.0620)  # a farmhouse near 庆元县城


def _event(aggregate: str, data: dict[str, Any], *, deleted: bool = False) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "type": f"{aggregate}.{'deleted' if deleted else 'upserted'}",
        "aggregate": aggregate,
        "aggregate_id": data["id"],
        "version": data["version"],
        "occurred_at": datetime.now(UTC).isoformat(),
        "data": data,
    }


def household_event(
    household_id: uuid.UUID | None = None,
    *,
    village: str = VILLAGE_A1,
    version: int = 1,
    home: tuple[float, float] | None = HOME,
    head_name: str = "吴大山",
    deleted: bool = False,
) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    data = {
        "id": str(household_id or uuid.uuid4()),
        "village_code": village,
        "category": "low_income",
        "low_income_subtype": "dibao",
        "monitoring_type": None,
        "address": "黄田镇黄田村 12 号",
        "phone": "13812341234",
        "latitude": home[0] if home else None,
        "longitude": home[1] if home else None,
        "head_name": head_name,
        "members": [
            {
                "id": str(uuid.uuid4()),
                "name": head_name,
                "id_number": "331126198001011011",
                "birth_date": "1980-01-01",
                "sex": "male",
                "relation": "head",
                "resident": True,
                "labour_ability": "able",
                "health": "healthy",
                "employment": "farming",
            }
        ],
        "version": version,
        "created_at": now,
        "updated_at": now,
    }
    return _event("household", data, deleted=deleted)


def pairing_event(
    cadre_id: uuid.UUID,
    household_id: uuid.UUID,
    *,
    started_on: date = date(2024, 1, 1),
    ended_on: date | None = None,
    pairing_id: uuid.UUID | None = None,
    version: int = 1,
) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    data = {
        "id": str(pairing_id or uuid.uuid4()),
        "version": version,
        "started_on": started_on.isoformat(),
        "ended_on": ended_on.isoformat() if ended_on else None,
        "active": ended_on is None,
        "created_at": now,
        "updated_at": now,
        "cadre_id": str(cadre_id),
        "household_id": str(household_id),
    }
    return _event("pairing", data)


def cadre_event(
    cadre_id: uuid.UUID | None = None, *, name: str = "张帮扶", version: int = 1
) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    data = {
        "id": str(cadre_id or uuid.uuid4()),
        "name": name,
        "phone": "13900001111",
        "department_id": str(uuid.uuid4()),
        "type": "township_cadre",
        "skills": [],
        "home_area_code": TOWN_A,
        "active": True,
        "version": version,
        "created_at": now,
        "updated_at": now,
    }
    return _event("cadre", data)


def department_event(
    department_id: uuid.UUID | None = None,
    *,
    name: str = "县民政局",
    area_code: str = COUNTY,
    version: int = 1,
    deleted: bool = False,
) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    data = {
        "id": str(department_id or uuid.uuid4()),
        "name": name,
        "area_code": area_code,
        "version": version,
        "created_at": now,
        "updated_at": now,
    }
    return _event("department", data, deleted=deleted)


async def sync(app: FastAPI, events: list[dict[str, Any]]) -> None:
    async with app.state.sessionmaker.begin() as session:
        await apply_events(session, events)


async def paired_household(
    app: FastAPI,
    cadre_id: uuid.UUID,
    *,
    village: str = VILLAGE_A1,
    started_on: date = date(2024, 1, 1),
    ended_on: date | None = None,
    home: tuple[float, float] | None = HOME,
) -> uuid.UUID:
    """A low-income household in ``village`` paired to the cadre, as the feed would bring it."""
    household_id = uuid.uuid4()
    await sync(
        app,
        [
            cadre_event(cadre_id),
            household_event(household_id, village=village, home=home),
            pairing_event(cadre_id, household_id, started_on=started_on, ended_on=ended_on),
        ],
    )
    return household_id


async def measure_catalogue(app: FastAPI) -> None:
    """The default main measures, as the app seeds them at start-up (tests skip the lifespan)."""
    async with app.state.sessionmaker.begin() as session:
        await seed_defaults(session)
