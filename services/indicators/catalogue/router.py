"""``GET /v1/indicators``: the 17 indicators, their measures and the plan's targets."""

from dataclasses import asdict

from fastapi import APIRouter

from indicators.catalogue.definitions import INDICATORS, Indicator
from indicators.catalogue.schemas import IndicatorPublic
from indicators.scope import Readers
from indicators.values.by_indicator import CALCULATORS
from kit.pagination import Page
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(tags=["indicators"])


def to_public(indicator: Indicator) -> IndicatorPublic:
    first = indicator.measures[0]
    return IndicatorPublic.model_validate(
        {
            **asdict(indicator),
            "unit": indicator.unit,
            "direction": indicator.direction,
            "computed_now": indicator.code in CALCULATORS,
            "target": asdict(first.target) if first.target else None,
        }
    )


@router.get(
    "/v1/indicators",
    response_model=Page[IndicatorPublic],
    summary="指标目录 / indicator catalogue",
    responses=PROBLEM_RESPONSES,
)
async def list_indicators(principal: Readers) -> Page[IndicatorPublic]:
    return Page(items=[to_public(indicator) for indicator in INDICATORS])
