import csv
import io
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from kit import clock
from kit.auth import Role
from registry.models import AuditEntry, User
from registry.tests.factories import COUNTY, TOWN_A, audit_reads, household_body, id_number

# Reads and other acts: every write has its own entry too (kit.write_audit, test_write_audit).

URL = "/v1/audit"
EXPORT = "/v1/audit/export.csv"
T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def admin_headers(tokens, **kwargs):
    return tokens.headers(Role.COUNTY_ADMIN, area=COUNTY, **kwargs)


async def add_household(client, tokens):
    headers = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
    response = await client.post("/v1/households", json=household_body(), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["id"]


@pytest.mark.smoke
async def test_unmask_needs_a_reason_which_the_entry_keeps(app, client, tokens, areas):
    household_id = await add_household(client, tokens)
    url = f"/v1/households/{household_id}"
    subject = str(uuid4())
    headers = tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A, subject=subject)

    for params in ({"unmask": "true"}, {"unmask": "true", "reason": " 查 "}):
        refused = await client.get(url, params=params, headers=headers)
        assert refused.status_code == 422
        assert [e["field"] for e in refused.json()["errors"]] == ["reason"]
    too_long = await client.get(
        url, params={"unmask": "true", "reason": "长" * 201}, headers=headers
    )
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "reason"
    assert await audit_reads(app) == []

    before = clock.now()
    whole = await client.get(
        url, params={"unmask": "true", "reason": "核实低保申请"}, headers=headers
    )
    assert whole.status_code == 200
    assert whole.json()["members"][0]["id_number"] == id_number(sequence=101)
    assert whole.json()["phone"] == "13812341234"
    [entry] = await audit_reads(app)
    assert (entry.subject, entry.roles) == (subject, ["township_officer"])
    assert (entry.action, entry.resource, entry.resource_id) == (
        "read_unmasked",
        "household",
        household_id,
    )
    assert set(entry.fields) == {"id_number", "phone"}
    assert entry.reason == "核实低保申请"
    assert before <= entry.at <= clock.now()


async def test_a_cadre_list_unmasked_also_needs_a_reason(app, client, tokens, areas):
    response = await client.get(
        "/v1/cadres", params={"unmask": "true"}, headers=admin_headers(tokens)
    )
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reason"


async def test_a_leader_asking_to_unmask_gets_masked_data_and_no_entry(app, client, tokens, areas):
    household_id = await add_household(client, tokens)
    leader = tokens.headers(Role.LEADER, area=COUNTY)
    for params in ({"unmask": "true"}, {"unmask": "true", "reason": "想看看"}):
        response = await client.get(f"/v1/households/{household_id}", params=params, headers=leader)
        assert response.status_code == 200
        assert response.json()["members"][0]["id_number"].count("*") == 10
        assert response.json()["phone"] == "138****1234"
        assert id_number(sequence=101) not in response.text
    assert await audit_reads(app) == []


async def seed_log(app):
    """Five entries a minute apart (oldest first): two users, two resources, one export."""
    user = User(
        username="wuzhen",
        display_name="吴珍",
        password_hash="x",
        roles=["township_officer"],
        area_code=TOWN_A,
    )
    rows = [
        ("household", "h1", "read_unmasked", "核实身份"),
        ("household", "h2", "read_unmasked", '=HYPERLINK("http://x")'),
        ("cadre", "c1", "read_unmasked", "电话联系"),
        ("household", "h1", "read_unmasked", "复核"),
        ("audit", "", "export_audit", ""),
    ]
    async with app.state.sessionmaker.begin() as session:
        session.add(user)
        await session.flush()
        for minute, (resource, resource_id, action, reason) in enumerate(rows):
            session.add(
                AuditEntry(
                    at=T0 + timedelta(minutes=minute),
                    subject=str(user.id) if minute % 2 == 0 else "client:province",
                    roles=["township_officer"] if minute % 2 == 0 else ["machine"],
                    action=action,
                    resource=resource,
                    resource_id=resource_id,
                    fields=["phone"],
                    reason=reason,
                )
            )
    return str(user.id)


async def test_admins_list_the_log_newest_first_filtered_and_paged(app, client, tokens, areas):
    user_id = await seed_log(app)
    headers = admin_headers(tokens)

    pages, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(URL, params=params, headers=headers)).json()
        pages.append([(i["resource"], i["resource_id"], i["action"]) for i in page["items"]])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == [
        [("audit", "", "export_audit"), ("household", "h1", "read_unmasked")],
        [("cadre", "c1", "read_unmasked"), ("household", "h2", "read_unmasked")],
        [("household", "h1", "read_unmasked")],
    ]

    async def listed(**params):
        response = await client.get(URL, params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [(i["resource_id"], i["reason"]) for i in response.json()["items"]]

    assert await listed(resource="household", resource_id="h1") == [
        ("h1", "复核"),
        ("h1", "核实身份"),
    ]
    assert await listed(subject="client:province") == [
        ("h1", "复核"),
        ("h2", '=HYPERLINK("http://x")'),
    ]
    assert await listed(action="export_audit") == [("", "")]
    window = {
        "from": (T0 + timedelta(minutes=1)).isoformat(),
        "to": (T0 + timedelta(minutes=3)).isoformat(),
    }
    assert await listed(**window) == [("c1", "电话联系"), ("h2", '=HYPERLINK("http://x")')]
    [first] = (
        await client.get(URL, params={"subject": user_id, "resource": "cadre"}, headers=headers)
    ).json()["items"]
    assert (first["subject_name"], first["at"]) == ("吴珍", "2026-03-01T08:02:00Z")

    naive = await client.get(URL, params={"from": "2026-03-01T08:00:00"}, headers=headers)
    assert naive.status_code == 422 and naive.json()["errors"][0]["field"] == "from"


async def test_only_county_admins_read_whole_reads_or_export_the_log(app, client, tokens, areas):
    await seed_log(app)
    # Officers and leaders read their area's writes (a household's history), never the reads.
    for headers in (
        tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A),
        tokens.headers(Role.LEADER, area=COUNTY),
    ):
        listed = await client.get(URL, headers=headers)
        assert listed.status_code == 200 and listed.json()["items"] == []
        assert (await client.get(EXPORT, headers=headers)).status_code == 403
    machine = tokens.headers(Role.MACHINE, area=COUNTY, scopes="pii:read")
    assert (await client.get(URL, headers=machine)).status_code == 403
    assert (await client.get(EXPORT, headers=machine)).status_code == 403
    assert len(await audit_reads(app)) == 5


@pytest.mark.smoke
async def test_export_is_excel_ready_csv_and_is_itself_audited(app, client, tokens, areas):
    await seed_log(app)
    subject = str(uuid4())

    response = await client.get(
        EXPORT,
        params={"resource": "household", "reason": "季度检查"},
        headers=admin_headers(tokens, subject=subject),
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["时间 / At", "用户 / Subject", "姓名 / Name"]
    assert "原因 / Reason" in rows[0]
    reason_at = rows[0].index("原因 / Reason")
    assert [(r[0], r[2], r[6], r[reason_at]) for r in rows[1:]] == [
        ("2026-03-01T16:03:00+08:00", "", "h1", "复核"),
        ("2026-03-01T16:01:00+08:00", "", "h2", '\'=HYPERLINK("http://x")'),
        ("2026-03-01T16:00:00+08:00", "吴珍", "h1", "核实身份"),
    ]
    # Roles, acts, records and fields by their names, not the stored codes.
    assert [*rows[-1][3:6], rows[-1][7]] == [
        "乡镇工作人员",
        "查看完整信息",
        "农户",
        "电话",
    ]
    assert rows[2][3] == "外部系统"

    [export] = [e for e in await audit_reads(app) if e.subject == subject]
    assert (export.action, export.resource, export.reason) == ("export_audit", "audit", "季度检查")
    assert export.fields == ["resource=household"]
    listed = await client.get(URL, params={"subject": subject}, headers=admin_headers(tokens))
    assert [i["action"] for i in listed.json()["items"]] == ["export_audit"]
