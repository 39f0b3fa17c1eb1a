"""Household search at scale: GET /v1/households latency per kind of search, on N households.

Builds a throwaway PostgreSQL database (``fumin_bench_<hex>``, dropped at the end), migrates the
registry schema, loads ``--households`` households with their members (``registry.demo.
copy_households`` when it exists, else this file's own COPY loader), ANALYZEs, then times
``--searches`` requests per kind through the real endpoint in-process (httpx.ASGITransport, real
RS256 tokens): exact name, name prefix, whole ID number, village + category, flags, and a
township officer's scoped search. Prints p50/p95/max per kind and the plan of the slowest kind.

    PYTHONPATH=services .venv/bin/python -m bench.household_search --help
"""

import argparse
import asyncio
import inspect
import math
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.feed_throughput import DEFAULT_SERVER, percentile, scratch_database, server_facts
from kit import migrations
from kit.auth import Role
from kit.db import make_engine
from kit.pagination import DEFAULT_LIMIT
from kit.testing import TokenFactory
from kit.tokens import generate_private_pem
from registry import demo
from registry.app import MIGRATIONS, create_app
from registry.settings import RegistrySettings

SCHEMA = "registry"
CHUNK = 20_000  # households per COPY transaction

# Surnames roughly by frequency nationally, with Qingyuan's common ones (吴 叶 周 ...) weighted up.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤季柳"
)
LOCAL = "吴叶周陈刘李王张杨胡林毛季范姚"
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉金水德福春梅永海美玲小文斌"
    "宇浩鹏飞辉俊峰林琴云燕慧丹荣新宏亮晓彬佳雪梦婷欣怡子涵雨轩思远博振东立成家和祥瑞根土松"
)
RELATIONS = ("spouse", "child", "child", "parent", "grandchild", "sibling")
SUBTYPES = ("subsistence", "near_subsistence", "destitute", "expenditure_hardship", "other")
MONITORING = ("unstable", "marginal", "sudden_hardship")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
FIRST_BIRTH = date(1930, 1, 1)
BIRTH_DAYS = (date(2015, 12, 31) - FIRST_BIRTH).days
ID_SPACE = BIRTH_DAYS * 1000  # (birth day, sequence) pairs; member k gets pair (k * STRIDE) mod
ID_STRIDE = 1_000_003  # ID_SPACE, a bijection since the stride is prime to it: unique numbers


# ---------------------------------------------------------------------------- the loader


@dataclass
class Counts:
    households: int = 0
    members: int = 0
    pairings: int = 0
    links: int = 0
    villages: int = 0


def surname(rng: random.Random) -> str:
    # A third of the people carry one of the local surnames; the rest follow the national list,
    # front-weighted (a few surnames cover most people).
    if rng.random() < 0.33:
        return rng.choice(LOCAL)
    return SURNAMES[min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)]


def given_name(rng: random.Random) -> str:
    size = 1 if rng.random() < 0.3 else 2
    return "".join(rng.choice(GIVEN) for _ in range(size))


def resident_id(k: int) -> tuple[str, date, str]:
    """Member k's ID number (valid GB 11643, unique per k), birth date and sex."""
    pair = k * ID_STRIDE % ID_SPACE
    born = FIRST_BIRTH + timedelta(days=pair // 1000)
    body = f"331126{born:%Y%m%d}{pair % 1000:03d}"
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]
    return body + check, born, "male" if int(body[16]) % 2 else "female"


def area_rows(households: int) -> list[tuple[Any, ...]]:
    """One county, townships of 25 villages, about 1,500 households per village."""
    now = datetime.now(UTC)
    villages = max(3, households // 1500)
    rows: list[tuple[Any, ...]] = [("331126", "庆元县", "county", None, 2023, None, 1, now)]
    for t in range(math.ceil(villages / 25)):
        township = f"331126{101 + t:03d}"
        rows.append((township, f"第{t + 1}镇", "township", "331126", 2023, None, 1, now))
        for v in range(min(25, villages - t * 25)):
            code = f"{township}{201 + v:03d}"
            rows.append(
                (code, f"第{t + 1}镇{v + 1}村", "village", township, 2023, "medium", 1, now)
            )
    return rows


@dataclass
class Loader:
    conn: asyncpg.Connection
    rng: random.Random
    villages: list[str]
    cadres: list[uuid.UUID] = field(default_factory=list)
    entities: list[uuid.UUID] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    async def copy(self, table: str, rows: list[tuple[Any, ...]], columns: list[str]) -> None:
        await self.conn.copy_records_to_table(
            table, records=rows, columns=columns, schema_name=SCHEMA
        )

    async def people_and_entities(self, households: int) -> None:
        self.cadres = [uuid.uuid4() for _ in range(max(10, households // 60))]
        cadre_rows = [
            (c, 1, self.now, self.now, surname(self.rng) + given_name(self.rng), "township_staff",
             "[]", self.rng.choice(self.villages)[:9], True)
            for c in self.cadres
        ]  # fmt: skip
        await self.copy(
            "cadre",
            cadre_rows,
            ["id", "version", "created_at", "updated_at", "name", "type", "skills",
             "home_area_code", "active"],
        )  # fmt: skip
        self.entities = [uuid.uuid4() for _ in range(max(5, households // 200))]
        entity_rows = [
            (e, 1, self.now, self.now, f"庆元县{n}号家庭农场", "family_farm",
             self.rng.choice(self.villages), "edible_fungi", "active", "none", False)
            for n, e in enumerate(self.entities)
        ]  # fmt: skip
        await self.copy(
            "entity",
            entity_rows,
            ["id", "version", "created_at", "updated_at", "name", "type", "village_code",
             "industry", "status", "quality_grade", "nhl_member"],
        )  # fmt: skip

    def household(self, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        rng, now = self.rng, self.now
        household_id = uuid.uuid4()
        low_income = rng.random() < 0.15
        subtype = rng.choice(SUBTYPES) if low_income else None
        monitoring = (
            rng.choice(MONITORING) if rng.random() < (0.2 if low_income else 0.02) else None
        )
        rows["household"].append(
            (household_id, 1, now, now, rng.choice(self.villages),
             "low_income" if low_income else "small_farmer", subtype, monitoring, "")
        )  # fmt: skip
        family = surname(rng)
        size = rng.choices((1, 2, 3, 4, 5, 6), weights=(15, 25, 25, 20, 10, 5))[0]
        for position in range(size):
            relation = "head" if position == 0 else RELATIONS[min(position - 1, 5)]
            name = (surname(rng) if relation in ("spouse", "parent") else family) + given_name(rng)
            number, born, sex = resident_id(self.counts.members)
            self.counts.members += 1
            rows["member"].append(
                (uuid.uuid4(), household_id, position, name, number, born, sex, relation, True,
                 "able", "healthy", "farming")
            )  # fmt: skip
        if low_income and rng.random() < 0.95:
            rows["pairing"].append(
                (uuid.uuid4(), 1, now, now, date(2024, 1, 1), None, rng.choice(self.cadres),
                 household_id)
            )  # fmt: skip
        if rng.random() < 0.08:
            rows["entity_household_link"].append(
                (uuid.uuid4(), 1, now, now, date(2024, 3, 1), None, rng.choice(self.entities),
                 household_id, "employment")
            )  # fmt: skip

    async def households(self, total: int) -> None:
        link = ["id", "version", "created_at", "updated_at", "started_on", "ended_on"]
        columns = {
            "household": ["id", "version", "created_at", "updated_at", "village_code",
                          "category", "low_income_subtype", "monitoring_type", "address"],
            "member": ["id", "household_id", "position", "name", "id_number", "birth_date",
                       "sex", "relation", "resident", "labour_ability", "health", "employment"],
            "pairing": [*link, "cadre_id", "household_id"],
            "entity_household_link": [*link, "entity_id", "household_id", "mode"],
        }  # fmt: skip
        for first in range(0, total, CHUNK):
            rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in columns}
            for _ in range(min(CHUNK, total - first)):
                self.household(rows)
            async with self.conn.transaction():
                for table, table_rows in rows.items():
                    await self.copy(table, table_rows, columns[table])
            self.counts.households += len(rows["household"])
            self.counts.pairings += len(rows["pairing"])
            self.counts.links += len(rows["entity_household_link"])


async def own_copy_loader(dsn: str, households: int, seed: int) -> Counts:
    """This bench's own loader: areas, cadres, entities, households, members, pairings, links."""
    conn = await asyncpg.connect(dsn)
    try:
        # Rows are consistent by construction: skip the per-row foreign key triggers.
        await conn.execute("SET session_replication_role = replica")
        areas = area_rows(households)
        villages = [row[0] for row in areas if row[2] == "village"]
        loader = Loader(conn, random.Random(seed), villages)
        await loader.copy(
            "area",
            areas,
            ["code", "name", "level", "parent_code", "edition", "size_class", "version",
             "updated_at"],
        )  # fmt: skip
        await loader.people_and_entities(households)
        await loader.households(households)
        loader.counts.villages = len(villages)
        return loader.counts
    finally:
        await conn.close()


async def load(url: str, dsn: str, households: int, seed: int) -> str:
    """Load with registry.demo.copy_households if it exists, else with this file's loader."""
    copy_households = getattr(demo, "copy_households", None)
    if copy_households is not None:
        result = copy_households(url, households, seed)
        if inspect.isawaitable(result):
            await result
        return "registry.demo.copy_households"
    counts = await own_copy_loader(dsn, households, seed)
    return (
        f"bench's own COPY loader: {counts.households} households, {counts.members} members, "
        f"{counts.pairings} active pairings, {counts.links} entity links, "
        f"{counts.villages} villages"
    )


# ---------------------------------------------------------------------------- the searches


@dataclass
class Search:
    params: dict[str, Any]
    officer_area: str | None = None  # searched as this township's officer, else county admin


@dataclass
class Kind:
    name: str
    searches: list[Search]
    latencies: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


async def sample(conn: asyncpg.Connection, query: str, count: int) -> list[Any]:
    return [row[0] for row in await conn.fetch(query, count)]


async def build_kinds(dsn: str, count: int, seed: int) -> list[Kind]:
    """Search terms drawn from the loaded data, so each kind finds what real users would."""
    rng = random.Random(seed + 1)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        members = await conn.fetch(
            "SELECT name, id_number FROM member TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT $1",
            count,
        )
        if len(members) < count:  # a small load: sample the whole table
            members = await conn.fetch(
                "SELECT name, id_number FROM member ORDER BY random() LIMIT $1", count
            )
        villages = await sample(
            conn, "SELECT code FROM area WHERE level = 'village' ORDER BY random() LIMIT $1", 500
        )
        townships = await sample(
            conn, "SELECT code FROM area WHERE level = 'township' ORDER BY random() LIMIT $1", 500
        )
    finally:
        await conn.close()
    names = [m["name"] for m in members]
    pick = rng.choice
    return [
        Kind("exact name", [Search({"name": n}) for n in names]),
        Kind("name prefix (2 chars)", [Search({"name": n[:2] + "*"}) for n in names]),
        Kind("whole ID number", [Search({"id_number": m["id_number"]}) for m in members]),
        Kind(
            "village + category",
            [Search({"village": pick(villages), "category": "low_income"}) for _ in names],
        ),
        Kind(
            "low-income + paired",
            [
                Search({"category": "low_income", "has_pairing": "true", "village": v[:9]})
                if i % 2
                else Search({"category": "low_income", "has_pairing": "true"})
                for i, v in enumerate(pick(villages) for _ in names)
            ],
        ),
        Kind(
            "officer: name prefix",
            [Search({"name": n[:2] + "*"}, officer_area=pick(townships)) for n in names],
        ),
    ]


async def time_kinds(
    url: str, kinds: list[Kind], warmup: int, on_execute: Callable[..., None] | None = None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        key_file = Path(folder) / "signing.pem"
        key_file.write_text(generate_private_pem())
        settings = RegistrySettings(
            environment="test",
            database_url=url,
            data_dir=Path(folder),
            migrate_on_start=False,
            jwks_url="",
            signing_key_file=key_file,
        )
        app = create_app(settings)
        if on_execute is not None:
            event.listen(app.state.engine.sync_engine, "before_cursor_execute", on_execute)
        tokens = TokenFactory(app.state.signing_key, settings.token_issuer, settings.token_audience)
        admin = tokens.headers(Role.COUNTY_ADMIN, area="331126", ttl=3600)
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
                for kind in kinds:
                    for n, search in enumerate(kind.searches[:warmup] + kind.searches):
                        headers = admin
                        if search.officer_area:
                            headers = tokens.headers(
                                Role.TOWNSHIP_OFFICER, area=search.officer_area, ttl=3600
                            )
                        started = time.perf_counter()
                        response = await http.get(
                            "/v1/households", params=search.params, headers=headers
                        )
                        elapsed = time.perf_counter() - started
                        if response.status_code != 200:
                            raise SystemExit(f"{search.params}: {response.status_code}")
                        if n >= warmup:
                            kind.latencies.append(elapsed)
                            kind.rows.append(len(response.json()["items"]))
        finally:
            await app.state.engine.dispose()


def report(kinds: list[Kind]) -> Iterator[str]:
    yield (
        f"{'kind':<22}  {'n':>4}  {'p50 ms':>7}  {'p95 ms':>7}  {'max ms':>7}"
        f"  rows/page min/avg/max (limit {DEFAULT_LIMIT})"
    )
    for kind in kinds:
        ms = [t * 1000 for t in kind.latencies]
        yield (
            f"{kind.name:<22}  {len(ms):>4}  {percentile(ms, 50):>7.1f}  {percentile(ms, 95):>7.1f}"
            f"  {max(ms):>7.1f}  {min(kind.rows)}/{sum(kind.rows) / len(kind.rows):.1f}"
            f"/{max(kind.rows)}"
        )


async def explain(url: str, dsn: str, kind: Kind) -> Iterator[str]:
    """Re-run the kind's slowest search, catching the SQL it sends, and EXPLAIN ANALYZE that."""
    slowest = max(range(len(kind.latencies)), key=kind.latencies.__getitem__)
    search = kind.searches[slowest]
    statements: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        members_of = "WHERE member.household_id IN" in statement  # the page's members, not search
        if not members_of and ("FROM member" in statement or "household.village_code" in statement):
            statements.append((statement, parameters))

    await time_kinds(url, [Kind(kind.name, [search])], warmup=0, on_execute=catch)
    lines = [f"plan of the slowest {kind.name!r} search {search.params}"]
    if search.officer_area:
        lines[0] += f" as officer of {search.officer_area}"
    conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
    try:
        for statement, parameters in statements:
            plan = await conn.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", *parameters)
            lines.append("  " + " ".join(statement.split())[:300])
            lines += ["    " + row[0][:200] for row in plan]
    finally:
        await conn.close()
    return iter(lines)


async def run(args: argparse.Namespace) -> None:
    async with scratch_database(args.server) as database:
        dsn = f"{args.server}/{database}"
        url = dsn.replace("postgresql://", "postgresql+asyncpg://")
        engine: AsyncEngine = make_engine(url, schema=SCHEMA)
        try:
            await migrations.upgrade(engine, MIGRATIONS, SCHEMA)
            print(f"{database}: {await server_facts(engine)}")
        finally:
            await engine.dispose()
        started = time.perf_counter()
        loaded_by = await load(url, dsn, args.households, args.seed)
        loaded_in = time.perf_counter() - started
        print(f"load: {args.households} households in {loaded_in:.1f} s ({loaded_by})")
        started = time.perf_counter()
        conn = await asyncpg.connect(dsn, server_settings={"search_path": SCHEMA})
        try:
            await conn.execute("VACUUM ANALYZE")
        finally:
            await conn.close()
        print(f"VACUUM ANALYZE: {time.perf_counter() - started:.1f} s")
        kinds = await build_kinds(dsn, args.searches, args.seed)
        await time_kinds(url, kinds, args.warmup)
        print(
            f"{args.searches} searches per kind after {args.warmup} warm-up, one at a time, "
            "through GET /v1/households (ASGI in-process, first page, members included)"
        )
        for line in report(kinds):
            print(line)
        slowest = max(kinds, key=lambda k: percentile(k.latencies, 95))
        for line in await explain(url, dsn, slowest):
            print(line)
        if args.explain_all:
            for kind in kinds:
                if kind is not slowest:
                    for line in await explain(url, dsn, kind):
                        print(line)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.household_search", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--households", type=int, default=1_000_000, help="households to load")
    parser.add_argument("--searches", type=int, default=200, help="timed searches per kind")
    parser.add_argument("--warmup", type=int, default=10, help="untimed searches per kind first")
    parser.add_argument("--seed", type=int, default=331126, help="random seed of the data")
    parser.add_argument(
        "--explain-all", action="store_true", help="print every kind's slowest plan"
    )
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server, no db name")
    return parser.parse_args(argv)


def main() -> None:
    asyncio.run(run(parse_args()))


if __name__ == "__main__":
    main()
