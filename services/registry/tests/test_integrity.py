"""Integrity (issue 14, class 11): what is stored is what it claims to be — no NUL characters (on
SQLite too), no blank or invisible names, no ID number from a made-up area, no "1e5" money; and a
cadre's phone held in another township neither blocks an import nor is told."""

from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from kit.auth import Role
from registry import identity
from registry.areas.schemas import AreaCreate
from registry.cadres.schemas import CadreIn
from registry.clients.schemas import ClientCreate
from registry.departments.schemas import DepartmentIn
from registry.entities.schemas import EntityCreate
from registry.households.schemas import CategoryChangeCreate, MemberIn
from registry.models import Cadre, Department
from registry.reconciliations.schemas import ApplyForm
from registry.tests.factories import TOWN_A, TOWN_B, household_body, id_number, member_body
from registry.tests.link_seeds import entity_body
from registry.tests.test_imports_kinds import cadre_row, upload
from registry.users.schemas import UserIn

ZERO_WIDTH = "\u200b\u200c\u200d\ufeff"
BLANK_NAMES = ["", "   ", ZERO_WIDTH, "\u3000\u3000", "\u3164\u3164", "\u2800", " \u200b\t"]


def field_errors(response) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json().get("errors", [])}


# --- NUL characters and money written as scientific notation (fixed in the kit) ---------------


@pytest.mark.smoke
async def test_a_nul_in_a_name_is_refused_on_every_store_and_nothing_is_written(
    client, areas, admin
):
    body = household_body(address="黄田村\x001号")
    response = await client.post("/v1/households", json=body, headers=admin)

    assert response.status_code == 422, response.text
    listed = await client.get("/v1/households", headers=admin)
    assert listed.json()["items"] == []


@pytest.mark.smoke
@pytest.mark.parametrize("amount", ["1e5", "1E5", "NaN", "Infinity", "0x10", "1_000"])
async def test_money_is_a_plain_decimal(client, areas, officer, amount):
    entity = await client.post("/v1/entities", json=entity_body(), headers=officer)
    url = f"/v1/entities/{entity.json()['id']}/figures/2025"
    response = await client.put(url, json={"online_sales": amount}, headers=officer)
    assert response.status_code == 422, response.text
    assert "online_sales" in field_errors(response)


# --- names: blank or invisible is no name ------------------------------------------------------

NAME_FIELDS: list[tuple[type[BaseModel], str]] = [
    (MemberIn, "name"),
    (CadreIn, "name"),
    (EntityCreate, "name"),
    (AreaCreate, "name"),
    (DepartmentIn, "name"),
    (UserIn, "display_name"),
    (ClientCreate, "name"),
    (CategoryChangeCreate, "reason"),
    (ApplyForm, "reason"),
]


def field_type(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[arg-type]


@pytest.mark.parametrize(("model", "name"), NAME_FIELDS)
@pytest.mark.parametrize("blank", BLANK_NAMES)
def test_every_name_refuses_blank_and_invisible_only(model, name, blank):
    with pytest.raises(ValidationError):
        field_type(model, name).validate_python(blank)


@pytest.mark.parametrize(("model", "name"), NAME_FIELDS)
def test_names_are_stored_without_invisible_ends(model, name):
    assert field_type(model, name).validate_python(f"\u200b 吴建国\u3000{ZERO_WIDTH}") == "吴建国"


@pytest.mark.smoke
async def test_a_member_named_only_zero_width_spaces_is_refused(client, areas, admin):
    body = household_body()
    body["members"][1] = member_body("spouse", 102, name=ZERO_WIDTH)
    response = await client.post("/v1/households", json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert "members.1.name" in field_errors(response)


async def test_blank_names_are_refused_through_the_api(client, areas, admin, officer):
    for url, body, headers in [
        ("/v1/departments", {"name": "\u3000", "area_code": TOWN_A}, admin),
        ("/v1/entities", entity_body(name=ZERO_WIDTH), officer),
    ]:
        response = await client.post(url, json=body, headers=headers)
        assert response.status_code == 422, (url, response.text)
        assert "name" in field_errors(response)


# --- ID numbers from a real area -----------------------------------------------------------


@pytest.mark.parametrize("area", ["000000", "990101", "001126", "330000", "110000"])
def test_an_id_number_from_no_real_county_is_refused(area):
    with pytest.raises(identity.IdNumberError, match="area code"):
        identity.parse(id_number(area=area))


@pytest.mark.parametrize("area", ["331126", "110101", "650102", "810000", "830000"])
def test_id_numbers_of_real_areas_and_residence_permits_are_taken(area):
    assert identity.parse(id_number(area=area)).number.startswith(area)


@pytest.mark.smoke
async def test_a_household_with_region_000000_is_refused(client, areas, admin):
    body = household_body()
    body["members"][0] = member_body("head", 101, id_number=id_number(area="000000"))
    response = await client.post("/v1/households", json=body, headers=admin)
    assert response.status_code == 422, response.text
    assert "members.0.id_number" in field_errors(response)


# --- cadre phones: another township's cadres neither block nor leak -------------------------


async def test_a_phone_held_in_another_township_does_not_block_an_import(
    app, client, tokens, areas
):
    phone = "13912345678"
    async with app.state.sessionmaker.begin() as session:
        session.add(Department(name="黄田镇人民政府", area_code=TOWN_A))
        for name in ("隆宫甲", "隆宫乙"):  # two cadres of the other township share the number
            session.add(Cadre(name=name, phone=phone, type="township_staff", home_area_code=TOWN_B))
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)

    dry = await upload(client, officer, "cadres", [cadre_row("周明", phone)], dry_run=True)
    assert dry.status_code == 200, dry.text
    [row] = dry.json()["rows"]
    assert row["action"] == "create", row
    assert "隆宫" not in dry.text and "outside" not in dry.text and "share" not in dry.text

    done = await upload(client, officer, "cadres", [cadre_row("周明", phone)], dry_run=False)
    assert done.json()["rows"][0]["action"] == "create", done.text
    # Imported again, the row finds the officer's own cadre (and only it): unchanged.
    again = await upload(client, officer, "cadres", [cadre_row("周明", phone)], dry_run=True)
    assert again.json()["rows"][0]["action"] == "unchanged", again.text
