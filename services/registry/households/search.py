"""Household search: the list's filters as WHERE conditions that the indexes can serve.

Name and ID number conditions start from the member indexes (ix_member_name_prefix, a
text_pattern_ops index serving ``=`` and ``LIKE 'prefix%'``, and the unique index on id_number).
The matching households are fetched first when they are few (see ``member_match``): left to
itself, PostgreSQL overestimates how many members a two-character prefix matches and walks every
household in list order instead (400 ms at 100,000 households, bench/household_search.py).
"""

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import and_, any_, bindparam, exists
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import Uuid
from sqlmodel import col, select

from kit.problems import invalid
from registry.identity import IdNumberError, parse
from registry.models import EntityHouseholdLink, Household, Member, Pairing
from registry.models.vocab import HouseholdCategory, LowIncomeSubtype

PREFIX_MARK = "*"
LIKE_ESCAPE = "\\"
# Up to this many matching households are looked up by id and sorted; more are found by walking
# the list order (dense matches come quickly that way).
FEW_MATCHES = 5000


class NameMatch(StrEnum):
    EXACT = "exact"  # 精确
    PREFIX = "prefix"  # 前缀


@dataclass(frozen=True)
class HouseholdFilters:
    village: str | None = None  # an area code prefix
    category: HouseholdCategory | None = None
    monitoring: bool | None = None
    low_income_subtype: LowIncomeSubtype | None = None
    has_pairing: bool | None = None  # an active assistance pairing
    driven: bool | None = None  # an active entity link (带动)
    name: str | None = None  # the head's or any member's; a trailing * asks for a prefix
    name_match: NameMatch = NameMatch.EXACT
    id_number: str | None = None  # a whole ID number of any member


async def conditions(session: AsyncSession, filters: HouseholdFilters) -> list[ColumnElement[bool]]:
    """The WHERE conditions for ``filters`` (422 naming the field for a bad name or ID number)."""
    where: list[ColumnElement[bool]] = []
    if filters.village:
        where.append(in_area(filters.village))
    if filters.category:
        where.append(col(Household.category) == filters.category)
    if filters.low_income_subtype:
        where.append(col(Household.low_income_subtype) == filters.low_income_subtype)
    if filters.monitoring is not None:
        monitored = col(Household.monitoring_type).is_not(None)
        where.append(monitored if filters.monitoring else ~monitored)
    if filters.has_pairing is not None:
        where.append(_flag(_active(Pairing), filters.has_pairing))
    if filters.driven is not None:
        where.append(_flag(_active(EntityHouseholdLink), filters.driven))
    if filters.name is not None:
        name = name_condition(filters.name, filters.name_match)
        where.append(await member_match(session, name))
    if filters.id_number is not None:
        number = col(Member.id_number) == whole_id_number(filters.id_number)
        where.append(await member_match(session, number))
    return where


def in_area(prefix: str) -> ColumnElement[bool]:
    """Village code starts with ``prefix`` (digits), also as a range so a plain btree index
    serves it whatever the database's collation (LIKE uses one only under the C collation)."""
    village = col(Household.village_code)
    if not prefix:
        return village.is_not(None)
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(village >= prefix, village < after, village.startswith(prefix, autoescape=True))


async def member_match(
    session: AsyncSession, condition: ColumnElement[bool]
) -> ColumnElement[bool]:
    """Households with a member meeting ``condition``: by their ids when few, else a subquery."""
    few = select(col(Member.household_id)).where(condition).distinct().limit(FEW_MATCHES + 1)
    ids = list((await session.scalars(few)).all())
    if len(ids) > FEW_MATCHES:
        return col(Household.id).in_(select(col(Member.household_id)).where(condition))
    if session.get_bind().dialect.name == "postgresql":
        # One array parameter: the statement is the same (and cached) however many ids come.
        return col(Household.id) == any_(
            bindparam("household_ids", ids, type_=ARRAY(Uuid()), unique=True)
        )
    return col(Household.id).in_(ids)


def name_condition(raw: str, match: NameMatch) -> ColumnElement[bool]:
    """Exact, or by prefix when asked or when the name ends with ``*``; wildcards are literal."""
    name = raw.strip()
    prefix = match == NameMatch.PREFIX or name.endswith(PREFIX_MARK)
    name = name.removesuffix(PREFIX_MARK).strip() if name.endswith(PREFIX_MARK) else name
    if not name:
        raise invalid("name", "请输入姓名或姓名开头 / give a name or the start of one", "missing")
    if not prefix:
        return col(Member.name) == name
    # A pattern made here (not ``startswith``'s ``:p || '%'``), so PostgreSQL sees a plain
    # constant prefix and can use the text_pattern_ops index.
    return col(Member.name).like(escape_like(name) + "%", escape=LIKE_ESCAPE)


def escape_like(text: str) -> str:
    """``text`` with LIKE's wildcards (and the escape character itself) taken literally."""
    for special in (LIKE_ESCAPE, "%", "_"):
        text = text.replace(special, LIKE_ESCAPE + special)
    return text


def whole_id_number(raw: str) -> str:
    """The normalised number; a partial or malformed one is refused (no search by fragment)."""
    try:
        return parse(raw).number
    except IdNumberError as exc:
        raise invalid(
            "id_number", f"需完整的身份证号 / a whole ID number is needed: {exc}"
        ) from exc


def _active(model: type[Pairing] | type[EntityHouseholdLink]) -> ColumnElement[bool]:
    return exists().where(
        col(model.household_id) == col(Household.id), col(model.ended_on).is_(None)
    )


def _flag(condition: ColumnElement[bool], wanted: bool) -> ColumnElement[bool]:
    return condition if wanted else ~condition
