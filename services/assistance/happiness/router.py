"""HTTP endpoints of the happiness list (幸福清单)."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from assistance.happiness import service
from assistance.happiness.schemas import (
    HappinessItemIn,
    HappinessItemPublic,
    HappinessList,
    ItemStatus,
)
from assistance.scope import Readers, Writers
from kit.clock import local_today
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, SameIdOtherBody, problem_responses
from kit.versioning import IfMatch, set_etag

router = APIRouter(prefix="/v1/happiness-items", tags=["happiness-items"])


@router.get(
    "",
    response_model=HappinessList,
    summary="幸福清单（含合计）/ happiness-list items with their total in yuan",
    responses=PROBLEM_RESPONSES,
)
async def list_items(
    session: SessionDep,
    principal: Readers,
    household_id: UUID | None = None,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度 / year")] = None,
    area: AreaPrefixQuery = None,
    item_status: Annotated[
        ItemStatus | None, Query(alias="status", description="计划或已兑现 / planned, delivered")
    ] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> HappinessList:
    filters = service.ItemFilters(household_id, year, area, item_status)
    return await service.list_items(
        session,
        principal=principal,
        filters=filters,
        today=local_today(),
        cursor=cursor,
        limit=limit,
    )


@router.get(
    "/{item_id}",
    response_model=HappinessItemPublic,
    summary="一项幸福清单事项 / an item",
    responses=PROBLEM_RESPONSES,
)
async def get_item(
    item_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> HappinessItemPublic:
    item = await service.get_item(
        session, principal=principal, item_id=item_id, today=local_today()
    )
    set_etag(response, item.version)
    return item


@router.put(
    "/{item_id}",
    response_model=HappinessItemPublic,
    summary="记录或修改幸福清单事项 / record an item (id made on the phone) or edit it",
    description=(
        "不带 If-Match：新建（201），同一 id 同一内容再次提交返回已存的（200），内容不同 409。"
        "带 If-Match：整体修改（412 版本过期）。 / Without If-Match: create (201); the same id and "
        "body again answers the stored item (200), another body 409. With If-Match: replace."
    ),
    responses={
        **problem_responses(SameIdOtherBody, *EDIT_PROBLEMS),
        201: {"description": "新建 / created"},
    },
)
async def put_item(
    item_id: UUID,
    body: HappinessItemIn,
    session: SessionDep,
    principal: Writers,
    response: Response,
    if_match: IfMatch,
) -> HappinessItemPublic:
    if if_match is not None:
        item = await service.update(
            session,
            principal=principal,
            item_id=item_id,
            data=body,
            if_match=if_match,
            today=local_today(),
        )
    else:
        item, created = await service.create_or_return(
            session, principal=principal, item_id=item_id, data=body, today=local_today()
        )
        if created:
            response.status_code = status.HTTP_201_CREATED
    set_etag(response, item.version)
    return item
