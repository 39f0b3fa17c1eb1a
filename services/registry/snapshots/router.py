"""``GET /v1/snapshots/{aggregate}``: a first load for outside platforms, before the feed."""

from typing import Annotated

from fastapi import APIRouter, Depends

from kit.auth import Principal, Role, Scope, require_roles
from kit.db import SessionDep
from kit.feed import FeedReader
from kit.pagination import CursorQuery, LimitQuery
from kit.problems import PROBLEM_RESPONSES
from registry.snapshots import service
from registry.snapshots.schemas import SnapshotPage

router = APIRouter(prefix="/v1/snapshots", tags=["feed"])

# Beside feeds:read (the feed's own check), a client needs the scope that covers the registry.
RegistryReader = Annotated[
    Principal,
    Depends(require_roles(Role.SERVICE, Role.MACHINE, machine_scope=Scope.HOUSEHOLDS_READ)),
]


@router.get(
    "/{aggregate}",
    response_model=SnapshotPage,
    summary="快照（首次全量）/ snapshot for a first load",
    description="某类聚合的当前全部数据，分页；读完后从 `after=feed_position` 读变更流，"
    "即与登记库一致 / every aggregate of a kind as it stands, paged; then read the feed "
    "after `feed_position`.",
    responses=PROBLEM_RESPONSES,
)
async def read_snapshot(
    session: SessionDep,
    aggregate: service.Aggregate,
    principal: FeedReader,
    _: RegistryReader,
    cursor: CursorQuery = None,
    limit: LimitQuery = 200,
) -> SnapshotPage:
    page = await service.read_page(
        session, principal=principal, aggregate=aggregate, cursor=cursor, limit=limit
    )
    return SnapshotPage.model_validate(page, from_attributes=True)
