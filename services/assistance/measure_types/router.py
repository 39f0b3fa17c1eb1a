"""HTTP endpoints of the main-measure catalogue (主要帮扶措施)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from assistance.measure_types import service
from assistance.measure_types.schemas import MeasureTypeIn, MeasureTypeList, MeasureTypePublic
from kit.auth import CurrentPrincipal, Principal, Role, require_roles
from kit.db import SessionDep
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, ConcurrentWrite, problem_responses
from kit.versioning import IfMatch, set_etag

router = APIRouter(prefix="/v1/measure-types", tags=["measure-types"])

CountyAdmin = Annotated[Principal, Depends(require_roles(Role.COUNTY_ADMIN))]


@router.get(
    "",
    response_model=MeasureTypeList,
    summary="帮扶措施目录 / the catalogue of main measures",
    responses=PROBLEM_RESPONSES,
)
async def list_measure_types(
    session: SessionDep,
    principal: CurrentPrincipal,
    active: Annotated[bool | None, Query(description="只看启用或停用的 / active only")] = None,
) -> MeasureTypeList:
    return MeasureTypeList(items=await service.list_types(session, active=active))


@router.put(
    "/{code}",
    response_model=MeasureTypePublic,
    summary="新增或修改帮扶措施（县管理员）/ add or edit a measure type (county admin)",
    description="已有的须带 If-Match / an existing one needs If-Match (428 without, 412 stale)",
    responses={
        # Two creates of one new code at once: the second answers concurrent-write.
        **problem_responses(ConcurrentWrite, *EDIT_PROBLEMS),
        201: {"description": "新建 / created"},
    },
)
async def put_measure_type(
    code: Annotated[str, Path(pattern=r"^[a-z][a-z0-9_]{1,39}$")],
    body: MeasureTypeIn,
    session: SessionDep,
    principal: CountyAdmin,
    response: Response,
    if_match: IfMatch,
) -> MeasureTypePublic:
    measure_type, created = await service.put_type(session, code=code, data=body, if_match=if_match)
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_etag(response, measure_type.version)
    return measure_type
