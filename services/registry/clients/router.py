"""/v1/clients: outside platforms' OAuth2 clients, for county admins only."""

from fastapi import APIRouter, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES, problem_responses
from registry.clients import service
from registry.clients.errors import ClientRevoked, ServiceClient
from registry.clients.schemas import ClientCreate, ClientPublic, ClientWithSecret
from registry.scope import Admins

router = APIRouter(prefix="/v1/clients", tags=["clients"])


@router.get(
    "",
    response_model=Page[ClientPublic],
    summary="对接平台客户端列表 / outside platforms' clients",
    responses=PROBLEM_RESPONSES,
)
async def list_clients(
    session: SessionDep,
    principal: Admins,
    cursor: CursorQuery = None,
    limit: LimitQuery = DEFAULT_LIMIT,
) -> Page[ClientPublic]:
    return await service.list_clients(session, cursor=cursor, limit=limit)


@router.post(
    "",
    response_model=ClientWithSecret,
    status_code=status.HTTP_201_CREATED,
    summary="登记客户端（密钥只显示一次）/ register a client (the secret is shown once)",
    responses=PROBLEM_RESPONSES,
)
async def create_client(
    session: SessionDep, principal: Admins, body: ClientCreate
) -> ClientWithSecret:
    return await service.create_client(session, principal=principal, data=body)


@router.get(
    "/{client_id}",
    response_model=ClientPublic,
    summary="客户端 / one client",
    responses=PROBLEM_RESPONSES,
)
async def get_client(session: SessionDep, principal: Admins, client_id: str) -> ClientPublic:
    return await service.get_client(session, client_id=client_id)


@router.post(
    "/{client_id}/revoke",
    response_model=ClientPublic,
    summary="撤销客户端 / revoke a client",
    responses=problem_responses(ServiceClient),
)
async def revoke_client(session: SessionDep, principal: Admins, client_id: str) -> ClientPublic:
    return await service.revoke_client(session, client_id=client_id)


@router.post(
    "/{client_id}/secret",
    response_model=ClientWithSecret,
    summary="换发密钥（只显示一次）/ issue a new secret (shown once)",
    responses=problem_responses(ServiceClient, ClientRevoked),
)
async def new_secret(session: SessionDep, principal: Admins, client_id: str) -> ClientWithSecret:
    return await service.new_secret(session, client_id=client_id)
