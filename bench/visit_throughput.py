"""Visits logged at 50 concurrent clients, through the gateway and straight to assistance.

Starts registry, assistance and the gateway as real processes (uvicorn, one worker each, as the
Procfile runs them) on a throwaway PostgreSQL database (``fumin_bench_<hex>``, dropped at the
end), seeds one township through the registry API (``--cadres`` cadres with ``--households``
paired households each), waits until assistance's registry copy has them all, then runs the
same load twice per round, alternating which goes first:

- ``gateway``: ``PUT /api/v1/visits/{new uuid}`` on the gateway (rate limit turned off);
- ``direct``: ``PUT /v1/visits/{new uuid}`` on the assistance service.

Each client is one cadre (a token minted with the registry's signing key) logging new visits to
its own households back to back. It prints visits/s and p50/p95/p99 latency per target.

    PYTHONPATH=services .venv/bin/python -m bench.visit_throughput --help
"""

import argparse
import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from bench.feed_throughput import percentile, scratch_database
from kit.tokens import generate_private_pem, issue, signing_key_from_pem

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432"
TOWN, VILLAGE = "331126101", "331126101201"
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def id_number(sequence: int) -> str:
    """A valid GB 11643 number, unique per ``sequence`` (birth day and sequence vary)."""
    day, rest = divmod(sequence, 999)
    body = f"331126{19700101 + day % 28:08d}{rest + 1:03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


@dataclass
class Processes:
    folder: Path
    database_url: str
    urls: dict[str, str] = field(default_factory=dict)
    running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    feed_idle_seconds: float = 0.2  # short, so seeding is quick; the services' default is 2 s

    def env(self, service: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FUMIN_")}
        env["PYTHONPATH"] = str(REPO / "services")
        prefix = f"FUMIN_{service.upper()}_"
        if service == "gateway":
            for name in ("registry", "assistance", "indicators"):
                env[f"{prefix}{name.upper()}_URL"] = self.urls[name]
            env[f"{prefix}FRONTEND_DIST"] = str(self.folder / "no-dist")
            env[f"{prefix}RATE_LIMIT_PER_SECOND"] = "0"
            env[f"{prefix}LOG_LEVEL"] = "WARNING"
            return env
        registry = self.urls["registry"]
        env |= {
            f"{prefix}ENVIRONMENT": "test",
            f"{prefix}DATABASE_URL": self.database_url,
            f"{prefix}DATA_DIR": str(self.folder / "data"),
            f"{prefix}JWKS_URL": f"{registry}/.well-known/jwks.json",
            f"{prefix}TOKEN_URL": f"{registry}/v1/auth/token",
            f"{prefix}REGISTRY_URL": registry,
            f"{prefix}FEED_IDLE_SECONDS": str(self.feed_idle_seconds),
            f"{prefix}LOG_LEVEL": "WARNING",
        }
        if service == "indicators" and "assistance" in self.urls:  # its second feed
            env[f"{prefix}ASSISTANCE_URL"] = self.urls["assistance"]
        if service == "registry":
            env[f"{prefix}SIGNING_KEY_FILE"] = str(self.folder / "signing.pem")
        return env

    def start(self, service: str) -> None:
        port = self.urls[service].rsplit(":", 1)[1]
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(REPO / "services")]
        command += ["--factory", f"{service}.app:create_app", "--port", port, "--no-access-log"]
        log = (self.folder / f"{service}.log").open("wb")
        self.running[service] = subprocess.Popen(
            command, env=self.env(service), cwd=self.folder, stdout=log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, service: str) -> None:
        path = "/healthz" if service == "gateway" else "/readyz"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.running[service].poll() is not None:
                raise RuntimeError(f"{service} exited; see {self.folder / service}.log")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.urls[service] + path, timeout=2, trust_env=False).is_success:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{service} not ready")

    def stop_all(self) -> None:
        for process in self.running.values():
            process.terminate()
        for process in self.running.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@contextlib.contextmanager
def processes(folder: Path, database_url: str) -> Iterator[Processes]:
    running = Processes(folder, database_url)
    for service in ("registry", "assistance", "indicators", "gateway"):
        running.urls[service] = f"http://127.0.0.1:{free_port()}"
    try:
        # Registry first: it migrates its schema and creates the assistance client.
        for service in ("registry", "assistance", "gateway"):
            running.start(service)
            running.wait_ready(service)
        yield running
    finally:
        running.stop_all()


class Tokens:
    """Tokens signed with the registry's own key, as its login would issue them."""

    def __init__(self, pem: str) -> None:
        self.key = signing_key_from_pem(pem)

    def headers(self, roles: list[str], **claims: Any) -> dict[str, str]:
        body = {
            "sub": str(uuid.uuid4()),
            "iss": "fumin-registry",
            "aud": "fumin",
            "roles": roles,
            "area": "",
            **claims,
        }
        return {"Authorization": f"Bearer {issue(self.key, body, 3600)}"}


async def seed(
    http: httpx.AsyncClient, admin: dict[str, str], cadres: int, households: int
) -> dict[str, list[str]]:
    """One county, township and village; cadres each paired to ``households`` households.
    Answers cadre id → its household ids."""

    async def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await http.post(path, json=body, headers=admin)
        if response.status_code != 201:
            raise RuntimeError(f"{path}: {response.status_code} {response.text}")
        result: dict[str, Any] = response.json()
        return result

    for code, name, size in [("331126", "庆元县", None), (TOWN, "黄田镇", None)]:
        await post("/v1/areas", {"code": code, "name": name, "edition": 2023, "size_class": size})
    await post(
        "/v1/areas", {"code": VILLAGE, "name": "黄田村", "edition": 2023, "size_class": "large"}
    )
    department = (await post("/v1/departments", {"name": "县农业农村局", "area_code": "331126"}))[
        "id"
    ]
    paired: dict[str, list[str]] = {}
    sequence = 0
    for n in range(cadres):
        cadre = await post(
            "/v1/cadres",
            {
                "name": f"帮扶干部{n}",
                "department_id": department,
                "type": "agri_technician",
                "home_area_code": TOWN,
            },
        )
        paired[cadre["id"]] = []
        for _ in range(households):
            sequence += 1
            head = {
                "name": f"户主{sequence}",
                "id_number": id_number(sequence),
                "relation": "head",
                "resident": True,
                "labour_ability": "able",
                "health": "healthy",
                "employment": "farming",
            }
            household = await post(
                "/v1/households",
                {
                    "village_code": VILLAGE,
                    "category": "low_income",
                    "low_income_subtype": "subsistence",
                    "latitude": 27.6185,
                    "longitude": 119.062,
                    "members": [head],
                },
            )
            await post(
                "/v1/pairings",
                {
                    "cadre_id": cadre["id"],
                    "household_id": household["id"],
                    "started_on": "2024-01-01",
                },
            )
            paired[cadre["id"]].append(household["id"])
    return paired


async def wait_for_copy(http: httpx.AsyncClient, admin: dict[str, str], expected: int) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        response = await http.get("/v1/schedule", params={"limit": 500}, headers=admin)
        if response.is_success and len(response.json()["items"]) >= expected:
            return
        await asyncio.sleep(0.5)
    raise RuntimeError("assistance never caught up with the registry feed")


@dataclass
class Run:
    target: str
    round: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)


async def load(
    base_url: str,
    path: str,
    cadres: dict[str, list[str]],
    tokens: Tokens,
    seconds: float,
    target: str,
) -> Run:
    run = Run(target)
    limits = httpx.Limits(max_connections=len(cadres), max_keepalive_connections=len(cadres))
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=60, trust_env=False
    ) as http:
        deadline = time.perf_counter() + seconds

        async def client(cadre_id: str, households: list[str]) -> None:
            headers = tokens.headers(["cadre"], cadre_id=cadre_id)
            n = 0
            while time.perf_counter() < deadline:
                body = {
                    "household_id": households[n % len(households)],
                    "mode": "in_person",
                    "occurred_at": datetime.now(UTC).isoformat(),
                    "latitude": 27.6186,
                    "longitude": 119.0621,
                    "observations": {"income": "毛竹收入稳定", "housing": "无变化"},
                    "needs_raised": ["食用菌技术培训"],
                    "actions_taken": "讲解医保报销流程",
                }
                n += 1
                started = time.perf_counter()
                response = await http.put(f"{path}/{uuid.uuid4()}", json=body, headers=headers)
                elapsed = time.perf_counter() - started
                if response.status_code == 201:
                    run.latencies.append(elapsed)
                else:
                    run.errors[response.status_code] = run.errors.get(response.status_code, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(client(c, h) for c, h in cadres.items()))
        run.seconds = time.perf_counter() - started
    return run


def report(runs: list[Run]) -> Iterator[str]:
    yield "target   round  visits  visits/s  p50 ms  p95 ms  p99 ms  errors"
    for run in runs:
        lat = run.latencies
        yield (
            f"{run.target:<7}  {run.round:>5}  {len(lat):>6}  {len(lat) / run.seconds:>8.0f}"
            f"  {percentile(lat, 50) * 1000:>6.1f}  {percentile(lat, 95) * 1000:>6.1f}"
            f"  {percentile(lat, 99) * 1000:>6.1f}  {run.errors or '-'}"
        )


async def server_facts(server: str) -> str:
    conn = await asyncpg.connect(f"{server}/postgres")
    try:
        version = await conn.fetchval("SHOW server_version")
        sync = await conn.fetchval("SHOW synchronous_commit")
    finally:
        await conn.close()
    return f"PostgreSQL {version}, synchronous_commit={sync}, {os.cpu_count()} CPUs"


async def bench(args: argparse.Namespace) -> None:
    async with scratch_database(args.server) as database:
        url = f"{args.server.replace('postgresql://', 'postgresql+asyncpg://')}/{database}"
        with tempfile.TemporaryDirectory(prefix="fumin-bench-") as tmp:
            folder = Path(tmp)
            pem = generate_private_pem()
            (folder / "signing.pem").write_text(pem)
            tokens = Tokens(pem)
            with processes(folder, url) as running:
                admin = tokens.headers(["county_admin"])
                async with httpx.AsyncClient(
                    base_url=running.urls["registry"], timeout=30, trust_env=False
                ) as registry:
                    cadres = await seed(registry, admin, args.clients, args.households)
                async with httpx.AsyncClient(
                    base_url=running.urls["assistance"], timeout=30, trust_env=False
                ) as assistance:
                    await wait_for_copy(assistance, admin, args.clients * args.households)
                print(f"{database}: {await server_facts(args.server)}")
                print(
                    f"{args.clients} clients (one cadre each, {args.households} households), "
                    f"{args.seconds:g} s per run after {args.warmup:g} s warm-up; "
                    "one uvicorn worker per service; latency = request sent to response read"
                )
                targets = {
                    "gateway": (running.urls["gateway"], "/api/v1/visits"),
                    "direct": (running.urls["assistance"], "/v1/visits"),
                }
                runs = []
                for round_ in range(args.rounds):
                    order = list(targets) if round_ % 2 == 0 else list(reversed(targets))
                    for target in order:
                        base, path = targets[target]
                        await load(base, path, cadres, tokens, args.warmup, target)
                        run = await load(base, path, cadres, tokens, args.seconds, target)
                        run.round = round_ + 1
                        runs.append(run)
                runs.sort(key=lambda r: (r.target, r.round))
                for line in report(runs):
                    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default=DEFAULT_SERVER, help="PostgreSQL server URL")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (cadres)")
    parser.add_argument("--households", type=int, default=4, help="households per cadre")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each run")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up before each run")
    parser.add_argument("--rounds", type=int, default=2, help="runs per target, alternating")
    asyncio.run(bench(parser.parse_args()))


if __name__ == "__main__":
    main()
