"""GET /v1/schedule: who is due a visit this month (or another), and who has had one."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from assistance.months import Month, MonthQuery
from assistance.schedule import service
from assistance.schedule.due import DueFilters
from assistance.schedule.schemas import DueStatus, SchedulePage
from assistance.scope import Readers
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery
from kit.problems import PROBLEM_RESPONSES

router = APIRouter(prefix="/v1/schedule", tags=["schedule"])


@router.get(
    "",
    response_model=SchedulePage,
    summary="走访计划：本月应走访农户 / households due a visit in a month",
    responses=PROBLEM_RESPONSES,
)
async def get_schedule(
    session: SessionDep,
    principal: Readers,
    month: MonthQuery = None,
    area: AreaPrefixQuery = None,
    cadre_id: UUID | None = None,
    status: Annotated[DueStatus | None, Query(description="visited / pending / overdue")] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> SchedulePage:
    today = local_today()
    return await service.schedule(
        session,
        principal=principal,
        month=Month.parse(month, today),
        today=today,
        filters=DueFilters(area, cadre_id),
        status=status,
        cursor=cursor,
        limit=limit,
    )
