"""Registry feed events shaped exactly as the registry emits them (AreaPublic, HouseholdPublic,
IncomeRecordPublic, EntityPublic, CadreState and the LinkPublic kinds as ``data``), and a
helper applying them the way the feed consumer does. Money is a decimal string, as on the wire.
"""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from fastapi import FastAPI

from indicators.registry_copy.apply import apply_events

COUNTY = "331126"
TOWN_A = "331126101"  # 黄田镇
TOWN_B = "331126201"  # 隆宫乡
VILLAGE_A1 = "331126101201"
VILLAGE_A2 = "331126101202"
VILLAGE_B1 = "331126201201"
COMMUNITY_A = "331126101001"  # an urban community: not an administrative village
NOW = datetime(2026, 10, 1, tzinfo=UTC).isoformat()
Event = dict[str, Any]


def event(aggregate: str, data: dict[str, Any], *, deleted: bool = False) -> Event:
    return {
        "id": str(uuid.uuid4()),
        "type": f"{aggregate}.{'deleted' if deleted else 'upserted'}",
        "aggregate": aggregate,
        "aggregate_id": data.get("id") or data["code"],
        "version": data["version"],
        "occurred_at": NOW,
        "data": data,
    }


def area(
    code: str,
    name: str,
    *,
    size_class: str | None = None,
    collective: dict[int, str] | None = None,
    version: int = 1,
) -> Event:
    level = {6: "county", 9: "township", 12: "village"}[len(code)]
    tail = int(code[-3:])
    kind = None
    if level == "township":
        kind = "town" if 100 <= tail < 200 else "township"
    elif level == "village":
        kind = "community" if tail < 200 else "administrative_village"
    parent = {6: None, 9: code[:6], 12: code[:9]}[len(code)]
    return event(
        "area",
        {
            "code": code,
            "name": name,
            "edition": 2024,
            "size_class": size_class,
            "level": level,
            "parent_code": parent,
            "kind": kind,
            "version": version,
            "updated_at": NOW,
            "collective_income": [
                {"year": year, "operating_income": amount}
                for year, amount in sorted((collective or {}).items())
            ],
        },
    )


def member(
    birth: date,
    *,
    resident: bool = True,
    labour: str = "able",
    employment: str = "employed",
    relation: str = "head",
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": "成员",
        "id_number": f"331126{birth:%Y%m%d}1011",
        "birth_date": birth.isoformat(),
        "sex": "male",
        "relation": relation,
        "resident": resident,
        "labour_ability": labour,
        "health": "healthy",
        "employment": employment,
    }


def household(
    household_id: uuid.UUID,
    *,
    village: str = VILLAGE_A1,
    category: str = "small_farmer",
    members: list[dict[str, Any]] | None = None,
    head_name: str = "吴大山",
    version: int = 1,
    deleted: bool = False,
) -> Event:
    return event(
        "household",
        {
            "id": str(household_id),
            "village_code": village,
            "category": category,
            "low_income_subtype": "subsistence" if category == "low_income" else None,
            "monitoring_type": None,
            "address": "",
            "phone": "13812341234",
            "latitude": None,
            "longitude": None,
            "head_name": head_name,
            "members": members or [member(date(1980, 1, 1))],
            "version": version,
            "created_at": NOW,
            "updated_at": NOW,
        },
        deleted=deleted,
    )


def income(
    household_id: uuid.UUID,
    period: str,
    *,
    wage: str = "0.00",
    operating: str = "0.00",
    property: str = "0.00",
    transfer: str = "0.00",
    residents: int = 1,
    village: str = VILLAGE_A1,
    category: str = "small_farmer",
    record_id: uuid.UUID | None = None,
    version: int = 1,
    deleted: bool = False,
) -> Event:
    year, quarter = int(period[:4]), int(period[5])
    total = sum((Decimal(x) for x in (wage, operating, property, transfer)), Decimal(0))
    return event(
        "income_record",
        {
            "id": str(record_id or uuid.uuid4()),
            "household_id": str(household_id),
            "period": period,
            "year": year,
            "quarter": quarter,
            "wage_income": wage,
            "operating_income": operating,
            "property_income": property,
            "transfer_income": transfer,
            "resident_count": residents,
            "village_code": village,
            "category": category,
            "total_income": str(total),
            "per_capita_income": str((total / residents).quantize(Decimal("0.01"))),
            "version": version,
            "created_at": NOW,
            "updated_at": NOW,
        },
        deleted=deleted,
    )


def entity(
    entity_id: uuid.UUID,
    *,
    type: str = "family_farm",
    village: str = VILLAGE_A1,
    cultivated_year: int | None = None,
    status: str = "active",
    quality_grade: str = "none",
    enterprise_level: str | None = None,
    nhl_member: bool = False,
    figures: list[dict[str, Any]] | None = None,
    name: str = "百山祖家庭农场",
    version: int = 1,
) -> Event:
    return event(
        "entity",
        {
            "id": str(entity_id),
            "name": name,
            "type": type,
            "enterprise_level": enterprise_level,
            "credit_code": None,
            "village_code": village,
            "industry": "edible_fungi",
            "cultivated_year": cultivated_year,
            "status": status,
            "quality_grade": quality_grade,
            "nhl_member": nhl_member,
            "version": version,
            "created_at": NOW,
            "updated_at": NOW,
            "high_quality": type == "family_farm" and quality_grade != "none",
            "figures": figures or [],
        },
    )


def cadre(
    cadre_id: uuid.UUID, *, name: str = "张帮扶", version: int = 1, home: str = TOWN_A
) -> Event:
    return event(
        "cadre",
        {
            "id": str(cadre_id),
            "name": name,
            "phone": "13900001111",
            "department_id": str(uuid.uuid4()),
            "type": "township_staff",
            "skills": [],
            "home_area_code": home,
            "active": True,
            "version": version,
            "created_at": NOW,
            "updated_at": NOW,
        },
    )


def department(
    department_id: uuid.UUID, *, name: str = "县民政局", area_code: str = COUNTY, version: int = 1
) -> Event:
    return event(
        "department",
        {
            "id": str(department_id),
            "name": name,
            "area_code": area_code,
            "version": version,
            "created_at": NOW,
            "updated_at": NOW,
        },
    )


def _link(started_on: date, ended_on: date | None, version: int, **ids: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        **{name: str(value) for name, value in ids.items()},
        "version": version,
        "started_on": started_on.isoformat(),
        "ended_on": ended_on.isoformat() if ended_on else None,
        "active": ended_on is None,
        "created_at": NOW,
        "updated_at": NOW,
    }


def cadre_entity_link(
    cadre_id: uuid.UUID, entity_id: uuid.UUID, started_on: date, ended_on: date | None = None
) -> Event:
    return event(
        "cadre_entity_link",
        _link(started_on, ended_on, 2 if ended_on else 1, cadre_id=cadre_id, entity_id=entity_id),
    )


def entity_household_link(
    entity_id: uuid.UUID, household_id: uuid.UUID, started_on: date, ended_on: date | None = None
) -> Event:
    data = _link(
        started_on, ended_on, 2 if ended_on else 1, entity_id=entity_id, household_id=household_id
    )
    return event("entity_household_link", data | {"mode": "employment"})


def pairing(
    cadre_id: uuid.UUID, household_id: uuid.UUID, started_on: date, ended_on: date | None = None
) -> Event:
    data = _link(
        started_on, ended_on, 2 if ended_on else 1, cadre_id=cadre_id, household_id=household_id
    )
    return event("pairing", data)


def county() -> list[Event]:
    """庆元县 with two townships: 黄田镇 (two administrative villages and a community) and
    隆宫乡 (one village)."""
    return [
        area(COUNTY, "庆元县"),
        area(TOWN_A, "黄田镇"),
        area(TOWN_B, "隆宫乡"),
        area(VILLAGE_A1, "黄田村", size_class="small"),
        area(VILLAGE_A2, "五都村", size_class="medium"),
        area(COMMUNITY_A, "城东社区"),
        area(VILLAGE_B1, "隆宫村", size_class="large"),
    ]


async def sync(app: FastAPI, events: list[Event]) -> None:
    async with app.state.sessionmaker.begin() as session:
        await apply_events(session, events)
