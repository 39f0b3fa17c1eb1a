"""What an import plan finds, per record (a unit) and as the report the office reads per row."""

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


class Issue(BaseModel):
    row: int = Field(description="Excel 中的行号（表头为第 1 行）/ row number as in Excel")
    field: str = Field(description="列名 / the column's header")
    message: str


class RowReport(BaseModel):
    row: int
    action: Action
    key: str = Field(description="匹配键（证件号已脱敏）/ the matching key, masked")
    record_id: UUID | None = Field(default=None, description="匹配到或新建的记录 / the record")
    errors: list[Issue] = Field(default_factory=list)
    warnings: list[Issue] = Field(default_factory=list)


class Totals(BaseModel):
    """Rows by the action each is marked with (they add up to ``rows``), and the records."""

    rows: int = Field(description="数据行数 / data rows read")
    records: int = Field(description="记录数（农户一户多行）/ records (a household spans rows)")
    create: int = Field(default=0, description="标为新增的行 / rows marked create")
    update: int = Field(default=0, description="标为更新的行 / rows marked update")
    unchanged: int = Field(default=0, description="标为不变的行 / rows marked unchanged")
    error: int = Field(
        default=0, description="标为错误的行（整条记录不导入）/ rows marked error (record refused)"
    )


class ImportReport(BaseModel):
    kind: str
    dry_run: bool
    applied: bool = Field(description="是否已写入 / whether anything was written")
    totals: Totals
    rows: list[RowReport]


@dataclass
class Unit:
    """One record the file describes: the rows it came from and what importing it would do."""

    rows: list[int]  # source row numbers; record-level issues go on the first
    key: str  # the matching key as shown in the report (ID numbers and phones masked)
    action: Action = Action.CREATE
    record_id: UUID | None = None
    version: int | None = None  # the stored version an update was planned against
    body: Any = None  # the validated create/update schema
    extra: dict[str, Any] = field(default_factory=dict)  # what a kind's write needs besides
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    def error(self, row: int, header: str, message: str) -> None:
        self.errors.append(Issue(row=row, field=header, message=message))

    def warning(self, row: int, header: str, message: str) -> None:
        self.warnings.append(Issue(row=row, field=header, message=message))

    @property
    def outcome(self) -> Action:
        return Action.ERROR if self.errors else self.action


def build_report(kind: str, units: list[Unit], *, dry_run: bool, applied: bool) -> ImportReport:
    rows: list[RowReport] = []
    for unit in units:
        for number in unit.rows:
            rows.append(
                RowReport(
                    row=number,
                    action=unit.outcome,
                    key=unit.key,
                    record_id=unit.record_id,
                    errors=[i for i in unit.errors if i.row == number],
                    warnings=[i for i in unit.warnings if i.row == number],
                )
            )
    rows.sort(key=lambda r: r.row)
    # Counted as the rows are marked: a household refused for one bad row marks all its rows.
    counts = Counter(row.action for row in rows)
    totals = Totals(
        rows=len(rows),
        records=len(units),
        **{action.value: counts.get(action, 0) for action in Action},
    )
    return ImportReport(kind=kind, dry_run=dry_run, applied=applied, totals=totals, rows=rows)
