"""The provincial platform's sync: snapshot, then the feed, ends with exactly the registry.

The client keeps a copy keyed by (aggregate, id) holding the highest version it has seen. It
reads in random-sized pages, keeps nothing between pages but what it saved, sometimes crashes
before saving, while the county keeps writing; its copy must then equal the database.
"""

import json
import random
from collections.abc import Iterable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlmodel import select

from kit.auth import FEEDS_SCOPE, Role
from kit.feed import cursor_seq
from kit.testing import TokenFactory, on_sqlite
from registry.areas import service as areas
from registry.cadres import service as cadres
from registry.demo import load_demo
from registry.departments import service as departments
from registry.entities import service as entities
from registry.households import income_service
from registry.households import service as households
from registry.links.kinds import CADRE_ENTITY, ENTITY_HOUSEHOLD, PAIRING
from registry.models import (
    Area,
    Cadre,
    CadreEntityLink,
    CollectiveIncome,
    Department,
    Entity,
    EntityFigures,
    EntityHouseholdLink,
    Household,
    IncomeRecord,
    Member,
    Pairing,
)
from registry.tests.factories import (
    AREAS,
    COUNTY,
    TOWN_A,
    VILLAGE_A1,
    VILLAGE_B1,
    id_number,
    member_body,
)

FEED = "/v1/feeds/registry"
SNAPSHOTS = "/v1/snapshots"
AGGREGATES = [
    "area",
    "department",
    "cadre",
    "entity",
    "cadre_entity_link",
    "household",
    "income_record",
    "entity_household_link",
    "pairing",
]
DEMO_HOUSEHOLDS = 30
UNMASK = {"unmask": "true", "reason": "同步测试 / sync test"}
PROVINCE_SCOPES = f"{FEEDS_SCOPE} households:read pii:read"

Key = tuple[str, str]
State = dict[Key, tuple[int, dict[str, Any]]]
Copy = dict[Key, tuple[int, dict[str, Any] | None]]  # None: deleted (a tombstone)


def apply(copy: Copy, items: Iterable[dict[str, Any]]) -> None:
    """Keep the highest version of each aggregate: replays and old events change nothing."""
    for item in items:
        key = (item["aggregate"], item["aggregate_id"])
        if key in copy and copy[key][0] >= item["version"]:
            continue
        deleted = str(item.get("type", "")).endswith(".deleted")
        copy[key] = (item["version"], None if deleted else item["data"])


def alive(copy: Copy) -> State:
    return {key: (version, data) for key, (version, data) in copy.items() if data is not None}


async def database(app: FastAPI) -> State:
    """Every aggregate as the ORM holds it now, shaped by each domain's own ``to_public`` (what
    its writes put in their events)."""
    async with app.state.sessionmaker() as session:

        async def every(model: Any) -> list[Any]:
            return list((await session.execute(select(model))).scalars())

        def by(rows: list[Any], attribute: str) -> dict[Any, list[Any]]:
            grouped: dict[Any, list[Any]] = {}
            for row in rows:
                grouped.setdefault(getattr(row, attribute), []).append(row)
            return grouped

        members = by(await every(Member), "household_id")
        incomes = by(await every(CollectiveIncome), "area_code")
        figures = by(await every(EntityFigures), "entity_id")
        state: State = {}
        for area in await every(Area):
            public = areas.to_public(area, incomes.get(area.code, []))
            state[("area", area.code)] = (area.version, public.model_dump(mode="json"))
        shapers: list[tuple[str, Any, Any]] = [
            (departments.AGGREGATE, Department, departments.to_public),
            (cadres.AGGREGATE, Cadre, cadres.state_of),
            (entities.AGGREGATE, Entity, lambda e: entities.to_public(e, figures.get(e.id, []))),
            (
                households.AGGREGATE,
                Household,
                lambda h: households.to_public(h, members.get(h.id, [])),
            ),
            (income_service.AGGREGATE, IncomeRecord, income_service.to_public),
            (CADRE_ENTITY.aggregate, CadreEntityLink, CADRE_ENTITY.to_public),
            (
                ENTITY_HOUSEHOLD.aggregate,
                EntityHouseholdLink,
                ENTITY_HOUSEHOLD.to_public,
            ),
            (PAIRING.aggregate, Pairing, PAIRING.to_public),
        ]
        for aggregate, model, shape in shapers:
            for row in await every(model):
                state[(aggregate, str(row.id))] = (row.version, shape(row).model_dump(mode="json"))
    return state


# --- the county writing while the province reads ----------------------------------------------


class County:
    """Writes through the API as a county admin, picked at random from what exists."""

    def __init__(self, app: FastAPI, http: httpx.AsyncClient, tokens: TokenFactory) -> None:
        self.app, self.http, self.rng = app, http, random.Random(7)
        self.admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
        self.sequence = 500
        self.created: list[str] = []

    async def ids(self, model: Any) -> list[Any]:
        async with self.app.state.sessionmaker() as session:
            return list((await session.execute(select(model))).scalars())

    async def call(self, method: str, url: str, ok: set[int], **kwargs: Any) -> httpx.Response:
        headers = {**self.admin, **kwargs.pop("headers", {})}
        response = await self.http.request(method, url, headers=headers, **kwargs)
        assert response.status_code in ok, (url, response.text)
        return response

    async def new_household(self) -> None:
        village = self.rng.choice([a.code for a in await self.ids(Area) if a.level == "village"])
        self.sequence += 2
        head = member_body(
            "head", name="新户主", id_number=id_number(birth="19700101", sequence=self.sequence)
        )
        body = {"village_code": village, "category": "small_farmer", "members": [head]}
        created = await self.call("POST", "/v1/households", {201}, json=body)
        self.created.append(created.json()["id"])

    async def delete_household(self) -> None:
        if self.created:
            household_id = self.created.pop(self.rng.randrange(len(self.created)))
            url = f"/v1/households/{household_id}"
            etag = {"If-Match": (await self.call("GET", url, {200})).headers["etag"]}
            # 409 while income records refer to it: those are kept, and so is the household.
            await self.call("DELETE", url, {204, 409}, headers=etag)

    async def edit_household(self) -> None:
        household = self.rng.choice(await self.ids(Household))
        url = f"/v1/households/{household.id}"
        shown = (await self.call("GET", url, {200}, params=UNMASK)).json()
        body = {
            key: shown[key]
            for key in ("village_code", "category", "low_income_subtype", "monitoring_type")
        }
        members = [
            {key: m[key] for key in ("id", "name", "id_number", "relation", "resident")}
            | {key: m[key] for key in ("labour_ability", "health", "employment")}
            for m in shown["members"]
        ]
        body |= {"address": f"同步路{self.rng.randrange(1000)}号", "members": members}
        etag = {"If-Match": f'"{shown["version"]}"'}
        await self.call("PUT", url, {200}, json=body, headers=etag)

    async def income(self) -> None:
        household = self.rng.choice(await self.ids(Household))
        period = self.rng.choice(["2026Q4", "2027Q1"])
        url = f"/v1/households/{household.id}/income-records/{period}"
        current = await self.http.get(url, headers=self.admin)
        if current.status_code == 200 and self.rng.random() < 0.5:
            etag = {"If-Match": current.headers["etag"]}
            await self.call("DELETE", url, {204}, headers=etag)
            return
        body = {
            "wage_income": f"{self.rng.randrange(1000, 9000)}.00",
            "operating_income": "0.00",
            "property_income": "0.00",
            "transfer_income": "100.00",
            "resident_count": 2,
        }
        etag = {"If-Match": current.headers["etag"]} if current.status_code == 200 else {}
        await self.call("PUT", url, {200, 201}, json=body, headers=etag)

    async def figures(self) -> None:
        entity = self.rng.choice(await self.ids(Entity))
        body = {"jobs_created": self.rng.randrange(50)}
        etag = {"If-Match": f'"{entity.version}"'}
        await self.call(
            "PUT", f"/v1/entities/{entity.id}/figures/2026", {200}, json=body, headers=etag
        )

    async def collective_income(self) -> None:
        area = self.rng.choice([a for a in await self.ids(Area) if a.level == "village"])
        body = {"operating_income": f"{self.rng.randrange(10, 99)}000.00"}
        url = f"/v1/areas/{area.code}/collective-income/2026"
        await self.call("PUT", url, {200}, json=body, headers={"If-Match": f'"{area.version}"'})

    async def end_pairing(self) -> None:
        active = [p for p in await self.ids(Pairing) if p.ended_on is None]
        if active:
            pairing = self.rng.choice(active)
            url = f"/v1/pairings/{pairing.id}/end"
            body = {"ended_on": "2026-06-30"}
            await self.call(
                "POST", url, {200}, json=body, headers={"If-Match": f'"{pairing.version}"'}
            )

    async def write(self, count: int) -> None:
        actions = [
            self.new_household,
            self.delete_household,
            self.edit_household,
            self.income,
            self.figures,
            self.collective_income,
            self.end_pairing,
        ]
        for _ in range(count):
            await self.rng.choice(actions)()


# --- the province reading -----------------------------------------------------------------------


class Province:
    """A client whose only memory between pages is what it saved (JSON, as a file would hold)."""

    def __init__(self, app: FastAPI, headers: dict[str, str], seed: int) -> None:
        self.app, self.headers, self.rng = app, headers, random.Random(seed)
        self.saved = json.dumps({"cursor": None, "copy": []})
        self.crashes = 0

    def load(self) -> tuple[str | None, Copy]:
        saved = json.loads(self.saved)
        return saved["cursor"], {(a, i): (v, d) for a, i, v, d in saved["copy"]}

    def save(self, cursor: str, copy: Copy) -> None:
        rows = [[a, i, v, d] for (a, i), (v, d) in copy.items()]
        self.saved = json.dumps({"cursor": cursor, "copy": rows})

    async def one_page(self) -> int:
        """Start afresh from what was saved, read one page, apply it, save (or crash first)."""
        cursor, copy = self.load()
        transport = httpx.ASGITransport(app=self.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            params: dict[str, Any] = {"limit": self.rng.randint(1, 37)}
            if cursor is not None:
                params["after"] = cursor
            response = await http.get(FEED, params=params, headers=self.headers)
        assert response.status_code == 200, response.text
        page = response.json()
        apply(copy, page["items"])
        if self.rng.random() < 0.15:
            self.crashes += 1  # applied but never saved: the next start reads it again
            return len(page["items"])
        self.save(page["next_cursor"], copy)
        return len(page["items"])

    async def snapshot(self, http: httpx.AsyncClient, county: County) -> None:
        """The first load: every aggregate's snapshot (the county writing between pages), then
        the feed's position to resume at."""
        copy: Copy = {}
        positions: list[str] = []
        for aggregate in AGGREGATES:
            cursor = None
            first = len(positions)
            while True:
                await county.write(self.rng.randint(0, 1))
                params: dict[str, Any] = {"limit": self.rng.randint(1, 50)}
                if cursor:
                    params["cursor"] = cursor
                url = f"{SNAPSHOTS}/{aggregate}"
                response = await http.get(url, params=params, headers=self.headers)
                assert response.status_code == 200, response.text
                page = response.json()
                apply(copy, page["items"])
                positions.append(page["feed_position"])
                if page["next_cursor"] is None:
                    break
                cursor = page["next_cursor"]
            assert len(set(positions[first:])) == 1, "one position through an aggregate's pages"
        # Each aggregate's pages carry the position of its first page; the earliest is safe
        # for all (older positions only replay more).
        self.save(min(positions, key=_seq), copy)


def _seq(position: str) -> int:
    return cursor_seq(position)


async def follow_while(county: County, province: Province, writes: int) -> None:
    """The county writes ``writes`` times; between writes the province reads a page or two."""
    for _ in range(writes):
        await county.write(1)
        for _ in range(county.rng.randint(0, 2)):
            await province.one_page()


@pytest.fixture
async def demo(app, client):
    await load_demo(app, households=DEMO_HOUSEHOLDS)


@pytest.mark.skipif(on_sqlite(), reason="the interleaved writes are checked on PostgreSQL")
async def test_a_client_reading_the_feed_with_interruptions_ends_with_the_database(
    app, client, tokens, demo
):
    county = County(app, client, tokens)
    province = Province(app, tokens.headers(Role.MACHINE, area="", scopes=PROVINCE_SCOPES), 11)

    await follow_while(county, province, writes=60)
    await drain(province)

    assert province.crashes > 0
    assert alive(province.load()[1]) == await database(app)


@pytest.mark.skipif(on_sqlite(), reason="the interleaved writes are checked on PostgreSQL")
async def test_a_snapshot_then_the_feed_from_its_position_ends_with_the_database(
    app, client, tokens, demo
):
    county = County(app, client, tokens)
    await county.write(20)  # history before the snapshot, some of it deleted
    province = Province(app, tokens.headers(Role.MACHINE, area="", scopes=PROVINCE_SCOPES), 5)

    await province.snapshot(client, county)
    await county.write(10)
    await drain(province)

    assert alive(province.load()[1]) == await database(app)


async def drain(province: Province) -> None:
    """Read until a saved page comes back empty: the client has caught up."""
    while True:
        before = province.load()[0]
        count = await province.one_page()
        if count == 0 and province.load()[0] == before and before is not None:
            return


# --- what each client may see ------------------------------------------------------------------


async def a_household(
    client: httpx.AsyncClient, admin: dict[str, str], village: str, sequence: int = 151
) -> str:
    head = member_body("head", sequence, name="吴建国")
    body = {"village_code": village, "category": "low_income", "members": [head]}
    body |= {"low_income_subtype": "subsistence", "phone": "13812341234"}
    response = await client.post("/v1/households", json=body, headers=admin)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def households_in(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["aggregate_id"]: i["data"] for i in items if i["aggregate"] == "household"}


@pytest.mark.smoke
async def test_clients_see_only_what_their_scopes_and_area_cover(client, areas, admin, tokens):
    in_a = await a_household(client, admin, VILLAGE_A1)
    elsewhere = await a_household(client, admin, VILLAGE_B1, 153)
    machine = Role.MACHINE

    async def both(scopes: str, area: str = COUNTY) -> tuple[dict[str, Any], httpx.Response]:
        headers = tokens.headers(machine, area=area, scopes=scopes)
        feed = await client.get(FEED, headers=headers)
        assert feed.status_code == 200, feed.text
        snapshot = await client.get(f"{SNAPSHOTS}/household", headers=headers)
        return households_in(feed.json()["items"]), snapshot

    # feeds:read opens the feed; its registry events need households:read too.
    shown, snapshot = await both(FEEDS_SCOPE)
    assert shown == {} and snapshot.status_code == 403
    assert snapshot.json()["scope"] == "households:read"
    no_feeds = tokens.headers(machine, area=COUNTY, scopes="households:read")
    snapshot = await client.get(f"{SNAPSHOTS}/household", headers=no_feeds)
    assert snapshot.status_code == 403 and snapshot.json()["scope"] == FEEDS_SCOPE

    shown, snapshot = await both(f"{FEEDS_SCOPE} households:read", area=TOWN_A)
    assert set(shown) == {in_a} and set(households_in(snapshot.json()["items"])) == {in_a}
    for data in (shown[in_a], households_in(snapshot.json()["items"])[in_a]):
        assert data["phone"] == "138****1234"
        assert data["members"][0]["id_number"].count("*") == 10

    shown, snapshot = await both(PROVINCE_SCOPES)
    assert set(shown) == {in_a, elsewhere}
    whole = households_in(snapshot.json()["items"])
    assert (
        whole[in_a]["phone"] == "13812341234" and "*" not in whole[in_a]["members"][0]["id_number"]
    )


@pytest.mark.smoke
async def test_snapshots_are_for_services_and_clients_only_and_refuse_bad_input(
    client, areas, admin, tokens
):
    await a_household(client, admin, VILLAGE_A1)
    service = tokens.headers(Role.SERVICE)

    assert (await client.get(f"{SNAPSHOTS}/household", headers=admin)).status_code == 403
    assert (await client.get(f"{SNAPSHOTS}/household")).status_code == 401
    page = await client.get(f"{SNAPSHOTS}/household", headers=service)
    assert page.status_code == 200 and len(page.json()["items"]) == 1
    assert page.json()["next_cursor"] is None and page.json()["feed_position"]
    areas_page = (await client.get(f"{SNAPSHOTS}/area", headers=service)).json()
    assert len(areas_page["items"]) == len(AREAS)  # rows as they stand, events or not

    unknown = await client.get(f"{SNAPSHOTS}/visit", headers=service)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "aggregate"
    bad = await client.get(f"{SNAPSHOTS}/household", params={"cursor": "nope"}, headers=service)
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "cursor"
