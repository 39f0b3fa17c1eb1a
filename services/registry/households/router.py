"""HTTP endpoints of households (with members) and, nested under them, income records."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from kit.versioning import IfMatch, set_etag
from registry.households import service
from registry.households.income_router import router as income_router
from registry.households.schemas import (
    CategoryChangePublic,
    HouseholdCreate,
    HouseholdPublic,
    HouseholdUpdate,
)
from registry.models.vocab import HouseholdCategory
from registry.scope import Admins, Readers, Writers

router = APIRouter(prefix="/v1/households", tags=["households"])

UnmaskQuery = Annotated[
    bool,
    Query(description="显示完整身份证号和电话（留审计记录）/ show ID numbers and phones whole"),
]


@router.get(
    "",
    response_model=Page[HouseholdPublic],
    summary="农户列表 / households",
    responses=PROBLEM_RESPONSES,
)
async def list_households(
    session: SessionDep,
    principal: Readers,
    village: Annotated[
        str | None, Query(pattern=r"^\d{1,12}$", description="区划代码前缀 / area code prefix")
    ] = None,
    category: HouseholdCategory | None = None,
    monitoring: Annotated[
        bool | None, Query(description="是否防返贫监测对象 / a monitoring object or not")
    ] = None,
    q: Annotated[
        str | None, Query(min_length=1, max_length=40, description="户主姓名包含 / head's name")
    ] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    unmask: UnmaskQuery = False,
) -> Page[HouseholdPublic]:
    filters = service.HouseholdFilters(
        village=village, category=category, monitoring=monitoring, q=q
    )
    households, next_cursor = await service.list_households(
        session, principal, filters, cursor=cursor, limit=limit
    )
    shown = await service.show(session, principal, households, unmask=unmask)
    return Page(items=shown, next_cursor=next_cursor)


@router.get(
    "/{household_id}",
    response_model=HouseholdPublic,
    summary="农户 / one household",
    responses=PROBLEM_RESPONSES,
)
async def get_household(
    session: SessionDep,
    principal: Readers,
    household_id: UUID,
    response: Response,
    unmask: UnmaskQuery = False,
) -> HouseholdPublic:
    household = await service.get_household(session, principal, household_id)
    [shown] = await service.show(session, principal, [household], unmask=unmask)
    set_etag(response, household.version)
    return shown


@router.post(
    "",
    response_model=HouseholdPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记农户 / register a household",
    responses=PROBLEM_RESPONSES,
)
async def create_household(
    session: SessionDep, principal: Writers, body: HouseholdCreate, response: Response
) -> HouseholdPublic:
    household = await service.create_household(session, principal, body)
    set_etag(response, household.version)
    response.headers["Location"] = f"/v1/households/{household.id}"
    return service.masked(household)


@router.put(
    "/{household_id}",
    response_model=HouseholdPublic,
    summary="修改农户（整体替换，含成员）/ replace a household and its members",
    responses=PROBLEM_RESPONSES,
)
async def update_household(
    session: SessionDep,
    principal: Writers,
    household_id: UUID,
    body: HouseholdUpdate,
    if_match: IfMatch,
    response: Response,
) -> HouseholdPublic:
    household = await service.update_household(session, principal, household_id, body, if_match)
    set_etag(response, household.version)
    return service.masked(household)


@router.delete(
    "/{household_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="删除农户 / delete a household",
    responses=PROBLEM_RESPONSES,
)
async def delete_household(
    session: SessionDep, principal: Admins, household_id: UUID, if_match: IfMatch
) -> Response:
    await service.delete_household(session, principal, household_id, if_match)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{household_id}/category-changes",
    response_model=Page[CategoryChangePublic],
    summary="类别认定与退出记录 / category history",
    responses=PROBLEM_RESPONSES,
)
async def category_changes(
    session: SessionDep,
    principal: Readers,
    household_id: UUID,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[CategoryChangePublic]:
    changes, next_cursor = await service.category_changes(
        session, principal, household_id, cursor=cursor, limit=limit
    )
    return Page(items=changes, next_cursor=next_cursor)


router.include_router(income_router)
