"""Reconciling the low-income roll: an uploaded roll (from civil affairs or the province) against
the registry. The comparison writes nothing; applying it re-reads the same file, checks that
nothing moved since the report (its fingerprint), and makes every change in one transaction.
"""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal
from kit.problems import invalid
from kit.tabular import Column, SourceRow
from registry.households import service as households
from registry.households.schemas import CategoryChangeCreate
from registry.identity import IdNumberError, parse
from registry.models import Household, Member
from registry.models.vocab import (
    LOW_INCOME_SUBTYPE,
    HouseholdCategory,
    LowIncomeSubtype,
    Relation,
    VocabularyError,
)
from registry.privacy import mask_id_number
from registry.reconciliations.errors import report_outdated
from registry.reconciliations.schemas import (
    Applied,
    ApplyForm,
    Difference,
    Finding,
    Report,
    RowError,
)

ROLL = [
    Column("户主姓名", "head_name", required=True, example="吴建国"),
    Column(
        "身份证号",
        "id_number",
        required=True,
        example="331126198203150016",
        note="户主或任一家庭成员的身份证号 / the head's or any member's ID number",
    ),
    Column(
        "低收入类型",
        "subtype",
        example=LOW_INCOME_SUBTYPE.label(LowIncomeSubtype.SUBSISTENCE),
        note=f"{LOW_INCOME_SUBTYPE.shown}；可空 / subtype, may be empty",
    ),
    Column("村代码", "village_code", note="12 位区划代码，可空 / 12-digit village code, optional"),
]
CHUNK = 1000  # ID numbers per IN (...) query
# Findings the apply step can carry out, and the category each moves the household into.
TARGET = {
    Finding.MISSING: HouseholdCategory.LOW_INCOME,
    Finding.DIFFERENT: HouseholdCategory.LOW_INCOME,
    Finding.EXTRA: HouseholdCategory.SMALL_FARMER,
}


@dataclass(frozen=True)
class RollEntry:
    row: int
    head_name: str
    id_number: str
    subtype: LowIncomeSubtype | None
    village_code: str | None


def _entries(rows: Sequence[SourceRow], errors: list[RowError]) -> list[RollEntry]:
    """The roll's good rows; each bad field becomes an error naming its row and header."""
    entries: list[RollEntry] = []
    first_row: dict[str, int] = {}
    for source in rows:
        values = source.values
        try:
            number = parse(values["id_number"]).number
        except IdNumberError as error:
            errors.append(RowError(row=source.number, field="身份证号", message=str(error)))
            continue
        subtype = None
        if values.get("subtype"):
            try:
                subtype = LOW_INCOME_SUBTYPE.parse(values["subtype"])
            except VocabularyError as error:
                errors.append(RowError(row=source.number, field="低收入类型", message=str(error)))
                continue
        if number in first_row:
            errors.append(
                RowError(
                    row=source.number,
                    field="身份证号",
                    message=f"与第 {first_row[number]} 行重复 / repeats row {first_row[number]}",
                )
            )
            continue
        first_row[number] = source.number
        entries.append(
            RollEntry(
                source.number,
                values["head_name"],
                number,
                subtype,
                values.get("village_code") or None,
            )
        )
    return entries


async def _households_of(session: AsyncSession, id_numbers: list[str]) -> dict[str, Household]:
    """The household each ID number belongs to (as head or member)."""
    found: dict[str, Household] = {}
    for start in range(0, len(id_numbers), CHUNK):
        chunk = id_numbers[start : start + CHUNK]
        query = (
            select(Member.id_number, Household)
            .join(Household, col(Household.id) == col(Member.household_id))
            .where(col(Member.id_number).in_(chunk))
        )
        for number, household in await session.execute(query):
            found[number] = household
    return found


async def _low_income_outside(
    session: AsyncSession, principal: Principal, seen: set[UUID]
) -> list[tuple[Household, Member]]:
    """Low-income households in the caller's area that the roll does not name, with heads."""
    query = (
        select(Household, Member)
        .join(Member, col(Member.household_id) == col(Household.id))
        .where(
            col(Household.category) == HouseholdCategory.LOW_INCOME,
            col(Member.relation) == Relation.HEAD,
            principal.area_filter(col(Household.village_code)),
        )
        .order_by(col(Household.village_code), col(Member.name))
    )
    rows = await session.execute(query)
    return [(household, head) for household, head in rows if household.id not in seen]


def _on_roll(
    entry: RollEntry, household: Household, finding: Finding, applicable: bool, note: str = ""
) -> Difference:
    return Difference(
        finding=finding,
        row=entry.row,
        head_name=entry.head_name,
        id_number=mask_id_number(entry.id_number) or "",
        household_id=household.id,
        household_version=household.version,
        village_code=household.village_code,
        registry_category=HouseholdCategory(household.category),
        registry_subtype=household.low_income_subtype,
        roll_subtype=entry.subtype,
        applicable=applicable,
        note=note,
    )


def _fingerprint(differences: Iterable[Difference]) -> str:
    """What apply would do, and to which version of each household."""
    digest = hashlib.sha256()
    for d in differences:
        if d.applicable:
            digest.update(
                f"{d.finding}|{d.household_id}|{d.household_version}|{d.roll_subtype};".encode()
            )
    return digest.hexdigest()[:32]


async def compare(
    session: AsyncSession, *, principal: Principal, rows: Sequence[SourceRow]
) -> Report:
    """The roll against the registry: what matches and what differs; changes nothing."""
    errors: list[RowError] = []
    entries = _entries(rows, errors)
    households_by_id = await _households_of(session, [e.id_number for e in entries])
    differences: list[Difference] = []
    seen: dict[UUID, int] = {}
    matched = outside = 0
    for entry in entries:
        # The report speaks of the caller's area alone (docs/security.md, "Existence oracles"):
        # a row is outside it by the roll's own village code, and an ID number held outside it
        # reads as one nobody in the area holds, whether or not another township does.
        if entry.village_code is not None and not principal.covers(entry.village_code):
            outside += 1
            continue
        household = households_by_id.get(entry.id_number)
        if household is not None and not principal.covers(household.village_code):
            household = None
        if household is None:
            differences.append(
                Difference(
                    finding=Finding.UNREGISTERED,
                    row=entry.row,
                    head_name=entry.head_name,
                    id_number=mask_id_number(entry.id_number) or "",
                    village_code=entry.village_code,
                    roll_subtype=entry.subtype,
                    applicable=False,
                    note="你的范围内无此身份证号的农户，须先登记农户 / no household in your "
                    "area has this ID number; register the household first",
                )
            )
            continue
        if household.id in seen:
            errors.append(
                RowError(
                    row=entry.row,
                    field="身份证号",
                    message=f"与第 {seen[household.id]} 行是同一户 / the same household as row "
                    f"{seen[household.id]}",
                )
            )
            continue
        seen[household.id] = entry.row
        if household.category != HouseholdCategory.LOW_INCOME:
            applicable = entry.subtype is not None
            note = "" if applicable else "名册未给类型，须手工认定 / the roll gives no subtype"
            differences.append(_on_roll(entry, household, Finding.MISSING, applicable, note))
        elif entry.subtype is not None and entry.subtype != household.low_income_subtype:
            differences.append(_on_roll(entry, household, Finding.DIFFERENT, True))
        else:
            matched += 1
    for household, head in await _low_income_outside(session, principal, set(seen)):
        differences.append(
            Difference(
                finding=Finding.EXTRA,
                row=None,
                head_name=head.name,
                id_number=mask_id_number(head.id_number) or "",
                household_id=household.id,
                household_version=household.version,
                village_code=household.village_code,
                registry_category=HouseholdCategory.LOW_INCOME,
                registry_subtype=household.low_income_subtype,
                applicable=True,
            )
        )
    counts = {finding: 0 for finding in Finding}
    for difference in differences:
        counts[difference.finding] += 1
    return Report(
        roll_rows=len(rows),
        matched=matched,
        outside_scope=outside,
        counts=counts,
        differences=differences,
        errors=sorted(errors, key=lambda e: e.row),
        fingerprint=_fingerprint(differences),
    )


async def apply(
    session: AsyncSession, *, principal: Principal, rows: Sequence[SourceRow], form: ApplyForm
) -> Applied:
    """Carry out the report's applicable changes of the chosen findings, all or none."""
    report = await compare(session, principal=principal, rows=rows)
    if report.errors:
        # A row that failed to read would make its household look "extra" and exit it wrongly.
        first = report.errors[0]
        raise invalid(
            "file",
            f"名册有 {len(report.errors)} 处错误（第 {first.row} 行起），改正后再应用 / the roll "
            f"has {len(report.errors)} bad rows (from row {first.row}); fix them first",
        )
    if report.fingerprint != form.fingerprint:
        raise report_outdated()
    chosen = [d for d in report.differences if d.applicable and d.finding in form.findings]
    counts = {finding: 0 for finding in Finding}
    for difference in chosen:
        assert difference.household_id is not None  # applicable ones are in the registry
        target = TARGET[difference.finding]
        body = CategoryChangeCreate(
            category=target,
            low_income_subtype=difference.roll_subtype
            if target == HouseholdCategory.LOW_INCOME
            else None,
            changed_on=form.changed_on,
            reason=form.reason,
        )
        await households.change_category(
            session,
            principal=principal,
            household_id=difference.household_id,
            data=body,
            if_match=f'"{difference.household_version}"',
        )
        counts[difference.finding] += 1
    return Applied(
        changed=len(chosen),
        counts=counts,
        changed_on=form.changed_on,
        household_ids=[d.household_id for d in chosen if d.household_id is not None],
    )
