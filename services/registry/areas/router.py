"""/v1/areas: the division tree, and villages' collective income per year."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from kit.db import SessionDep
from kit.pagination import AREA_CODE_PATTERN, DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    problem_responses,
)
from kit.versioning import IfMatch, set_etag
from registry.areas import service
from registry.areas.errors import DuplicateCode
from registry.areas.schemas import AreaCreate, AreaPublic, AreaUpdate, CollectiveIncomeIn
from registry.models.vocab import AreaLevel
from registry.scope import Admins, Readers, Writers

router = APIRouter(prefix="/v1/areas", tags=["areas"])

# A list page names at most a few hundred areas; the names of all of them come in one read.
MAX_CODES = 200
CodePath = Annotated[str, Path(pattern=AREA_CODE_PATTERN, description="区划代码 / area code")]


@router.get(
    "",
    response_model=Page[AreaPublic],
    summary="区划列表 / list areas",
    responses=PROBLEM_RESPONSES,
)
async def list_areas(
    session: SessionDep,
    principal: Readers,
    parent: Annotated[
        str | None, Query(pattern=AREA_CODE_PATTERN, description="上级代码 / parent's code")
    ] = None,
    level: Annotated[AreaLevel | None, Query(description="层级 / level")] = None,
    q: Annotated[str | None, Query(max_length=60, description="名称包含 / name contains")] = None,
    code: Annotated[
        list[str] | None,
        Query(
            max_length=MAX_CODES,
            description=f"只要这些区划（可重复，至多 {MAX_CODES} 个）/ these areas only, "
            f"repeated, at most {MAX_CODES}",
        ),
    ] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[AreaPublic]:
    filters = service.AreaFilters(parent=parent, level=level, q=q, codes=tuple(code or ()))
    return await service.list_areas(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )


@router.get(
    "/{code}", response_model=AreaPublic, summary="区划 / one area", responses=PROBLEM_RESPONSES
)
async def get_area(
    code: CodePath, session: SessionDep, principal: Readers, response: Response
) -> AreaPublic:
    area = await service.get_area(session, principal=principal, code=code)
    set_etag(response, area.version)
    return area


@router.post(
    "",
    response_model=AreaPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记区划 / add an area",
    responses=problem_responses(DuplicateCode, ConcurrentWrite),
)
async def create_area(
    body: AreaCreate, session: SessionDep, principal: Admins, response: Response
) -> AreaPublic:
    area = await service.create_area(session, principal=principal, data=body)
    set_etag(response, area.version)
    response.headers["Location"] = f"/v1/areas/{area.code}"
    return area


@router.put(
    "/{code}",
    response_model=AreaPublic,
    summary="修改区划 / replace an area (If-Match)",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def update_area(
    code: CodePath,
    body: AreaUpdate,
    session: SessionDep,
    principal: Admins,
    if_match: IfMatch,
    response: Response,
) -> AreaPublic:
    area = await service.update_area(
        session, principal=principal, code=code, data=body, if_match=if_match
    )
    set_etag(response, area.version)
    return area


@router.put(
    "/{code}/collective-income/{year}",
    response_model=AreaPublic,
    summary="填报村集体经营性收入 / write a village's collective income for a year",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def put_collective_income(
    code: CodePath,
    year: Annotated[int, Path(description="年份 / year")],
    body: CollectiveIncomeIn,
    session: SessionDep,
    principal: Writers,
    if_match: IfMatch,
    response: Response,
) -> AreaPublic:
    area = await service.put_collective_income(
        session, principal=principal, code=code, year=year, data=body, if_match=if_match
    )
    set_etag(response, area.version)
    return area
