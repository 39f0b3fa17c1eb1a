"""A small demo county for the local run: three townships, their villages, departments, cadres,
entities, households with members and income, the links between them, and a login per role.

It is loaded through the registry's own HTTP API (in process), so every rule, version and event
applies to it exactly as to data a user types in. The full-size generator is a separate tool.
"""

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx
from fastapi import FastAPI

from kit.auth import Role
from kit.tokens import issue

DEMO_PASSWORD = "fumin-demo-2026"
COUNTY = ("331126", "庆元县")
TOWNSHIPS = [
    (
        "331126001",
        "松源街道",
        [("331126001201", "五都村", "large"), ("331126001202", "会溪村", "medium")],
    ),
    (
        "331126101",
        "黄田镇",
        [("331126101201", "黄田村", "medium"), ("331126101202", "桥头村", "small")],
    ),
    (
        "331126201",
        "隆宫乡",
        [("331126201201", "隆宫村", "small"), ("331126201202", "黄坑村", "small")],
    ),
]
DEPARTMENTS = ["县农业农村局", "县委农办", "县林业局", "县市场监管局"]
SURNAMES = "吴叶周陈刘李王张杨胡林毛季范姚"
GIVEN = [
    "建国",
    "秀英",
    "志明",
    "丽华",
    "德福",
    "春梅",
    "永强",
    "桂芳",
    "海军",
    "美玲",
    "金水",
    "玉兰",
]
INDUSTRIES = ["edible_fungi", "bamboo", "citrus", "herbs", "chestnut", "tea", "highland_vegetables"]
ENTITY_KINDS = [
    ("香菇家庭农场", "family_farm", {"quality_grade": "county"}),
    ("锥栗专业合作社", "cooperative", {}),
    ("农机服务社", "social_service", {}),
    ("食用菌有限公司", "leading_enterprise", {"enterprise_level": "city"}),
    ("山居民宿", "farm_stay", {}),
    ("电商服务站", "e_commerce", {}),
]
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


@dataclass
class Demo:
    api: httpx.AsyncClient
    rng: random.Random

    async def call(self, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
        response = await self.api.request(method, url, **kwargs)
        if response.status_code >= 400:
            raise RuntimeError(f"{method} {url}: {response.status_code} {response.text}")
        body: dict[str, Any] = response.json()
        return body


def id_number(rng: random.Random, birth_year: int, male: bool) -> str:
    birth = date(birth_year, rng.randint(1, 12), rng.randint(1, 28)).strftime("%Y%m%d")
    sequence = rng.randrange(1, 499) * 2 + (1 if male else 0)
    body = f"331126{birth}{sequence:03d}"
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


async def load_demo(app: FastAPI) -> bool:
    """Load the demo county unless it is there already; answers whether it loaded."""
    token = issue(
        app.state.signing_key,
        {
            "sub": "demo-loader",
            "iss": app.state.settings.token_issuer,
            "aud": app.state.settings.token_audience,
            "roles": [Role.COUNTY_ADMIN],
            "area": "",
        },
        600,
    )
    transport = httpx.ASGITransport(app=app)
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://registry", headers=headers
    ) as api:
        if (await api.get(f"/v1/areas/{COUNTY[0]}")).status_code == 200:
            return False
        demo = Demo(api, random.Random(331126))
        await _areas(demo)
        departments = [
            (await demo.call("POST", "/v1/departments", json={"name": n, "area_code": COUNTY[0]}))[
                "id"
            ]
            for n in DEPARTMENTS
        ]
        cadres = await _cadres(demo, departments)
        entities = await _entities(demo)
        households = await _households(demo)
        await _links(demo, cadres, entities, households)
        await _users(demo, cadres)
    return True


async def _areas(demo: Demo) -> None:
    await demo.call(
        "POST", "/v1/areas", json={"code": COUNTY[0], "name": COUNTY[1], "edition": 2023}
    )
    for code, name, villages in TOWNSHIPS:
        await demo.call("POST", "/v1/areas", json={"code": code, "name": name, "edition": 2023})
        for village_code, village_name, size in villages:
            await demo.call(
                "POST",
                "/v1/areas",
                json={
                    "code": village_code,
                    "name": village_name,
                    "edition": 2023,
                    "size_class": size,
                },
            )
            for year in (2025, 2026):
                income = demo.rng.choice(["150000.00", "230000.00", "520000.00", "90000.00"])
                await demo.call(
                    "PUT",
                    f"/v1/areas/{village_code}/collective-income/{year}",
                    json={"operating_income": income},
                )


async def _cadres(demo: Demo, departments: list[str]) -> list[dict[str, Any]]:
    cadres = []
    kinds = ["township_staff", "agri_technician", "science_envoy", "first_secretary"]
    for index, (township, _name, _villages) in enumerate(TOWNSHIPS * 2):
        body = {
            "name": person(demo.rng),
            "phone": f"138{demo.rng.randrange(10**8):08d}",
            "department_id": departments[index % len(departments)],
            "type": kinds[index % len(kinds)],
            "skills": demo.rng.sample(["食用菌栽培", "电商", "茶叶", "农机", "中药材", "民宿"], 2),
            "home_area_code": township,
        }
        cadres.append(await demo.call("POST", "/v1/cadres", json=body))
    return cadres


async def _entities(demo: Demo) -> list[dict[str, Any]]:
    entities = []
    villages = [v for _code, _name, vs in TOWNSHIPS for v in vs]
    for index, (suffix, kind, extra) in enumerate(ENTITY_KINDS):
        village_code, village_name, _size = villages[index % len(villages)]
        body = {
            "name": f"庆元县{village_name}{suffix}",
            "type": kind,
            "village_code": village_code,
            "industry": INDUSTRIES[index % len(INDUSTRIES)],
            "cultivated_year": 2022 + index % 4,
            "nhl_member": index % 2 == 0,
            **extra,
        }
        entity = await demo.call("POST", "/v1/entities", json=body)
        await demo.call(
            "PUT",
            f"/v1/entities/{entity['id']}/figures/2025",
            json={
                "jobs_created": 5 + index,
                "online_sales": f"{120000 + index * 35000}.00",
                "members": 10 + index * 3,
                "farmers_linked": 20 + index * 4,
            },
        )
        entities.append(entity)
    return entities


async def _households(demo: Demo) -> list[dict[str, Any]]:
    households = []
    rng = demo.rng
    for _township, _name, villages in TOWNSHIPS:
        for village_code, village_name, _size in villages:
            for number in range(4):
                low_income = number % 2 == 0
                members = [_member(rng, "head", 1960 + rng.randrange(20))]
                members.append(_member(rng, "spouse", 1962 + rng.randrange(20)))
                if number != 3:
                    members.append(_member(rng, "child", 1990 + rng.randrange(15)))
                body = {
                    "village_code": village_code,
                    "category": "low_income" if low_income else "small_farmer",
                    "low_income_subtype": "subsistence" if low_income else None,
                    "address": f"{village_name}{number + 1}号",
                    "phone": f"139{rng.randrange(10**8):08d}",
                    "members": members,
                    "category_changed_on": "2022-03-01",
                }
                household = await demo.call("POST", "/v1/households", json=body)
                await _income(demo, household, low_income, len(members))
                households.append(household)
    return households


def _member(rng: random.Random, relation: str, birth_year: int) -> dict[str, Any]:
    male = relation == "head" or (relation != "spouse" and rng.random() < 0.5)
    return {
        "name": person(rng),
        "id_number": id_number(rng, birth_year, male),
        "relation": relation,
        "resident": True,
        "labour_ability": "able" if birth_year > 1965 else "weak",
        "health": rng.choice(["healthy", "healthy", "chronic_illness"]),
        "employment": rng.choice(["employed", "farming", "self_employed"]),
    }


async def _income(demo: Demo, household: dict[str, Any], low_income: bool, residents: int) -> None:
    yearly = demo.rng.randrange(30000, 60000) if low_income else demo.rng.randrange(90000, 220000)
    for year, growth in ((2025, 1.0), (2026, 1.14)):
        for quarter in (1, 2, 3, 4):
            if (year, quarter) == (2026, 4):
                break
            total = int(yearly * growth * quarter / 4)
            parts = {
                "wage_income": f"{total * 55 // 100}.00",
                "operating_income": f"{total * 25 // 100}.00",
                "property_income": f"{total * 5 // 100}.00",
                "transfer_income": f"{total - total * 85 // 100}.00",
                "resident_count": residents,
            }
            await demo.call(
                "PUT",
                f"/v1/households/{household['id']}/income-records/{year}Q{quarter}",
                json=parts,
            )


async def _links(
    demo: Demo,
    cadres: list[dict[str, Any]],
    entities: list[dict[str, Any]],
    households: list[dict[str, Any]],
) -> None:
    for cadre, entity in zip(cadres, entities, strict=False):
        await demo.call(
            "POST",
            "/v1/cadre-entity-links",
            json={"cadre_id": cadre["id"], "entity_id": entity["id"], "started_on": "2022-06-01"},
        )
    for index, household in enumerate(households):
        entity = entities[index % len(entities)]
        await demo.call(
            "POST",
            "/v1/entity-household-links",
            json={
                "entity_id": entity["id"],
                "household_id": household["id"],
                "mode": ["cooperative", "employment", "order_farming"][index % 3],
                "started_on": "2022-07-01",
            },
        )
        if household["category"] == "low_income":
            township = household["village_code"][:9]
            local = [c for c in cadres if c["home_area_code"] == township]
            await demo.call(
                "POST",
                "/v1/pairings",
                json={
                    "cadre_id": local[index % len(local)]["id"],
                    "household_id": household["id"],
                    "started_on": "2022-04-01",
                },
            )


async def _users(demo: Demo, cadres: list[dict[str, Any]]) -> None:
    users: list[dict[str, Any]] = [
        {
            "username": "admin",
            "display_name": "县农业农村局管理员",
            "roles": [Role.COUNTY_ADMIN],
            "area_code": COUNTY[0],
        },
        {
            "username": "leader",
            "display_name": "县领导",
            "roles": [Role.LEADER],
            "area_code": COUNTY[0],
        },
        {
            "username": "huangtian",
            "display_name": "黄田镇干部",
            "roles": [Role.TOWNSHIP_OFFICER],
            "area_code": "331126101",
        },
    ]
    first_cadre = next(c for c in cadres if c["home_area_code"] == "331126101")
    users.append(
        {
            "username": "cadre",
            "display_name": first_cadre["name"],
            "roles": [Role.CADRE],
            "area_code": COUNTY[0],
            "cadre_id": first_cadre["id"],
        }
    )
    for user in users:
        await demo.call("POST", "/v1/users", json={**user, "password": DEMO_PASSWORD})
