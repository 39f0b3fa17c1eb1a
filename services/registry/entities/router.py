"""/v1/entities: the registry of new-type agricultural entities and their yearly figures."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import (
    EDIT_PROBLEMS,
    PROBLEM_RESPONSES,
    ConcurrentWrite,
    problem_responses,
)
from kit.versioning import IfMatch, set_etag
from registry.entities import service
from registry.entities.errors import DuplicateCreditCode
from registry.entities.schemas import EntityCreate, EntityPublic, EntityUpdate, FiguresIn
from registry.models.vocab import EntityStatus, EntityType, Industry
from registry.scope import Readers, Writers

router = APIRouter(prefix="/v1/entities", tags=["entities"])


@router.get(
    "",
    response_model=Page[EntityPublic],
    summary="主体列表 / list entities",
    responses=PROBLEM_RESPONSES,
)
async def list_entities(
    session: SessionDep,
    principal: Readers,
    type: Annotated[EntityType | None, Query(description="主体类型 / type")] = None,
    industry: Annotated[Industry | None, Query(description="产业 / industry")] = None,
    village: AreaPrefixQuery = None,
    status_: Annotated[EntityStatus | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=100, description="名称包含 / name contains")] = None,
    cultivated_from: Annotated[int | None, Query(description="培育年份起 / from year")] = None,
    cultivated_to: Annotated[int | None, Query(description="培育年份止 / to year")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[EntityPublic]:
    filters = service.EntityFilters(
        type=type,
        industry=industry,
        village=village,
        status=status_,
        q=q,
        cultivated_from=cultivated_from,
        cultivated_to=cultivated_to,
    )
    return await service.list_entities(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )


@router.get(
    "/{entity_id}",
    response_model=EntityPublic,
    summary="主体详情 / get an entity",
    responses=PROBLEM_RESPONSES,
)
async def get_entity(
    entity_id: UUID, session: SessionDep, principal: Readers, response: Response
) -> EntityPublic:
    entity = await service.get_entity(session, principal=principal, entity_id=entity_id)
    set_etag(response, entity.version)
    return entity


@router.post(
    "",
    response_model=EntityPublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记主体 / register an entity",
    responses=problem_responses(DuplicateCreditCode, ConcurrentWrite),
)
async def create_entity(
    body: EntityCreate, session: SessionDep, principal: Writers, response: Response
) -> EntityPublic:
    entity = await service.create_entity(session, principal=principal, data=body)
    set_etag(response, entity.version)
    response.headers["Location"] = f"/v1/entities/{entity.id}"
    return entity


@router.put(
    "/{entity_id}",
    response_model=EntityPublic,
    summary="修改主体 / replace an entity (If-Match)",
    responses=problem_responses(DuplicateCreditCode, ConcurrentWrite, *EDIT_PROBLEMS),
)
async def update_entity(
    entity_id: UUID,
    body: EntityUpdate,
    session: SessionDep,
    principal: Writers,
    if_match: IfMatch,
    response: Response,
) -> EntityPublic:
    entity = await service.update_entity(
        session, principal=principal, entity_id=entity_id, data=body, if_match=if_match
    )
    set_etag(response, entity.version)
    return entity


@router.put(
    "/{entity_id}/figures/{year}",
    response_model=EntityPublic,
    summary="填报年度数据 / write a year's figures",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def put_figures(
    entity_id: UUID,
    year: Annotated[int, Path(description="年份 / year")],
    body: FiguresIn,
    session: SessionDep,
    principal: Writers,
    if_match: IfMatch,
    response: Response,
) -> EntityPublic:
    entity = await service.put_figures(
        session,
        principal=principal,
        entity_id=entity_id,
        year=year,
        data=body,
        if_match=if_match,
    )
    set_etag(response, entity.version)
    return entity
