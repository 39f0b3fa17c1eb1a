from typing import Annotated

from fastapi import APIRouter, Depends, Form, Query, Request, Response, status

from kit.auth import CurrentPrincipal, Role, require_roles
from kit.db import SessionDep
from kit.problems import PROBLEM_RESPONSES, problem_responses
from registry.auth import revocations, service
from registry.auth.errors import (
    AccountDeactivated,
    AccountLocked,
    InvalidGrant,
    UnsupportedGrant,
    WrongPassword,
)
from registry.auth.lockout import UnknownNames
from registry.auth.schemas import Logout, Me, PasswordChange, RevocationPage, TokenResponse

router = APIRouter(prefix="/v1/auth", tags=["auth"])

# OAuth2 (RFC 6749 §5.2) answers a bad grant with 400: wrong credentials, unknown grant type.
LOGIN_RESPONSES = problem_responses(
    InvalidGrant, AccountDeactivated, UnsupportedGrant, AccountLocked
)
PASSWORD_RESPONSES = problem_responses(WrongPassword, AccountLocked)


def _unknown_names(request: Request) -> UnknownNames:
    # One per app (per process): the failure counts of names that are no account.
    state = request.app.state
    if not hasattr(state, "unknown_login_names"):
        state.unknown_login_names = UnknownNames()
    names: UnknownNames = state.unknown_login_names
    return names


@router.post(
    "/token",
    response_model=TokenResponse,
    response_model_exclude_none=True,
    summary="登录取令牌 / get a token (OAuth2)",
    responses=LOGIN_RESPONSES,
)
async def token(
    request: Request,
    grant_type: Annotated[str, Form()],
    username: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    refresh_token: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
) -> TokenResponse:
    key, settings = request.app.state.signing_key, request.app.state.settings
    sessions = request.app.state.sessionmaker
    if grant_type == "password" and username and password is not None:
        grant = await service.password_grant(
            sessions=sessions,
            key=key,
            settings=settings,
            unknown=_unknown_names(request),
            username=username,
            password=password,
        )
    elif grant_type == "refresh_token" and refresh_token:
        grant = await service.refresh_grant(
            sessions=sessions, key=key, settings=settings, token=refresh_token
        )
    elif grant_type == "client_credentials" and client_id and client_secret is not None:
        grant = await service.client_credentials_grant(
            sessions=sessions, key=key, settings=settings, client_id=client_id, secret=client_secret
        )
    else:
        raise UnsupportedGrant(
            "grant_type 须为 password（带 username、password）、refresh_token（带 refresh_token）"
            "或 client_credentials（带 client_id、client_secret）"
        )
    return TokenResponse(
        access_token=grant.access_token,
        expires_in=grant.expires_in,
        scope=grant.scope,
        refresh_token=grant.refresh_token,
    )


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="退出登录：作废刷新令牌 / log out (revoke the refresh token's family)",
    responses=PROBLEM_RESPONSES,
)
async def logout(body: Logout, session: SessionDep) -> Response:
    await service.logout(session, token=body.refresh_token)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="修改自己的密码 / change my password",
    responses=PASSWORD_RESPONSES,
)
async def change_password(
    body: PasswordChange, request: Request, principal: CurrentPrincipal
) -> Response:
    await service.change_password(
        sessions=request.app.state.sessionmaker,
        principal=principal,
        settings=request.app.state.settings,
        data=body,
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/me", response_model=Me, summary="当前用户 / who am I", responses=PROBLEM_RESPONSES)
async def me(principal: CurrentPrincipal) -> Me:
    return Me(
        subject=principal.subject,
        name=principal.name,
        roles=sorted(principal.roles),
        area=principal.area,
        cadre_id=principal.cadre_id,
        scopes=sorted(principal.scopes),
    )


@router.get(
    "/revocations",
    response_model=RevocationPage,
    summary="作废的令牌（服务间）/ revoked tokens, for the other services",
    description="每个主体（用户 id、`client:<id>`）在此时刻之前签发的访问令牌一律拒绝 / every "
    "access token a subject (a user's id, `client:<id>`) was issued before its instant is refused",
    responses=PROBLEM_RESPONSES,
    dependencies=[Depends(require_roles(Role.SERVICE))],
)
async def list_revocations(
    request: Request,
    session: SessionDep,
    after: Annotated[str | None, Query(max_length=200)] = None,
) -> RevocationPage:
    return await revocations.since(session, after=after, settings=request.app.state.settings)
