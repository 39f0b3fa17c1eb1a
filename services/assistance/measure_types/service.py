"""The catalogue of main measures: seeded once (idempotent, at start-up), edited by the county
admin, read by everyone signed in."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from assistance.measure_types import errors
from assistance.measure_types.catalogue import ACTION_NAMES, DEFAULT_TYPES, MEASURES
from assistance.measure_types.schemas import MeasureTypeIn, MeasureTypePublic
from assistance.models import MeasureType
from kit.db import insert_for, utcnow
from kit.outbox import record_event
from kit.versioning import bump, check_version

AGGREGATE = "measure_type"


def to_public(row: MeasureType) -> MeasureTypePublic:
    measure = MEASURES[row.measure_no]
    action_zh, action_en = ACTION_NAMES[measure.action]
    return MeasureTypePublic(
        code=row.code,
        name_zh=row.name_zh,
        name_en=row.name_en,
        measure_no=row.measure_no,
        measure_name_zh=measure.name_zh,
        measure_name_en=measure.name_en,
        action=measure.action,
        action_name_zh=action_zh,
        action_name_en=action_en,
        active=row.active,
        sort_order=row.sort_order,
        version=row.version,
    )


def _emit(session: AsyncSession, row: MeasureType) -> None:
    record_event(
        session,
        aggregate=AGGREGATE,
        aggregate_id=row.code,
        version=row.version,
        data=to_public(row).model_dump(mode="json"),
    )


async def seed_defaults(session: AsyncSession) -> int:
    """Insert the default types that are missing; answers how many. Existing rows (edited or
    retired by the admin) are left alone, so running it on every start changes nothing."""
    now = utcnow()
    rows: list[dict[str, Any]] = [
        {
            "code": t.code,
            "name_zh": t.name_zh,
            "name_en": t.name_en,
            "measure_no": t.measure_no,
            "active": True,
            "sort_order": (index + 1) * 10,
            "version": 1,
            "updated_at": now,
        }
        for index, t in enumerate(DEFAULT_TYPES)
    ]
    table = MeasureType.__table__  # type: ignore[attr-defined]
    inserted = set(
        (
            await session.scalars(
                insert_for(session)(table)
                .values(rows)
                .on_conflict_do_nothing(index_elements=[table.c.code])
                .returning(table.c.code)
            )
        ).all()
    )
    for row in rows:
        if row["code"] in inserted:  # only what this call made: concurrent starts emit once
            _emit(session, MeasureType(**row))
    return len(inserted)


async def list_types(session: AsyncSession, *, active: bool | None) -> list[MeasureTypePublic]:
    """The catalogue in its order, all of it or only the (in)active types."""
    query = select(MeasureType).order_by(col(MeasureType.sort_order), col(MeasureType.code))
    if active is not None:
        query = query.where(col(MeasureType.active).is_(active))
    return [to_public(row) for row in (await session.execute(query)).scalars()]


async def put_type(
    session: AsyncSession, *, code: str, data: MeasureTypeIn, if_match: str | None
) -> tuple[MeasureTypePublic, bool]:
    """Create (no If-Match needed) or replace at the version read. Answers it and whether new."""
    row = await session.get(MeasureType, code, with_for_update=True)
    if row is None:
        row = MeasureType(code=code, **data.model_dump(), version=1, updated_at=utcnow())
        session.add(row)
        await session.flush()
        _emit(session, row)
        return to_public(row), True
    check_version(if_match, row.version)
    for name, value in data.model_dump().items():
        setattr(row, name, value)
    bump(row)
    await session.flush()
    _emit(session, row)
    return to_public(row), False


async def check_usable(session: AsyncSession, *, code: str, field: str = "main_measure") -> None:
    """A plan may name only an active type of the catalogue."""
    row = await session.get(MeasureType, code)
    if row is None:
        raise errors.unknown(field, code)
    if not row.active:
        raise errors.retired(field, code)
