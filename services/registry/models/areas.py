from datetime import datetime

from sqlalchemy import BigInteger
from sqlmodel import Field

from kit.db import UTCDateTime, utcnow
from registry.models.base import RegistryTable


class Area(RegistryTable, table=True):
    """A node of the statistical division tree; the level follows from the code's length."""

    __tablename__ = "area"
    code: str = Field(primary_key=True, max_length=12)
    name: str = Field(max_length=60)
    level: str = Field(max_length=10)
    parent_code: str | None = Field(default=None, foreign_key="area.code", index=True)
    edition: int  # the year of the code table the code comes from
    size_class: str | None = Field(default=None, max_length=10)  # villages only
    version: int = Field(default=1)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CollectiveIncome(RegistryTable, table=True):
    """A village collective's operating income (村级集体经济经营性收入) for a year."""

    __tablename__ = "collective_income"
    area_code: str = Field(foreign_key="area.code", primary_key=True, ondelete="CASCADE")
    year: int = Field(primary_key=True)
    operating_income_fen: int = Field(sa_type=BigInteger)  # fen; BIGINT past 21.47 million yuan
