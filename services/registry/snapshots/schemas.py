from typing import Any

from pydantic import BaseModel, Field


class SnapshotItem(BaseModel):
    """One aggregate as it stands now: what its newest feed event's fields would say."""

    aggregate: str
    aggregate_id: str
    version: int
    data: dict[str, Any] = Field(description="与变更流事件的 data 相同 / as the feed's data")


class SnapshotPage(BaseModel):
    items: list[SnapshotItem]
    next_cursor: str | None = Field(description="下一页游标，末页为 null / null on the last page")
    feed_position: str = Field(
        description="快照对应的变更流位置：读完快照后从 after=feed_position 读变更流 / "
        "read the feed after this once the snapshot is loaded"
    )
