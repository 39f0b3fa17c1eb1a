"""Importing targets from XLSX or CSV (Chinese headers): every row checked first (a dry run
lists each row's errors), then all rows written or none. The reading is the kit's tabular
reader, shared with the registry's imports; what the values mean is decided here."""

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from indicators.models import Area
from indicators.periods import Period
from indicators.targets import service
from indicators.targets.schemas import ImportIssue, ImportRow, ImportTotals, TargetImportReport
from kit.auth import Principal
from kit.problems import Problem, UnprocessableEntity, invalid
from kit.tabular import Column, SourceRow

NAME = "目标值导入模板"
COLUMNS = [
    Column("指标代码", "indicator", True, "I01_rural_income", "见 /v1/indicators 的 code"),
    Column("指标项", "measure", True, "per_capita", "该指标的分项 code，如 per_capita、growth"),
    Column("区划代码", "area", True, "331126101", "县 6 位、乡镇 9 位、村 12 位"),
    Column("期间", "period", True, "2026Q2", "2026Q1–2026Q4（年初至季末）或 2026（= Q4）"),
    Column(
        "目标值", "value", True, "17500", "按分项单位：元、个数、百分数（11 即 11%），最多四位小数"
    ),
]
HEADERS = {column.field: column.header for column in COLUMNS}


@dataclass
class Planned:
    row: SourceRow
    key: str
    action: str = "create"
    target: tuple[str, str, str, Period] | None = None
    value: Decimal | None = None
    errors: list[ImportIssue] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors.append(ImportIssue(row=self.row.number, field=HEADERS[name], message=message))
        self.action = "error"


def _message(problem: Problem) -> tuple[str, str]:
    errors = problem.extra.get("errors") or []
    if errors:
        return errors[0]["field"], errors[0]["message"]
    return "value", problem.detail or problem.title


async def _plan_row(
    session: AsyncSession, principal: Principal, row: SourceRow, seen: dict[tuple, int]
) -> Planned:
    values = row.values
    planned = Planned(row, "/".join(values[n] for n in ("indicator", "measure", "area", "period")))
    for name in HEADERS:
        if not values[name]:
            planned.error(name, "必填 / required")
    if planned.errors:
        return planned
    try:
        measure = service.measure_of(values["indicator"], values["measure"])
    except Problem as problem:
        planned.error(*_message(problem))
        return planned
    area = await session.get(Area, values["area"])
    if area is None or area.deleted or not principal.covers(area.code):
        planned.error("area", "区划不存在或不在你的范围内 / unknown area or outside your scope")
    try:
        period = Period.parse(values["period"])
    except Problem:
        planned.error("period", "期间应为 2026 或 2026Q3 / a period is 2026 or 2026Q3")
        period = None
    try:
        value = service.parse_value(values["value"])
        service.check_value(measure, value)
    except Problem as problem:
        planned.error("value", _message(problem)[1])
        value = None
    if planned.errors or period is None or value is None:
        return planned
    key = (values["indicator"], values["measure"], values["area"], period)
    if key in seen:
        planned.error("period", f"与第 {seen[key]} 行重复 / the same target as row {seen[key]}")
        return planned
    seen[key] = row.number
    planned.target, planned.value = key, value
    return planned


async def plan(
    session: AsyncSession, *, principal: Principal, rows: list[SourceRow]
) -> list[Planned]:
    """Check every row and say what writing it would do (create, update, unchanged, error)."""
    if not rows:
        raise invalid("file", "文件没有数据行 / the file has no data rows")
    seen: dict[tuple, int] = {}
    planned = [await _plan_row(session, principal, row, seen) for row in rows]
    good = [p for p in planned if p.target is not None]
    found = await service.stored(
        session,
        codes={p.target[2] for p in good if p.target},
        periods={p.target[3] for p in good if p.target},
        indicator=None,
    )
    for item in good:
        assert item.target is not None
        stored = found.get(item.target)
        if stored is not None:
            item.action = "unchanged" if stored.value == item.value else "update"
    return planned


def report(planned: list[Planned], *, dry_run: bool, applied: bool) -> TargetImportReport:
    totals = ImportTotals(rows=len(planned))
    for item in planned:
        setattr(totals, item.action, getattr(totals, item.action) + 1)
    rows = [
        ImportRow(row=p.row.number, action=p.action, key=p.key, errors=p.errors) for p in planned
    ]
    return TargetImportReport(dry_run=dry_run, applied=applied, totals=totals, rows=rows)


async def apply(
    session: AsyncSession, *, principal: Principal, rows: list[SourceRow]
) -> TargetImportReport:
    """Write every new or changed target, or (422 with the report) nothing at all."""
    planned = await plan(session, principal=principal, rows=rows)
    if any(item.errors for item in planned):
        bad = sum(1 for item in planned if item.errors)
        raise UnprocessableEntity(
            f"{bad} 行有误，未写入任何数据 / {bad} rows have errors; nothing was written",
            report=report(planned, dry_run=False, applied=False).model_dump(mode="json"),
        )
    for item in planned:
        if item.action not in ("create", "update"):
            continue
        assert item.target is not None and item.value is not None
        indicator, measure, area, period = item.target
        await service.write_target(
            session,
            principal=principal,
            indicator=indicator,
            measure_code=measure,
            area_code=area,
            period=period,
            value=item.value,
            if_match=None,
            check_match=False,
        )
    return report(planned, dry_run=False, applied=True)
