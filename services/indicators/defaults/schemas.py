"""The periods a screen opens on (DOMAIN.md, "Targets and progress tables")."""

from datetime import date

from pydantic import BaseModel, Field


class DefaultPeriods(BaseModel):
    area_code: str = Field(description="所答的区划（默认登录者的范围）/ the area answered for")
    income_period: str | None = Field(
        description="有收入记录的最近季度（年初至季末），无记录时为 null"
        " / the latest quarter with income records in the area; null when there are none",
        examples=["2026Q3"],
    )
    running_quarter: str = Field(
        description="当前季度 / the quarter today is in", examples=["2026Q4"]
    )
    completed_month: str = Field(
        description="上一个已结束的月份（走访默认）/ the last completed month", examples=["2026-11"]
    )
    running_month: str = Field(
        description="本月（进行中）/ the running month, shown beside as in progress",
        examples=["2026-12"],
    )
    today: date = Field(
        description="今日（Asia/Shanghai，按服务时钟）/ today by the service's clock"
    )
