"""Assigning an alert to a cadre: who may, what it changes and logs, and that the evaluation
keeps the assigned cadre when new evidence of the cause arrives."""

import uuid
from datetime import date

from indicators.tests.events import (
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

H1 = uuid.uuid4()
PAIRED, OTHER, GONE = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


async def _alert(app, client, tokens):
    await sync(
        app,
        [
            *county(),
            cadre(PAIRED, name="张帮扶"),
            cadre(OTHER, name="李帮扶"),
            household(H1, village=VILLAGE_A1, category="low_income"),
            pairing(PAIRED, H1, date(2025, 1, 1)),
            income(H1, "2025Q2", transfer="6000.00", residents=1),
        ],
    )
    listed = await client.get("/v1/alerts", headers=tokens.headers("county_admin"))
    (alert,) = listed.json()["items"]
    assert (alert["cadre_id"], alert["assigned"]) == (str(PAIRED), False)
    return alert


async def test_an_officer_assigns_an_alert_to_another_cadre(app, client, tokens):
    alert = await _alert(app, client, tokens)
    url = f"/v1/alerts/{alert['id']}/assign"
    officer = tokens.headers("township_officer", area=TOWN_A)
    body = {"cadre_id": str(OTHER), "note": "由李帮扶上门核实 / Li visits"}

    assert (await client.post(url, json=body, headers=officer)).status_code == 428
    stale = await client.post(url, json=body, headers=officer | {"If-Match": '"7"'})
    assert stale.status_code == 412
    unknown = await client.post(
        url, json={"cadre_id": str(GONE)}, headers=officer | {"If-Match": '"1"'}
    )
    assert unknown.status_code == 422
    assert [e["field"] for e in unknown.json()["errors"]] == ["cadre_id"]

    assigned = await client.post(url, json=body, headers=officer | {"If-Match": '"1"'})
    assert assigned.status_code == 200, assigned.text
    state = assigned.json()
    assert (state["cadre_id"], state["assigned"], state["version"]) == (str(OTHER), True, 2)
    assert assigned.headers["etag"] == '"2"'
    entry = state["log"][-1]
    assert (entry["action"], entry["cadre_id"], entry["note"]) == (
        "assigned", str(OTHER), body["note"],
    )  # fmt: skip

    # The assigned cadre now sees it, the paired one no longer; the list filters by cadre.
    theirs = await client.get("/v1/alerts", headers=tokens.headers("cadre", cadre_id=OTHER))
    assert [a["id"] for a in theirs.json()["items"]] == [alert["id"]]
    mine = await client.get("/v1/alerts", headers=tokens.headers("cadre", cadre_id=PAIRED))
    assert mine.json()["items"] == []
    admin = tokens.headers("county_admin")
    by_cadre = await client.get("/v1/alerts", params={"cadre_id": str(PAIRED)}, headers=admin)
    assert by_cadre.json()["items"] == []

    # New evidence of the cause (a later quarter still under the line) keeps the assigned cadre.
    await sync(app, [income(H1, "2025Q3", transfer="9000.00", residents=1)])
    state = (await client.get(f"/v1/alerts/{alert['id']}", headers=admin)).json()
    assert state["detail"]["period"] == "2025Q3"
    assert (state["cadre_id"], state["assigned"]) == (str(OTHER), True)

    # The county admin may reassign; a closed alert may not be.
    back = {"cadre_id": str(PAIRED)}
    again = await client.post(url, json=back, headers=admin | {"If-Match": f'"{state["version"]}"'})
    assert (again.status_code, again.json()["cadre_id"]) == (200, str(PAIRED))
    version = again.json()["version"]
    closed = await client.post(
        f"/v1/alerts/{alert['id']}/close",
        json={"note": "已核实 / checked"},
        headers=admin | {"If-Match": f'"{version}"'},
    )
    assert closed.status_code == 200
    late = await client.post(url, json=back, headers=admin | {"If-Match": f'"{version + 1}"'})
    assert late.status_code == 409
    assert late.json()["type"] == "/problems/closed"


async def test_only_officers_of_its_area_and_the_county_admin_assign(app, client, tokens):
    alert = await _alert(app, client, tokens)
    url = f"/v1/alerts/{alert['id']}/assign"
    body = {"cadre_id": str(OTHER)}
    match = {"If-Match": '"1"'}
    other_town = tokens.headers("township_officer", area=TOWN_B)
    assert (await client.post(url, json=body, headers=other_town | match)).status_code == 404
    for role, extra in (("leader", {}), ("cadre", {"cadre_id": PAIRED})):
        refused = await client.post(url, json=body, headers=tokens.headers(role, **extra) | match)
        assert refused.status_code == 403, role
    state = await client.get(f"/v1/alerts/{alert['id']}", headers=tokens.headers("county_admin"))
    assert (state.json()["version"], state.json()["cadre_id"]) == (1, str(PAIRED))


async def test_an_officer_assigns_an_alert_to_a_department(app, client, tokens):
    alert = await _alert(app, client, tokens)
    civil, theirs, gone = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await sync(
        app,
        [
            department(civil, name="县民政局"),  # the county's: seen from the township below
            department(theirs, name="隆宫乡人民政府", area_code=TOWN_B),
        ],
    )
    url = f"/v1/alerts/{alert['id']}/assign"
    officer = tokens.headers("township_officer", area=TOWN_A) | {"If-Match": '"1"'}

    for wrong in (gone, theirs):
        refused = await client.post(url, json={"department_id": str(wrong)}, headers=officer)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["department_id"]
    neither = await client.post(url, json={"note": "x"}, headers=officer)
    assert neither.status_code == 422
    body = {"department_id": str(civil), "note": "转县民政局核实低保 / to civil affairs"}
    assigned = await client.post(url, json=body, headers=officer)

    assert assigned.status_code == 200, assigned.text
    state = assigned.json()
    # The department handles it; the paired cadre still follows the household.
    assert (state["department_id"], state["cadre_id"]) == (str(civil), str(PAIRED))
    entry = state["log"][-1]
    assert (entry["action"], entry["department_id"], entry["cadre_id"]) == (
        "assigned", str(civil), None,
    )  # fmt: skip
    admin = tokens.headers("county_admin")
    by_department = await client.get(
        "/v1/alerts", params={"department_id": str(civil)}, headers=admin
    )
    assert [a["id"] for a in by_department.json()["items"]] == [alert["id"]]
    paired = await client.get("/v1/alerts", headers=tokens.headers("cadre", cadre_id=PAIRED))
    assert [a["id"] for a in paired.json()["items"]] == [alert["id"]]
