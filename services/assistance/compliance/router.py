"""GET /v1/compliance: visited ÷ due per cadre, township or county for a month."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from assistance.compliance import service
from assistance.compliance.schemas import CompliancePage, Level
from assistance.months import Month, MonthQuery
from assistance.schedule.due import DueFilters
from assistance.scope import Readers
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import AreaPrefixQuery
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/compliance", tags=["compliance"])


@router.get(
    "",
    response_model=CompliancePage,
    summary="走访率 / visit compliance (visited ÷ due)",
    responses=PROBLEM_RESPONSES,
)
async def get_compliance(
    session: SessionDep,
    principal: Readers,
    month: MonthQuery = None,
    level: Annotated[
        Level, Query(description="cadre / village / township / county")
    ] = Level.TOWNSHIP,
    area: AreaPrefixQuery = None,
    cadre_id: UUID | None = None,
) -> CompliancePage:
    today = local_today()
    return await service.compliance(
        session,
        principal=principal,
        month=Month.parse(month, today),
        today=today,
        level=level,
        filters=DueFilters(area, cadre_id),
    )
