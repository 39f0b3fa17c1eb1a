"""The change-feed events a bulk load owes: one per aggregate, carrying the state the API would
have written, made by each domain's own ``to_public`` under its own aggregate name and area.

Rows are given as the generator makes them; each becomes its table model only to be shown.
Every aggregate is new, so every event is its version 1.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.outbox import record_event
from registry import aggregates
from registry.areas import service as areas
from registry.cadres import service as cadres
from registry.demo.generate import HouseholdRows, Row
from registry.departments import service as departments
from registry.entities import service as entities
from registry.households import income_service
from registry.households import service as households
from registry.links.kinds import CADRE_ENTITY, ENTITY_HOUSEHOLD, PAIRING
from registry.models import (
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


def county_events(session: AsyncSession, tables: dict[str, list[Row]]) -> None:
    """Areas, departments, cadres, entities and cadre–entity links, parents first."""
    incomes: dict[str, list[CollectiveIncome]] = defaultdict(list)
    for row in tables["collective_income"]:
        incomes[row["area_code"]].append(CollectiveIncome(**row))
    for row in tables["area"]:
        area = Area(**row)
        # As areas.service records it: an area's identity is its code.
        record_event(
            session,
            aggregate=areas.AGGREGATE,
            aggregate_id=area.code,
            version=area.version,
            data=areas.to_public(area, incomes[area.code]).model_dump(mode="json"),
            area_code=area.code,
        )
    for row in tables["department"]:
        department = Department(**row)
        state: Any = departments.to_public(department)
        aggregates.emit(session, departments.AGGREGATE, department, state, department.area_code)
    for row in tables["cadre"]:
        cadre = Cadre(**row)
        aggregates.emit(
            session, cadres.AGGREGATE, cadre, cadres.state_of(cadre), cadre.home_area_code
        )
    _entity_events(session, tables)
    village_of = {row["id"]: row["village_code"] for row in tables["entity"]}
    for row in tables["cadre_entity_link"]:
        link = CadreEntityLink(**row)
        state = CADRE_ENTITY.to_public(link)
        area = village_of[link.entity_id]
        aggregates.emit(session, CADRE_ENTITY.aggregate, link, state, area)


def _entity_events(session: AsyncSession, tables: dict[str, list[Row]]) -> None:
    figures: dict[Any, list[EntityFigures]] = defaultdict(list)
    for row in tables["entity_figures"]:
        figures[row["entity_id"]].append(EntityFigures(**row))
    for row in tables["entity"]:
        entity = Entity(**row)
        state = entities.to_public(entity, figures[entity.id])
        aggregates.emit(session, entities.AGGREGATE, entity, state, entity.village_code)


def household_events(session: AsyncSession, rows: HouseholdRows) -> None:
    """The household (members included), its income records and its links."""
    household = Household(**rows.household)
    village = household.village_code
    members = [Member(**member) for member in rows.members]
    state: Any = households.to_public(household, members)
    aggregates.emit(session, households.AGGREGATE, household, state, village)
    for row in rows.income_records:
        record = IncomeRecord(**row)
        state = income_service.to_public(record)
        aggregates.emit(session, income_service.AGGREGATE, record, state, record.village_code)
    for row in rows.entity_links:
        link = EntityHouseholdLink(**row)
        state = ENTITY_HOUSEHOLD.to_public(link)
        aggregates.emit(session, ENTITY_HOUSEHOLD.aggregate, link, state, village)
    if rows.pairing is not None:
        pairing = Pairing(**rows.pairing)
        aggregates.emit(session, PAIRING.aggregate, pairing, PAIRING.to_public(pairing), village)
