"""The integration guide's worked example (docs/examples/province_sync.py) run as the province
would run it: a separate process, against the real processes, through the gateway only. The
county admin loads the demo county and registers the client over the admin API; the example's
copy must then equal the registry's database, and again after a write and a resumed run.

Runs on PostgreSQL in the full suite and on SQLite files in the smoke run, like test_system.
"""

import asyncio
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from registry.app import create_app
from registry.demo.logins import DEMO_PASSWORD
from registry.settings import RegistrySettings
from registry.tests.factories import household_body
from registry.tests.test_province_sync import database
from tests.processes import REPO, System, four_processes, gateway_client, run_cli, token

EXAMPLE = REPO / "docs" / "examples" / "province_sync.py"
DEMO_HOUSEHOLDS = 20
SCOPES = ["feeds:read", "households:read", "pii:read"]

pytestmark = [pytest.mark.system, pytest.mark.smoke]


def seed_demo(system: System) -> None:
    """The demo county, loaded as `make demo` does (``python -m registry seed-demo``), with
    its logins (the county admin among them)."""
    run_cli(system, "registry", "seed-demo", "--households", str(DEMO_HOUSEHOLDS))


def run_example(system: System, client: dict[str, Any], state: Path) -> dict[str, Any]:
    command = [sys.executable, str(EXAMPLE), "--base-url", system.urls["gateway"] + "/api"]
    command += ["--client-id", client["client_id"], "--client-secret", client["client_secret"]]
    done = subprocess.run(
        [*command, "--state", str(state)],
        cwd=system.folder,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def the_copy(state: Path) -> dict[str, Any]:
    """The example's saved copy: every record not deleted, keyed ``aggregate/id``."""
    records = json.loads(state.read_text())["records"]
    return {key: r["data"] for key, r in records.items() if not r["deleted"]}


def the_registry(system: System) -> dict[str, Any]:
    """Every aggregate as the registry's database holds it now (read in-process, not via HTTP)."""
    settings = RegistrySettings(
        environment="test",
        database_url=system.database_url,
        data_dir=system.folder / "data",
        signing_key_file=system.folder / "signing.pem",
        jwks_url="",
    )

    async def read() -> dict[str, Any]:
        app = create_app(settings)
        try:
            state = await database(app)
        finally:
            await app.state.engine.dispose()
        return {f"{aggregate}/{key}": data for (aggregate, key), (_, data) in state.items()}

    return asyncio.run(read())


@pytest.fixture(scope="module")
def demo_system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    """The four processes (tests/processes.py) on a database holding the demo county."""
    with four_processes(tmp_path_factory.mktemp("province")) as running:
        with running.explained():
            seed_demo(running)
        yield running


@pytest.fixture(scope="module")
def demo_gateway(demo_system: System) -> Iterator[httpx.Client]:
    with gateway_client(demo_system) as client:
        yield client


def test_the_guide_s_example_keeps_a_copy_of_the_demo_county(
    demo_system: System, demo_gateway: httpx.Client
) -> None:
    with demo_system.explained():
        access = token(
            demo_gateway, grant_type="password", username="admin", password=DEMO_PASSWORD
        )
        admin = {"Authorization": f"Bearer {access}"}
        body = {"name": "浙江省农民增收平台", "area_code": "331126", "scopes": SCOPES}
        registered = demo_gateway.post("/api/v1/clients", json=body, headers=admin)
        assert registered.status_code == 201, registered.text
        state = demo_system.folder / "province_copy.json"

        first = run_example(demo_system, registered.json(), state)
        assert first["records"]["household"] == DEMO_HOUSEHOLDS
        assert the_copy(state) == the_registry(demo_system)

        created = demo_gateway.post("/api/v1/households", json=household_body(), headers=admin)
        assert created.status_code == 201, created.text
        again = run_example(demo_system, registered.json(), state)  # resumes from its cursor
        assert again["records"]["household"] == DEMO_HOUSEHOLDS + 1
        assert the_copy(state) == the_registry(demo_system)
