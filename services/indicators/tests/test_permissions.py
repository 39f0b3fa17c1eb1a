"""Who may call which indicators endpoint: every /v1/ endpoint is listed here with the roles
that may use it; the others get 403. (Scope — 404 outside one's area — is tested per domain.)"""

import uuid
from datetime import date

import pytest

from indicators.tests.events import (
    COUNTY,
    TOWN_A,
    TOWN_B,
    VILLAGE_A1,
    cadre,
    county,
    department,
    household,
    income,
    pairing,
    sync,
)

ALL = {"county_admin", "township_officer", "cadre", "leader", "machine"}
ADMIN = {"county_admin"}
EXPLAINERS = {"county_admin", "township_officer"}
HANDLERS = {"county_admin", "township_officer", "cadre"}
NO_ALERT = uuid.UUID(int=1)
Q = f"area={COUNTY}&period=2025Q1"

# (method, path as published, url called, json body, roles allowed)
ROWS = [
    ("GET", "/v1/indicators", "/v1/indicators", None, ALL),
    ("GET", "/v1/indicator-values", f"/v1/indicator-values?indicator=I01_rural_income&{Q}",
     None, ALL),
    ("GET", "/v1/indicator-values/{indicator}/{area}/{period}/members",
     f"/v1/indicator-values/I01_rural_income/{COUNTY}/2025Q1/members", None, EXPLAINERS),
    ("GET", "/v1/reported-values", "/v1/reported-values", None, ALL),
    ("PUT", "/v1/reported-values/{indicator}/{measure}/{area}/{period}",
     f"/v1/reported-values/I02_urban_rural_ratio/urban_income/{COUNTY}/2025",
     {"value": "60000", "source": "县统计局", "reported_on": "2026-01-20"}, ADMIN),
    ("GET", "/v1/targets", f"/v1/targets?{Q}", None, ALL),
    ("GET", "/v1/targets/template.{fmt}", "/v1/targets/template.csv", None, ADMIN),
    ("PUT", "/v1/targets/{indicator}/{measure}/{area}/{period}",
     f"/v1/targets/I01_rural_income/per_capita/{TOWN_A}/2025Q1", {"value": "9000"}, ADMIN),
    ("DELETE", "/v1/targets/{indicator}/{measure}/{area}/{period}",
     f"/v1/targets/I01_rural_income/per_capita/{TOWN_A}/2025Q1", None, ADMIN),
    ("GET", "/v1/periods/default", f"/v1/periods/default?area={COUNTY}", None, ALL),
    ("GET", "/v1/progress", f"/v1/progress?table=farmer_income&area={COUNTY}&year=2025", None, ALL),
    ("GET", "/v1/rankings", f"/v1/rankings?indicator=I01_rural_income&{Q}", None, ALL),
    ("GET", "/v1/ranking-sets", "/v1/ranking-sets", None, ALL),
    ("PUT", "/v1/ranking-sets/{code}", "/v1/ranking-sets/kh",
     {"name": "考核", "items": [{"indicator": "I01_rural_income", "measure": "per_capita",
                                 "weight": "1"}]}, ADMIN),
    ("GET", "/v1/exports/indicator-values.{fmt}",
     f"/v1/exports/indicator-values.csv?indicator=I01_rural_income&{Q}", None, ALL),
    ("GET", "/v1/exports/progress.{fmt}",
     f"/v1/exports/progress.csv?table=low_income&area={COUNTY}&year=2025", None, ALL),
    ("GET", "/v1/exports/rankings.{fmt}",
     f"/v1/exports/rankings.csv?indicator=I01_rural_income&{Q}", None, ALL),
    ("GET", "/v1/alerts", "/v1/alerts", None, HANDLERS),
    ("GET", "/v1/alerts/{alert_id}", f"/v1/alerts/{NO_ALERT}", None, HANDLERS),
    ("POST", "/v1/alerts/{alert_id}/acknowledge", f"/v1/alerts/{NO_ALERT}/acknowledge", {},
     HANDLERS),
    ("POST", "/v1/alerts/{alert_id}/close", f"/v1/alerts/{NO_ALERT}/close", {"note": "办结"},
     HANDLERS),
    ("POST", "/v1/alerts/{alert_id}/assign", f"/v1/alerts/{NO_ALERT}/assign",
     {"cadre_id": str(NO_ALERT)}, EXPLAINERS),
]  # fmt: skip
# Covered elsewhere: the import takes a file (test_targets checks the county admin alone may);
# the feed has its own test in the kit.
NOT_HERE = {("POST", "/v1/targets/imports"), ("GET", "/v1/feeds/indicators")}


@pytest.mark.smoke
async def test_every_endpoint_refuses_the_roles_it_should(app, client, tokens):
    await sync(app, county())
    paths = app.openapi()["paths"]
    declared = {(m.upper(), p) for p, ops in paths.items() if p.startswith("/v1/") for m in ops}
    assert declared - NOT_HERE == {(method, path) for method, path, *_ in ROWS}
    for method, _, url, body, allowed in ROWS:
        for role in sorted(ALL):
            extra = {"cadre_id": uuid.uuid4()} if role == "cadre" else {}
            scopes = {"scopes": "indicators:read"} if role == "machine" else {}
            headers = tokens.headers(role, **extra, **scopes)
            response = await client.request(method, url, json=body, headers=headers)
            if role in allowed:
                assert response.status_code != 403, (method, url, role, response.text)
            else:
                assert response.status_code == 403, (method, url, role, response.status_code)
        anonymous = await client.request(method, url, json=body)
        assert anonymous.status_code == 401, (method, url)


async def test_an_outside_platform_reads_figures_only_with_indicators_read(app, client, tokens):
    await sync(app, county())
    url = f"/v1/indicator-values?indicator=I01_rural_income&{Q}"
    feeds_only = tokens.headers("machine", scopes="feeds:read households:read")
    refused = await client.get(url, headers=feeds_only)
    assert refused.status_code == 403 and refused.json()["scope"] == "indicators:read"
    reader = tokens.headers("machine", scopes="indicators:read")
    assert (await client.get(url, headers=reader)).status_code == 200


# Every write × every record its body names (docs/security.md, "Writes across the township
# line"): each field of a write's published body that holds an id has a row here, with how to
# name a record of township A, of township B and of the county itself. A township officer of A
# may name A's only (a cadre of the county is the county admin's to assign) — but a department of
# the county too, as the registry shows a township the departments above it; the county admin
# any. A new write naming a record without a row fails the first assert.
H1 = uuid.UUID(int=11)
CADRES = {"A": uuid.UUID(int=21), "B": uuid.UUID(int=22), "county": uuid.UUID(int=23)}
HOMES = {"A": TOWN_A, "B": TOWN_B, "county": COUNTY}
DEPARTMENTS = {"A": uuid.UUID(int=31), "B": uuid.UUID(int=32), "county": uuid.UUID(int=33)}
REFERENCES = {
    ("POST", "/v1/alerts/{alert_id}/assign", "cadre_id"),
    ("POST", "/v1/alerts/{alert_id}/assign", "department_id"),
}
WRITES = {"post", "put", "patch", "delete"}


def id_fields(schema, schemas, at=""):
    """The fields of a published schema that hold an id (format uuid), at any depth."""
    while "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
    found = {at} if schema.get("format") == "uuid" else set()
    for option in [*schema.get("anyOf", []), *schema.get("oneOf", []), *schema.get("allOf", [])]:
        found |= id_fields(option, schemas, at)
    if "items" in schema:
        found |= id_fields(schema["items"], schemas, f"{at}[]")
    for name, sub in schema.get("properties", {}).items():
        found |= id_fields(sub, schemas, f"{at}.{name}" if at else name)
    return found


def referenced_ids(app):
    document = app.openapi()
    schemas = document["components"]["schemas"]
    return {
        (method.upper(), path, name)
        for path, operations in document["paths"].items()
        if path.startswith("/v1/")
        for method, operation in operations.items()
        if method in WRITES
        for content in operation.get("requestBody", {}).get("content", {}).values()
        for name in id_fields(content["schema"], schemas)
    }


async def test_every_write_checks_every_record_it_names(app, client, tokens):
    assert referenced_ids(app) == REFERENCES, "a write names a record with no row here"
    await sync(
        app,
        [
            *county(),
            household(H1, village=VILLAGE_A1, category="low_income"),
            *(cadre(c, name=f"干部{o}", home=HOMES[o]) for o, c in CADRES.items()),
            *(department(d, name=f"单位{o}", area_code=HOMES[o]) for o, d in DEPARTMENTS.items()),
            pairing(CADRES["A"], H1, date(2025, 1, 1)),
            income(H1, "2025Q2", transfer="6000.00", residents=1),
        ],
    )
    admin = tokens.headers("county_admin", area=COUNTY)
    (alert,) = (await client.get("/v1/alerts", headers=admin)).json()["items"]
    url = f"/v1/alerts/{alert['id']}/assign"
    want = {
        ("cadre_id", "township_officer", "A"): 200,
        ("cadre_id", "township_officer", "B"): 422,
        ("cadre_id", "township_officer", "county"): 422,
        ("cadre_id", "county_admin", "A"): 200,
        ("cadre_id", "county_admin", "B"): 200,
        ("cadre_id", "county_admin", "county"): 200,
        ("department_id", "township_officer", "A"): 200,
        ("department_id", "township_officer", "B"): 422,
        ("department_id", "township_officer", "county"): 200,
        ("department_id", "county_admin", "A"): 200,
        ("department_id", "county_admin", "B"): 200,
        ("department_id", "county_admin", "county"): 200,
    }
    records = {"cadre_id": (CADRES, "干部"), "department_id": (DEPARTMENTS, "单位")}
    got = {}
    for field, role, owner in want:
        headers = tokens.headers(role, area=TOWN_A if role == "township_officer" else COUNTY)
        current = await client.get(f"/v1/alerts/{alert['id']}", headers=admin)
        ids, named = records[field]
        body = {field: str(ids[owner]), "note": "矩阵"}
        headers |= {"If-Match": current.headers["etag"]}
        response = await client.post(url, json=body, headers=headers)
        got[field, role, owner] = response.status_code
        if response.status_code == 422:  # refused as an absent record would be, unnamed
            assert [e["field"] for e in response.json()["errors"]] == [field]
            assert f"{named}{owner}" not in response.text
    assert got == want
