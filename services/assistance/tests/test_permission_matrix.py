"""Every assistance endpoint × caller × township: what each caller gets on township A's object
and on township B's. A new endpoint without a row here fails the coverage test.

Outcomes: a status code, or for lists "listed" / "hidden" (scope is a filter inside the query,
docs/architecture.md). The cadre is township A's cadre; the officer is A's officer.
"""

import hashlib
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from assistance.tests.seeds import (
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    VILLAGE_B1,
    measure_catalogue,
    paired_household,
)
from kit.auth import FEEDS_SCOPE, Role

A, B = "A", "B"
LISTED, HIDDEN = "listed", "hidden"
CALLERS = [
    "county_admin",
    "township_officer",
    "cadre",
    "leader",
    "machine",
    "service",
    "officer_cadre",
    "anonymous",
]


def policy(**outcomes: tuple[Any, ...]) -> dict[str, tuple[Any, ...]]:
    assert set(outcomes) == set(CALLERS)
    return outcomes


READ_LIST = policy(
    county_admin=(LISTED, LISTED),
    township_officer=(LISTED, HIDDEN),
    cadre=(LISTED, HIDDEN),
    leader=(LISTED, LISTED),
    machine=(LISTED, LISTED),
    service=(LISTED, LISTED),
    officer_cadre=(LISTED, HIDDEN),
    anonymous=(401, 401),
)
READ_ONE = policy(**{c: tuple(404 if o == HIDDEN else 200 if o == LISTED else o for o in out)
                     for c, out in READ_LIST.items()})  # fmt: skip
CREATE_VISIT = policy(
    county_admin=(201, 201),
    township_officer=(201, 422),
    cadre=(201, 422),
    leader=(403, 403),
    machine=(403, 403),
    service=(403, 403),
    officer_cadre=(201, 422),
    anonymous=(401, 401),
)
EDIT_VISIT = policy(**{c: tuple(404 if o == 422 else 200 if o == 201 else o for o in out)
                       for c, out in CREATE_VISIT.items()})  # fmt: skip
UPLOAD = policy(**{c: out[:1] for c, out in CREATE_VISIT.items()})
EVERYONE = policy(**{c: (401,) if c == "anonymous" else (200,) for c in CALLERS})
COUNTY_ADMIN_ONLY = policy(
    **{c: (201,) if c == "county_admin" else (401,) if c == "anonymous" else (403,)
       for c in CALLERS}
)  # fmt: skip
# Plans name their household in the path: one out of reach is not there (404), as on edits.
CREATE_PLAN = policy(
    county_admin=(201, 201),
    township_officer=(201, 404),
    cadre=(201, 404),
    leader=(403, 403),
    machine=(403, 403),
    service=(403, 403),
    officer_cadre=(201, 404),
    anonymous=(401, 401),
)
# Its writes' log: county admins, officers and leaders, each their area (kit.audit_log).
AUDIT = policy(
    county_admin=(LISTED, LISTED),
    township_officer=(LISTED, HIDDEN),
    cadre=(403, 403),
    leader=(LISTED, LISTED),
    machine=(403, 403),
    service=(403, 403),
    officer_cadre=(LISTED, HIDDEN),
    anonymous=(401, 401),
)
FEED = policy(
    county_admin=(403,),
    township_officer=(403,),
    cadre=(403,),
    leader=(403,),
    machine=(200,),
    service=(200,),
    officer_cadre=(403,),
    anonymous=(401,),
)


class World:
    """Townships A and B: each a cadre, a paired household and a visit with a photo."""

    def __init__(self) -> None:
        self.cadre = {A: uuid.uuid4(), B: uuid.uuid4()}
        self.household: dict[str, uuid.UUID] = {}
        self.visit: dict[str, uuid.UUID] = {}
        self.photo: dict[str, str] = {}
        self.admin: dict[str, str] = {}  # headers of a county admin, to make objects with
        self.item: dict[str, uuid.UUID] = {}  # a happiness-list item
        self.need: dict[str, str] = {}


def headers_for(tokens: Any, caller: str, world: World) -> dict[str, str]:
    cadre_a = world.cadre[A]
    return {
        "county_admin": lambda: tokens.headers(Role.COUNTY_ADMIN),
        "township_officer": lambda: tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A),
        "cadre": lambda: tokens.headers(Role.CADRE, cadre_id=cadre_a),
        "leader": lambda: tokens.headers(Role.LEADER),
        "machine": lambda: tokens.headers(Role.MACHINE, scopes=f"{FEEDS_SCOPE} visits:read"),
        "service": lambda: tokens.headers(Role.SERVICE),
        "officer_cadre": lambda: tokens.headers(
            Role.TOWNSHIP_OFFICER, Role.CADRE, area=TOWN_A, cadre_id=cadre_a
        ),
        "anonymous": lambda: {},
    }[caller]()


def visit_body(household_id: uuid.UUID, **fields: Any) -> dict[str, Any]:
    occurred = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    return {
        "household_id": str(household_id),
        "mode": "phone",
        "occurred_at": occurred,
        "actions_taken": "电话了解近况",
        **fields,
    }


def jpeg(tag: str) -> bytes:
    return b"\xff\xd8\xff\xe0" + tag.encode() + uuid.uuid4().bytes


@pytest.fixture
async def world(app, client, tokens) -> World:
    made = World()
    admin = made.admin = tokens.headers(Role.COUNTY_ADMIN)
    await measure_catalogue(app)
    for side, village in ((A, VILLAGE_A1), (B, VILLAGE_B1)):
        made.household[side] = await paired_household(app, made.cadre[side], village=village)
        photo = jpeg(side)
        made.photo[side] = hashlib.sha256(photo).hexdigest()
        uploaded = await client.put(
            f"/v1/attachments/{made.photo[side]}", content=photo, headers=admin
        )
        assert uploaded.status_code == 201
        made.visit[side] = uuid.uuid4()
        body = visit_body(made.household[side], photo_ids=[made.photo[side]])
        logged = await client.put(f"/v1/visits/{made.visit[side]}", json=body, headers=admin)
        assert logged.status_code == 201, logged.text
        await make_plan_item_and_need(client, made, side)
    return made


async def make_plan_item_and_need(client: httpx.AsyncClient, made: World, side: str) -> None:
    household, admin = made.household[side], made.admin
    planned = await client.put(f"/v1/plans/{household}/2026", json=plan_body(), headers=admin)
    assert planned.status_code == 201, planned.text
    made.item[side] = uuid.uuid4()
    item = await client.put(
        f"/v1/happiness-items/{made.item[side]}", json=item_body(household), headers=admin
    )
    assert item.status_code == 201, item.text
    need = await client.post("/v1/needs", json=need_body(household), headers=admin)
    assert need.status_code == 201, need.text
    made.need[side] = need.json()["id"]


def plan_body() -> dict[str, Any]:
    return {"main_measure": "industry", "goals": "发展食用菌 / mushrooms",
            "insurance": {"insured": False}}  # fmt: skip


def item_body(household_id: uuid.UUID, **fields: Any) -> dict[str, Any]:
    return {"household_id": str(household_id), "category": "subsidy", "title": "产业补助",
            "value": "800.00", "delivered_on": "2026-05-01", "status": "delivered",
            **fields}  # fmt: skip


def need_body(household_id: uuid.UUID) -> dict[str, Any]:
    return {"household_id": str(household_id), "description": "希望参加技能培训"}


Call = Callable[[httpx.AsyncClient, dict[str, str], World, str], Awaitable[Any]]


def listed(key: str) -> Callable[[httpx.Response, World, str], Any]:
    def outcome(response: httpx.Response, world: World, side: str) -> Any:
        if response.status_code != 200:
            return response.status_code
        want = {"id": str(world.visit[side]), "household_id": str(world.household[side]),
                "key": TOWN_A if side == A else TOWN_B}[key]  # fmt: skip
        return LISTED if any(item[key] == want for item in response.json()["items"]) else HIDDEN

    return outcome


async def list_visits(http, headers, world, side):
    return listed("id")(await http.get("/v1/visits", headers=headers), world, side)


async def get_visit(http, headers, world, side):
    return (await http.get(f"/v1/visits/{world.visit[side]}", headers=headers)).status_code


async def create_visit(http, headers, world, side):
    body = visit_body(world.household[side])
    return (await http.put(f"/v1/visits/{uuid.uuid4()}", json=body, headers=headers)).status_code


async def edit_visit(http, headers, world, side):
    # Each caller edits a visit of its own making, so versions never collide between callers.
    visit_id = uuid.uuid4()
    admin_made = await http.put(
        f"/v1/visits/{visit_id}",
        json=visit_body(world.household[side]),
        headers=world.admin,
    )
    assert admin_made.status_code == 201
    body = visit_body(world.household[side], actions_taken="复核 / checked")
    response = await http.put(
        f"/v1/visits/{visit_id}", json=body, headers={**headers, "If-Match": '"1"'}
    )
    return response.status_code


async def schedule(http, headers, world, side):
    return listed("household_id")(await http.get("/v1/schedule", headers=headers), world, side)


async def compliance(http, headers, world, side):
    response = await http.get("/v1/compliance", params={"level": "township"}, headers=headers)
    return listed("key")(response, world, side)


async def upload(http, headers, world, side):
    photo = jpeg("new")
    path = f"/v1/attachments/{hashlib.sha256(photo).hexdigest()}"
    return (await http.put(path, content=photo, headers=headers)).status_code


async def fetch_photo(http, headers, world, side):
    return (await http.get(f"/v1/attachments/{world.photo[side]}", headers=headers)).status_code


async def list_measure_types(http, headers, world, side):
    return (await http.get("/v1/measure-types", headers=headers)).status_code


async def put_measure_type(http, headers, world, side):
    code = f"t{uuid.uuid4().hex[:12]}"
    body = {"name_zh": "光伏收益", "name_en": "solar income", "measure_no": 15}
    return (await http.put(f"/v1/measure-types/{code}", json=body, headers=headers)).status_code


async def list_plans(http, headers, world, side):
    return listed("household_id")(await http.get("/v1/plans", headers=headers), world, side)


async def get_plan(http, headers, world, side):
    path = f"/v1/plans/{world.household[side]}/2026"
    return (await http.get(path, headers=headers)).status_code


_years = iter(range(2030, 2100))  # a year of its own for each plan made by the matrix


async def create_plan(http, headers, world, side):
    path = f"/v1/plans/{world.household[side]}/{next(_years)}"
    return (await http.put(path, json=plan_body(), headers=headers)).status_code


async def edit_plan(http, headers, world, side):
    path = f"/v1/plans/{world.household[side]}/{next(_years)}"
    assert (await http.put(path, json=plan_body(), headers=world.admin)).status_code == 201
    body = {**plan_body(), "goals": "复核 / checked"}
    response = await http.put(path, json=body, headers={**headers, "If-Match": '"1"'})
    return response.status_code


async def list_items(http, headers, world, side):
    response = await http.get("/v1/happiness-items", headers=headers)
    return listed("household_id")(response, world, side)


async def get_item(http, headers, world, side):
    path = f"/v1/happiness-items/{world.item[side]}"
    return (await http.get(path, headers=headers)).status_code


async def create_item(http, headers, world, side):
    body = item_body(world.household[side])
    path = f"/v1/happiness-items/{uuid.uuid4()}"
    return (await http.put(path, json=body, headers=headers)).status_code


async def edit_item(http, headers, world, side):
    path = f"/v1/happiness-items/{uuid.uuid4()}"
    made = await http.put(path, json=item_body(world.household[side]), headers=world.admin)
    assert made.status_code == 201
    body = item_body(world.household[side], status="planned")
    return (await http.put(path, json=body, headers={**headers, "If-Match": '"1"'})).status_code


async def list_needs(http, headers, world, side):
    return listed("household_id")(await http.get("/v1/needs", headers=headers), world, side)


async def get_need(http, headers, world, side):
    return (await http.get(f"/v1/needs/{world.need[side]}", headers=headers)).status_code


async def create_need(http, headers, world, side):
    body = need_body(world.household[side])
    return (await http.post("/v1/needs", json=body, headers=headers)).status_code


async def start_need(http, headers, world, side):
    made = await http.post("/v1/needs", json=need_body(world.household[side]), headers=world.admin)
    path = f"/v1/needs/{made.json()['id']}/start"
    return (await http.post(path, json={}, headers={**headers, "If-Match": '"1"'})).status_code


async def close_need(http, headers, world, side):
    made = await http.post("/v1/needs", json=need_body(world.household[side]), headers=world.admin)
    need = made.json()["id"]
    admin = {**world.admin, "If-Match": '"1"'}
    assert (await http.post(f"/v1/needs/{need}/start", json={}, headers=admin)).status_code == 200
    body = {"note": "已联系人社局安排培训 / training arranged"}
    response = await http.post(
        f"/v1/needs/{need}/close", json=body, headers={**headers, "If-Match": '"2"'}
    )
    return response.status_code


async def list_audit(http, headers, world, side):
    # The county admin logs a visit to the side's household, which the log then holds.
    visit = visit_body(world.household[side])
    await http.put(f"/v1/visits/{uuid.uuid4()}", json=visit, headers=world.admin)
    params = {"household_id": str(world.household[side])}
    response = await http.get("/v1/assistance-audit", params=params, headers=headers)
    return listed("household_id")(response, world, side)


async def feed(http, headers, world, side):
    return (await http.get("/v1/feeds/assistance", headers=headers)).status_code


MATRIX: dict[tuple[str, str], tuple[Call, dict[str, tuple[Any, ...]]]] = {
    ("GET", "/v1/visits"): (list_visits, READ_LIST),
    ("GET", "/v1/visits/{visit_id}"): (get_visit, READ_ONE),
    ("PUT", "/v1/visits/{visit_id}"): (create_visit, CREATE_VISIT),
    ("PUT", "/v1/visits/{visit_id} If-Match"): (edit_visit, EDIT_VISIT),
    ("GET", "/v1/schedule"): (schedule, READ_LIST),
    ("GET", "/v1/compliance"): (compliance, READ_LIST),
    ("PUT", "/v1/attachments/{attachment_id}"): (upload, UPLOAD),
    ("GET", "/v1/attachments/{attachment_id}"): (fetch_photo, READ_ONE),
    ("GET", "/v1/feeds/assistance"): (feed, FEED),
    ("GET", "/v1/measure-types"): (list_measure_types, EVERYONE),
    ("PUT", "/v1/measure-types/{code}"): (put_measure_type, COUNTY_ADMIN_ONLY),
    ("GET", "/v1/plans"): (list_plans, READ_LIST),
    ("GET", "/v1/plans/{household_id}/{year}"): (get_plan, READ_ONE),
    ("PUT", "/v1/plans/{household_id}/{year}"): (create_plan, CREATE_PLAN),
    ("PUT", "/v1/plans/{household_id}/{year} If-Match"): (edit_plan, EDIT_VISIT),
    ("GET", "/v1/happiness-items"): (list_items, READ_LIST),
    ("GET", "/v1/happiness-items/{item_id}"): (get_item, READ_ONE),
    ("PUT", "/v1/happiness-items/{item_id}"): (create_item, CREATE_VISIT),
    ("PUT", "/v1/happiness-items/{item_id} If-Match"): (edit_item, EDIT_VISIT),
    ("GET", "/v1/needs"): (list_needs, READ_LIST),
    ("GET", "/v1/needs/{need_id}"): (get_need, READ_ONE),
    ("POST", "/v1/needs"): (create_need, CREATE_VISIT),
    ("POST", "/v1/needs/{need_id}/start"): (start_need, EDIT_VISIT),
    ("POST", "/v1/needs/{need_id}/close"): (close_need, EDIT_VISIT),
    ("GET", "/v1/assistance-audit"): (list_audit, AUDIT),
}
NOT_IN_MATRIX = {("GET", "/healthz"), ("GET", "/readyz")}


@pytest.mark.smoke
def test_every_endpoint_has_a_row(app):
    declared = {
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    covered = {(method, path.split(" ")[0]) for method, path in MATRIX}
    assert declared - NOT_IN_MATRIX == covered


@pytest.mark.smoke
async def test_the_whole_matrix(client, tokens, world):
    want, got = {}, {}
    for (method, path), (call, rule) in MATRIX.items():
        for caller in CALLERS:
            headers = headers_for(tokens, caller, world)
            for side, outcome in zip((A, B), rule[caller], strict=False):
                cell = (f"{method} {path}", caller, side)
                want[cell] = outcome
                got[cell] = await call(client, headers, world, side)
    wrong = {cell: (got[cell], want[cell]) for cell in want if got[cell] != want[cell]}
    assert wrong == {}, "(got, want) per cell"
