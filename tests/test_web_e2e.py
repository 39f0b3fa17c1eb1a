"""The web app end to end: the real processes on PostgreSQL serving the built frontend, driven by
Debian's Chromium through playwright-core (frontend/e2e/*.mjs).

Runs when FUMIN_E2E=1 (``make frontend-e2e``, and the last step of ``make test``), which builds the
frontend first; otherwise it is skipped, so a plain pytest run needs neither Node nor a browser.
"""

import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx
import pytest

from registry.tests.factories import VILLAGE_A1, VILLAGE_B1, household_body, id_number, member_body
from tests.county import wait_for_schedule
from tests.processes import (
    ADMIN_PASSWORD,
    REPO,
    System,
    clock_of,
    create_admin,
    four_processes,
    token,
    until,
)

FRONTEND = REPO / "frontend"
# A build elsewhere (vite build --outDir …) lets two people test different work at once.
FRONTEND_DIST = Path(os.environ.get("E2E_FRONTEND_DIST", FRONTEND / "dist"))
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
CADRE_PASSWORD = "cadre-e2e-password"
HEAD_NAME = "吴建国"
OTHER_HEAD_NAME = "叶春花"  # whose pairing ends while the phone is offline
HAPPINESS_TITLE = "光伏发电分红"  # the happiness-list item the cadre adds offline
E2E_SECONDS = 300

pytestmark = [
    pytest.mark.system,
    pytest.mark.skipif(
        os.environ.get("FUMIN_E2E") != "1", reason="set FUMIN_E2E=1 (make frontend-e2e)"
    ),
]


# The gateway serves the built app, with no rate limit for one busy browser (whose scripts log
# in and out many times from one address).
GATEWAY_ENV = {
    "FUMIN_GATEWAY_FRONTEND_DIST": str(FRONTEND_DIST),
    "FUMIN_GATEWAY_RATE_LIMIT_PER_SECOND": "0",
    "FUMIN_GATEWAY_LOGIN_RATE_LIMIT_PER_SECOND": "0",
    "FUMIN_GATEWAY_LOGIN_NAME_RATE_LIMIT_PER_SECOND": "0",
}


def _require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} missing: {path} (make test builds the frontend and installs chromium)")


@pytest.fixture(scope="module")
def web(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[System]:
    """The four processes serving the built app (a ``clock`` marker sets their clock)."""
    _require(FRONTEND_DIST / "index.html", "the built frontend")
    _require(FRONTEND / "node_modules" / "playwright-core", "playwright-core (npm ci)")
    _require(CHROMIUM, "Chromium")
    folder = tmp_path_factory.mktemp("web")
    extra_env = {"gateway": GATEWAY_ENV}
    with four_processes(folder, clock=clock_of(request), extra_env=extra_env) as running:
        with running.explained():
            create_admin(running)
        yield running


def _post(
    client: httpx.Client, path: str, body: Mapping[str, object], headers: dict[str, str]
) -> str:
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 201, response.text
    created: str = response.json()["id"]
    return created


def bearer(client: httpx.Client, username: str, password: str) -> dict[str, str]:
    """The Authorization header of a user logged in with their password."""
    access = token(client, grant_type="password", username=username, password=password)
    return {"Authorization": "Bearer " + access}


def run_script(web: System, script: str, env: Mapping[str, str]) -> None:
    """Runs ``node e2e/<script>`` against the running system with the E2E_* variables in env;
    fails the test with the script's output unless it exits 0."""
    node = shutil.which("node")
    assert node, "node is needed for the e2e scripts"
    started = time.monotonic()
    done = subprocess.run(
        [node, f"e2e/{script}"],
        cwd=FRONTEND,
        env=os.environ
        | {"E2E_BASE_URL": web.urls["gateway"], "E2E_CHROMIUM": str(CHROMIUM)}
        | dict(env),
        capture_output=True,
        text=True,
        timeout=E2E_SECONDS,
        check=False,
    )
    print(done.stdout)
    print(done.stderr)
    print(f"{script} took {time.monotonic() - started:.1f} s")
    assert done.returncode == 0, done.stdout + done.stderr


def seed_cadre_with_households(client: httpx.Client) -> str:
    """A township, a cadre who logs in as ``zhang``, and two low-income households paired to them;
    answers the id of the one headed by HEAD_NAME."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        ("331126101", "黄田镇", None),
        (VILLAGE_A1, "黄田村", "large"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code == 201
    department = _post(
        client, "/api/v1/departments", {"name": "县农业农村局", "area_code": "331126"}, admin
    )
    cadre = _post(
        client,
        "/api/v1/cadres",
        {
            "name": "张帮扶",
            "department_id": department,
            "type": "agri_technician",
            "home_area_code": "331126101",
        },
        admin,
    )
    user = {
        "username": "zhang",
        "display_name": "张帮扶",
        "roles": ["cadre"],
        "area_code": "331126101",
        "cadre_id": cadre,
        "password": CADRE_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    target = _post(client, "/api/v1/households", household_body(VILLAGE_A1), admin)
    other = household_body(
        VILLAGE_A1,
        first_sequence=301,
        address="黄田村8号",
        members=[member_body("head", 301, name=OTHER_HEAD_NAME)],
    )
    second = _post(client, "/api/v1/households", other, admin)
    for household in (target, second):
        pairing = {"cadre_id": cadre, "household_id": household, "started_on": "2024-01-01"}
        _post(client, "/api/v1/pairings", pairing, admin)
    return target


def test_a_cadre_logs_visits_offline_one_arrives_once_one_is_refused_and_kept(
    web: System,
) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        household_id = seed_cadre_with_households(client)
        wait_for_schedule(client, bearer(client, "zhang", CADRE_PASSWORD), {household_id})
        env = {
            "E2E_USERNAME": "zhang",
            "E2E_PASSWORD": CADRE_PASSWORD,
            "E2E_HOUSEHOLD": HEAD_NAME,
            "E2E_REFUSED_HOUSEHOLD": OTHER_HEAD_NAME,
            "E2E_HAPPINESS_TITLE": HAPPINESS_TITLE,
            "E2E_ADMIN_USERNAME": "admin",
            "E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
        run_script(web, "cadre-offline-visit.mjs", env)
        # The item added offline is on the server once, as typed on the phone.
        cadre = bearer(client, "zhang", CADRE_PASSWORD)
        listed = client.get(
            "/api/v1/happiness-items", params={"household_id": household_id}, headers=cadre
        ).json()
        assert [(i["title"], i["value"]) for i in listed["items"]] == [(HAPPINESS_TITLE, "1200.00")]


REVOKED_CADRE = "zhaotz"  # the cadre deactivated while their phone is offline
REVOKED_HEAD = "钱守田"


def seed_cadre_to_deactivate(client: httpx.Client) -> str:
    """A cadre who logs in as REVOKED_CADRE, paired to one low-income household headed by
    REVOKED_HEAD; answers its id. Areas another test made already are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        ("331126101", "黄田镇", None),
        (VILLAGE_A1, "黄田村", "large"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code in (201, 409)
    department = _post(
        client,
        "/api/v1/departments",
        {"name": "黄田镇农业服务中心", "area_code": "331126101"},
        admin,
    )
    body = {
        "name": "赵停用",
        "department_id": department,
        "type": "township_staff",
        "home_area_code": "331126101",
    }
    cadre = _post(client, "/api/v1/cadres", body, admin)
    user = {"username": REVOKED_CADRE, "display_name": "赵停用", "roles": ["cadre"]} | {
        "area_code": "331126101",
        "cadre_id": cadre,
        "password": CADRE_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    household = household_body(
        VILLAGE_A1,
        first_sequence=901,
        address="黄田村90号",
        members=[member_body("head", 901, name=REVOKED_HEAD)],
    )
    household_id = _post(client, "/api/v1/households", household, admin)
    pairing = {"cadre_id": cadre, "household_id": household_id, "started_on": "2024-01-01"}
    _post(client, "/api/v1/pairings", pairing, admin)
    return household_id


def test_a_cadres_queue_goes_after_a_refresh_and_stays_refused_once_deactivated(
    web: System,
) -> None:
    """Issue 14, class 2: an access token that ran out offline is refreshed before the queue goes
    (still exactly once); once the cadre is deactivated, what waits stays on the phone, refused
    with the reason, never sent and never dropped."""
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        household_id = seed_cadre_to_deactivate(client)
        wait_for_schedule(client, bearer(client, REVOKED_CADRE, CADRE_PASSWORD), {household_id})
        env = {
            "E2E_USERNAME": REVOKED_CADRE,
            "E2E_PASSWORD": CADRE_PASSWORD,
            "E2E_HOUSEHOLD": REVOKED_HEAD,
            "E2E_ADMIN_USERNAME": "admin",
            "E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
        run_script(web, "cadre-revoked.mjs", env)
        # The deactivated cadre can no longer log in; the server holds the one visit sent before.
        refused = client.post(
            "/api/v1/auth/token",
            data={"grant_type": "password", "username": REVOKED_CADRE, "password": CADRE_PASSWORD},
        )
        assert refused.status_code in (400, 401), refused.text
        admin = bearer(client, "admin", ADMIN_PASSWORD)
        visits = client.get(
            "/api/v1/visits", params={"household_id": household_id}, headers=admin
        ).json()["items"]
        assert len(visits) == 1


OFFICER_PASSWORD = "officer-e2e-password"
IMPORTED_HEAD = "郑国强"


IMPORT_HEADER = (
    "户主身份证号,村代码,农户类别,低收入类型,家庭住址,成员姓名,成员身份证号,与户主关系,"
    "是否常住,劳动能力,健康状况,从业状况"
)


def _member_csv_row(head: str, number: str, name: str, relation: str) -> str:
    household = f"{head},{VILLAGE_A1},低收入农户,低保,黄田村20号"
    return f"{household},{name},{number},{relation},是,有劳动能力,健康,自家务农"


def import_files(folder: Path) -> tuple[Path, Path]:
    """The officer's spreadsheet as CSV: first with an ID number's check digit wrong, then right."""
    header = IMPORT_HEADER
    head, wife = id_number(sequence=501), id_number(sequence=502)
    broken = wife[:-1] + ("0" if wife[-1] != "0" else "1")
    bad, good = folder / "bad.csv", folder / "good.csv"
    rows = [_member_csv_row(head, head, IMPORTED_HEAD, "户主")]
    bad.write_text(
        "\n".join([header, *rows, _member_csv_row(head, broken, "李秀兰", "配偶")]) + "\n"
    )
    good.write_text(
        "\n".join([header, *rows, _member_csv_row(head, wife, "李秀兰", "配偶")]) + "\n"
    )
    return bad, good


def seed_officer_and_foreign_household(client: httpx.Client) -> str:
    """A township officer of 黄田镇 (``officer``), a county ``leader`` and a household in another
    township; answers the latter's id. Areas the cadre's test made already are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        ("331126101", "黄田镇", None),
        (VILLAGE_A1, "黄田村", "large"),
        ("331126201", "隆宫乡", None),
        (VILLAGE_B1, "隆宫村", "medium"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code in (201, 409)
    user = {
        "username": "officer",
        "display_name": "黄田镇干事",
        "roles": ["township_officer"],
        "area_code": "331126101",
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    leader = {
        "username": "leader",
        "display_name": "县领导",
        "roles": ["leader"],
        "area_code": "331126",
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=leader, headers=admin).status_code == 201
    foreign = household_body(
        VILLAGE_B1,
        first_sequence=401,
        address="隆宫村3号",
        members=[member_body("head", 401, name="陈立新")],
    )
    return _post(client, "/api/v1/households", foreign, admin)


def test_an_officer_imports_fixes_and_commits_and_cannot_open_another_township(
    web: System, tmp_path: Path
) -> None:
    bad, good = import_files(tmp_path)
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        foreign = seed_officer_and_foreign_household(client)
        env = {
            "E2E_USERNAME": "officer",
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_BAD_CSV": str(bad),
            "E2E_GOOD_CSV": str(good),
            "E2E_IMPORTED_HEAD": IMPORTED_HEAD,
            "E2E_FOREIGN_HOUSEHOLD": foreign,
            "E2E_NEW_ID_NUMBER": id_number(sequence=601),
            "E2E_VILLAGE": VILLAGE_A1,
            "E2E_LEADER_USERNAME": "leader",
            "E2E_LEADER_PASSWORD": OFFICER_PASSWORD,
            "E2E_ADMIN_USERNAME": "admin",
            "E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
        }
        run_script(web, "admin-officer.mjs", env)
        officer = bearer(client, "officer", OFFICER_PASSWORD)
        found = client.get(
            "/api/v1/households", params={"name": IMPORTED_HEAD}, headers=officer
        ).json()["items"]
        assert len(found) == 1 and len(found[0]["members"]) == 2


REGISTRY_OFFICER = "regofficer"
REGISTRY_LEADER = "regleader"
PAIRED_HEAD = "周海生"  # the household the officer pairs, then hands over
TAKING_OVER = "李接手"  # the cadre who takes the pairings over
DEPARTMENT = "黄田镇人民政府"
ENTITY = "黄田竹业专业合作社"


def seed_registry_screens(client: httpx.Client) -> None:
    """For the registry screens: a 黄田镇 officer (``regofficer``), a county leader
    (``regleader``), a department of the township, an active cadre to hand pairings to, an entity
    and a low-income household headed by PAIRED_HEAD. Areas another test made already are taken
    as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        ("331126101", "黄田镇", None),
        (VILLAGE_A1, "黄田村", "large"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code in (201, 409)
    user = {
        "username": REGISTRY_OFFICER,
        "display_name": "黄田镇登记员",
        "roles": ["township_officer"],
        "area_code": "331126101",
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    leader = user | {"username": REGISTRY_LEADER, "roles": ["leader"], "area_code": "331126"}
    assert client.post("/api/v1/users", json=leader, headers=admin).status_code == 201
    department = _post(
        client, "/api/v1/departments", {"name": DEPARTMENT, "area_code": "331126101"}, admin
    )
    cadre = {
        "name": TAKING_OVER,
        "department_id": department,
        "type": "township_staff",
        "home_area_code": "331126101",
    }
    _post(client, "/api/v1/cadres", cadre, admin)
    entity = {
        "name": ENTITY,
        "type": "cooperative",
        "village_code": VILLAGE_A1,
        "industry": "bamboo",
    }
    _post(client, "/api/v1/entities", entity, admin)
    household = household_body(
        VILLAGE_A1,
        first_sequence=701,
        address="黄田村40号",
        members=[member_body("head", 701, name=PAIRED_HEAD)],
    )
    _post(client, "/api/v1/households", household, admin)


def test_an_officer_creates_a_cadre_pairs_them_and_hands_the_pairing_over(
    web: System,
) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        seed_registry_screens(client)
        env = {
            "E2E_USERNAME": REGISTRY_OFFICER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_HOUSEHOLD": PAIRED_HEAD,
            "E2E_DEPARTMENT": DEPARTMENT,
            "E2E_OTHER_CADRE": TAKING_OVER,
            "E2E_ENTITY": ENTITY,
            "E2E_LEADER_USERNAME": REGISTRY_LEADER,
            "E2E_LEADER_PASSWORD": OFFICER_PASSWORD,
            "E2E_NEW_ID_NUMBER": id_number(sequence=702),
        }
        run_script(web, "admin-registry.mjs", env)
        officer = bearer(client, REGISTRY_OFFICER, OFFICER_PASSWORD)
        [paired] = client.get(
            "/api/v1/households", params={"name": PAIRED_HEAD}, headers=officer
        ).json()["items"]
        assert len(paired["members"]) == 2
        pairings = client.get(
            "/api/v1/pairings", params={"household_id": paired["id"]}, headers=officer
        ).json()["items"]
        names = {
            p["active"]: client.get(f"/api/v1/cadres/{p['cadre_id']}", headers=officer).json()[
                "name"
            ]
            for p in pairings
        }
        assert len(pairings) == 2 and names == {True: TAKING_OVER, False: "王新来"}


DASHBOARD_OFFICER = "zhukou"
DASHBOARD_CADRE = "wangzf"
ZHUKOU, ZHUKOU_VILLAGE = "331126103", "331126103201"
VISITED_HEAD, UNVISITED_HEAD = "林大山", "林小梅"
REASSIGNED_CADRE = "刘接手"


def seed_dashboard(client: httpx.Client) -> str:
    """For the dashboard: 竹口镇 with one village, its officer (``zhukou``), a cadre who logs in
    as ``wangzf`` paired to two low-income households, and a second cadre of the township to
    assign an alert to. Answers the id of the household VISITED_HEAD heads. Areas another test
    made already are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        (ZHUKOU, "竹口镇", None),
        (ZHUKOU_VILLAGE, "竹口村", "medium"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code in (201, 409)
    department = _post(
        client, "/api/v1/departments", {"name": "竹口镇人民政府", "area_code": ZHUKOU}, admin
    )
    cadres = {}
    for name in ("王走访", REASSIGNED_CADRE):
        body = {
            "name": name,
            "department_id": department,
            "type": "township_staff",
            "home_area_code": ZHUKOU,
        }
        cadres[name] = _post(client, "/api/v1/cadres", body, admin)
    for user in [
        {"username": DASHBOARD_OFFICER, "display_name": "竹口镇干事"}
        | {"roles": ["township_officer"], "area_code": ZHUKOU, "password": OFFICER_PASSWORD},
        {"username": DASHBOARD_CADRE, "display_name": "王走访", "roles": ["cadre"]}
        | {"area_code": ZHUKOU, "cadre_id": cadres["王走访"], "password": CADRE_PASSWORD},
    ]:
        assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    households = []
    for sequence, head in ((801, VISITED_HEAD), (803, UNVISITED_HEAD)):
        body = household_body(
            ZHUKOU_VILLAGE,
            first_sequence=sequence,
            address=f"竹口村{sequence}号",
            members=[member_body("head", sequence, name=head)],
        )
        households.append(_post(client, "/api/v1/households", body, admin))
        pairing = {"cadre_id": cadres["王走访"], "household_id": households[-1]}
        _post(client, "/api/v1/pairings", pairing | {"started_on": "2024-01-01"}, admin)
    return households[0]


def wait_for_indicators(client: httpx.Client, headers: dict[str, str]) -> None:
    """Indicators read the registry's feed: wait until #14 counts the township's two households."""
    today = time.localtime()
    period = f"{today.tm_year}Q{(today.tm_mon - 1) // 3 + 1}"
    query = {"indicator": "I14_six_ones", "area": ZHUKOU, "period": period, "measure": "visited"}

    def counted() -> bool:
        page = client.get("/api/v1/indicator-values", params=query, headers=headers)
        return page.status_code == 200 and any(
            row["area_code"] == ZHUKOU and row["denominator"] == "2" for row in page.json()["items"]
        )

    until("the indicators counting the township's households", counted)


def test_the_dashboard_shows_a_changed_indicator_after_a_visit_and_an_alert_is_assigned(
    web: System,
) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        visited = seed_dashboard(client)
        wait_for_schedule(client, bearer(client, DASHBOARD_CADRE, CADRE_PASSWORD), {visited})
        officer = bearer(client, DASHBOARD_OFFICER, OFFICER_PASSWORD)
        wait_for_indicators(client, officer)
        env = {
            "E2E_USERNAME": DASHBOARD_OFFICER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_CADRE_USERNAME": DASHBOARD_CADRE,
            "E2E_CADRE_PASSWORD": CADRE_PASSWORD,
            "E2E_HOUSEHOLD_ID": visited,
            "E2E_HOUSEHOLD": VISITED_HEAD,
            "E2E_TOWNSHIP": "竹口镇",
            "E2E_CADRE_NAME": "王走访",
            "E2E_OTHER_CADRE": REASSIGNED_CADRE,
        }
        run_script(web, "admin-dashboard.mjs", env)
        # What the browser did, as the API tells it: the alert went to the other cadre, closed.
        [alert] = client.get(
            "/api/v1/alerts", params={"household_id": visited}, headers=officer
        ).json()["items"]
        state = client.get(f"/api/v1/alerts/{alert['id']}", headers=officer).json()
        assert (state["status"], state["assigned"]) == ("closed", True)
        assert [entry["action"] for entry in state["log"]] == ["raised", "assigned", "closed"]


SEARCH_OFFICER = "hedi"
SEARCH_CADRE = "hedicadre"  # whose 我的 names their township
HEDI, HEDI_VILLAGE, KENGLI_VILLAGE = "331126105", "331126105201", "331126105202"
SEARCHED_HEAD, OTHER_VILLAGE_HEAD = "吴建华", "吴建明"  # both start 吴建; 坑里村 the second
CIVIL_AFFAIRS = "县民政局"


def seed_search(client: httpx.Client) -> str:
    """For searching as people search: 荷地镇 with 荷地村 and 坑里村, its officer (``hedi``), a
    county department, households headed by SEARCHED_HEAD (荷地村) and OTHER_VILLAGE_HEAD (坑里村),
    a need for each (the second due first), and an income under the 13,000 line for the first,
    whose alert the indicators raise. Answers the first household's id."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    for code, name, size in [
        ("331126", "庆元县", None),
        (HEDI, "荷地镇", None),
        (HEDI_VILLAGE, "荷地村", "medium"),
        (KENGLI_VILLAGE, "坑里村", "small"),
    ]:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code in (201, 409)
    civil = _post(
        client, "/api/v1/departments", {"name": CIVIL_AFFAIRS, "area_code": "331126"}, admin
    )
    cadre = {"name": "荷地帮扶", "department_id": civil, "type": "township_staff"}
    cadre_id = _post(client, "/api/v1/cadres", cadre | {"home_area_code": HEDI}, admin)
    cadre_user = {
        "username": SEARCH_CADRE,
        "display_name": "荷地帮扶",
        "roles": ["cadre"],
        "area_code": HEDI,
        "cadre_id": cadre_id,
        "password": CADRE_PASSWORD,
    }
    assert client.post("/api/v1/users", json=cadre_user, headers=admin).status_code == 201
    user = {
        "username": SEARCH_OFFICER,
        "display_name": "荷地镇干事",
        "roles": ["township_officer"],
        "area_code": HEDI,
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    households = []
    for sequence, village, head in (
        (951, HEDI_VILLAGE, SEARCHED_HEAD),
        (953, KENGLI_VILLAGE, OTHER_VILLAGE_HEAD),
    ):
        body = household_body(
            village,
            first_sequence=sequence,
            address=f"{head}家",
            members=[member_body("head", sequence, name=head)],
        )
        households.append(_post(client, "/api/v1/households", body, admin))
    today = time.localtime()
    soon = time.strftime("%Y-%m-%d", time.localtime(time.time() + 3 * 86400))
    later = time.strftime("%Y-%m-%d", time.localtime(time.time() + 20 * 86400))
    for household, due, text in (
        (households[0], later, "危房需要修缮"),
        (households[1], soon, "申请低保"),
    ):
        need = {"household_id": household, "description": text, "due_on": due}
        # Refused (422) until the assistance service has read the household from the feed.
        until(
            "the assistance service taking a need for the new household",
            lambda need=need: (
                client.post("/api/v1/needs", json=need, headers=admin).status_code == 201
            ),
        )
    period = f"{today.tm_year}Q{(today.tm_mon - 1) // 3 + 1}"
    income = {
        "wage_income": "1000.00",
        "operating_income": "0.00",
        "property_income": "0.00",
        "transfer_income": "500.00",
        "resident_count": 2,
    }
    written = client.put(
        f"/api/v1/households/{households[0]}/income-records/{period}", json=income, headers=admin
    )
    assert written.status_code == 201, written.text
    officer = bearer(client, SEARCH_OFFICER, OFFICER_PASSWORD)
    until(
        "the indicators raising the income alert",
        lambda: bool(
            client.get("/api/v1/alerts", params={"household_id": households[0]}, headers=officer)
            .json()
            .get("items")
        ),
    )
    return households[0]


def test_an_officer_searches_by_a_name_start_and_a_village_name_and_gives_a_need_and_an_alert_to_a_department(  # noqa: E501
    web: System,
) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        household = seed_search(client)
        env = {
            "E2E_USERNAME": SEARCH_OFFICER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_HOUSEHOLD": SEARCHED_HEAD,
            "E2E_OTHER_HOUSEHOLD": OTHER_VILLAGE_HEAD,
            "E2E_VILLAGE": "荷地村",
            "E2E_TOWNSHIP": "荷地镇",
            "E2E_DEPARTMENT": CIVIL_AFFAIRS,
            "E2E_CADRE_USERNAME": SEARCH_CADRE,
            "E2E_CADRE_PASSWORD": CADRE_PASSWORD,
        }
        run_script(web, "admin-search.mjs", env)
        # What the browser did, as the API tells it.
        officer = bearer(client, SEARCH_OFFICER, OFFICER_PASSWORD)
        departments = client.get(
            "/api/v1/departments", params={"q": CIVIL_AFFAIRS}, headers=officer
        ).json()["items"]
        civil = departments[0]["id"]
        [need] = client.get(
            "/api/v1/needs", params={"household_id": household}, headers=officer
        ).json()["items"]
        assert (need["status"], need["responsible_department_id"]) == ("in_progress", civil)
        assert need["responsible_unit"] == CIVIL_AFFAIRS
        [alert] = client.get(
            "/api/v1/alerts", params={"household_id": household}, headers=officer
        ).json()["items"]
        assert alert["department_id"] == civil
