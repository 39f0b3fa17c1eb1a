"""/v1/pairings: assistance pairings (帮扶结对) of cadres and low-income households."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from kit.versioning import IfMatch, set_etag
from registry.link_rules import EndLink
from registry.pairings import handover, service
from registry.pairings.schemas import (
    HandoverCreate,
    HandoverPublic,
    PairingCreate,
    PairingPublic,
)
from registry.scope import Readers, Writers

router = APIRouter(prefix="/v1/pairings", tags=["pairings"])
Public = PairingPublic


@router.get(
    "", response_model=Page[Public], summary="帮扶结对 / list pairings", responses=PROBLEM_RESPONSES
)
async def list_pairings(
    session: SessionDep,
    principal: Readers,
    cadre_id: UUID | None = None,
    household_id: UUID | None = None,
    active: Annotated[bool | None, Query(description="仅有效/已结束 / active or ended")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[Public]:
    items, next_cursor = await service.list_pairings(
        session=session,
        principal=principal,
        cadre_id=cadre_id,
        household_id=household_id,
        active=active,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=items, next_cursor=next_cursor)


@router.post(
    "/handover",
    response_model=HandoverPublic,
    summary="干部移交：结束其结对并改由另一干部帮扶 / hand a cadre's households to another cadre",
    responses=PROBLEM_RESPONSES,
)
async def hand_over(
    body: HandoverCreate, session: SessionDep, principal: Writers
) -> HandoverPublic:
    # Declared before "/{pairing_id}" so the literal path is never read as an id.
    return await handover.hand_over(session=session, principal=principal, data=body)


@router.get(
    "/{pairing_id}", response_model=Public, summary="详情 / get", responses=PROBLEM_RESPONSES
)
async def get_pairing(
    pairing_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> Public:
    pairing = await service.get_pairing(session=session, principal=principal, pairing_id=pairing_id)
    set_etag(response, pairing.version)
    return pairing


@router.post(
    "",
    response_model=Public,
    status_code=status.HTTP_201_CREATED,
    summary="结对 / pair a cadre with a low-income household",
    responses=PROBLEM_RESPONSES,
)
async def create_pairing(
    body: PairingCreate, session: SessionDep, principal: Writers, response: Response
) -> Public:
    pairing = await service.create_pairing(session=session, principal=principal, data=body)
    set_etag(response, pairing.version)
    response.headers["Location"] = f"{router.prefix}/{pairing.id}"
    return pairing


@router.post(
    "/{pairing_id}/end",
    response_model=Public,
    summary="结束结对 / end the pairing (If-Match)",
    responses=PROBLEM_RESPONSES,
)
async def end_pairing(
    pairing_id: UUID,
    body: EndLink,
    session: SessionDep,
    principal: Writers,
    if_match: IfMatch,
    response: Response,
) -> Public:
    pairing = await service.end_pairing(
        session=session,
        principal=principal,
        pairing_id=pairing_id,
        ended_on=body.ended_on,
        if_match=if_match,
    )
    set_etag(response, pairing.version)
    return pairing
