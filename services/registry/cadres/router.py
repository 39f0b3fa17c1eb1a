"""/v1/cadres: the cadres (干部), their departments, types, skills and home areas."""

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from kit.db import SessionDep
from kit.pagination import DEFAULT_LIMIT, AreaPrefixQuery, CursorQuery, LimitQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, problem_responses
from kit.versioning import IfMatch, set_etag
from registry.cadres import service
from registry.cadres.schemas import CadreCreate, CadrePublic, CadreUpdate
from registry.models.vocab import CadreType
from registry.privacy import UnmaskQuery
from registry.scope import Readers, Writers

router = APIRouter(prefix="/v1/cadres", tags=["cadres"])


@router.get(
    "",
    response_model=Page[CadrePublic],
    summary="干部列表 / list cadres",
    responses=PROBLEM_RESPONSES,
)
async def list_cadres(
    session: SessionDep,
    principal: Readers,
    unmask: UnmaskQuery,
    department_id: Annotated[UUID | None, Query(description="单位 / department")] = None,
    type: Annotated[CadreType | None, Query(description="干部类型 / type")] = None,
    home_area: AreaPrefixQuery = None,
    skill: Annotated[str | None, Query(max_length=40, description="技能标签 / skill tag")] = None,
    q: Annotated[str | None, Query(max_length=40, description="姓名包含 / name contains")] = None,
    active: Annotated[bool | None, Query(description="是否在岗 / active")] = None,
    limit: LimitQuery = DEFAULT_LIMIT,
    cursor: CursorQuery = None,
) -> Page[CadrePublic]:
    filters = service.CadreFilters(
        department_id=department_id, type=type, home_area=home_area, skill=skill, q=q, active=active
    )
    page = await service.list_cadres(
        session, principal=principal, filters=filters, cursor=cursor, limit=limit
    )
    shown = await service.show(session, principal=principal, cadres=page.items, unmask=unmask)
    return Page(items=shown, next_cursor=page.next_cursor)


@router.get(
    "/{cadre_id}",
    response_model=CadrePublic,
    summary="干部 / one cadre",
    responses=PROBLEM_RESPONSES,
)
async def get_cadre(
    cadre_id: UUID,
    session: SessionDep,
    principal: Readers,
    response: Response,
    unmask: UnmaskQuery,
) -> CadrePublic:
    cadre = await service.get_cadre(session, principal=principal, cadre_id=cadre_id)
    [shown] = await service.show(session, principal=principal, cadres=[cadre], unmask=unmask)
    set_etag(response, cadre.version)
    return shown


@router.post(
    "",
    response_model=CadrePublic,
    status_code=status.HTTP_201_CREATED,
    summary="登记干部 / add a cadre",
    responses=PROBLEM_RESPONSES,
)
async def create_cadre(
    body: CadreCreate, session: SessionDep, principal: Writers, response: Response
) -> CadrePublic:
    cadre = await service.create_cadre(session, principal=principal, data=body)
    set_etag(response, cadre.version)
    response.headers["Location"] = f"/v1/cadres/{cadre.id}"
    return service.masked(cadre)


@router.put(
    "/{cadre_id}",
    response_model=CadrePublic,
    summary="修改干部（active=false 即停用）/ replace a cadre (If-Match)",
    responses=problem_responses(*EDIT_PROBLEMS),
)
async def update_cadre(
    cadre_id: UUID,
    body: CadreUpdate,
    session: SessionDep,
    principal: Writers,
    if_match: IfMatch,
    response: Response,
) -> CadrePublic:
    cadre = await service.update_cadre(
        session, principal=principal, cadre_id=cadre_id, data=body, if_match=if_match
    )
    set_etag(response, cadre.version)
    return service.masked(cadre)
