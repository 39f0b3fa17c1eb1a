"""The three kinds of links over HTTP, each under its own path with the same four endpoints:
list, get, create and end (If-Match). Pairings add the handover.

- /v1/cadre-entity-links: which entity each cadre is linked to (联系), now and before;
- /v1/entity-household-links: which entities drive which households (带动), now and before;
- /v1/pairings: assistance pairings (帮扶结对) of cadres and low-income households.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, problem_responses
from kit.versioning import IfMatch, set_etag
from registry.links import handover, service
from registry.links.errors import ActiveLinkExists, LinkEnded
from registry.links.kinds import CADRE_ENTITY, ENTITY_HOUSEHOLD, PAIRING, LinkKind
from registry.links.schemas import (
    EndLink,
    HandoverCreate,
    HandoverPublic,
    LinkFilters,
    LinkPublic,
)
from registry.scope import Readers, Writers


@dataclass(frozen=True)
class PageQuery:
    limit: LimitQuery = DEFAULT_LIMIT
    cursor: CursorQuery = None


def link_id(link_id: UUID) -> UUID:
    return link_id


def pairing_id(pairing_id: UUID) -> UUID:
    return pairing_id


@dataclass(frozen=True)
class Endpoints:
    """How a kind of link shows in the API: its path, tag and the words of its endpoints."""

    prefix: str
    tag: str
    noun: str  # names the operations: list_<noun>s, get_<noun>, create_<noun>, end_<noun>
    path_id: Callable[..., UUID]  # reads the link's id from the path ({<noun>_id})
    list_summary: str
    create_summary: str
    end_summary: str


def link_router(kind: LinkKind[Any], endpoints: Endpoints) -> APIRouter:
    """The kind's four endpoints (the body and answer schemas are the kind's own)."""
    router = APIRouter(prefix=endpoints.prefix, tags=[endpoints.tag])
    noun = endpoints.noun
    Id = Annotated[UUID, Depends(endpoints.path_id)]
    Filters = Annotated[LinkFilters, Depends(kind.filters)]

    @router.get(
        "",
        response_model=Page[kind.public],  # type: ignore[name-defined]
        summary=endpoints.list_summary,
        responses=PROBLEM_RESPONSES,
        name=f"list_{noun}s",
    )
    async def list_links(
        session: SessionDep,
        principal: Readers,
        filters: Filters,
        page: Annotated[PageQuery, Depends()],
    ) -> Page[LinkPublic]:
        return await service.list_links(
            session,
            principal=principal,
            kind=kind,
            filters=filters,
            cursor=page.cursor,
            limit=page.limit,
        )

    @router.get(
        "/{%s_id}" % noun,  # noqa: UP031 - the braces are the path's
        response_model=kind.public,
        summary="详情 / get",
        responses=PROBLEM_RESPONSES,
        name=f"get_{noun}",
    )
    async def get_link(
        id_: Id, session: SessionDep, principal: Readers, response: Response
    ) -> LinkPublic:
        link = await service.get_link(session, principal=principal, kind=kind, link_id=id_)
        set_etag(response, link.version)
        return link

    # The body is the kind's own Create schema (a type known only here, hence the ignore).
    @router.post(
        "",
        response_model=kind.public,
        status_code=status.HTTP_201_CREATED,
        summary=endpoints.create_summary,
        responses=problem_responses(ActiveLinkExists),
        name=f"create_{noun}",
    )
    async def create_link(
        body: kind.create,  # type: ignore[name-defined]
        session: SessionDep,
        principal: Writers,
        response: Response,
    ) -> LinkPublic:
        link = await service.create_link(session, principal=principal, kind=kind, data=body)
        set_etag(response, link.version)
        response.headers["Location"] = f"{router.prefix}/{link.id}"
        return link

    @router.post(
        "/{%s_id}/end" % noun,  # noqa: UP031
        response_model=kind.public,
        summary=endpoints.end_summary,
        responses=problem_responses(LinkEnded, *EDIT_PROBLEMS),
        name=f"end_{noun}",
    )
    async def end_link(
        id_: Id,
        body: EndLink,
        session: SessionDep,
        principal: Writers,
        if_match: IfMatch,
        response: Response,
    ) -> LinkPublic:
        link = await service.end_link(
            session,
            principal=principal,
            kind=kind,
            link_id=id_,
            ended_on=body.ended_on,
            if_match=if_match,
        )
        set_etag(response, link.version)
        return link

    return router


cadre_entity_links = link_router(
    CADRE_ENTITY,
    Endpoints(
        prefix="/v1/cadre-entity-links",
        tag="links",
        noun="link",
        path_id=link_id,
        list_summary="干部联系主体 / list",
        create_summary="建立联系 / link a cadre to an entity",
        end_summary="结束联系 / end the link (If-Match)",
    ),
)
entity_household_links = link_router(
    ENTITY_HOUSEHOLD,
    Endpoints(
        prefix="/v1/entity-household-links",
        tag="links",
        noun="link",
        path_id=link_id,
        list_summary="主体带动农户 / list",
        create_summary="建立带动 / an entity starts driving a household",
        end_summary="结束带动 / end the link (If-Match)",
    ),
)
pairings = link_router(
    PAIRING,
    Endpoints(
        prefix="/v1/pairings",
        tag="pairings",
        noun="pairing",
        path_id=pairing_id,
        list_summary="帮扶结对 / list pairings",
        create_summary="结对 / pair a cadre with a low-income household",
        end_summary="结束结对 / end the pairing (If-Match)",
    ),
)


@pairings.post(
    "/handover",
    response_model=HandoverPublic,
    summary="干部移交：结束其结对并改由另一干部帮扶 / hand a cadre's households to another cadre",
    responses=PROBLEM_RESPONSES,
)
async def hand_over(
    body: HandoverCreate, session: SessionDep, principal: Writers
) -> HandoverPublic:
    return await handover.hand_over(session, principal=principal, data=body)
