"""Every assistance write leaves an entry in its audit log (/v1/assistance-audit) in the write's
own transaction: who, which record, which fields, old → new unless sensitive (health, risk flags,
where the phone was); a refused write or a repeat leaves none (kit.write_audit)."""

import uuid
from datetime import UTC, datetime, timedelta

from assistance.tests.seeds import COUNTY, HOME, TOWN_A, TOWN_B, measure_catalogue
from assistance.tests.seeds import paired_household as pair
from kit.auth import Role

URL = "/v1/assistance-audit"


async def history(client, headers, household_id, **params):
    response = await client.get(
        URL, params={"household_id": household_id, **params}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


def visit_body(household_id):
    return {
        "household_id": str(household_id),
        "mode": "in_person",
        "occurred_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
        "latitude": HOME[0] + 0.001,
        "longitude": HOME[1],
        "observations": {"health": "户主腰伤未愈", "income": "毛竹收入稳定"},
        "needs_raised": ["希望参加食用菌技术培训"],
        "actions_taken": "讲解医疗补充保险报销流程",
        "risk_flags": ["serious_illness"],
    }


PLAN = {
    "main_measure": "industry",
    "goals": "扩种香菇 2 万棒",
    "insurance": {
        "insured": True,
        "insurer": "中国人保庆元支公司",
        "policy_number": "PICC-2026-000123",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "premium_paid_by": "government",
    },
}


async def test_a_visit_plan_happiness_item_and_need_closure_each_name_their_fields(
    app, client, tokens
):
    await measure_catalogue(app)
    cadre_id = uuid.uuid4()
    household_id = await pair(app, cadre_id)
    subject = str(uuid.uuid4())
    cadre = tokens.headers(Role.CADRE, cadre_id=cadre_id, subject=subject)
    officer = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)

    visit_id = uuid.uuid4()
    body = visit_body(household_id)
    visited = await client.put(f"/v1/visits/{visit_id}", json=body, headers=cadre)
    assert visited.status_code == 201, visited.text
    repeat = await client.put(f"/v1/visits/{visit_id}", json=body, headers=cadre)
    assert repeat.status_code == 200  # the phone sent it again: nothing new happened

    made = await client.put(f"/v1/plans/{household_id}/2026", json=PLAN, headers=cadre)
    assert made.status_code == 201, made.text
    changed = await client.put(
        f"/v1/plans/{household_id}/2026",
        json={**PLAN, "main_measure": "employment", "goals": "到合作社务工"},
        headers={**cadre, "If-Match": '"1"'},
    )
    assert changed.status_code == 200, changed.text

    item = {
        "household_id": str(household_id),
        "category": "consumption_purchase",
        "title": "结对单位采购香菇 50 斤",
        "value": "1500.00",
        "delivering_unit": "县农业农村局",
        "delivered_on": "2026-06-18",
        "status": "delivered",
    }
    added = await client.put(f"/v1/happiness-items/{uuid.uuid4()}", json=item, headers=cadre)
    assert added.status_code == 201, added.text

    [need] = (
        await client.get("/v1/needs", params={"visit_id": str(visit_id)}, headers=cadre)
    ).json()["items"]
    path = f"/v1/needs/{need['id']}"
    started = await client.post(f"{path}/start", json={}, headers={**cadre, "If-Match": '"1"'})
    assert started.status_code == 200, started.text
    closed = await client.post(
        f"{path}/close", json={"note": "已开班"}, headers={**cadre, "If-Match": '"2"'}
    )
    assert closed.status_code == 200, closed.text

    entries = await history(client, officer, household_id)
    assert all(e["kind"] == "write" and e["household_id"] == str(household_id) for e in entries)
    assert all(e["subject"] == subject for e in entries)
    by = {(e["resource"], e["action"], e["resource_id"]): e for e in entries}
    assert len(entries) == 7  # visit, need raised/started/closed, plan ×2, item

    visit = by[("visit", "create", str(visit_id))]
    assert {"mode", "occurred_at", "actions_taken", "observations.health", "risk_flags"} <= set(
        visit["fields"]
    )
    changes = {c["field"]: c for c in visit["changes"]}
    assert changes["actions_taken"]["new"] == "讲解医疗补充保险报销流程"
    for sensitive in ("observations.health", "risk_flags", "latitude"):
        assert changes[sensitive]["masked"] is True and changes[sensitive]["new"] is None
    assert "腰伤" not in str(entries) and "serious_illness" not in str(entries)

    plan_id = made.json()["id"]
    plan_change = by[("plan", "update", plan_id)]
    assert plan_change["fields"] == ["goals", "main_measure"]
    assert {(c["field"], c["old"], c["new"]) for c in plan_change["changes"]} == {
        ("goals", "扩种香菇 2 万棒", "到合作社务工"),
        ("main_measure", "industry", "employment"),
    }
    assert ("happiness_item", "create", added.json()["id"]) in by
    need_steps = [e for e in entries if e["resource"] == "need"]
    assert [e["action"] for e in need_steps] == ["update", "update", "create"]
    closure = need_steps[0]
    assert "status" in closure["fields"] and "closed_at" in closure["fields"]
    status = next(c for c in closure["changes"] if c["field"] == "status")
    assert (status["old"], status["new"]) == ("in_progress", "closed")


async def test_a_refused_write_leaves_no_entry_and_the_log_is_scoped(app, client, tokens):
    await measure_catalogue(app)
    cadre_id = uuid.uuid4()
    household_id = await pair(app, cadre_id)
    cadre = tokens.headers(Role.CADRE, cadre_id=cadre_id)
    made = await client.put(f"/v1/plans/{household_id}/2026", json=PLAN, headers=cadre)
    assert made.status_code == 201

    stale = await client.put(
        f"/v1/plans/{household_id}/2026",
        json={**PLAN, "goals": "别的"},
        headers={**cadre, "If-Match": '"7"'},
    )
    assert stale.status_code == 412
    bad = await client.put(
        f"/v1/plans/{household_id}/2026",
        json={**PLAN, "main_measure": "no-such-measure"},
        headers={**cadre, "If-Match": '"1"'},
    )
    assert bad.status_code == 422
    admin = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
    [only] = await history(client, admin, household_id)
    assert only["action"] == "create"

    assert (
        await history(client, tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_B), household_id)
        == []
    )
    assert await history(client, admin, household_id, kind="read") == []
    assert (await client.get(URL, headers=cadre)).status_code == 403
