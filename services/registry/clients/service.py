"""Outside platforms' clients (OAuth2 client credentials): registered by the county admin, the
secret shown once and kept only as a hash, revocable, last use recorded at each token grant."""

import secrets

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from kit.auth import Principal, Role
from kit.db import utcnow
from kit.pagination import Page, paginate
from registry.areas.service import check_scope_area
from registry.auth import revocations
from registry.clients import errors
from registry.clients.schemas import ClientCreate, ClientPublic, ClientWithSecret
from registry.models import MachineClient
from registry.passwords import hash_secret


def to_public(client: MachineClient) -> ClientPublic:
    return ClientPublic(
        **client.model_dump(exclude={"secret_hash", "roles", "scopes"}),
        scopes=client.scopes.split(),
        service=Role.SERVICE in client.roles,
    )


def _new_secret(client: MachineClient) -> str:
    secret = secrets.token_urlsafe(32)
    client.secret_hash = hash_secret(secret)
    return secret


async def create_client(
    session: AsyncSession, *, principal: Principal, data: ClientCreate
) -> ClientWithSecret:
    """Register an outside platform's client; its secret is answered this once."""
    await check_scope_area(session, principal, data.area_code)
    client = MachineClient(
        client_id=f"c-{secrets.token_hex(6)}",
        name=data.name,
        secret_hash="",
        roles=[Role.MACHINE],
        scopes=" ".join(sorted(set(data.scopes))),
        area_code=data.area_code,
    )
    secret = _new_secret(client)
    session.add(client)
    await session.flush()
    return ClientWithSecret(**to_public(client).model_dump(), client_secret=secret)


async def list_clients(
    session: AsyncSession, *, cursor: str | None, limit: int
) -> Page[ClientPublic]:
    """Every client, Fumin's own services' too, by client id."""
    query = select(MachineClient)
    rows, next_cursor = await paginate(
        session, query, [col(MachineClient.client_id)], cursor=cursor, limit=limit
    )
    return Page(items=[to_public(row) for row in rows], next_cursor=next_cursor)


async def _outside_client(session: AsyncSession, client_id: str) -> MachineClient:
    """An outside platform's client, locked for the change (Fumin's own are managed by settings)."""
    query = select(MachineClient).where(col(MachineClient.client_id) == client_id)
    client = (await session.execute(query.with_for_update())).scalars().first()
    if client is None:
        raise errors.not_found(client_id)
    if Role.SERVICE in client.roles:
        raise errors.service_client()
    return client


async def get_client(session: AsyncSession, *, client_id: str) -> ClientPublic:
    """One client, else 404."""
    client = await session.get(MachineClient, client_id)
    if client is None:
        raise errors.not_found(client_id)
    return to_public(client)


async def revoke_client(session: AsyncSession, *, client_id: str) -> ClientPublic:
    """No new tokens from now on, and those issued are refused (kit.revocation)."""
    client = await _outside_client(session, client_id)
    if client.active:
        client.active, client.revoked_at = False, utcnow()
        await revocations.record(session, revocations.client_subject(client.client_id))
    await session.flush()
    return to_public(client)


async def new_secret(session: AsyncSession, *, client_id: str) -> ClientWithSecret:
    """A new secret replaces the old one at once (shown this once); tokens got with the old one
    are refused."""
    client = await _outside_client(session, client_id)
    if not client.active:
        raise errors.client_revoked()
    secret = _new_secret(client)
    await revocations.record(session, revocations.client_subject(client.client_id))
    await session.flush()
    return ClientWithSecret(**to_public(client).model_dump(), client_secret=secret)
