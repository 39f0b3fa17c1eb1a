"""/v1/users: people's logins, for county admins only."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.auth import Role
from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    problem_responses,
)
from kit.versioning import IfMatch, set_etag
from registry.scope import Admins
from registry.users import service
from registry.users.errors import CadreHasUser, DuplicateUsername
from registry.users.schemas import PasswordReset, UserCreate, UserPublic, UserUpdate

router = APIRouter(prefix="/v1/users", tags=["users"])


@router.get(
    "",
    response_model=Page[UserPublic],
    summary="用户列表 / list users",
    responses=PROBLEM_RESPONSES,
)
async def list_users(
    session: SessionDep,
    principal: Admins,
    role: Annotated[Role | None, Query(description="角色 / role")] = None,
    area: AreaPrefixQuery = None,
    active: Annotated[bool | None, Query(description="是否启用 / active")] = None,
    locked: Annotated[
        bool | None, Query(description="是否因登录失败被锁定 / locked out by failed logins")
    ] = None,
    q: Annotated[str | None, Query(max_length=40, description="用户名或姓名包含")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[UserPublic]:
    filters = service.UserFilters(role=role, area=area, active=active, q=q, locked=locked)
    return await service.list_users(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )


@router.get(
    "/{user_id}", response_model=UserPublic, summary="用户 / one user", responses=PROBLEM_RESPONSES
)
async def get_user(
    user_id: UUID, session: SessionDep, principal: Admins, response: Response
) -> UserPublic:
    user = await service.get_user(session, principal=principal, user_id=user_id)
    set_etag(response, user.version)
    return user


@router.post(
    "",
    response_model=UserPublic,
    status_code=status.HTTP_201_CREATED,
    summary="新建用户 / add a user",
    responses=problem_responses(DuplicateUsername, CadreHasUser, ConcurrentWrite),
)
async def create_user(
    body: UserCreate, session: SessionDep, principal: Admins, response: Response
) -> UserPublic:
    user = await service.create_user(session, principal=principal, data=body)
    set_etag(response, user.version)
    response.headers["Location"] = f"/v1/users/{user.id}"
    return user


@router.put(
    "/{user_id}",
    response_model=UserPublic,
    summary="修改用户 / replace a user (If-Match)",
    responses=problem_responses(DuplicateUsername, CadreHasUser, ConcurrentWrite, *EDIT_PROBLEMS),
)
async def update_user(
    user_id: UUID,
    body: UserUpdate,
    session: SessionDep,
    principal: Admins,
    if_match: IfMatch,
    response: Response,
) -> UserPublic:
    user = await service.update_user(
        session, principal=principal, user_id=user_id, data=body, if_match=if_match
    )
    set_etag(response, user.version)
    return user


@router.post(
    "/{user_id}/password",
    response_model=UserPublic,
    summary="重置密码 / set a new password",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def reset_password(
    user_id: UUID,
    body: PasswordReset,
    session: SessionDep,
    principal: Admins,
    if_match: IfMatch,
    response: Response,
) -> UserPublic:
    user = await service.reset_password(
        session,
        principal=principal,
        user_id=user_id,
        password=body.password,
        if_match=if_match,
    )
    set_etag(response, user.version)
    return user


@router.post(
    "/{user_id}/unlock",
    response_model=UserPublic,
    summary="解除登录锁定 / clear a lock from failed logins",
    responses=PROBLEM_RESPONSES,
)
async def unlock(
    user_id: UUID, session: SessionDep, principal: Admins, response: Response
) -> UserPublic:
    user = await service.unlock(session, principal=principal, user_id=user_id)
    set_etag(response, user.version)
    return user
