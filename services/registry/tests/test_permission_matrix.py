"""The whole permission matrix: every registry endpoint × caller × township, in one assert; and
every write × every record its body names (a referenced id) × whose record it is, in another.

A world of two townships (A and B), each with its department, cadre, entity, a low-income
household paired to that township's cadre, an income record and the links between them. Each
caller calls each endpoint on A's object and on B's; what they get must be what the policy table
says. A new endpoint without a row here fails the coverage assert; a new write whose body names a
record (a field holding an id, at any depth of its published schema) without a row in REFERENCES
fails the second one.
"""

import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI

from kit.auth import FEEDS_SCOPE, Role
from kit.clock import local_today
from kit.testing import TokenFactory
from registry.models import (
    Area,
    Cadre,
    CadreEntityLink,
    Department,
    Entity,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    MachineClient,
    Member,
    Pairing,
    User,
)
from registry.tests.factories import TOWN_A, TOWN_B, VILLAGE_A1, VILLAGE_B1, add_areas, id_number
from registry.tests.factories import member_body as make_member

A, B, ANYWHERE = "A", "B", "-"
COUNTY_LEVEL = "county"  # a record of the county itself: a county department and its cadres
TOWN = {A: TOWN_A, B: TOWN_B}
HOME = TOWN | {COUNTY_LEVEL: "331126"}
VILLAGE = {A: VILLAGE_A1, B: VILLAGE_B1}
PERIOD = "2025Q4"

# --- the policy ------------------------------------------------------------------------------
# Each policy says, per caller, the outcome on township A's object and on township B's.
# OK is the endpoint's own success (200/201/204, or "listed" for a list); NOT_YOURS is the
# scope refusal: 404 for a path id, "hidden" in a list, 422 naming the field for a create body.
OK, NOT_YOURS = "ok", "not yours"
Outcome = int | str
Policy = dict[str, tuple[Outcome, ...]]

READ_AREA: Policy = {  # reference data (areas, departments): every reader sees their whole area
    "county_admin": (OK, OK),
    "township_officer": (OK, NOT_YOURS),
    "cadre": (OK, OK),
    "leader": (OK, OK),
    "machine": (OK, OK),
    "service": (OK, OK),
    "officer_cadre": (OK, NOT_YOURS),
    "anonymous": (401, 401),
}
# Registry records: an assisting cadre sees only what is paired or linked to them.
READ_OWN: Policy = READ_AREA | {"cadre": (OK, NOT_YOURS)}
# A household's phone whole (to call it): those who may read personal data whole, in their scope.
READ_PHONE: Policy = READ_OWN | {"leader": (403, 403), "machine": (403, 403)}
WRITE: Policy = {  # county admins and township officers keep the registry, within their area
    "county_admin": (OK, OK),
    "township_officer": (OK, NOT_YOURS),
    "cadre": (403, 403),
    "leader": (403, 403),
    "machine": (403, 403),
    "service": (403, 403),
    "officer_cadre": (OK, NOT_YOURS),
    "anonymous": (401, 401),
}
# County admins only: the area tree, departments, users, deleting a household.
ADMIN: Policy = WRITE | {"township_officer": (403, 403), "officer_cadre": (403, 403)}
# County admins, for what belongs to no township (outside platforms' clients).
ADMIN_ANY_AREA: Policy = {caller: outcomes[:1] for caller, outcomes in ADMIN.items()}
# Writers whose scope applies inside the work itself (a template; a roll lists only their part).
WRITE_ANY_AREA: Policy = {caller: outcomes[:1] for caller, outcomes in WRITE.items()}
SIGNED_IN: Policy = {caller: (OK,) for caller in WRITE} | {"anonymous": (401,)}
FEED: Policy = {caller: (403,) for caller in WRITE} | {
    "machine": (OK,),
    "service": (OK,),
    "anonymous": (401,),
}
# The audit log: the county admin all of it, township officers and leaders their area's writes.
AUDIT_READERS: Policy = {caller: outcomes[:1] for caller, outcomes in WRITE.items()} | {
    "leader": (OK,)
}
# Other Fumin services only: the revoked tokens' instants (kit.revocation).
SERVICES: Policy = FEED | {"machine": (403,)}


def callers(tokens: TokenFactory, cadre_a: UUID) -> dict[str, dict[str, str]]:
    county = "331126"
    return {
        "county_admin": tokens.headers(Role.COUNTY_ADMIN, area=county),
        "township_officer": tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A),
        "cadre": tokens.headers(Role.CADRE, area=county, cadre_id=cadre_a),
        "leader": tokens.headers(Role.LEADER, area=county),
        "machine": tokens.headers(
            Role.MACHINE, area=county, scopes=f"{FEEDS_SCOPE} households:read"
        ),
        "service": tokens.headers(Role.SERVICE, area=""),
        # A user may hold several roles: an officer who also assists households.
        "officer_cadre": tokens.headers(
            Role.TOWNSHIP_OFFICER, Role.CADRE, area=TOWN_A, cadre_id=cadre_a
        ),
        "anonymous": {},
    }


# --- the world -------------------------------------------------------------------------------


class World:
    """The seeded objects per township, and fresh targets for writes (straight through the ORM,
    so every write cell acts on an object nobody else touched)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self.numbers = itertools.count(1)
        self.village_numbers = itertools.count(210)  # 2xx-3xx: administrative villages
        self.seeded: dict[str, dict[str, Any]] = {A: {}, B: {}}

    def n(self) -> int:
        return next(self.numbers)

    async def add(self, *rows: Any) -> None:
        async with self.app.state.sessionmaker.begin() as session:
            for row in rows:
                session.add(row)
                await session.flush()  # parents first: the rows carry foreign keys

    def member(self) -> tuple[dict[str, Any], date]:
        """A head of household (a man: odd sequence) with an ID number no one else has, as a
        request body, and his birth date."""
        n = self.n()
        birth = date(1950, 1, 1) + timedelta(days=n)
        number = id_number(birth=birth.strftime("%Y%m%d"), sequence=101 + 2 * (n % 400))
        return make_member("head", name=f"户主{n}", id_number=number), birth

    def new_village_code(self, area: str) -> str:
        return f"{TOWN[area]}{next(self.village_numbers):03d}"

    async def village(self, area: str) -> str:
        code = self.new_village_code(area)
        row = Area(
            code=code,
            name=f"新村{code}",
            level="village",
            parent_code=TOWN[area],
            edition=2023,
            size_class="small",
        )
        await self.add(row)
        return code

    async def department(self, area: str) -> UUID:
        row = Department(name=f"矩阵单位{self.n()}", area_code=HOME[area])
        await self.add(row)
        return row.id

    async def cadre(self, area: str, department_id: UUID | None = None) -> UUID:
        row = Cadre(
            name=f"干部{self.n()}",
            type="township_staff",
            home_area_code=HOME[area],
            department_id=department_id or self.seeded.get(area, {}).get("department"),
            skills=[],
        )
        await self.add(row)
        return row.id

    async def entity(self, area: str) -> UUID:
        row = Entity(
            name=f"主体{self.n()}",
            type="family_farm",
            village_code=VILLAGE[area],
            industry="edible_fungi",
            cultivated_year=2023,
        )
        await self.add(row)
        return row.id

    async def household(self, area: str) -> tuple[UUID, dict[str, Any]]:
        """A low-income household with its head; answers its id and the head as a body."""
        head, birth = self.member()
        row = Household(
            village_code=VILLAGE[area], category="low_income", low_income_subtype="subsistence"
        )
        member = Member(household_id=row.id, position=0, birth_date=birth, sex="male", **head)
        await self.add(row, member)
        return row.id, head | {"id": str(member.id)}

    async def income(self, household_id: UUID, area: str) -> None:
        row = IncomeRecord(
            household_id=household_id,
            year=2025,
            quarter=4,
            wage_fen=1_000_000,
            operating_fen=0,
            property_fen=0,
            transfer_fen=0,
            resident_count=2,
            village_code=VILLAGE[area],
            category="low_income",
        )
        await self.add(row)

    async def pairing(self, area: str, household_id: UUID | None = None) -> UUID:
        household_id = household_id or (await self.household(area))[0]
        row = Pairing(
            cadre_id=self.seeded[area]["cadre"], household_id=household_id, started_on=START
        )
        await self.add(row)
        return row.id

    async def cadre_entity_link(self, area: str, cadre_id: UUID | None = None) -> UUID:
        row = CadreEntityLink(
            cadre_id=cadre_id or await self.cadre(area),
            entity_id=self.seeded[area]["entity"],
            started_on=START,
        )
        await self.add(row)
        return row.id

    async def entity_household_link(self, area: str, household_id: UUID | None = None) -> UUID:
        row = EntityHouseholdLink(
            entity_id=self.seeded[area]["entity"],
            household_id=household_id or (await self.household(area))[0],
            mode="cooperative",
            started_on=START,
        )
        await self.add(row)
        return row.id

    async def user(self, area: str) -> UUID:
        n = self.n()
        row = User(
            username=f"matrix{n}",
            display_name=f"用户{n}",
            password_hash="not-a-hash",
            roles=["leader"],
            area_code=TOWN[area],
        )
        await self.add(row)
        return row.id

    async def seed(self) -> None:
        await add_areas(self.app)
        for area in (A, B):
            mine = self.seeded[area]
            mine["village"] = VILLAGE[area]
            mine["department"] = await self.department(area)
            mine["cadre"] = await self.cadre(area)
            mine["entity"] = await self.entity(area)
            mine["household"], _ = await self.household(area)
            await self.income(mine["household"], area)
            mine["pairing"] = await self.pairing(area, mine["household"])
            mine["cel"] = await self.cadre_entity_link(area, mine["cadre"])
            mine["ehl"] = await self.entity_household_link(area, mine["household"])
            mine["user"] = await self.user(area)


START = date(2024, 5, 1)

# --- the endpoints ---------------------------------------------------------------------------


class Kind(Enum):
    GET = "get"  # a path id: OK is the success status, NOT_YOURS 404
    LIST = "list"  # OK is "listed" (the township's object is among the items), NOT_YOURS "hidden"
    CREATE = "create"  # the body names the township: NOT_YOURS is 422
    CHANGE = "change"  # a write on a path id: NOT_YOURS 404


@dataclass(frozen=True)
class Call:
    url: str
    body: dict[str, Any] | None = None
    if_match: str | None = None
    find: str | None = None  # for lists: the id (or area code) that should or should not show
    params: dict[str, Any] = field(default_factory=dict)
    files: dict[str, Any] | None = None  # a multipart upload instead of a JSON body


Build = Callable[[World, str], Awaitable[Call]]


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # the route's template, as the app declares it
    policy: Policy
    kind: Kind
    build: Build
    ok: int = 200

    @property
    def areas(self) -> tuple[str, ...]:
        return (A, B) if len(next(iter(self.policy.values()))) == 2 else (ANYWHERE,)


def seeded(name: str, url: str, kind: Kind = Kind.GET) -> Build:
    """A read of township's seeded ``name``; ``url`` takes it as ``{id}``."""

    async def build(w: World, area: str) -> Call:
        target = str(w.seeded[area][name])
        if kind is Kind.LIST:
            return Call(url, find=target, params={"limit": 500})
        return Call(url.format(id=target))

    return build


def fixed(url: str) -> Build:
    async def build(w: World, area: str) -> Call:
        return Call(url)

    return build


# Bodies and fresh targets for the writes, one builder per write endpoint.


async def new_area(w: World, area: str) -> Call:
    code = w.new_village_code(area)
    body = {"code": code, "name": f"新村{code}", "edition": 2023, "size_class": "small"}
    return Call("/v1/areas", body)


async def put_area(w: World, area: str) -> Call:
    code = await w.village(area)
    body = {"name": "改名村", "edition": 2024, "size_class": "medium"}
    return Call(f"/v1/areas/{code}", body, '"1"')


async def put_collective_income(w: World, area: str) -> Call:
    code = await w.village(area)
    return Call(f"/v1/areas/{code}/collective-income/2024", {"operating_income": "1000.00"}, '"1"')


async def new_cadre_entity_link(w: World, area: str) -> Call:
    cadre_id, entity_id = await w.cadre(area), w.seeded[area]["entity"]
    body = {"cadre_id": str(cadre_id), "entity_id": str(entity_id), "started_on": "2024-05-01"}
    return Call("/v1/cadre-entity-links", body)


async def end_cadre_entity_link(w: World, area: str) -> Call:
    link_id = await w.cadre_entity_link(area)
    return Call(f"/v1/cadre-entity-links/{link_id}/end", {"ended_on": "2025-01-01"}, '"1"')


def cadre_body(w: World, area: str) -> dict[str, Any]:
    return {
        "name": f"干部{w.n()}",
        "department_id": str(w.seeded[area]["department"]),
        "type": "township_staff",
        "home_area_code": TOWN[area],
    }


async def new_cadre(w: World, area: str) -> Call:
    return Call("/v1/cadres", cadre_body(w, area))


async def put_cadre(w: World, area: str) -> Call:
    return Call(f"/v1/cadres/{await w.cadre(area)}", cadre_body(w, area), '"1"')


def department_body(w: World, area: str) -> dict[str, Any]:
    return {"name": f"新单位{w.n()}", "area_code": TOWN[area]}


async def new_department(w: World, area: str) -> Call:
    return Call("/v1/departments", department_body(w, area))


async def put_department(w: World, area: str) -> Call:
    url = f"/v1/departments/{await w.department(area)}"
    return Call(url, department_body(w, area), '"1"')


async def delete_department(w: World, area: str) -> Call:
    return Call(f"/v1/departments/{await w.department(area)}", if_match='"1"')


def entity_body(w: World, area: str) -> dict[str, Any]:
    return {
        "name": f"新主体{w.n()}",
        "type": "cooperative",
        "village_code": VILLAGE[area],
        "industry": "edible_fungi",
        "cultivated_year": 2024,
    }


async def new_entity(w: World, area: str) -> Call:
    return Call("/v1/entities", entity_body(w, area))


async def put_entity(w: World, area: str) -> Call:
    return Call(f"/v1/entities/{await w.entity(area)}", entity_body(w, area), '"1"')


async def put_figures(w: World, area: str) -> Call:
    url = f"/v1/entities/{await w.entity(area)}/figures/2024"
    return Call(url, {"jobs_created": 3, "online_sales": "1200.00"}, '"1"')


async def new_entity_household_link(w: World, area: str) -> Call:
    household_id, _ = await w.household(area)
    body = {
        "entity_id": str(w.seeded[area]["entity"]),
        "household_id": str(household_id),
        "mode": "employment",
        "started_on": "2024-05-01",
    }
    return Call("/v1/entity-household-links", body)


async def end_entity_household_link(w: World, area: str) -> Call:
    link_id = await w.entity_household_link(area)
    return Call(f"/v1/entity-household-links/{link_id}/end", {"ended_on": "2025-01-01"}, '"1"')


def household_body(area: str, head: dict[str, Any]) -> dict[str, Any]:
    return {
        "village_code": VILLAGE[area],
        "category": "low_income",
        "low_income_subtype": "subsistence",
        "address": "矩阵路1号",
        "members": [head],
    }


async def new_household(w: World, area: str) -> Call:
    head, _ = w.member()
    return Call("/v1/households", household_body(area, head))


async def household_phone(w: World, area: str) -> Call:
    household_id = w.seeded[area]["household"]
    return Call(f"/v1/households/{household_id}/phone", params={"reason": "拨打农户电话"})


async def put_household(w: World, area: str) -> Call:
    household_id, head = await w.household(area)
    body = household_body(area, head | {"name": "改名户主"})
    return Call(f"/v1/households/{household_id}", body, '"1"')


async def change_category(w: World, area: str) -> Call:
    household_id, _ = await w.household(area)
    body = {"category": "small_farmer", "changed_on": str(local_today()), "reason": "矩阵退出"}
    return Call(f"/v1/households/{household_id}/category-changes", body, '"1"')


async def compare_roll(w: World, area: str) -> Call:
    roll = "户主姓名,身份证号\n".encode("utf-8-sig")
    return Call(RECON, files={"file": ("roll.csv", roll, "text/csv")})


async def import_entity(w: World, area: str) -> Call:
    """A real (not dry) import of one entity in the township's village: outside it, a row error
    answers 422 with the report."""
    table = f"主体名称,主体类型,村代码,产业\n导入主体{w.n()},家庭农场,{VILLAGE[area]},食用菌\n"
    files = {"file": ("entities.csv", table.encode("utf-8-sig"), "text/csv")}
    return Call("/v1/imports/entities", files=files, params={"dry_run": "false"})


async def delete_household(w: World, area: str) -> Call:
    household_id, _ = await w.household(area)
    return Call(f"/v1/households/{household_id}", if_match='"1"')


async def put_income(w: World, area: str) -> Call:
    household_id, _ = await w.household(area)
    body = {
        "wage_income": "8000.00",
        "operating_income": "-200.50",
        "property_income": "0.00",
        "transfer_income": "1500.00",
        "resident_count": 2,
    }
    return Call(f"/v1/households/{household_id}/income-records/2026Q1", body)


async def delete_income(w: World, area: str) -> Call:
    household_id, _ = await w.household(area)
    await w.income(household_id, area)
    return Call(f"/v1/households/{household_id}/income-records/{PERIOD}", if_match='"1"')


async def new_pairing(w: World, area: str) -> Call:
    household_id, _ = await w.household(area)
    body = {
        "cadre_id": str(w.seeded[area]["cadre"]),
        "household_id": str(household_id),
        "started_on": "2024-05-01",
    }
    return Call("/v1/pairings", body)


async def end_pairing(w: World, area: str) -> Call:
    pairing_id = await w.pairing(area)
    return Call(f"/v1/pairings/{pairing_id}/end", {"ended_on": "2025-01-01"}, '"1"')


async def handover(w: World, area: str) -> Call:
    """A fresh cadre with one household of the township hands it to the seeded cadre."""
    from_cadre = await w.cadre(area)
    household_id, _ = await w.household(area)
    await w.add(Pairing(cadre_id=from_cadre, household_id=household_id, started_on=START))
    body = {
        "from_cadre_id": str(from_cadre),
        "to_cadre_id": str(w.seeded[area]["cadre"]),
        "started_on": "2025-01-01",
    }
    return Call("/v1/pairings/handover", body)


def user_body(w: World, area: str) -> dict[str, Any]:
    n = w.n()
    return {
        "username": f"new{n}",
        "display_name": f"新用户{n}",
        "roles": ["leader"],
        "area_code": TOWN[area],
    }


async def new_user(w: World, area: str) -> Call:
    return Call("/v1/users", user_body(w, area) | {"password": "matrix-pass-1"})


async def put_user(w: World, area: str) -> Call:
    return Call(f"/v1/users/{await w.user(area)}", user_body(w, area), '"1"')


async def machine_client(w: World) -> str:
    client_id = f"matrix-{w.n()}"
    await w.add(
        MachineClient(client_id=client_id, name="矩阵平台", secret_hash="", roles=["machine"])
    )
    return client_id


async def new_client(w: World, area: str) -> Call:
    return Call(
        "/v1/clients", {"name": "矩阵平台", "scopes": ["feeds:read"], "area_code": "331126"}
    )


def client_call(suffix: str = "") -> Build:
    async def build(w: World, area: str) -> Call:
        return Call(f"/v1/clients/{await machine_client(w)}{suffix}")

    return build


async def reset_password(w: World, area: str) -> Call:
    url = f"/v1/users/{await w.user(area)}/password"
    return Call(url, {"password": "another-pass-2"}, '"1"')


async def unlock_user(w: World, area: str) -> Call:
    return Call(f"/v1/users/{await w.user(area)}/unlock")


HH = "/v1/households/{household_id}"
INCOME = HH + "/income-records"
RECON = "/v1/reconciliations/low-income"
IMPORT_TEMPLATE = "/v1/imports/households/template.xlsx"
L, G, C, W = Kind.LIST, Kind.GET, Kind.CREATE, Kind.CHANGE

ROWS = [
    Row("GET", "/v1/auth/me", SIGNED_IN, G, fixed("/v1/auth/me")),
    Row("GET", "/v1/feeds/registry", FEED, G, fixed("/v1/feeds/registry")),
    Row("GET", "/v1/auth/revocations", SERVICES, G, fixed("/v1/auth/revocations")),
    Row("GET", "/v1/snapshots/{aggregate}", FEED, G, fixed("/v1/snapshots/household")),
    Row("GET", "/v1/vocabularies", SIGNED_IN, G, fixed("/v1/vocabularies")),
    # areas
    Row("GET", "/v1/areas", READ_AREA, L, seeded("village", "/v1/areas", L)),
    Row("GET", "/v1/areas/{code}", READ_AREA, G, seeded("village", "/v1/areas/{id}")),
    Row("POST", "/v1/areas", ADMIN, C, new_area, 201),
    Row("PUT", "/v1/areas/{code}", ADMIN, W, put_area),
    Row("PUT", "/v1/areas/{code}/collective-income/{year}", WRITE, W, put_collective_income),
    # departments
    Row("GET", "/v1/departments", READ_AREA, L, seeded("department", "/v1/departments", L)),
    Row(
        "GET",
        "/v1/departments/{department_id}",
        READ_AREA,
        G,
        seeded("department", "/v1/departments/{id}"),
    ),
    Row("POST", "/v1/departments", ADMIN, C, new_department, 201),
    Row("PUT", "/v1/departments/{department_id}", ADMIN, W, put_department),
    Row("DELETE", "/v1/departments/{department_id}", ADMIN, W, delete_department, 204),
    # cadres
    Row("GET", "/v1/cadres", READ_OWN, L, seeded("cadre", "/v1/cadres", L)),
    Row("GET", "/v1/cadres/{cadre_id}", READ_OWN, G, seeded("cadre", "/v1/cadres/{id}")),
    Row("POST", "/v1/cadres", WRITE, C, new_cadre, 201),
    Row("PUT", "/v1/cadres/{cadre_id}", WRITE, W, put_cadre),
    # entities
    Row("GET", "/v1/entities", READ_OWN, L, seeded("entity", "/v1/entities", L)),
    Row("GET", "/v1/entities/{entity_id}", READ_OWN, G, seeded("entity", "/v1/entities/{id}")),
    Row("POST", "/v1/entities", WRITE, C, new_entity, 201),
    Row("PUT", "/v1/entities/{entity_id}", WRITE, W, put_entity),
    Row("PUT", "/v1/entities/{entity_id}/figures/{year}", WRITE, W, put_figures),
    # households, their category history and income records
    Row("GET", "/v1/households", READ_OWN, L, seeded("household", "/v1/households", L)),
    Row("GET", HH, READ_OWN, G, seeded("household", "/v1/households/{id}")),
    Row("GET", HH + "/phone", READ_PHONE, G, household_phone),
    Row("POST", "/v1/households", WRITE, C, new_household, 201),
    Row("PUT", HH, WRITE, W, put_household),
    Row("DELETE", HH, ADMIN, W, delete_household, 204),
    Row(
        "GET",
        HH + "/category-changes",
        READ_OWN,
        G,
        seeded("household", "/v1/households/{id}/category-changes"),
    ),
    Row("POST", HH + "/category-changes", WRITE, W, change_category),
    Row("GET", INCOME, READ_OWN, G, seeded("household", "/v1/households/{id}/income-records")),
    Row(
        "GET",
        INCOME + "/{period}",
        READ_OWN,
        G,
        seeded("household", f"/v1/households/{{id}}/income-records/{PERIOD}"),
    ),
    Row("PUT", INCOME + "/{period}", WRITE, W, put_income, 201),
    Row("DELETE", INCOME + "/{period}", WRITE, W, delete_income, 204),
    # pairings
    Row("GET", "/v1/pairings", READ_OWN, L, seeded("pairing", "/v1/pairings", L)),
    Row("GET", "/v1/pairings/{pairing_id}", READ_OWN, G, seeded("pairing", "/v1/pairings/{id}")),
    Row("POST", "/v1/pairings", WRITE, C, new_pairing, 201),
    Row("POST", "/v1/pairings/{pairing_id}/end", WRITE, W, end_pairing),
    Row("POST", "/v1/pairings/handover", WRITE, C, handover),
    # the audit log: read by admins, officers and leaders (scoped inside: test_write_audit);
    # exported by county admins only, whatever the township
    Row("GET", "/v1/audit", AUDIT_READERS, G, fixed("/v1/audit")),
    Row("GET", "/v1/audit/export.csv", ADMIN, G, fixed("/v1/audit/export.csv")),
    # tabular imports: templates are the same everywhere; each row's area is the caller's scope
    Row("GET", "/v1/imports/{kind}/template.{fmt}", WRITE_ANY_AREA, G, fixed(IMPORT_TEMPLATE)),
    Row("POST", "/v1/imports/{kind}", WRITE, C, import_entity, 200),
    # outside platforms' clients
    Row("GET", "/v1/clients", ADMIN_ANY_AREA, G, fixed("/v1/clients")),
    Row("POST", "/v1/clients", ADMIN_ANY_AREA, C, new_client, 201),
    Row("GET", "/v1/clients/{client_id}", ADMIN_ANY_AREA, G, client_call()),
    Row("POST", "/v1/clients/{client_id}/revoke", ADMIN_ANY_AREA, W, client_call("/revoke")),
    Row("POST", "/v1/clients/{client_id}/secret", ADMIN_ANY_AREA, W, client_call("/secret")),
    # reconciling the low-income roll
    Row("GET", RECON + "/template.{fmt}", WRITE_ANY_AREA, G, fixed(RECON + "/template.csv")),
    Row("POST", RECON, WRITE_ANY_AREA, G, compare_roll),
    # cadre–entity links
    Row("GET", "/v1/cadre-entity-links", READ_OWN, L, seeded("cel", "/v1/cadre-entity-links", L)),
    Row(
        "GET",
        "/v1/cadre-entity-links/{link_id}",
        READ_OWN,
        G,
        seeded("cel", "/v1/cadre-entity-links/{id}"),
    ),
    Row("POST", "/v1/cadre-entity-links", WRITE, C, new_cadre_entity_link, 201),
    Row("POST", "/v1/cadre-entity-links/{link_id}/end", WRITE, W, end_cadre_entity_link),
    # entity–household links
    Row(
        "GET",
        "/v1/entity-household-links",
        READ_OWN,
        L,
        seeded("ehl", "/v1/entity-household-links", L),
    ),
    Row(
        "GET",
        "/v1/entity-household-links/{link_id}",
        READ_OWN,
        G,
        seeded("ehl", "/v1/entity-household-links/{id}"),
    ),
    Row("POST", "/v1/entity-household-links", WRITE, C, new_entity_household_link, 201),
    Row("POST", "/v1/entity-household-links/{link_id}/end", WRITE, W, end_entity_household_link),
    # users
    Row("GET", "/v1/users", ADMIN, L, seeded("user", "/v1/users", L)),
    Row("GET", "/v1/users/{user_id}", ADMIN, G, seeded("user", "/v1/users/{id}")),
    Row("POST", "/v1/users", ADMIN, C, new_user, 201),
    Row("PUT", "/v1/users/{user_id}", ADMIN, W, put_user),
    Row("POST", "/v1/users/{user_id}/password", ADMIN, W, reset_password),
    Row("POST", "/v1/users/{user_id}/unlock", ADMIN, W, unlock_user),
]
# Covered by their own tests (test_auth, test_login_hardening): the login form and logout take
# credentials, not a bearer token; a password change is any user's own, whatever their role.
NOT_IN_MATRIX = {
    ("POST", "/v1/auth/token"),
    ("POST", "/v1/auth/logout"),
    ("POST", "/v1/auth/password"),
    # Needs the fingerprint of a report made just before; its roles and scope are tested in
    # test_reconciliation.py (the same Writers dependency as the report).
    ("POST", "/v1/reconciliations/low-income/apply"),
}


def expected(row: Row, outcome: Outcome) -> Outcome:
    """The policy's outcome as this endpoint shows it."""
    if outcome == OK:
        return "listed" if row.kind is Kind.LIST else row.ok
    if outcome == NOT_YOURS:
        refusals: dict[Kind, Outcome] = {Kind.LIST: "hidden", Kind.CREATE: 422}
        return refusals.get(row.kind, 404)
    return outcome


async def actual(http: httpx.AsyncClient, row: Row, call: Call, headers: dict[str, str]) -> Outcome:
    if call.if_match:
        headers = headers | {"If-Match": call.if_match}
    response = await http.request(
        row.method, call.url, json=call.body, params=call.params, headers=headers, files=call.files
    )
    if row.kind is Kind.LIST and response.status_code == 200:
        shown = {str(item.get("id", item.get("code"))) for item in response.json()["items"]}
        return "listed" if call.find in shown else "hidden"
    return response.status_code


def declared_endpoints(app: FastAPI) -> set[tuple[str, str]]:
    """Every (method, path) under /v1/, as the OpenAPI document publishes them."""
    paths = app.openapi()["paths"]
    return {
        (method.upper(), path)
        for path, operations in paths.items()
        if path.startswith("/v1/")
        for method in operations
    }


@pytest.mark.smoke
async def test_every_endpoint_role_and_area_follows_the_policy(app, client, tokens):
    covered = {(row.method, row.path) for row in ROWS}
    assert declared_endpoints(app) - NOT_IN_MATRIX == covered

    world = World(app)
    await world.seed()
    headers = callers(tokens, world.seeded[A]["cadre"])
    want: dict[tuple[str, str, str], Outcome] = {}
    got: dict[tuple[str, str, str], Outcome] = {}
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)  # a 500 is a cell
    # Reads first, on the seeded world, before the writes add rows to the lists.
    rows = sorted(ROWS, key=lambda row: row.kind in (Kind.CREATE, Kind.CHANGE))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        for row in rows:
            endpoint = f"{row.method} {row.path}"
            for caller, outcomes in row.policy.items():
                for area, outcome in zip(row.areas, outcomes, strict=True):
                    call = await row.build(world, area)  # writes: a fresh target each time
                    want[endpoint, caller, area] = expected(row, outcome)
                    got[endpoint, caller, area] = await actual(http, row, call, headers[caller])
    # 8 callers × 2 townships per endpoint; /v1/auth/me, the feed and its snapshots, the
    # vocabularies, the revocations, the templates and the roll's reconciliation are not per
    # township.
    unscoped = sum(len(row.areas) == 1 for row in ROWS)
    assert unscoped == 14  # and the audit log's list (scoped inside: test_write_audit)
    assert len(got) == 8 * 2 * (len(ROWS) - unscoped) + 8 * unscoped
    assert got == want, breaking(got, want)


def breaking(got: dict[Any, Outcome], want: dict[Any, Outcome]) -> str:
    """Every cell that breaks the policy, one a line."""
    cells = [f"{key}: got {got[key]}, want {want[key]}" for key in want if got[key] != want[key]]
    return f"{len(cells)} cells break the policy:\n" + "\n".join(cells)


# --- every write × every referenced id -------------------------------------------------------
# A write naming several records checks each against the caller's scope (docs/security.md,
# "Writes across the township line"). Each row builds the write with every record township A's,
# except the one field under test, which names the record of ``owner``: A's, B's, or the
# county's own. A township officer of A may name A's records only (a county department is
# shared; a county cadre is the county admin's to link and pair); the county admin all of them.
REFUSED = "refused"  # 422 naming the field under test, as an absent record would be
Ref = Callable[[World, str], Awaitable[Call]]


@dataclass(frozen=True)
class Reference:
    method: str
    path: str
    field: str  # as referenced_ids() spells it: "members[].id"
    build: Ref
    # (caller, owner) → outcome; OK is the row's ``ok`` status
    expect: dict[tuple[str, str], Outcome]
    ok: int = 200
    refused_as: str | None = None  # the error's field, when it differs from ``field``


def scoped(*owners: str, county: Outcome = REFUSED) -> dict[tuple[str, str], Outcome]:
    """The rule for a record of a township (and, if among ``owners``, of the county)."""
    outcome = {A: OK, B: REFUSED, COUNTY_LEVEL: county}
    return {("township_officer", o): outcome[o] for o in owners} | {
        ("county_admin", o): OK for o in owners
    }


def admins_only(*owners: str) -> dict[tuple[str, str], Outcome]:
    return {("township_officer", o): 403 for o in owners} | {
        ("county_admin", o): OK for o in owners
    }


async def paired_cadre(w: World, cadre_area: str, household_area: str = A) -> tuple[UUID, UUID]:
    """A fresh cadre of ``cadre_area`` paired to a fresh household of ``household_area``."""
    cadre_id = await w.cadre(cadre_area)
    household_id, _ = await w.household(household_area)
    await w.add(Pairing(cadre_id=cadre_id, household_id=household_id, started_on=START))
    return cadre_id, household_id


def handover_body(from_cadre: UUID, to_cadre: UUID, households: list[UUID] | None) -> Any:
    body: dict[str, Any] = {
        "from_cadre_id": str(from_cadre),
        "to_cadre_id": str(to_cadre),
        "started_on": "2025-01-01",
        "reason": "矩阵移交",
    }
    if households is not None:
        body["household_ids"] = [str(h) for h in households]
    return body


async def ref_cel_cadre(w: World, owner: str) -> Call:
    body = {"cadre_id": str(await w.cadre(owner)), "entity_id": str(w.seeded[A]["entity"])}
    return Call("/v1/cadre-entity-links", body | {"started_on": "2024-05-01"})


async def ref_cel_entity(w: World, owner: str) -> Call:
    body = {"cadre_id": str(await w.cadre(A)), "entity_id": str(w.seeded[owner]["entity"])}
    return Call("/v1/cadre-entity-links", body | {"started_on": "2024-05-01"})


async def ref_ehl(w: World, entity_owner: str, household_owner: str) -> Call:
    household_id, _ = await w.household(household_owner)
    body = {
        "entity_id": str(w.seeded[entity_owner]["entity"]),
        "household_id": str(household_id),
        "mode": "employment",
        "started_on": "2024-05-01",
    }
    return Call("/v1/entity-household-links", body)


async def ref_ehl_entity(w: World, owner: str) -> Call:
    return await ref_ehl(w, owner, A)


async def ref_ehl_household(w: World, owner: str) -> Call:
    return await ref_ehl(w, A, owner)


async def ref_pairing_cadre(w: World, owner: str) -> Call:
    household_id, _ = await w.household(A)
    body = {"cadre_id": str(await w.cadre(owner)), "household_id": str(household_id)}
    return Call("/v1/pairings", body | {"started_on": "2024-05-01"})


async def ref_pairing_household(w: World, owner: str) -> Call:
    household_id, _ = await w.household(owner)
    body = {"cadre_id": str(w.seeded[A]["cadre"]), "household_id": str(household_id)}
    return Call("/v1/pairings", body | {"started_on": "2024-05-01"})


async def ref_handover_from(w: World, owner: str) -> Call:
    from_cadre, _ = await paired_cadre(w, owner)
    return Call("/v1/pairings/handover", handover_body(from_cadre, await w.cadre(A), None))


async def ref_handover_to(w: World, owner: str) -> Call:
    from_cadre, _ = await paired_cadre(w, A)
    return Call("/v1/pairings/handover", handover_body(from_cadre, await w.cadre(owner), None))


async def ref_handover_households(w: World, owner: str) -> Call:
    from_cadre, household_id = await paired_cadre(w, A, owner)
    body = handover_body(from_cadre, await w.cadre(A), [household_id])
    return Call("/v1/pairings/handover", body)


def cadre_user_body(w: World, cadre_id: UUID) -> dict[str, Any]:
    return user_body(w, A) | {"roles": ["cadre"], "cadre_id": str(cadre_id)}


async def ref_new_user_cadre(w: World, owner: str) -> Call:
    body = cadre_user_body(w, await w.cadre(owner)) | {"password": "matrix-pass-1"}
    return Call("/v1/users", body)


async def ref_put_user_cadre(w: World, owner: str) -> Call:
    url = f"/v1/users/{await w.user(A)}"
    return Call(url, cadre_user_body(w, await w.cadre(owner)), '"1"')


async def ref_new_cadre_department(w: World, owner: str) -> Call:
    return Call("/v1/cadres", cadre_body(w, A) | {"department_id": str(await w.department(owner))})


async def ref_put_cadre_department(w: World, owner: str) -> Call:
    body = cadre_body(w, A) | {"department_id": str(await w.department(owner))}
    return Call(f"/v1/cadres/{await w.cadre(A)}", body, '"1"')


async def stored_head(w: World, owner: str) -> dict[str, Any]:
    """The head of a fresh household of ``owner``, as a body carrying the member's id."""
    _, head = await w.household(owner)
    return head


async def ref_new_household_member(w: World, owner: str) -> Call:
    head, _ = w.member()
    named = head | {"id": (await stored_head(w, owner))["id"]}
    return Call("/v1/households", household_body(A, named))


async def ref_put_household_member(w: World, owner: str) -> Call:
    """Own household A's head, carrying the id of its own head (A) or of B's household's head."""
    household_id, head = await w.household(A)
    if owner != A:
        head = head | {"id": (await stored_head(w, owner))["id"]}
    return Call(f"/v1/households/{household_id}", household_body(A, head), '"1"')


ANY_TOWN, ALL_LEVELS = (A, B), (A, B, COUNTY_LEVEL)
# Naming a member of another household is refused to everyone (members belong to their
# household); a new household's members carry no id at all.
Expect = dict[tuple[str, str], Outcome]
NOT_A_MEMBER: Expect = {(caller, B): REFUSED for caller in ("township_officer", "county_admin")}
NO_MEMBER_ID: Expect = {
    (caller, o): REFUSED for caller in ("township_officer", "county_admin") for o in ANY_TOWN
}

REFERENCES = [
    Reference(
        "POST", "/v1/cadre-entity-links", "cadre_id", ref_cel_cadre, scoped(*ALL_LEVELS), 201
    ),
    Reference(
        "POST", "/v1/cadre-entity-links", "entity_id", ref_cel_entity, scoped(*ANY_TOWN), 201
    ),
    Reference(
        "POST", "/v1/entity-household-links", "entity_id", ref_ehl_entity, scoped(*ANY_TOWN), 201
    ),
    Reference(
        "POST",
        "/v1/entity-household-links",
        "household_id",
        ref_ehl_household,
        scoped(*ANY_TOWN),
        201,
    ),
    Reference("POST", "/v1/pairings", "cadre_id", ref_pairing_cadre, scoped(*ALL_LEVELS), 201),
    Reference(
        "POST", "/v1/pairings", "household_id", ref_pairing_household, scoped(*ANY_TOWN), 201
    ),
    Reference(
        "POST", "/v1/pairings/handover", "from_cadre_id", ref_handover_from, scoped(*ALL_LEVELS)
    ),
    Reference("POST", "/v1/pairings/handover", "to_cadre_id", ref_handover_to, scoped(*ALL_LEVELS)),
    Reference(
        "POST",
        "/v1/pairings/handover",
        "household_ids[]",
        ref_handover_households,
        scoped(*ANY_TOWN),
        refused_as="household_ids.0",
    ),
    Reference("POST", "/v1/users", "cadre_id", ref_new_user_cadre, admins_only(*ALL_LEVELS), 201),
    Reference(
        "PUT", "/v1/users/{user_id}", "cadre_id", ref_put_user_cadre, admins_only(*ALL_LEVELS)
    ),
    Reference(
        "POST",
        "/v1/cadres",
        "department_id",
        ref_new_cadre_department,
        scoped(*ALL_LEVELS, county=OK),
        201,
    ),
    Reference(
        "PUT",
        "/v1/cadres/{cadre_id}",
        "department_id",
        ref_put_cadre_department,
        scoped(*ALL_LEVELS, county=OK),
    ),
    Reference(
        "POST",
        "/v1/households",
        "members[].id",
        ref_new_household_member,
        NO_MEMBER_ID,
        201,
        refused_as="members.0.id",
    ),
    Reference(
        "PUT",
        HH,
        "members[].id",
        ref_put_household_member,
        scoped(*ANY_TOWN) | NOT_A_MEMBER,
        refused_as="members.0.id",
    ),
]
WRITE_METHODS = {"post", "put", "patch", "delete"}


def id_fields(schema: dict[str, Any], schemas: dict[str, Any], at: str = "") -> set[str]:
    """The fields of a published schema that hold an id (format uuid), at any depth."""
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    found = {at} if schema.get("format") == "uuid" else set()
    for option in [*schema.get("anyOf", []), *schema.get("oneOf", []), *schema.get("allOf", [])]:
        found |= id_fields(option, schemas, at)
    if "items" in schema:
        found |= id_fields(schema["items"], schemas, f"{at}[]")
    for name, sub in schema.get("properties", {}).items():
        found |= id_fields(sub, schemas, f"{at}.{name}" if at else name)
    return found


def referenced_ids(app: FastAPI) -> set[tuple[str, str, str]]:
    """Every (method, path, field) of a /v1/ write whose body (JSON or form) holds an id, as the
    OpenAPI document publishes it; ``a[].b`` is field b of each item of the list a."""
    document = app.openapi()
    schemas = document["components"]["schemas"]
    return {
        (method.upper(), path, name)
        for path, operations in document["paths"].items()
        if path.startswith("/v1/")
        for method, operation in operations.items()
        if method in WRITE_METHODS
        for content in operation.get("requestBody", {}).get("content", {}).values()
        for name in id_fields(content["schema"], schemas)
    }


async def referenced_outcome(
    http: httpx.AsyncClient, ref: Reference, call: Call, headers: Any
) -> Outcome:
    if call.if_match:
        headers = headers | {"If-Match": call.if_match}
    response = await http.request(ref.method, call.url, json=call.body, headers=headers)
    if response.status_code == ref.ok:
        return OK
    if response.status_code == 422:
        fields = [e["field"] for e in response.json().get("errors", [])]
        if fields == [ref.refused_as or ref.field]:
            return REFUSED
        return f"422 on {fields}"
    return response.status_code


async def test_every_write_checks_every_record_it_names(app, client, tokens):
    assert referenced_ids(app) == {(r.method, r.path, r.field) for r in REFERENCES}, (
        "a write names a record with no row in REFERENCES"
    )
    world = World(app)
    await world.seed()
    headers = callers(tokens, world.seeded[A]["cadre"])
    want: dict[tuple[str, str, str, str], Outcome] = {}
    got: dict[tuple[str, str, str, str], Outcome] = {}
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        for ref in REFERENCES:
            for (caller, owner), outcome in ref.expect.items():
                call = await ref.build(world, owner)
                key = (f"{ref.method} {ref.path}", ref.field, caller, owner)
                want[key] = outcome
                got[key] = await referenced_outcome(http, ref, call, headers[caller])
    assert got == want, breaking(got, want)
