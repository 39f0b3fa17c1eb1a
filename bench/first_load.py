"""First load of the web app on a weak signal (50 KB/s down, 600 ms latency) in Chromium.

Starts the four processes on a fresh PostgreSQL database serving a build (``FRONTEND_DIST``,
default frontend/dist) through the gateway, seeds a cadre with 30 paired households, and runs
bench/first_load.mjs, which prints the time to the login form and from login to the list.

    PYTHONPATH=services:. .venv/bin/python -m bench.first_load
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import httpx
from tests.county import wait_for_schedule
from tests.processes import ADMIN_PASSWORD, REPO, create_admin, four_processes, token

from registry.tests.factories import VILLAGE_A1, household_body, member_body

DIST = Path(os.environ.get("FRONTEND_DIST", REPO / "frontend" / "dist"))
PASSWORD = "bench-cadre-password"
HOUSEHOLDS = 30


def _bearer(client: httpx.Client, username: str, password: str) -> dict[str, str]:
    access = token(client, grant_type="password", username=username, password=password)
    return {"Authorization": f"Bearer {access}"}


def _created(response: httpx.Response) -> str:
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def seed(client: httpx.Client) -> set[str]:
    """A township, a village, a cadre logging in as ``bench`` with HOUSEHOLDS paired households."""
    admin = _bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        ("331126101", "黄田镇", None),
        (VILLAGE_A1, "黄田村", "large"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code == 201
    department_body = {"name": "县农业农村局", "area_code": "331126"}
    department = _created(client.post("/api/v1/departments", json=department_body, headers=admin))
    cadre = _created(
        client.post(
            "/api/v1/cadres",
            json={
                "name": "测速干部",
                "department_id": department,
                "type": "agri_technician",
                "home_area_code": "331126101",
            },
            headers=admin,
        )
    )
    user = {
        "username": "bench",
        "display_name": "测速干部",
        "roles": ["cadre"],
        "area_code": "331126101",
        "cadre_id": cadre,
        "password": PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    households = set()
    for n in range(HOUSEHOLDS):
        sequence = 101 + 2 * n
        body = household_body(
            VILLAGE_A1,
            first_sequence=sequence,
            address=f"黄田村{n + 1}号",
            members=[member_body("head", sequence, name=f"测试户{n + 1:02d}")],
        )
        household = _created(client.post("/api/v1/households", json=body, headers=admin))
        pairing = {"cadre_id": cadre, "household_id": household, "started_on": "2024-01-01"}
        _created(client.post("/api/v1/pairings", json=pairing, headers=admin))
        households.add(household)
    return households


def main() -> None:
    assert (DIST / "index.html").is_file(), f"no build at {DIST}: npx vite build --outDir …"
    node = shutil.which("node")
    assert node, "node is needed"
    gateway = {
        "FUMIN_GATEWAY_FRONTEND_DIST": str(DIST),
        "FUMIN_GATEWAY_RATE_LIMIT_PER_SECOND": "0",
        "FUMIN_GATEWAY_LOGIN_RATE_LIMIT_PER_SECOND": "0",
        "FUMIN_GATEWAY_LOGIN_NAME_RATE_LIMIT_PER_SECOND": "0",
    }
    with (
        tempfile.TemporaryDirectory() as folder,
        four_processes(Path(folder), extra_env={"gateway": gateway}) as system,
    ):
        create_admin(system)
        with httpx.Client(base_url=system.urls["gateway"], timeout=30) as client:
            households = seed(client)
            wait_for_schedule(client, _bearer(client, "bench", PASSWORD), households)
        env = os.environ | {
            "E2E_BASE_URL": system.urls["gateway"],
            "E2E_USERNAME": "bench",
            "E2E_PASSWORD": PASSWORD,
        }
        subprocess.run([node, str(REPO / "bench" / "first_load.mjs")], env=env, check=True)


if __name__ == "__main__":
    main()
