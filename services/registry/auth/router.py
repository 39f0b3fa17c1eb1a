from typing import Annotated

from fastapi import APIRouter, Form, Request

from kit.auth import CurrentPrincipal
from kit.db import SessionDep
from kit.problems import PROBLEM_RESPONSES
from registry.auth import service
from registry.auth.schemas import Me, TokenResponse

router = APIRouter(prefix="/v1/auth", tags=["auth"])


@router.post("/token", response_model=TokenResponse, summary="登录取令牌 / get a token (OAuth2)")
async def token(
    request: Request,
    session: SessionDep,
    grant_type: Annotated[str, Form()],
    username: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
) -> TokenResponse:
    key, settings = request.app.state.signing_key, request.app.state.settings
    if grant_type == "password" and username and password is not None:
        access_token, ttl = await service.password_grant(
            session=session, key=key, settings=settings, username=username, password=password
        )
        return TokenResponse(access_token=access_token, expires_in=ttl)
    if grant_type == "client_credentials" and client_id and client_secret is not None:
        access_token, ttl, scope = await service.client_credentials_grant(
            session=session, key=key, settings=settings, client_id=client_id, secret=client_secret
        )
        return TokenResponse(access_token=access_token, expires_in=ttl, scope=scope)
    raise service.UnsupportedGrant(
        "grant_type 须为 password（带 username、password）或 client_credentials（带 client_id、"
        "client_secret）"
    )


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
