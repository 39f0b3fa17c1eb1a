"""Ranking the areas below one (townships, by default) on one measure or a stored weighted set.

Each measure's score is scoring.completion (actual against the target in force). A set's score
is Σ weight × score ÷ Σ weight, where a measure with no actual scores 0 (no figure earns
nothing); on a single measure an area with no actual has no score. Areas are ordered by score,
highest first; equal scores share a rank (1, 1, 3: standard competition ranking, compared
exactly) and are listed by area code; areas without a score come last with no rank, since
nothing was measured to place them by."""

from fractions import Fraction

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from indicators.areas import areas_below, child_length, visible_area
from indicators.catalogue.definitions import BY_CODE
from indicators.models import RankingSet
from indicators.periods import Period
from indicators.rankings.schemas import (
    RankedArea,
    Ranking,
    RankingPart,
    RankingSetPublic,
    RankingSetPut,
)
from indicators.scoring import completion, rate_text
from indicators.targets.service import measure_of, targets_for
from indicators.values.exact import shown
from indicators.values.service import actual_values, indicator_of, read_model_updated_at
from kit.auth import Principal
from kit.db import utcnow
from kit.outbox import record_event
from kit.pagination import Page
from kit.problems import NotFound, invalid
from kit.versioning import bump_if_match


def to_public(row: RankingSet) -> RankingSetPublic:
    return RankingSetPublic.model_validate(row.model_dump())


def _check_items(body: RankingSetPut) -> None:
    seen = set()
    for index, item in enumerate(body.items):
        try:
            measure_of(item.indicator, item.measure)
            indicator_of(item.indicator)
        except Exception as exc:
            raise invalid(
                f"items.{index}.measure", "没有这个已计算的指标分项 / no such computed measure"
            ) from exc
        if (item.indicator, item.measure) in seen:
            raise invalid(f"items.{index}.measure", "分项重复 / the same measure twice")
        seen.add((item.indicator, item.measure))


async def put_set(
    session: AsyncSession,
    *,
    principal: Principal,
    code: str,
    data: RankingSetPut,
    if_match: str | None,
) -> tuple[RankingSetPublic, bool]:
    """Store a weighted set; answers it and whether it was created. Replacing needs the
    version read (If-Match); sending what is stored again changes nothing."""
    _check_items(data)
    row = await session.get(RankingSet, code, with_for_update=True)
    items = [item.model_dump(mode="json") for item in data.items]
    created = row is None
    if row is None:
        row = RankingSet(code=code, name=data.name, items=items, updated_by=principal.subject)
        session.add(row)
    else:
        if (row.name, row.items) == (data.name, items):
            return to_public(row), False
        bump_if_match(row, if_match)
        row.name, row.items, row.updated_by = data.name, items, principal.subject
    await session.flush()
    public = to_public(row)
    record_event(
        session,
        aggregate="ranking_set",
        aggregate_id=code,
        version=row.version,
        data=public.model_dump(mode="json"),
    )
    return public, created


async def list_sets(session: AsyncSession) -> Page[RankingSetPublic]:
    """Every stored weighted set (a handful: one page)."""
    rows = (await session.execute(select(RankingSet).order_by(RankingSet.code))).scalars()
    return Page(items=[to_public(row) for row in rows])


async def _measures(
    session: AsyncSession, set_code: str | None, indicator: str | None, measure: str | None
) -> list[tuple[str, str, Fraction]]:
    if set_code is not None:
        row = await session.get(RankingSet, set_code)
        if row is None:
            raise NotFound("没有这个考核指标组 / no such ranking set")
        return [(i["indicator"], i["measure"], Fraction(i["weight"])) for i in row.items]
    if indicator is None:
        raise invalid("indicator", "请给出指标或考核指标组 / give an indicator or a set")
    indicator_of(indicator)
    code = measure or BY_CODE[indicator].measures[0].code
    measure_of(indicator, code)
    return [(indicator, code, Fraction(1))]


def competition_ranks(scores: list[Fraction | None]) -> list[int | None]:
    """Ranks of scores sorted highest first: a tie shares the rank of the first of its kind
    (1, 1, 3), exact scores compared (not their rounded text); no score, no rank."""
    ranks: list[int | None] = []
    for position, score in enumerate(scores, start=1):
        if score is None:
            ranks.append(None)
        elif position > 1 and scores[position - 2] == score:
            ranks.append(ranks[-1])
        else:
            ranks.append(position)
    return ranks


async def ranking(
    session: AsyncSession,
    *,
    principal: Principal,
    area_code: str,
    period_text: str,
    indicator: str | None,
    measure: str | None,
    set_code: str | None,
    level: str | None,
) -> Ranking:
    """The areas below one ranked on a measure or a stored weighted set."""
    period = Period.parse(period_text)
    weighted = await _measures(session, set_code, indicator, measure)
    area = await visible_area(session, principal=principal, code=area_code)
    length = child_length(area, level)
    rows = await areas_below(session, area=area, length=length)
    pairs = [(i, m) for i, m, _ in weighted]
    actuals = await actual_values(
        session, measures=pairs, area=area, rows=rows, length=length, periods=[period]
    )
    targets = await targets_for(
        session, measures=pairs, codes=[row.code for row in rows], periods=[period]
    )
    scored = []
    for row in rows:
        parts, numerator, weights, any_score = [], Fraction(0), Fraction(0), False
        for indicator_code, code, weight in weighted:
            unit_of = measure_of(indicator_code, code)
            actual = actuals.get((indicator_code, code, row.code, period))
            target = targets.get((indicator_code, code, row.code, period))
            score = (
                None
                if target is None
                else completion(actual, target.value, unit_of.unit, unit_of.direction)
            )
            any_score = any_score or score is not None
            numerator += weight * (score or 0)
            weights += weight
            parts.append(
                RankingPart(
                    indicator=indicator_code,
                    measure=code,
                    weight=str(weight),
                    actual=shown(actual, unit_of.unit),
                    target=None if target is None else format(target.value.normalize(), "f"),
                    score=rate_text(score),
                )
            )
        total = numerator / weights if any_score and weights else None
        scored.append((total, row, parts))
    # Highest score first, no score last, equal scores by area code.
    scored.sort(key=lambda item: (item[0] is None, -(item[0] or 0), item[1].code))
    ranks = competition_ranks([total for total, _, _ in scored])
    return Ranking(
        area_code=area.code,
        period=str(period),
        ranking_set=set_code,
        items=[
            RankedArea(
                rank=rank,
                area_code=row.code,
                area_name=row.name,
                score=rate_text(total),
                parts=parts,
            )
            for rank, (total, row, parts) in zip(ranks, scored, strict=True)
        ],
        computed_at=utcnow(),
        read_model_updated_at=await read_model_updated_at(session),
    )
