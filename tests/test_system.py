"""The four real processes on a fresh database, driven over HTTP through the gateway only.

Runs on PostgreSQL (a throw-away ``fumin_system_<random>`` database) in the full suite, and on
SQLite files in the smoke run.
"""

import asyncio
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx
import pytest

from kit.problems import PROBLEM_JSON
from kit.testing import on_sqlite
from kit.tokens import generate_private_pem
from registry.tests.factories import VILLAGE_A1, household_body

REPO = Path(__file__).resolve().parent.parent
SERVICES_DIR = REPO / "services"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
READY_SECONDS = 90.0
ADMIN_PASSWORD = "system-test-password"

pytestmark = [pytest.mark.system, pytest.mark.smoke]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{POSTGRES}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@dataclass
class System:
    """The running processes, their addresses and their logs."""

    folder: Path
    database_url: str
    urls: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def env(self, service: str) -> dict[str, str]:
        # Only what this test sets: nothing FUMIN_* leaks in from the caller's shell.
        env = {k: v for k, v in os.environ.items() if not k.startswith("FUMIN_")}
        env["PYTHONPATH"] = str(SERVICES_DIR)
        prefix = f"FUMIN_{service.upper()}_"
        if service == "gateway":
            for name in ("registry", "assistance", "indicators"):
                env[f"{prefix}{name.upper()}_URL"] = self.urls[name]
            env[f"{prefix}FRONTEND_DIST"] = str(self.folder / "no-dist")
            return env
        registry = self.urls["registry"]
        env |= {
            f"{prefix}ENVIRONMENT": "test",
            f"{prefix}DATABASE_URL": self.database_url,
            f"{prefix}DATA_DIR": str(self.folder / "data"),
            f"{prefix}MIGRATE_ON_START": "true",
            f"{prefix}JWKS_URL": f"{registry}/.well-known/jwks.json",
            f"{prefix}TOKEN_URL": f"{registry}/v1/auth/token",
        }
        if service == "registry":
            env[f"{prefix}SIGNING_KEY_FILE"] = str(self.folder / "signing.pem")
        else:  # the services that read the registry's feed, polling often to keep tests short
            env[f"{prefix}REGISTRY_URL"] = registry
            env[f"{prefix}FEED_IDLE_SECONDS"] = "0.2"
        return env

    def log_path(self, service: str) -> Path:
        return self.folder / f"{service}.log"

    def start(self, service: str) -> None:
        port = int(self.urls[service].rsplit(":", 1)[1])
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(SERVICES_DIR), "--factory"]
        command += [f"{service}.app:create_app", "--host", "127.0.0.1", "--port", str(port)]
        with self.log_path(service).open("wb") as log:
            self.processes[service] = subprocess.Popen(
                command,
                env=self.env(service),
                cwd=self.folder,  # no stray .env file is read
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, service: str) -> None:
        path = "/healthz" if service == "gateway" else "/readyz"
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.processes[service].poll() is not None:
                raise RuntimeError(f"{service} exited while starting")
            with contextlib.suppress(httpx.HTTPError):
                response = httpx.get(self.urls[service] + path, timeout=2, trust_env=False)
                if response.status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{service} not ready after {READY_SECONDS} s")

    def stop(self, service: str) -> None:
        process = self.processes[service]
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def print_logs(self) -> None:
        for service in self.processes:
            print(f"----- {service} log -----")
            print(self.log_path(service).read_text(errors="replace")[-20_000:])

    @contextlib.contextmanager
    def explained(self) -> Iterator[None]:
        """On any failure, print every process's log beside it."""
        try:
            yield
        except BaseException:
            self.print_logs()
            raise


@contextlib.contextmanager
def fresh_database() -> Iterator[str]:
    """A new PostgreSQL database for this run (dropped after), or "" for SQLite files."""
    if on_sqlite():
        yield ""
        return
    name = f"fumin_system_{secrets.token_hex(4)}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    folder = tmp_path_factory.mktemp("system")
    (folder / "signing.pem").write_text(generate_private_pem())
    with fresh_database() as database_url:
        running = System(folder, database_url)
        for service in ("registry", "assistance", "indicators", "gateway"):
            running.urls[service] = f"http://127.0.0.1:{free_port()}"
        try:
            with running.explained():
                for service in ("registry", "assistance", "indicators", "gateway"):
                    running.start(service)
                for service in running.processes:
                    running.wait_ready(service)
                create_admin(running)
            yield running
        finally:
            for service in running.processes:
                running.stop(service)


def create_admin(system: System) -> None:
    """The first county admin, made as an operator would: ``python -m registry create-admin``."""
    env = system.env("registry") | {"FUMIN_ADMIN_PASSWORD": ADMIN_PASSWORD}
    done = subprocess.run(
        [sys.executable, "-m", "registry", "create-admin", "admin"],
        env=env,
        cwd=system.folder,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")


@pytest.fixture(scope="module")
def gateway(system: System) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=system.urls["gateway"], timeout=30, trust_env=False) as client:
        yield client


def token(gateway: httpx.Client, **form: str) -> str:
    response = gateway.post("/api/v1/auth/token", data=form)
    assert response.status_code == 200, response.text
    access_token: str = response.json()["access_token"]
    return access_token


def test_an_admin_logs_in_and_is_known_through_the_gateway(
    system: System, gateway: httpx.Client
) -> None:
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        me = gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})

        assert me.status_code == 200, me.text
        assert me.json()["roles"] == ["county_admin"]
        assert me.headers["x-request-id"]
        assert me.headers["x-content-type-options"] == "nosniff"


def test_a_service_client_reads_the_registry_feed(system: System, gateway: httpx.Client) -> None:
    with system.explained():
        access = token(
            gateway,
            grant_type="client_credentials",
            client_id="assistance",
            client_secret="dev-assistance-secret",
        )
        feed = gateway.get(
            "/api/v1/feeds/registry",
            params={"limit": 10},
            headers={"Authorization": f"Bearer {access}"},
        )

        assert feed.status_code == 200, feed.text
        assert isinstance(feed.json()["items"], list)
        assert feed.json()["next_cursor"]


def test_the_merged_openapi_lists_every_service(system: System, gateway: httpx.Client) -> None:
    with system.explained():
        document = gateway.get("/api/openapi.json")

        assert document.status_code == 200
        paths = document.json()["paths"]
        for path in [
            "/api/v1/auth/token",
            "/api/v1/households",
            "/api/v1/feeds/registry",
            "/api/v1/feeds/assistance",
            "/api/v1/feeds/indicators",
            "/api/.well-known/jwks.json",
        ]:
            assert path in paths, path
        assert "left out" not in document.json()["info"]["description"]


def _seed_paired_household(
    gateway: httpx.Client, admin: dict[str, str], cadre_id: str, first_sequence: int
) -> str:
    household = gateway.post(
        "/api/v1/households",
        json=household_body(VILLAGE_A1, first_sequence=first_sequence),
        headers=admin,
    )
    assert household.status_code == 201, household.text
    pairing = gateway.post(
        "/api/v1/pairings",
        json={
            "cadre_id": cadre_id,
            "household_id": household.json()["id"],
            "started_on": "2024-01-01",
        },
        headers=admin,
    )
    assert pairing.status_code == 201, pairing.text
    household_id: str = household.json()["id"]
    return household_id


def _wait_for_schedule(gateway: httpx.Client, headers: dict[str, str], expected: set[str]) -> None:
    """Poll assistance (through the gateway) until its schedule lists ``expected``."""
    deadline, seen = time.monotonic() + 30, set()
    while time.monotonic() < deadline:
        page = gateway.get("/api/v1/schedule", headers=headers)
        if page.status_code == 200:
            seen = {item["household_id"] for item in page.json()["items"]}
            if expected <= seen:
                return
        time.sleep(0.3)
    raise AssertionError(f"assistance never caught up: saw {seen}, expected {expected}")


def test_assistance_works_while_the_registry_is_down_and_catches_up_after(
    system: System, gateway: httpx.Client
) -> None:
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        admin = {"Authorization": f"Bearer {access}"}
        for code, name, size in [
            ("331126", "庆元县", None),
            ("331126101", "黄田镇", None),
            (VILLAGE_A1, "黄田村", "large"),
        ]:
            area = {"code": code, "name": name, "edition": 2023, "size_class": size}
            assert gateway.post("/api/v1/areas", json=area, headers=admin).status_code == 201
        department = gateway.post(
            "/api/v1/departments",
            json={"name": "县农业农村局", "area_code": "331126"},
            headers=admin,
        ).json()["id"]
        cadre = gateway.post(
            "/api/v1/cadres",
            json={
                "name": "张帮扶",
                "department_id": department,
                "type": "agri_technician",
                "home_area_code": "331126101",
            },
            headers=admin,
        ).json()["id"]
        user = {
            "username": "zhang",
            "display_name": "张帮扶",
            "roles": ["cadre"],
            "area_code": "331126101",
            "cadre_id": cadre,
            "password": "zhang-password-1",
        }
        assert gateway.post("/api/v1/users", json=user, headers=admin).status_code == 201
        first = _seed_paired_household(gateway, admin, cadre, 101)
        zhang = {
            "Authorization": "Bearer "
            + token(gateway, grant_type="password", username="zhang", password="zhang-password-1")
        }
        _wait_for_schedule(gateway, zhang, {first})

        system.stop("registry")
        visit = {
            "household_id": first,
            "mode": "in_person",
            "occurred_at": datetime.now(UTC).isoformat(),
            "observations": {"income": "毛竹收入稳定"},
        }
        logged = gateway.put(f"/api/v1/visits/{uuid.uuid4()}", json=visit, headers=zhang)
        assert logged.status_code == 201, logged.text
        assert gateway.get("/api/v1/auth/me", headers=admin).status_code == 502

        system.start("registry")
        system.wait_ready("registry")
        second = _seed_paired_household(gateway, admin, cadre, 201)
        _wait_for_schedule(gateway, zhang, {first, second})
        statuses = {
            item["household_id"]: item["status"]
            for item in gateway.get("/api/v1/schedule", headers=zhang).json()["items"]
        }
        assert statuses == {first: "visited", second: "pending"}


def test_a_stopped_service_answers_502_problem(system: System, gateway: httpx.Client) -> None:
    """Runs last in this module: it stops assistance for good."""
    with system.explained():
        access = token(gateway, grant_type="password", username="admin", password=ADMIN_PASSWORD)
        system.stop("assistance")
        visits = gateway.get("/api/v1/visits", headers={"Authorization": f"Bearer {access}"})
        me = gateway.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})

        assert visits.status_code == 502
        assert visits.headers["content-type"] == PROBLEM_JSON
        assert visits.json()["type"] == "/problems/upstream-unavailable"
        assert me.status_code == 200  # the rest of the system carries on
