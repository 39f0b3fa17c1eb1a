"""Turning a row's text cells into schema input: labels (or synonyms) to codes, 是/否, numbers,
and the schema's own complaints mapped back to the column and row they came from."""

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from kit.problems import Problem
from kit.tabular import Column, SourceRow
from registry.imports.report import Unit
from registry.models.vocab import Vocabulary, VocabularyError

Parser = Callable[[str], Any]


class CellError(ValueError):
    """A cell's text cannot be what its column holds; the message says why."""


@dataclass(frozen=True)
class Choice:
    """A closed vocabulary's cell: the label as the app shows it, a synonym, or the code;
    ``none`` (where a column has one) is the word that clears the field."""

    vocabulary: Vocabulary[Any]
    none: str | None = None

    def __call__(self, text: str) -> Any:
        if self.none is not None and text == self.none:
            return None
        try:
            return self.vocabulary.parse(text)
        except VocabularyError as exc:
            if self.none is not None:
                raise CellError(str(self.vocabulary.refusal(text, self.none))) from exc
            raise CellError(str(exc)) from exc


YES = {"是", "Y", "y", "yes", "true", "1", "√"}
NO = {"否", "N", "n", "no", "false", "0", "×"}


def yes_no(text: str) -> bool:
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(f"「{text}」应填 是 或 否 / should be 是 (yes) or 否 (no)")


def integer(text: str) -> int:
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise CellError(f"「{text}」应为整数 / should be a whole number")


def decimal_number(text: str) -> float:
    try:
        return float(Decimal(text))
    except InvalidOperation as exc:
        raise CellError(f"「{text}」应为数字 / should be a number") from exc


def money(text: str) -> str:
    """Yuan as an exact decimal string; thousands separators and a ¥ sign are tolerated."""
    cleaned = re.sub(r"[,，\s¥￥元]", "", text)
    try:
        Decimal(cleaned)
    except InvalidOperation as exc:
        raise CellError(f"「{text}」应为金额（元）/ should be an amount in yuan") from exc
    return cleaned


def iso_date(text: str) -> date:
    """2026-03-01, also as 2026/3/1 or 2026.3.1 (how Chinese Excel shows dates typed as text)."""
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    try:
        if match is None:
            raise ValueError(text)
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise CellError(f"「{text}」应为日期，如 2026-03-01 / should be a date") from exc


def tags(text: str) -> list[str]:
    """Skills and the like: one cell, separated by 、 , ， ; ；"""
    return [tag.strip() for tag in re.split(r"[、,，;；/]", text) if tag.strip()]


def text(value: str) -> str:
    return value


def read_cells(
    unit: Unit, row: SourceRow, columns: Sequence[Column], parsers: Mapping[str, Parser]
) -> dict[str, Any]:
    """The row's non-blank cells parsed (blank ones left out); each bad cell is a unit error."""
    values: dict[str, Any] = {}
    for column in columns:
        raw = row.values.get(column.field, "")
        if raw == "":
            continue
        try:
            values[column.field] = parsers.get(column.field, text)(raw)
        except CellError as exc:
            unit.error(row.number, column.header, str(exc))
    return values


def require(unit: Unit, row: SourceRow, columns: Sequence[Column]) -> None:
    """Each required column has a value in the row; an error on each that has none."""
    for column in columns:
        if column.required and not row.values.get(column.field):
            unit.error(row.number, column.header, "必填 / required")


def headers_of(columns: Sequence[Column]) -> dict[str, str]:
    return {column.field: column.header for column in columns}


Locate = Callable[[tuple[int | str, ...]], tuple[int, str]]


def schema_errors(unit: Unit, exc: ValidationError, locate: Locate) -> None:
    """The schema's complaints as unit errors on the row and column each concerns."""
    for error in exc.errors():
        row, header = locate(tuple(error["loc"]))
        unit.error(row, header, _message(error))


def _message(error: Any) -> str:
    if error["type"] == "missing":
        return "必填 / required"
    # Custom validators' messages are already bilingual; Pydantic's own say "Value error, …".
    return str(error["msg"]).removeprefix("Value error, ")


def problem_error(unit: Unit, problem: Problem, row: int, headers: Mapping[str, str]) -> None:
    """A service rule's refusal (a problem naming a field) as a unit error."""
    errors = problem.extra.get("errors") or [
        {"field": problem.extra.get("field", ""), "message": problem.detail or problem.title}
    ]
    for item in errors:
        name = str(item.get("field", "")).split(".")[-1]
        unit.error(row, headers.get(name, name or "-"), str(item.get("message", "")))
