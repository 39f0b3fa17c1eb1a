"""The real processes (registry, assistance, indicators, gateway) as the cross-service tests start
them: each a uvicorn of its own on a free port, on a throw-away database (``fumin_system_<random>``
on PostgreSQL, or SQLite files in the smoke run), with only the settings given here.

``four_processes`` starts and stops the whole system; tests/conftest.py makes its ``system`` and
``gateway`` fixtures from it, tests/test_web_e2e.py and tests/test_province_example.py their own.
A ``clock`` (kit/clock.py: an ISO date-time with offset, stopped there, or an offset like ``+3d``)
sets ``FUMIN_<SERVICE>_CLOCK`` on the services, so month ends and deadlines can be tried here.
"""

import asyncio
import contextlib
import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
import httpx
import pytest

from kit.testing import on_sqlite
from kit.tokens import generate_private_pem

REPO = Path(__file__).resolve().parent.parent
SERVICES_DIR = REPO / "services"
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
READY_SECONDS = 90.0
ADMIN_PASSWORD = "system-test-password"
SERVICES = ("registry", "assistance", "indicators", "gateway")
CLOCKED = ("registry", "assistance", "indicators")  # the gateway keeps no time of its own

# One clock for every clocked service, or a clock per service ("" or absent: the wall clock).
Clock = str | Mapping[str, str]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def clocks_of(clock: Clock) -> dict[str, str]:
    """``FUMIN_<SERVICE>_CLOCK`` per service for a ``clock`` argument."""
    if isinstance(clock, str):
        return dict.fromkeys(CLOCKED, clock) if clock else {}
    return {service: value for service, value in clock.items() if value}


def clock_of(request: pytest.FixtureRequest) -> str:
    """The clock a module's ``clock`` marker names, for its system ("" for the wall clock)."""
    marker = request.node.get_closest_marker("clock")
    return str(marker.args[0]) if marker else ""


@dataclass
class System:
    """The running processes, their addresses and their logs.

    A process is named for its service unless ``apps`` says which service it runs (a second
    indicators, say); ``extra_env`` adds settings to one process; ``clocks`` sets the clock of
    a service's processes (kit/clock.py) from their next start."""

    folder: Path
    database_url: str
    urls: dict[str, str] = field(default_factory=dict)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    apps: dict[str, str] = field(default_factory=dict)
    extra_env: dict[str, dict[str, str]] = field(default_factory=dict)
    clocks: dict[str, str] = field(default_factory=dict)

    def env(self, name: str) -> dict[str, str]:
        # Only what this test sets: nothing FUMIN_* leaks in from the caller's shell.
        env = {k: v for k, v in os.environ.items() if not k.startswith("FUMIN_")}
        env["PYTHONPATH"] = str(SERVICES_DIR)
        service = self.apps.get(name, name)
        prefix = f"FUMIN_{service.upper()}_"
        if service == "gateway":
            for upstream in CLOCKED:
                env[f"{prefix}{upstream.upper()}_URL"] = self.urls[upstream]
            env[f"{prefix}FRONTEND_DIST"] = str(self.folder / "no-dist")
            return env | self.extra_env.get(name, {})
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
            if service == "indicators" and "assistance" in self.urls:  # its second feed
                env[f"{prefix}ASSISTANCE_URL"] = self.urls["assistance"]
        if clock := self.clocks.get(service):
            env[f"{prefix}CLOCK"] = clock
        return env | self.extra_env.get(name, {})

    def log_path(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def start(self, name: str) -> None:
        port = int(self.urls[name].rsplit(":", 1)[1])
        command = [sys.executable, "-m", "uvicorn", "--app-dir", str(SERVICES_DIR), "--factory"]
        app = f"{self.apps.get(name, name)}.app:create_app"
        command += [app, "--host", "127.0.0.1", "--port", str(port)]
        with self.log_path(name).open("ab") as log:  # a restart adds to the log
            self.processes[name] = subprocess.Popen(
                command,
                env=self.env(name),
                cwd=self.folder,  # no stray .env file is read
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, name: str) -> None:
        path = "/healthz" if self.apps.get(name, name) == "gateway" else "/readyz"
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(f"{name} exited while starting")
            with contextlib.suppress(httpx.HTTPError):
                response = httpx.get(self.urls[name] + path, timeout=2, trust_env=False)
                if response.status_code == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{name} not ready after {READY_SECONDS} s")

    def stop(self, name: str) -> None:
        process = self.processes[name]
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)

    def restart_if_stopped(self, name: str) -> None:
        """Start ``name`` again if an earlier test stopped it."""
        if self.processes[name].poll() is not None:
            self.start(name)
            self.wait_ready(name)

    def set_clock(self, clock: Clock) -> None:
        """Restart the clocked services on ``clock``, as if their host's time had moved."""
        self.clocks = clocks_of(clock)
        restarted = [name for name in CLOCKED if name in self.processes]
        for name in restarted:
            self.stop(name)
            self.start(name)
        for name in restarted:
            self.wait_ready(name)

    def stop_all(self) -> None:
        for name in self.processes:
            self.stop(name)

    def print_logs(self) -> None:
        for name in self.processes:
            print(f"----- {name} log -----")
            print(self.log_path(name).read_text(errors="replace")[-20_000:])

    @contextlib.contextmanager
    def explained(self) -> Iterator[None]:
        """On any failure, print every process's log beside it."""
        try:
            yield
        except BaseException:
            self.print_logs()
            raise


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(f"{POSTGRES}/postgres")
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


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


@contextlib.contextmanager
def four_processes(
    folder: Path,
    *,
    clock: Clock = "",
    extra_env: Mapping[str, Mapping[str, str]] | None = None,
) -> Iterator[System]:
    """The four processes on a fresh database, each ready; stopped (and the database dropped)
    after. ``clock`` sets the services' clock, ``extra_env`` adds settings to a process."""
    (folder / "signing.pem").write_text(generate_private_pem())
    with fresh_database() as database_url:
        running = System(folder, database_url, clocks=clocks_of(clock))
        running.urls = {name: f"http://127.0.0.1:{free_port()}" for name in SERVICES}
        running.extra_env = {name: dict(env) for name, env in (extra_env or {}).items()}
        try:
            with running.explained():
                for name in SERVICES:
                    running.start(name)
                for name in SERVICES:
                    running.wait_ready(name)
            yield running
        finally:
            running.stop_all()


def run_cli(
    system: System,
    service: str,
    *args: str,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> None:
    """``python -m <service> <args>`` with the service's settings (and ``env``), as an operator
    runs it; fails with its error output unless it exits 0."""
    done = subprocess.run(
        [sys.executable, "-m", service, *args],
        env=system.env(service) | dict(env or {}),
        cwd=system.folder,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")


def create_admin(system: System) -> None:
    """The first county admin, made as an operator would: ``python -m registry create-admin``."""
    password = {"FUMIN_ADMIN_PASSWORD": ADMIN_PASSWORD}
    run_cli(system, "registry", "create-admin", "admin", env=password, timeout=60)


@contextlib.contextmanager
def gateway_client(system: System) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=system.urls["gateway"], timeout=30, trust_env=False) as client:
        yield client


def token(gateway: httpx.Client, **form: str) -> str:
    response = gateway.post("/api/v1/auth/token", data=form)
    assert response.status_code == 200, response.text
    access_token: str = response.json()["access_token"]
    return access_token


def until(what: str, check: Callable[[], bool], seconds: float = 30.0) -> float:
    """Poll ``check`` until it holds (the services read each other's feeds); answers the
    seconds it took, or fails naming ``what``."""
    began = time.monotonic()
    while time.monotonic() - began < seconds:
        if check():
            return time.monotonic() - began
        time.sleep(0.2)
    raise AssertionError(f"{what}: not seen within {seconds} s")
