"""/v1/departments: the units cadres belong to (单位)."""

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
from registry.departments import service
from registry.departments.errors import DepartmentInUse, DuplicateName
from registry.departments.schemas import DepartmentCreate, DepartmentPublic, DepartmentUpdate
from registry.scope import Admins, Readers

router = APIRouter(prefix="/v1/departments", tags=["departments"])


@router.get(
    "",
    response_model=Page[DepartmentPublic],
    summary="单位列表 / list departments",
    responses=PROBLEM_RESPONSES,
)
async def list_departments(
    session: SessionDep,
    principal: Readers,
    area: AreaPrefixQuery = None,
    q: Annotated[str | None, Query(max_length=80, description="名称包含 / name contains")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[DepartmentPublic]:
    filters = service.DepartmentFilters(area=area, q=q)
    return await service.list_departments(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )


@router.get(
    "/{department_id}",
    response_model=DepartmentPublic,
    summary="单位 / one department",
    responses=PROBLEM_RESPONSES,
)
async def get_department(
    department_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> DepartmentPublic:
    department = await service.get_department(
        session, principal=principal, department_id=department_id
    )
    set_etag(response, department.version)
    return department


@router.post(
    "",
    response_model=DepartmentPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记单位 / add a department",
    responses=problem_responses(DuplicateName, ConcurrentWrite),
)
async def create_department(
    body: DepartmentCreate, session: SessionDep, principal: Admins, response: Response
) -> DepartmentPublic:
    department = await service.create_department(session, principal=principal, data=body)
    set_etag(response, department.version)
    response.headers["Location"] = f"/v1/departments/{department.id}"
    return department


@router.put(
    "/{department_id}",
    response_model=DepartmentPublic,
    summary="修改单位 / replace a department (If-Match)",
    responses=problem_responses(DuplicateName, ConcurrentWrite, *EDIT_PROBLEMS),
)
async def update_department(
    department_id: UUID,
    body: DepartmentUpdate,
    session: SessionDep,
    principal: Admins,
    if_match: IfMatch,
    response: Response,
) -> DepartmentPublic:
    department = await service.update_department(
        session,
        principal=principal,
        department_id=department_id,
        data=body,
        if_match=if_match,
    )
    set_etag(response, department.version)
    return department


@router.delete(
    "/{department_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="删除单位 / delete a department (If-Match)",
    responses=problem_responses(DepartmentInUse, ConcurrentWrite, *EDIT_PROBLEMS),
)
async def delete_department(
    department_id: UUID, session: SessionDep, principal: Admins, if_match: IfMatch
) -> Response:
    await service.delete_department(
        session, principal=principal, department_id=department_id, if_match=if_match
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)
