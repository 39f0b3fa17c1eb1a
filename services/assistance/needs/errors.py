"""What needs answer when they refuse a request, in the domain's words: each step of
open → in_progress → closed taken from the wrong status is its own kind of 409."""

from uuid import UUID

from assistance.needs.schemas import NeedStatus
from kit.problems import Conflict, NotFound


class NeedClosed(Conflict):
    """Starting or closing a need already closed (办结)."""

    code = "closed"
    title = "诉求已办结 / The need is already closed"


class NeedAlreadyStarted(Conflict):
    """Starting a need already in progress."""

    code = "already-started"
    title = "诉求已在办理中 / The need is already in progress"


class NeedNotStarted(Conflict):
    """Closing a need not started yet (still open)."""

    code = "not-started"
    title = "诉求尚未开始办理 / The need has not been started"


def not_found(need_id: UUID) -> NotFound:
    return NotFound(f"诉求 {need_id} 不存在或不在你的范围内 / not found")


def cannot_start(status: str) -> Conflict:
    """Only an open need can be started."""
    kind = NeedClosed if status == NeedStatus.CLOSED else NeedAlreadyStarted
    return kind(
        f"诉求当前为 {status}，只有 open 的可开始办理 / only an open need can be started",
        status=status,
    )


def cannot_close(status: str) -> Conflict:
    """Only a need in progress can be closed."""
    kind = NeedClosed if status == NeedStatus.CLOSED else NeedNotStarted
    return kind(
        f"诉求当前为 {status}，须先开始办理才能办结 / only a need in progress can be closed",
        status=status,
    )
