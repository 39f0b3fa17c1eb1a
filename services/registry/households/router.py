"""HTTP endpoints of households (with members) and, nested under them, income records."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    problem_responses,
)
from kit.versioning import IfMatch, set_etag
from registry.households import service
from registry.households.errors import CategoryUnchanged, DuplicateIdNumber, HouseholdInUse
from registry.households.income_router import router as income_router
from registry.households.schemas import (
    CategoryChangeCreate,
    CategoryChangePublic,
    HouseholdCreate,
    HouseholdPhone,
    HouseholdPublic,
    HouseholdUpdate,
)
from registry.households.search import HouseholdFilters, NameMatch
from registry.models.vocab import HouseholdCategory, LowIncomeSubtype
from registry.privacy import UnmaskQuery
from registry.scope import Admins, Readers, Writers

router = APIRouter(prefix="/v1/households", tags=["households"])


@router.get(
    "",
    response_model=Page[HouseholdPublic],
    summary="农户列表 / households",
    responses=PROBLEM_RESPONSES,
)
async def list_households(
    session: SessionDep,
    principal: Readers,
    unmask: UnmaskQuery,
    village: AreaPrefixQuery = None,
    category: HouseholdCategory | None = None,
    monitoring: Annotated[
        bool | None, Query(description="是否防返贫监测对象 / a monitoring object or not")
    ] = None,
    low_income_subtype: LowIncomeSubtype | None = None,
    has_pairing: Annotated[
        bool | None, Query(description="有无在帮结对 / has an active pairing or not")
    ] = None,
    driven: Annotated[
        bool | None, Query(description="有无主体带动 / driven by an entity or not")
    ] = None,
    name: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=41,
            description="户主或成员姓名，精确；以 * 结尾按前缀 / head's or a member's name, "
            "exact; a trailing * matches a prefix",
        ),
    ] = None,
    name_match: Annotated[
        NameMatch, Query(description="姓名匹配方式 / exact or prefix")
    ] = NameMatch.EXACT,
    id_number: Annotated[
        str | None,
        Query(max_length=30, description="任一成员的完整身份证号 / any member's whole ID number"),
    ] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[HouseholdPublic]:
    filters = HouseholdFilters(
        village=village,
        category=category,
        monitoring=monitoring,
        low_income_subtype=low_income_subtype,
        has_pairing=has_pairing,
        driven=driven,
        name=name,
        name_match=name_match,
        id_number=id_number,
    )
    page = await service.list_households(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )
    shown = await service.show(session, principal=principal, households=page.items, unmask=unmask)
    return Page(items=shown, next_cursor=page.next_cursor)


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
    unmask: UnmaskQuery,
) -> HouseholdPublic:
    household = await service.get_household(session, principal=principal, household_id=household_id)
    [shown] = await service.show(
        session, principal=principal, households=[household], unmask=unmask
    )
    set_etag(response, household.version)
    return shown


@router.get(
    "/{household_id}/phone",
    response_model=HouseholdPhone,
    summary="农户电话（完整，留审计记录）/ the household's phone whole, to call it (audited)",
    responses=PROBLEM_RESPONSES,
)
async def get_household_phone(
    session: SessionDep,
    principal: Readers,
    household_id: UUID,
    reason: Annotated[
        str,
        Query(min_length=2, max_length=200, description="为何需要 / why, e.g. 拨打农户电话"),
    ],
) -> HouseholdPhone:
    """Only the phone, not the ID numbers: a cadre calling their household needs no more. A
    cadre reaches only the households paired to them (others are 404)."""
    return await service.phone_to_call(
        session, principal=principal, household_id=household_id, reason=reason
    )


@router.post(
    "",
    response_model=HouseholdPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记农户 / register a household",
    responses=problem_responses(DuplicateIdNumber, ConcurrentWrite),
)
async def create_household(
    session: SessionDep, principal: Writers, body: HouseholdCreate, response: Response
) -> HouseholdPublic:
    household = await service.create_household(session, principal=principal, data=body)
    set_etag(response, household.version)
    response.headers["Location"] = f"/v1/households/{household.id}"
    return service.masked(household)


@router.put(
    "/{household_id}",
    response_model=HouseholdPublic,
    summary="修改农户（整体替换，含成员）/ replace a household and its members",
    responses=problem_responses(DuplicateIdNumber, ConcurrentWrite, *EDIT_PROBLEMS),
)
async def update_household(
    session: SessionDep,
    principal: Writers,
    household_id: UUID,
    body: HouseholdUpdate,
    if_match: IfMatch,
    response: Response,
) -> HouseholdPublic:
    household = await service.update_household(
        session, principal=principal, household_id=household_id, data=body, if_match=if_match
    )
    set_etag(response, household.version)
    return service.masked(household)


@router.delete(
    "/{household_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="删除农户 / delete a household",
    responses=problem_responses(HouseholdInUse, ConcurrentWrite, *EDIT_PROBLEMS),
)
async def delete_household(
    session: SessionDep, principal: Admins, household_id: UUID, if_match: IfMatch
) -> Response:
    await service.delete_household(
        session, principal=principal, household_id=household_id, if_match=if_match
    )
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
    return await service.category_changes(
        session, principal=principal, household_id=household_id, cursor=cursor, limit=limit
    )


@router.post(
    "/{household_id}/category-changes",
    response_model=HouseholdPublic,
    summary="认定或退出（带日期与原因）/ recognise or exit a category, with date and reason",
    responses=problem_responses(CategoryUnchanged, *EDIT_PROBLEMS),
)
async def change_category(
    session: SessionDep,
    principal: Writers,
    household_id: UUID,
    body: CategoryChangeCreate,
    if_match: IfMatch,
    response: Response,
) -> HouseholdPublic:
    household = await service.change_category(
        session, principal=principal, household_id=household_id, data=body, if_match=if_match
    )
    set_etag(response, household.version)
    return service.masked(household)


router.include_router(income_router)
