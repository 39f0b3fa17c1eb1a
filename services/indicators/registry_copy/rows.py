"""What each registry event's ``data`` becomes in the read model: the aggregate's row, and the
rows of the parts that travel with it (an area's collective incomes, a household's members,
an entity's yearly figures). ``data`` is the registry's public shape (AreaPublic,
HouseholdPublic, IncomeRecordPublic, EntityPublic, CadreState, the LinkPublic kinds)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlmodel import SQLModel

from indicators.models import (
    Area,
    Cadre,
    CadreEntityLink,
    CollectiveIncome,
    Department,
    Entity,
    EntityFigures,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    Member,
    Pairing,
)
from kit.money import to_fen

Row = dict[str, Any]
Data = dict[str, Any]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _fen(value: str | None) -> int | None:
    # Money travels as a decimal string; never through float.
    return None if value is None else to_fen(Decimal(value))


def area_row(data: Data) -> Row:
    return {
        "code": data["code"],
        "name": data["name"],
        "level": data["level"],
        "parent_code": data.get("parent_code"),
        "kind": data.get("kind"),
        "size_class": data.get("size_class"),
    }


def area_parts(key: Any, data: Data) -> list[Row]:
    return [
        {
            "area_code": key,
            "year": item["year"],
            "operating_income_fen": _fen(item["operating_income"]),
        }
        for item in data.get("collective_income", [])
    ]


def household_row(data: Data) -> Row:
    return {
        "village_code": data["village_code"],
        "category": data["category"],
        "low_income_subtype": data.get("low_income_subtype"),
        "monitoring_type": data.get("monitoring_type"),
        "head_name": data.get("head_name") or "",
    }


def household_parts(key: Any, data: Data) -> list[Row]:
    return [
        {
            "id": UUID(member["id"]),
            "household_id": key,
            "birth_date": _day(member["birth_date"]),
            "resident": bool(member["resident"]),
            "labour_ability": member["labour_ability"],
            "employment": member["employment"],
        }
        for member in data.get("members", [])
    ]


def income_row(data: Data) -> Row:
    return {
        "household_id": UUID(data["household_id"]),
        "year": data["year"],
        "quarter": data["quarter"],
        "wage_fen": _fen(data["wage_income"]),
        "operating_fen": _fen(data["operating_income"]),
        "property_fen": _fen(data["property_income"]),
        "transfer_fen": _fen(data["transfer_income"]),
        "resident_count": data["resident_count"],
        "village_code": data["village_code"],
        "category": data["category"],
    }


def entity_row(data: Data) -> Row:
    return {
        "name": data["name"],
        "type": data["type"],
        "enterprise_level": data.get("enterprise_level"),
        "village_code": data["village_code"],
        "industry": data["industry"],
        "cultivated_year": data.get("cultivated_year"),
        "status": data["status"],
        "quality_grade": data.get("quality_grade") or "none",
        "high_quality": bool(data.get("high_quality")),
        "nhl_member": bool(data.get("nhl_member")),
    }


def entity_parts(key: Any, data: Data) -> list[Row]:
    return [
        {
            "entity_id": key,
            "year": item["year"],
            "jobs_created": item.get("jobs_created"),
            "online_sales_fen": _fen(item.get("online_sales")),
            "processing_fees_fen": _fen(item.get("processing_fees")),
            "processing_workforce": item.get("processing_workforce"),
            "members": item.get("members"),
            "farmers_linked": item.get("farmers_linked"),
        }
        for item in data.get("figures", [])
    ]


def cadre_row(data: Data) -> Row:
    return {
        "name": data["name"],
        "type": data["type"],
        "home_area_code": data.get("home_area_code") or "",
        "active": bool(data.get("active", True)),
    }


def department_row(data: Data) -> Row:
    return {"name": data["name"], "area_code": data.get("area_code") or ""}


def _link(data: Data, *ids: str) -> Row:
    row: Row = {name: UUID(data[name]) for name in ids}
    return row | {"started_on": _day(data["started_on"]), "ended_on": _day(data.get("ended_on"))}


def cadre_entity_link_row(data: Data) -> Row:
    return _link(data, "cadre_id", "entity_id")


def entity_household_link_row(data: Data) -> Row:
    return _link(data, "entity_id", "household_id") | {"mode": data["mode"]}


def pairing_row(data: Data) -> Row:
    return _link(data, "cadre_id", "household_id")


@dataclass(frozen=True)
class Kept:
    """How one registry aggregate is kept: its table, its row, and the table of its parts
    (replaced whole with each newer version), keyed by ``part_key``."""

    model: type[SQLModel]
    row: Callable[[Data], Row]
    key: Callable[[str], Any] = UUID
    parts: type[SQLModel] | None = None
    part_rows: Callable[[Any, Data], list[Row]] | None = None
    part_key: str = ""


# The registry aggregates kept here; other events (users, say) are skipped.
KEPT: dict[str, Kept] = {
    "area": Kept(Area, area_row, str, CollectiveIncome, area_parts, "area_code"),
    "household": Kept(Household, household_row, UUID, Member, household_parts, "household_id"),
    "income_record": Kept(IncomeRecord, income_row),
    "entity": Kept(Entity, entity_row, UUID, EntityFigures, entity_parts, "entity_id"),
    "cadre": Kept(Cadre, cadre_row),
    "cadre_entity_link": Kept(CadreEntityLink, cadre_entity_link_row),
    "entity_household_link": Kept(EntityHouseholdLink, entity_household_link_row),
    "pairing": Kept(Pairing, pairing_row),
    "department": Kept(Department, department_row),
}
