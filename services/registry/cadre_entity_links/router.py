"""/v1/cadre-entity-links: which entity each cadre is linked to (联系), now and before."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import PROBLEM_RESPONSES
from kit.versioning import IfMatch, set_etag
from registry.cadre_entity_links import service
from registry.cadre_entity_links.schemas import CadreEntityLinkCreate, CadreEntityLinkPublic
from registry.link_rules import EndLink
from registry.scope import Readers, Writers

router = APIRouter(prefix="/v1/cadre-entity-links", tags=["links"])
Public = CadreEntityLinkPublic


@router.get(
    "", response_model=Page[Public], summary="干部联系主体 / list", responses=PROBLEM_RESPONSES
)
async def list_links(
    session: SessionDep,
    principal: Readers,
    cadre_id: UUID | None = None,
    entity_id: UUID | None = None,
    active: Annotated[bool | None, Query(description="仅有效/已结束 / active or ended")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[Public]:
    items, next_cursor = await service.list_cadre_entity_links(
        session=session,
        principal=principal,
        cadre_id=cadre_id,
        entity_id=entity_id,
        active=active,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=items, next_cursor=next_cursor)


@router.get("/{link_id}", response_model=Public, summary="详情 / get", responses=PROBLEM_RESPONSES)
async def get_link(
    link_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> Public:
    link = await service.get_cadre_entity_link(
        session=session, principal=principal, link_id=link_id
    )
    set_etag(response, link.version)
    return link


@router.post(
    "",
    response_model=Public,
    status_code=status.HTTP_201_CREATED,
    summary="建立联系 / link a cadre to an entity",
    responses=PROBLEM_RESPONSES,
)
async def create_link(
    body: CadreEntityLinkCreate, session: SessionDep, principal: Writers, response: Response
) -> Public:
    link = await service.create_cadre_entity_link(session=session, principal=principal, data=body)
    set_etag(response, link.version)
    response.headers["Location"] = f"{router.prefix}/{link.id}"
    return link


@router.post(
    "/{link_id}/end",
    response_model=Public,
    summary="结束联系 / end the link (If-Match)",
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
    link = await service.end_cadre_entity_link(
        session=session,
        principal=principal,
        link_id=link_id,
        ended_on=body.ended_on,
        if_match=if_match,
    )
    set_etag(response, link.version)
    return link
