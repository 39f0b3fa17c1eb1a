"""Planning and applying an import: every row checked first, then all written or nothing.

The plan reads the registry in a few batched queries and decides per record: create, update,
unchanged or error. Applying writes through the same domain functions as the API (so versions
and events are exactly theirs) in the request's one transaction; unchanged records are not
touched, so importing the same file again changes nothing.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from kit.problems import Forbidden, Problem, UnprocessableEntity, invalid
from kit.tabular import Column, SourceRow
from registry.imports import cadres, entities, households, income
from registry.imports.cells import headers_of, problem_error
from registry.imports.report import Action, ImportReport, Unit, build_report
from registry.scope import WRITE_ROLES

KindName = Literal["households", "entities", "cadres", "income"]
Planner = Callable[[AsyncSession, Principal, list[SourceRow]], Awaitable[list[Unit]]]
Writer = Callable[[AsyncSession, Principal, Unit], Awaitable[UUID]]


@dataclass(frozen=True)
class ImportKind:
    label: str  # what the office calls the records, e.g. 农户
    columns: Sequence[Column]
    plan: Planner
    write: Writer
    max_rows: int | None = None  # None: tabular.MAX_ROWS

    @property
    def template_name(self) -> str:
        return f"{self.label}导入模板"


KINDS: dict[str, ImportKind] = {
    "households": ImportKind(
        households.NAME,
        households.COLUMNS,
        households.plan,
        households.write,
        # One row per member: a county's 10,000 households are some 30,000 rows.
        max_rows=households.MAX_ROWS,
    ),
    "entities": ImportKind(entities.NAME, entities.COLUMNS, entities.plan, entities.write),
    "cadres": ImportKind(cadres.NAME, cadres.COLUMNS, cadres.plan, cadres.write),
    "income": ImportKind(income.NAME, income.COLUMNS, income.plan, income.write),
}


async def _plan(
    session: AsyncSession, principal: Principal, kind: str, rows: list[SourceRow]
) -> list[Unit]:
    # County admins import everywhere, township officers within their township (each row's
    # area is checked against the caller's scope); nobody else imports at all.
    if not principal.has(*WRITE_ROLES):
        raise Forbidden("只有县、乡镇管理员可以导入 / only county and township staff may import")
    if not rows:
        raise invalid("file", "文件没有数据行 / the file has no data rows")
    units = await KINDS[kind].plan(session, principal, rows)
    return sorted(units, key=lambda unit: unit.rows[0])


async def plan_import(
    session: AsyncSession, *, principal: Principal, kind: str, rows: list[SourceRow]
) -> ImportReport:
    """What importing ``rows`` would do, every error of every row listed; writes nothing."""
    units = await _plan(session, principal, kind, rows)
    return await asyncio.to_thread(build_report, kind, units, dry_run=True, applied=False)


async def apply_import(
    session: AsyncSession, *, principal: Principal, kind: str, rows: list[SourceRow]
) -> ImportReport:
    """Write every create and update, or (422 with the report) nothing at all."""
    spec = KINDS[kind]
    units = await _plan(session, principal, kind, rows)
    if any(unit.errors for unit in units):
        raise _refused(kind, units)
    for unit in units:
        if unit.action not in (Action.CREATE, Action.UPDATE):
            continue
        try:
            unit.record_id = await spec.write(session, principal, unit)
        except Problem as problem:
            # A rule only the write itself checks (or a concurrent edit): the whole import
            # stops, and the caller's transaction rolls back everything written so far.
            problem_error(unit, problem, unit.rows[0], headers_of(spec.columns))
            raise _refused(kind, units) from problem
    return await asyncio.to_thread(build_report, kind, units, dry_run=False, applied=True)


def _refused(kind: str, units: list[Unit]) -> UnprocessableEntity:
    report = build_report(kind, units, dry_run=False, applied=False)
    bad = report.totals.error
    return UnprocessableEntity(
        f"{bad} 行有误，未写入任何数据 / {bad} rows have errors; nothing was written",
        report=report.model_dump(mode="json"),
    )
