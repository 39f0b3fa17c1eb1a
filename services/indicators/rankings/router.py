"""``GET /v1/rankings`` and the stored weighted sets (``/v1/ranking-sets``)."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from indicators.periods import PeriodQuery
from indicators.rankings import service
from indicators.rankings.schemas import Ranking, RankingSetPublic, RankingSetPut
from indicators.scope import CountyAdmin, Readers
from kit.db import SessionDep
from kit.pagination import AreaCodeQuery, Page
from kit.problems import EDIT_PROBLEMS, PROBLEM_RESPONSES, ConcurrentWrite, problem_responses
from kit.versioning import IfMatch, set_etag

router = APIRouter(tags=["indicators"])


@router.get(
    "/v1/rankings",
    response_model=Ranking,
    summary="乡镇排名：单项或考核指标组 / townships ranked on a measure or a weighted set",
    responses=PROBLEM_RESPONSES,
)
async def get_ranking(
    session: SessionDep,
    principal: Readers,
    area: AreaCodeQuery,
    period: PeriodQuery,
    indicator: str | None = None,
    measure: Annotated[str | None, Query(description="默认第一个分项 / default the first")] = None,
    set: Annotated[str | None, Query(description="考核指标组 code / a ranking set")] = None,
    level: Annotated[str | None, Query(description="排名的层级，默认下一级")] = None,
) -> Ranking:
    return await service.ranking(
        session,
        principal=principal,
        area_code=area,
        period_text=period,
        indicator=indicator,
        measure=measure,
        set_code=set,
        level=level,
    )


@router.get(
    "/v1/ranking-sets",
    response_model=Page[RankingSetPublic],
    summary="考核指标组 / stored weighted sets",
    responses=PROBLEM_RESPONSES,
)
async def list_sets(session: SessionDep, principal: Readers) -> Page[RankingSetPublic]:
    return await service.list_sets(session)


@router.put(
    "/v1/ranking-sets/{code}",
    response_model=RankingSetPublic,
    summary="保存考核指标组（修改需 If-Match）/ store a weighted set",
    responses=problem_responses(ConcurrentWrite, *EDIT_PROBLEMS),
)
async def put_set(
    session: SessionDep,
    principal: CountyAdmin,
    code: Annotated[str, Path(pattern=r"^[a-z0-9_-]{1,40}$")],
    body: RankingSetPut,
    response: Response,
    if_match: IfMatch,
) -> RankingSetPublic:
    state, created = await service.put_set(
        session, principal=principal, code=code, data=body, if_match=if_match
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    set_etag(response, state.version)
    return state
