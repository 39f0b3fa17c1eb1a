"""/v1/entity-household-links: which entities drive which households (带动), now and before."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from kit.versioning import IfMatch, set_etag
from registry.entity_household_links import service
from registry.entity_household_links.schemas import (
    EntityHouseholdLinkCreate,
    EntityHouseholdLinkPublic,
)
from registry.link_rules import EndLink
from registry.models.vocab import DriveMode
from registry.scope import Readers, Writers

router = APIRouter(prefix="/v1/entity-household-links", tags=["links"])
Public = EntityHouseholdLinkPublic


@router.get(
    "", response_model=Page[Public], summary="主体带动农户 / list", responses=PROBLEM_RESPONSES
)
async def list_links(
    session: SessionDep,
    principal: Readers,
    entity_id: UUID | None = None,
    household_id: UUID | None = None,
    mode: Annotated[DriveMode | None, Query(description="带动方式 / mode")] = None,
    active: Annotated[bool | None, Query(description="仅有效/已结束 / active or ended")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[Public]:
    filters = service.LinkFilters(
        entity_id=entity_id, household_id=household_id, mode=mode, active=active
    )
    items, next_cursor = await service.list_entity_household_links(
        session=session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{link_id}", response_model=Public, summary="详情 / get", responses=PROBLEM_RESPONSES)
async def get_link(
    link_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> Public:
    link = await service.get_entity_household_link(
        session=session, principal=principal, link_id=link_id
    )
    set_etag(response, link.version)
    return link


@router.post(
    "",
    response_model=Public,
    status_code=status.HTTP_201_CREATED,
    summary="建立带动 / an entity starts driving a household",
    responses=PROBLEM_RESPONSES,
)
async def create_link(
    body: EntityHouseholdLinkCreate, session: SessionDep, principal: Writers, response: Response
) -> Public:
    link = await service.create_entity_household_link(
        session=session, principal=principal, data=body
    )
    set_etag(response, link.version)
    response.headers["Location"] = f"{router.prefix}/{link.id}"
    return link


@router.post(
    "/{link_id}/end",
    response_model=Public,
    summary="结束带动 / end the link (If-Match)",
    responses=PROBLEM_RESPONSES,
)
async def end_link(
    link_id: UUID,
    body: EndLink,
    session: SessionDep,
    principal: Writers,
    if_match: IfMatch,
    response: Response,
) -> Public:
    link = await service.end_entity_household_link(
        session=session,
        principal=principal,
        link_id=link_id,
        ended_on=body.ended_on,
        if_match=if_match,
    )
    set_etag(response, link.version)
    return link
