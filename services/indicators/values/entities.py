"""Entity indicators (#7, #8, #10, #11–#13), counted in the area of the entity's village.

Entity status and type are as they stand now (the registry keeps no history of them); "new"
means a cultivation year from 2022, the plan's start, to the period's year.
"""

from decimal import Decimal
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from indicators.models import Cadre, CadreEntityLink, Entity, EntityFigures
from indicators.programme import active_on
from indicators.values.calculation import (
    Calculator,
    Figure,
    Grouped,
    MemberColumns,
    Scope,
    Sums,
    count,
    grouped,
)
from indicators.values.exact import plain, yuan

PLAN_START = 2022
E = Entity


def is_new(scope: Scope) -> ColumnElement[bool]:
    return col(E.cultivated_year).between(PLAN_START, scope.period.year)


def active_entities(scope: Scope) -> list[ColumnElement[bool]]:
    return [col(E.status) == "active", col(E.deleted) == false(), scope.within(col(E.village_code))]


def is_nhl() -> ColumnElement[bool]:
    return or_(col(E.nhl_member), col(E.type) == "nhl_member")


# Which entities each counting measure takes (``new`` adds the cultivation-year condition).
def _kinds(scope: Scope) -> dict[str, ColumnElement[bool]]:
    new = is_new(scope)
    leading = col(E.type) == "leading_enterprise"
    return {
        "family_farms": col(E.type) == "family_farm",
        "quality_family_farms": and_(col(E.type) == "family_farm", col(E.high_quality)),
        "cooperatives": col(E.type) == "cooperative",
        "social_service": col(E.type) == "social_service",
        "leading_enterprises": leading,
        "new_leading_enterprises": and_(leading, new),
        "new_national_leading_enterprises": and_(
            leading, new, col(E.enterprise_level) == "national"
        ),
        "farm_stays": col(E.type) == "farm_stay",
        "new_farm_stays": and_(col(E.type) == "farm_stay", new),
        "new_brokers": and_(col(E.type) == "processing_broker", new),
        "nhl_members": is_nhl(),
    }


async def entity_counts(session: AsyncSession, scope: Scope) -> Grouped:
    group = scope.group(col(E.village_code)).label("g")
    query = (
        select(
            group,
            func.count().label("entities"),
            *(
                func.sum(case((condition, 1), else_=0)).label(name)
                for name, condition in _kinds(scope).items()
            ),
        )
        .where(*active_entities(scope))
        .group_by(group)
    )
    return await grouped(session, query)


def _by_type(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    return {
        name: count(sums[name])
        for name in (
            "family_farms",
            "quality_family_farms",
            "cooperatives",
            "social_service",
            "leading_enterprises",
            "new_leading_enterprises",
            "new_national_leading_enterprises",
        )
    }


def _farm_stays(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    return {"new": count(sums["new_farm_stays"]), "total": count(sums["farm_stays"])}


def _entity_members(measure_kinds: dict[str, str]) -> Any:
    """Active entities in the area; ``measure_kinds`` maps a measure to the _kinds entry its
    entities must match."""

    def members(scope: Scope) -> MemberColumns:
        query: Any = select(
            col(E.id).label("id"),
            col(E.name).label("name"),
            col(E.village_code).label("village_code"),
            col(E.type).label("type"),
            col(E.cultivated_year).label("cultivated_year"),
            col(E.high_quality).label("high_quality"),
            col(E.enterprise_level).label("enterprise_level"),
        ).where(*active_entities(scope))
        kinds = _kinds(scope)

        def counted(measure: str) -> ColumnElement[bool] | None:
            kind = measure_kinds.get(measure)
            return kinds[kind] if kind else None

        def figures(row: Any) -> dict[str, str]:
            shown = {"type": row.type, "high_quality": str(row.high_quality).lower()}
            if row.cultivated_year is not None:
                shown["cultivated_year"] = str(row.cultivated_year)
            if row.enterprise_level:
                shown["enterprise_level"] = row.enterprise_level
            return shown

        return MemberColumns("entity", query, col(E.id), counted, figures)

    return members


ENTITIES_BY_TYPE = Calculator(
    "entities",
    entity_counts,
    _by_type,
    _entity_members({name: name for name in _by_type(Sums(), {})}),
)
FARM_STAYS = Calculator(
    "entities",
    entity_counts,
    _farm_stays,
    _entity_members({"new": "new_farm_stays", "total": "farm_stays"}),
)


# --- #7: cadres linked to entities ---------------------------------------------------------
def _active_link(scope: Scope) -> list[ColumnElement[bool]]:
    return [
        *active_on(CadreEntityLink, scope.as_of),
        col(E.deleted) == false(),
        scope.within(col(E.village_code)),
    ]


async def _link_sums(session: AsyncSession, scope: Scope) -> Grouped:
    # A cadre holds one link at a time and an entity has one village, so each cadre and each
    # entity falls in one group: the distinct counts add up across groups.
    link = CadreEntityLink
    group = scope.group(col(E.village_code)).label("g")
    query = (
        select(
            group,
            func.count(func.distinct(col(link.cadre_id))).label("cadres"),
            func.count(func.distinct(col(link.entity_id))).label("entities"),
        )
        .join(E, col(E.id) == col(link.entity_id))
        .where(*_active_link(scope))
        .group_by(group)
    )
    return await grouped(session, query)


def _link_figures(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    return {"cadres_linked": count(sums["cadres"]), "entities_linked": count(sums["entities"])}


def _link_members(scope: Scope) -> MemberColumns:
    link = CadreEntityLink
    query: Any = (
        select(
            col(link.id).label("id"),
            func.coalesce(col(Cadre.name), "").label("name"),
            col(E.village_code).label("village_code"),
            col(link.cadre_id).label("cadre_id"),
            col(E.name).label("entity_name"),
            col(link.started_on).label("started_on"),
        )
        .join(E, col(E.id) == col(link.entity_id))
        .outerjoin(Cadre, col(Cadre.id) == col(link.cadre_id))
        .where(*_active_link(scope))
    )

    def figures(row: Any) -> dict[str, str]:
        return {
            "cadre_id": str(row.cadre_id),
            "entity_name": row.entity_name,
            "started_on": row.started_on.isoformat(),
        }

    return MemberColumns("cadre", query, col(link.id), lambda measure: None, figures)


CADRE_ENTITY_LINKS = Calculator("cadres", _link_sums, _link_figures, _link_members)


# --- #11–#13: reported figures, with the entities' yearly sums beside them ------------------
F = EntityFigures
FIGURE_SUMS = {
    "online_sales": col(F.online_sales_fen),
    "jobs": col(F.jobs_created),
    "processing_fees": col(F.processing_fees_fen),
    "workforce": col(F.processing_workforce),
    "farmers_linked": case((is_nhl(), col(F.farmers_linked)), else_=None),
}


async def _figure_sums(session: AsyncSession, scope: Scope) -> Grouped:
    # Figures of entities in the area for the period's year, whatever their status now (a
    # deregistered entity's jobs that year were still created). ``has_*`` counts the entities
    # giving the figure: with none, the computed value is empty, not zero.
    group = scope.group(col(E.village_code)).label("g")
    query = (
        select(
            group,
            *(func.sum(column).label(name) for name, column in FIGURE_SUMS.items()),
            *(func.count(column).label(f"has_{name}") for name, column in FIGURE_SUMS.items()),
        )
        .join(E, col(E.id) == col(F.entity_id))
        .where(
            col(F.year) == scope.period.year,
            col(E.deleted) == false(),
            scope.within(col(E.village_code)),
        )
        .group_by(group)
    )
    counts = await entity_counts(session, scope)
    sums = await grouped(session, query)
    for group_code, entity_sums in counts.items():
        sums.setdefault(group_code, Sums()).update(
            {"new_brokers": entity_sums["new_brokers"], "nhl_members": entity_sums["nhl_members"]}
        )
    return sums


def _summed(sums: Sums, name: str, money: bool = False) -> Figure:
    if not sums[f"has_{name}"]:
        return Figure(None)
    value = yuan(sums[name]) if money else Fraction(sums[name])
    return Figure(value, value, None, sums[f"has_{name}"])


def _ecommerce(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    return {
        "online_sales": _summed(sums, "online_sales", money=True),
        "jobs": _summed(sums, "jobs"),
    }


def _processing(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    return {
        "processing_fees": _summed(sums, "processing_fees", money=True),
        "new_brokers": count(sums["new_brokers"]),
        "workforce": _summed(sums, "workforce"),
    }


def _nhl(sums: Sums, reported: dict[str, Decimal]) -> dict[str, Figure]:
    return {
        "members": count(sums["nhl_members"]),
        "farmers_linked": _summed(sums, "farmers_linked"),
    }


def _figure_members(measure_kinds: dict[str, str]) -> Any:
    base = _entity_members(measure_kinds)

    def members(scope: Scope) -> MemberColumns:
        listed = base(scope)
        year_figures = select(F).where(col(F.year) == scope.period.year).subquery("year_figures")
        query = listed.query.add_columns(
            year_figures.c.online_sales_fen,
            year_figures.c.jobs_created,
            year_figures.c.processing_fees_fen,
            year_figures.c.processing_workforce,
            year_figures.c.farmers_linked,
        ).outerjoin(year_figures, year_figures.c.entity_id == col(E.id))

        def figures(row: Any) -> dict[str, str]:
            shown = listed.figures(row)
            for name in ("online_sales_fen", "processing_fees_fen"):
                if getattr(row, name) is not None:
                    shown[name.removesuffix("_fen")] = str(plain(yuan(getattr(row, name))))
            for name in ("jobs_created", "processing_workforce", "farmers_linked"):
                if getattr(row, name) is not None:
                    shown[name] = str(getattr(row, name))
            return shown

        return MemberColumns("entity", query, listed.id_column, listed.counted, figures)

    return members


RURAL_ECOMMERCE = Calculator(
    "entities", _figure_sums, _ecommerce, _figure_members({}), frozenset({"online_sales", "jobs"})
)
OUTSOURCED_PROCESSING = Calculator(
    "entities",
    _figure_sums,
    _processing,
    _figure_members({"new_brokers": "new_brokers"}),
    frozenset({"processing_fees", "new_brokers", "workforce"}),
)
NHL = Calculator(
    "entities",
    _figure_sums,
    _nhl,
    _figure_members({"members": "nhl_members", "farmers_linked": "nhl_members"}),
    frozenset({"members", "farmers_linked"}),
)
