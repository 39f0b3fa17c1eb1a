"""The small county the cross-service tests make through the gateway, as an admin would: the
county and 黄田镇, a village, a department, cadres and their paired households; and waiting for
assistance to read them from the registry's feed."""

import time

import httpx

from registry.tests.factories import VILLAGE_A1, household_body

Headers = dict[str, str]


def village_and_cadre(
    gateway: httpx.Client, admin: Headers, village: tuple[str, str, str], cadre_name: str
) -> str:
    """The county, 黄田镇, ``village`` (code, name, size) and the county's department, made
    by whichever test runs first, and a new cadre; answers the cadre's id."""
    for code, name, size in [("331126", "庆元县", None), ("331126101", "黄田镇", None), village]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        made = gateway.post("/api/v1/areas", json=area, headers=admin)
        assert made.status_code in (201, 409), made.text
    department = gateway.post(
        "/api/v1/departments", json={"name": "县农业农村局", "area_code": "331126"}, headers=admin
    )
    assert department.status_code in (201, 409), department.text
    made_or_held = department.json()  # a 409 names the department holding the name
    cadre = gateway.post(
        "/api/v1/cadres",
        json={
            "name": cadre_name,
            "department_id": made_or_held.get("id") or made_or_held["holder_id"],
            "type": "agri_technician",
            "home_area_code": "331126101",
        },
        headers=admin,
    )
    assert cadre.status_code == 201, cadre.text
    cadre_id: str = cadre.json()["id"]
    return cadre_id


def paired_household(
    gateway: httpx.Client,
    admin: Headers,
    cadre_id: str,
    first_sequence: int,
    village: str = VILLAGE_A1,
) -> str:
    """A low-income household of ``village`` (its members' ID numbers from ``first_sequence``)
    paired with the cadre since 2024; answers its id."""
    household = gateway.post(
        "/api/v1/households",
        json=household_body(village, first_sequence=first_sequence),
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


def wait_for_schedule(gateway: httpx.Client, headers: Headers, expected: set[str]) -> None:
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
