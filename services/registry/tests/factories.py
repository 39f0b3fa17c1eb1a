"""Test data for the registry's tests: a tiny county, and helpers that make valid codes.

The check-character arithmetic here is written independently of the code under test, so a test
built on it can catch a wrong implementation.
"""

from typing import Any

from fastapi import FastAPI
from sqlmodel import col, select

from kit.write_audit import WRITE_ACTIONS
from registry.models import Area, AuditEntry

COUNTY = "331126"
TOWN_A = "331126101"  # 黄田镇
TOWN_B = "331126201"  # 隆宫乡
VILLAGE_A1 = "331126101201"
VILLAGE_A2 = "331126101202"
VILLAGE_B1 = "331126201201"

AREAS = [
    (COUNTY, "庆元县", "county", None, None),
    (TOWN_A, "黄田镇", "township", COUNTY, None),
    (TOWN_B, "隆宫乡", "township", COUNTY, None),
    (VILLAGE_A1, "黄田村", "village", TOWN_A, "large"),
    (VILLAGE_A2, "桥头村", "village", TOWN_A, "small"),
    (VILLAGE_B1, "隆宫村", "village", TOWN_B, "medium"),
]


async def add_areas(app: FastAPI) -> None:
    async with app.state.sessionmaker.begin() as session:
        for code, name, level, parent, size in AREAS:
            session.add(
                Area(
                    code=code,
                    name=name,
                    level=level,
                    parent_code=parent,
                    edition=2023,
                    size_class=size,
                )
            )


ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def id_number(birth: str = "19800101", sequence: int = 101, area: str = "331126") -> str:
    """A valid GB 11643 number; an odd sequence is a man, an even one a woman."""
    body = f"{area}{birth}{sequence:03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(body: str = "93331126MA2A0B1C2") -> str:
    """A valid GB 32100 unified social credit code from a 17-character body."""
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + CREDIT_CHARS[(31 - total % 31) % 31]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def member_body(relation: str = "head", sequence: int = 101, **fields: Any) -> dict[str, Any]:
    """A household member as POST /v1/households takes it (ID number valid and unique per
    ``sequence``; an odd sequence is a man)."""
    return {
        "name": fields.pop("name", f"成员{sequence}"),
        "id_number": fields.pop("id_number", id_number(sequence=sequence)),
        "relation": relation,
        "resident": True,
        "labour_ability": "able",
        "health": "healthy",
        "employment": "farming",
        **fields,
    }


def household_body(
    village: str = VILLAGE_A1, *, first_sequence: int = 101, **fields: Any
) -> dict[str, Any]:
    """A valid low-income household body with a head (吴建国) and a spouse."""
    return {
        "village_code": village,
        "category": "low_income",
        "low_income_subtype": "subsistence",
        "address": "黄田村1号",
        "phone": "13812341234",
        "members": [
            member_body("head", first_sequence, name="吴建国"),
            member_body("spouse", first_sequence + 1, name="叶秀英"),
        ],
        **fields,
    }


async def audit_reads(app: Any) -> list[AuditEntry]:
    """The audit log's entries other than writes (whole reads, handovers, exports), oldest first:
    every write is audited too, and these tests are about the rest."""
    async with app.state.sessionmaker() as session:
        query = select(AuditEntry).where(col(AuditEntry.action).not_in(WRITE_ACTIONS))
        return list((await session.execute(query.order_by(col(AuditEntry.at)))).scalars())
