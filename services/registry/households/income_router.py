"""Income records, nested under their household: ``/v1/households/{id}/income-records``."""

from uuid import UUID

from fastapi import APIRouter, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    problem_responses,
)
from kit.versioning import IfMatch, set_etag
from registry.households import income_service as service
from registry.households.income_schemas import IncomeRecordPublic, IncomeRecordPut
from registry.scope import Readers, Writers

router = APIRouter(prefix="/{household_id}/income-records", tags=["income records"])


@router.get(
    "",
    response_model=Page[IncomeRecordPublic],
    summary="收入记录（新期在前）/ income records",
    responses=PROBLEM_RESPONSES,
)
async def list_records(
    session: SessionDep,
    principal: Readers,
    household_id: UUID,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[IncomeRecordPublic]:
    return await service.list_records(
        session, principal=principal, household_id=household_id, cursor=cursor, limit=limit
    )


@router.get(
    "/{period}",
    response_model=IncomeRecordPublic,
    summary="某期收入 / a period's income",
    responses=PROBLEM_RESPONSES,
)
async def get_record(
    session: SessionDep, principal: Readers, household_id: UUID, period: str, response: Response
) -> IncomeRecordPublic:
    record = await service.get_record(
        session, principal=principal, household_id=household_id, period=period
    )
    set_etag(response, record.version)
    return record


@router.put(
    "/{period}",
    response_model=IncomeRecordPublic,
    summary="填报或修改某期收入 / write a period's income (creates when absent)",
    responses={
        **problem_responses(ConcurrentWrite, *EDIT_PROBLEMS),
        201: {"description": "新建 / created"},
    },
)
async def put_record(
    session: SessionDep,
    principal: Writers,
    household_id: UUID,
    period: str,
    body: IncomeRecordPut,
    if_match: IfMatch,
    response: Response,
) -> IncomeRecordPublic:
    record, created = await service.put_record(
        session,
        principal=principal,
        household_id=household_id,
        period=period,
        data=body,
        if_match=if_match,
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
        response.headers["Location"] = (
            f"/v1/households/{household_id}/income-records/{record.period}"
        )
    set_etag(response, record.version)
    return record


@router.delete(
    "/{period}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="删除某期收入 / delete a period's income",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def delete_record(
    session: SessionDep, principal: Writers, household_id: UUID, period: str, if_match: IfMatch
) -> Response:
    await service.delete_record(
        session, principal=principal, household_id=household_id, period=period, if_match=if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
