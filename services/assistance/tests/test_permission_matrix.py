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

from assistance.tests.seeds import TOWN_A, TOWN_B, VILLAGE_A1, VILLAGE_B1, paired_household
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


def headers_for(tokens: Any, caller: str, world: World) -> dict[str, str]:
    cadre_a = world.cadre[A]
    return {
        "county_admin": lambda: tokens.headers(Role.COUNTY_ADMIN),
        "township_officer": lambda: tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A),
        "cadre": lambda: tokens.headers(Role.CADRE, cadre_id=cadre_a),
        "leader": lambda: tokens.headers(Role.LEADER),
        "machine": lambda: tokens.headers(Role.MACHINE, scopes=FEEDS_SCOPE),
        "service": lambda: tokens.headers(Role.SERVICE),
        "officer_cadre": lambda: tokens.headers(
            Role.TOWNSHIP_OFFICER, Role.CADRE, area=TOWN_A, cadre_id=cadre_a
        ),
        "anonymous": lambda: {},
    }[caller]()


def visit_body(household_id: uuid.UUID, **fields: Any) -> dict[str, Any]:
    occurred = (datetime.now(UTC) - timedelta(hours=2)).isoformat()
    return {"household_id": str(household_id), "mode": "phone", "occurred_at": occurred, **fields}


def jpeg(tag: str) -> bytes:
    return b"\xff\xd8\xff\xe0" + tag.encode() + uuid.uuid4().bytes


@pytest.fixture
async def world(app, client, tokens) -> World:
    made = World()
    admin = made.admin = tokens.headers(Role.COUNTY_ADMIN)
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
    return made


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
