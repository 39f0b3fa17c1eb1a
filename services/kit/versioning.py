"""Optimistic concurrency: every aggregate carries a version, sent as an ETag.

An edit must send ``If-Match`` with the version it read: none answers 428, a stale one 412.
"""

from typing import Annotated, Any

from fastapi import Depends, Header, Response

from kit.db import utcnow
from kit.problems import PreconditionFailed, PreconditionRequired


async def _if_match(
    if_match: Annotated[
        str | None, Header(alias="If-Match", description='读取时的 ETag，例如 "3"')
    ] = None,
) -> str | None:
    return if_match


# A dependency, not a bare Header: as a bare Header without "= None" it was required, and a
# missing If-Match answered FastAPI's 422 instead of this module's 428.
IfMatch = Annotated[str | None, Depends(_if_match)]


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag(version)


def check_version(if_match: str | None, current: int) -> None:
    if if_match is None or not if_match.strip():
        raise PreconditionRequired("修改需带 If-Match 头 / send If-Match with the ETag you read")
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in if_match.split(",")}
    if "*" not in tags and str(current) not in tags:
        raise PreconditionFailed(
            f"当前版本为 {current}，请刷新后再改 / current version is {current}",
            current_version=current,
        )


def bump(row: Any) -> None:
    """Move an aggregate to its next version, stamping ``updated_at`` where it has one.

    The one place a version moves: the ETag, the feed's ordering and the consumers'
    "newer wins" all read it.
    """
    row.version += 1
    if hasattr(row, "updated_at"):
        row.updated_at = utcnow()


def bump_if_match(row: Any, if_match: str | None) -> None:
    """An edit: check the caller read the current version (428/412), then move to the next."""
    check_version(if_match, row.version)
    bump(row)
