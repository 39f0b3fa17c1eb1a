"""The web app end to end: the real processes on PostgreSQL serving the built frontend, driven by
Debian's Chromium through playwright-core (frontend/e2e/*.mjs).

Runs when FUMIN_E2E=1 (``make frontend-e2e``, and the last step of ``make test``), which builds the
frontend first; otherwise it is skipped, so a plain pytest run needs neither Node nor a browser.
"""

import hashlib
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import uuid4
from zoneinfo import ZoneInfo

import httpx
import pytest
from openpyxl import load_workbook

from assistance.demo.generate import png
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


# The county, 黄田镇 and its 黄田村, which several tests share.
HUANGTIAN = [
    ("331126", "庆元县", None),
    ("331126101", "黄田镇", None),
    (VILLAGE_A1, "黄田村", "large"),
]


def ensure_areas(
    client: httpx.Client, admin: dict[str, str], areas: list[tuple[str, str, str | None]]
) -> None:
    """The areas (code, name, size class), each made unless another test made it already."""
    for code, name, size in areas:
        area = {"code": code, "name": name, "edition": 2023, "size_class": size}
        assert client.post("/api/v1/areas", json=area, headers=admin).status_code in (201, 409)


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
    ensure_areas(client, admin, HUANGTIAN)
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
    ensure_areas(client, admin, HUANGTIAN)
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
    ensure_areas(
        client,
        admin,
        [
            *HUANGTIAN,
            ("331126201", "隆宫乡", None),
            (VILLAGE_B1, "隆宫村", "medium"),
        ],
    )
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
    ensure_areas(client, admin, HUANGTIAN)
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
    ensure_areas(
        client,
        admin,
        [
            ("331126", "庆元县", None),
            (ZHUKOU, "竹口镇", None),
            (ZHUKOU_VILLAGE, "竹口村", "medium"),
        ],
    )
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


PERIODS_LEADER = "periodleader"
PERIODS_CADRE = "zhouzf"  # the cadre whose households were visited last month
PERIODS_CADRE_NAME = "周走访"
# Year to date per quarter, by township: 黄田镇 one household of two residents, 隆宫乡 one of one.
# 2026Q3: 黄田镇 27,000 ÷ 2 = 13,500.00 元 (Q1: 4,500.00), 隆宫乡 12,000.00 元.
HUANGTIAN_WAGE = {2025: 8000, 2026: 9000}
LONGGONG_WAGE = {2025: 3500, 2026: 4000}


def _last_month(today: date) -> str:
    first = today.replace(day=1) - timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def seed_periods(client: httpx.Client, last_month: str) -> None:
    """Income records for 2025 and 2026 Q1–Q3 (none in 2026Q4) in 黄田镇 and 隆宫乡, a county
    leader, and a cadre of 黄田镇 whose paired household was visited last month (backdated)."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(
        client,
        admin,
        [
            *HUANGTIAN,
            ("331126201", "隆宫乡", None),
            (VILLAGE_B1, "隆宫村", "medium"),
        ],
    )
    leader = {"username": PERIODS_LEADER, "display_name": "县领导（期间）", "roles": ["leader"]}
    leader |= {"area_code": "331126", "password": OFFICER_PASSWORD}
    assert client.post("/api/v1/users", json=leader, headers=admin).status_code == 201
    department = _post(
        client, "/api/v1/departments", {"name": "黄田镇农技站", "area_code": "331126101"}, admin
    )
    body = {"name": PERIODS_CADRE_NAME, "department_id": department, "type": "township_staff"}
    cadre = _post(client, "/api/v1/cadres", body | {"home_area_code": "331126101"}, admin)
    user = {"username": PERIODS_CADRE, "display_name": PERIODS_CADRE_NAME, "roles": ["cadre"]}
    user |= {"area_code": "331126101", "cadre_id": cadre, "password": CADRE_PASSWORD}
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    huangtian = _post(
        client,
        "/api/v1/households",
        household_body(VILLAGE_A1, first_sequence=721, address="黄田村70号"),
        admin,
    )
    longgong = _post(
        client,
        "/api/v1/households",
        household_body(
            VILLAGE_B1,
            first_sequence=711,
            address="隆宫村71号",
            members=[member_body("head", 711, name="季守业")],
        ),
        admin,
    )
    for household, wages, residents in (
        (huangtian, HUANGTIAN_WAGE, 2),
        (longgong, LONGGONG_WAGE, 1),
    ):
        for year, quarters in ((2025, 4), (2026, 3)):
            for quarter in range(1, quarters + 1):
                record = {
                    "wage_income": f"{wages[year] * quarter}.00",
                    "operating_income": "0.00",
                    "property_income": "0.00",
                    "transfer_income": "0.00",
                    "resident_count": residents,
                }
                path = f"/api/v1/households/{household}/income-records/{year}Q{quarter}"
                put = client.put(path, json=record, headers=admin)
                assert put.status_code == 201, put.text
    pairing = {"cadre_id": cadre, "household_id": huangtian, "started_on": "2024-01-01"}
    _post(client, "/api/v1/pairings", pairing, admin)
    cadre_headers = bearer(client, PERIODS_CADRE, CADRE_PASSWORD)
    wait_for_schedule(client, cadre_headers, {huangtian})
    visit = {
        "household_id": huangtian,
        "mode": "in_person",
        "occurred_at": f"{last_month}-15T10:00:00+08:00",
        "observations": {"income": "毛竹收入稳定，家中两人务工"},
        "actions_taken": "核实了三季度收入，讲解了医保补充保险",
        "backdate_reason": "上月纸质走访记录补录",
    }
    saved = client.put(f"/api/v1/visits/{uuid.uuid4()}", json=visit, headers=cadre_headers)
    assert saved.status_code == 201, saved.text


def test_the_dashboard_opens_on_the_latest_quarter_with_income_and_last_month(
    web: System,
) -> None:
    """Issue 15, bugs 1–3: the progress table names 2026Q3 and shows its figure, the ranking
    opens on 2026Q3 and numbers no one in 2026Q4 (no records), visits open on last month."""
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    last_month = _last_month(today)
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        seed_periods(client, last_month)
        leader = bearer(client, PERIODS_LEADER, OFFICER_PASSWORD)
        query = {"indicator": "I01_rural_income", "area": "331126101", "period": "2026Q3"}

        def computed() -> bool:
            page = client.get("/api/v1/indicator-values", params=query, headers=leader)
            return page.status_code == 200 and any(
                row["area_code"] == "331126101"
                and row["measure"] == "per_capita"
                and row["value"] == "13500.00"
                for row in page.json()["items"]
            )

        until("the indicators computing 黄田镇's 2026Q3 income", computed)
        env = {
            "E2E_USERNAME": PERIODS_LEADER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_LAST_MONTH": last_month,
            "E2E_CADRE_NAME": PERIODS_CADRE_NAME,
        }
        run_script(web, "admin-periods.mjs", env)


EXPORTS_OFFICER = "wudabao"
WUDABAO, WUDABAO_VILLAGE = "331126204", "331126204201"  # a 乡 of its own: no other test's records


def seed_income_records(client: httpx.Client, year: int) -> None:
    """五大堡乡 with one village, its officer (``wudabao``) and a household with Q1 income
    records this year and last: 7,200 and 6,000 yuan over two residents (3,600 per head, +20 %)."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(
        client,
        admin,
        [
            ("331126", "庆元县", None),
            (WUDABAO, "五大堡乡", None),
            (WUDABAO_VILLAGE, "五大堡村", "small"),
        ],
    )
    user = {"username": EXPORTS_OFFICER, "display_name": "五大堡乡干事"} | {
        "roles": ["township_officer"],
        "area_code": WUDABAO,
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    body = household_body(
        WUDABAO_VILLAGE,
        first_sequence=867,
        address="五大堡村8号",
        members=[member_body("head", 867, name="吴增收"), member_body("spouse", 868)],
    )
    household = _post(client, "/api/v1/households", body, admin)
    for period, wage in ((f"{year - 1}Q1", "6000.00"), (f"{year}Q1", "7200.00")):
        record = {"wage_income": wage, "resident_count": 2}
        record |= {"operating_income": "0", "property_income": "0", "transfer_income": "0"}
        put = client.put(
            f"/api/v1/households/{household}/income-records/{period}", json=record, headers=admin
        )
        assert put.status_code == 201, put.text


def test_the_progress_table_downloads_in_the_plans_layout(web: System, tmp_path: Path) -> None:
    year = time.localtime().tm_year  # the dashboard's year
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        seed_income_records(client, year)
        officer = bearer(client, EXPORTS_OFFICER, OFFICER_PASSWORD)
        query = {"table": "farmer_income", "area": WUDABAO, "year": str(year)}

        def counted() -> bool:
            # 404 until the indicators service has read the new township from the feed
            answer = client.get("/api/v1/progress", params=query, headers=officer)
            if answer.status_code != 200:
                return False
            cells = answer.json()["rows"][0]["cells"]
            return any(cell["actual"] == "3600.00" for cell in cells)

        until("the indicators counting the income records", counted)
        env = {
            "E2E_USERNAME": EXPORTS_OFFICER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_DOWNLOADS": str(tmp_path),
        }
        run_script(web, "admin-exports.mjs", env)

    sheet = load_workbook(tmp_path / "progress.xlsx").active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == f"{year}年度五大堡乡农民增收工作进度表（截至一季度）"
    assert rows[1][0] == "单位：元、%"
    assert rows[2][:3] == ["序号", "村（社区）", "农村居民人均可支配收入"]
    assert rows[3][2:7] == ["目标值", "完成值", "完成率（%）", "同比增长（%）", None]
    assert [row[:2] for row in rows[4:6]] == [[1, "五大堡村"], [None, "合计"]]
    actual, change = sheet.cell(5, 4), sheet.cell(5, 6)
    assert (actual.data_type, actual.number_format, actual.value) == ("n", "#,##0.00", 3600)
    assert (change.data_type, change.value) == ("n", 20)
    assert sheet.freeze_panes == "C5"
    assert all(sheet.column_dimensions[letter].width >= 8 for letter in "ABCDEFG")
    assert {"填报单位：", "填报人：", "审核人：", "填报日期："} <= {v for v in rows[-1] if v}
    csv_text = (tmp_path / "progress.csv").read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf")
    assert csv_text.decode("utf-8-sig").splitlines()[0] == rows[0][0]


VISITS_OFFICER = "hedi"
HEDI, HEDI_VILLAGE, HEDI_OTHER_VILLAGE = "331126106", "331126106201", "331126106202"
FAR_HEAD, NEAR_HEAD = "陈远山", "陈近水"
HEDI_HOME = (27.5402, 119.2081)


def last_month_day(day: int) -> str:
    """A morning of last month (Asia/Shanghai), as the officer's paper form gives it."""
    today = time.gmtime(time.time() + 8 * 3600)
    year, month = (today.tm_year, today.tm_mon - 1) if today.tm_mon > 1 else (today.tm_year - 1, 12)
    return f"{year:04d}-{month:02d}-{day:02d}T09:30:00+08:00"


def seed_township_visits(client: httpx.Client) -> dict[str, str]:
    """For the visits page: 荷地镇 with two villages, its officer (``hedi``), a cadre paired to two
    low-income households with a registered home, and last month's visit to each entered by the
    officer from paper: one with a GPS point 5.6 km from home and a photo, one at the door.
    Answers the visits' ids by head. Areas another test made already are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(
        client,
        admin,
        [
            ("331126", "庆元县", None),
            (HEDI, "荷地镇", None),
            (HEDI_VILLAGE, "荷地村", "medium"),
            (HEDI_OTHER_VILLAGE, "石磨下村", "small"),
        ],
    )
    department = _post(
        client, "/api/v1/departments", {"name": "荷地镇人民政府", "area_code": HEDI}, admin
    )
    cadre = _post(
        client,
        "/api/v1/cadres",
        {"name": "陈走访", "department_id": department, "type": "township_staff"}
        | {"home_area_code": HEDI},
        admin,
    )
    officer_user = {"username": VISITS_OFFICER, "display_name": "荷地镇干事"} | {
        "roles": ["township_officer"],
        "area_code": HEDI,
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=officer_user, headers=admin).status_code == 201
    households = {}
    for sequence, head, village in (
        (911, FAR_HEAD, HEDI_VILLAGE),
        (913, NEAR_HEAD, HEDI_OTHER_VILLAGE),
    ):
        body = household_body(
            village,
            first_sequence=sequence,
            address=f"荷地{sequence}号",
            latitude=HEDI_HOME[0],
            longitude=HEDI_HOME[1],
            members=[member_body("head", sequence, name=head)],
        )
        households[head] = _post(client, "/api/v1/households", body, admin)
        pairing = {"cadre_id": cadre, "household_id": households[head], "started_on": "2024-01-01"}
        _post(client, "/api/v1/pairings", pairing, admin)
    officer = bearer(client, VISITS_OFFICER, OFFICER_PASSWORD)
    wait_for_schedule(client, officer, set(households.values()))
    photo = png((200, 120, 60), 64)
    photo_id = hashlib.sha256(photo).hexdigest()
    put = client.put(f"/api/v1/attachments/{photo_id}", content=photo, headers=officer)
    assert put.status_code == 201, put.text
    visits = {}
    for head, offset, day, photos in ((FAR_HEAD, 0.05, 12, [photo_id]), (NEAR_HEAD, 0.001, 15, [])):
        visit = {
            "household_id": households[head],
            "mode": "in_person",
            "occurred_at": last_month_day(day),
            "latitude": HEDI_HOME[0] + offset,
            "longitude": HEDI_HOME[1],
            "accuracy_m": 12,
            "observations": {"income": "香菇收入稳定", "health": "户主腰伤未愈"},
            "needs_raised": ["希望参加食用菌技术培训"],
            "actions_taken": "讲解医疗补充保险报销流程",
            "risk_flags": ["serious_illness"] if head == FAR_HEAD else [],
            "photo_ids": photos,
            "backdate_reason": "按纸质走访记录补录",
        }
        visits[head] = str(uuid.uuid4())
        response = client.put(f"/api/v1/visits/{visits[head]}", json=visit, headers=officer)
        assert response.status_code == 201, response.text
        assert response.json()["flags"]["far_from_home"] is (head == FAR_HEAD)
    return visits


def test_an_officer_filters_last_months_visits_by_a_flag_and_opens_one(web: System) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        visits = seed_township_visits(client)
        env = {
            "E2E_USERNAME": VISITS_OFFICER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_FAR_HEAD": FAR_HEAD,
            "E2E_NEAR_HEAD": NEAR_HEAD,
            "E2E_MONTH": last_month_day(1)[:7],
            "E2E_FAR_VISIT": visits[FAR_HEAD],
        }
        run_script(web, "admin-visits.mjs", env)


DRILL_TOWNSHIP, DRILL_VILLAGE = "331126104", "331126104201"
DRILL_HEADS = ("周未访", "郑未访")
DRILL_ADMIN = "xianban"  # a county admin of the county (the first admin sees every area)


def seed_drill(client: httpx.Client) -> tuple[str, str]:
    """For the drill-down: 安南镇 with one village and a cadre paired to two low-income
    households not yet visited this month. Answers the cadre's name and the first household."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(
        client,
        admin,
        [
            ("331126", "庆元县", None),
            (DRILL_TOWNSHIP, "安南镇", None),
            (DRILL_VILLAGE, "安南村", "small"),
        ],
    )
    department = _post(
        client,
        "/api/v1/departments",
        {"name": "安南镇人民政府", "area_code": DRILL_TOWNSHIP},
        admin,
    )
    cadre_name = "吴下钻"
    body = {
        "name": cadre_name,
        "department_id": department,
        "type": "township_staff",
        "home_area_code": DRILL_TOWNSHIP,
    }
    cadre = _post(client, "/api/v1/cadres", body, admin)
    user = {"username": DRILL_ADMIN, "display_name": "县农办", "roles": ["county_admin"]}
    user |= {"area_code": "331126", "password": OFFICER_PASSWORD}
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    households = []
    for sequence, head in zip((921, 923), DRILL_HEADS, strict=True):
        body = household_body(
            DRILL_VILLAGE,
            first_sequence=sequence,
            address=f"安南村{sequence}号",
            members=[member_body("head", sequence, name=head)],
        )
        households.append(_post(client, "/api/v1/households", body, admin))
        pairing = {"cadre_id": cadre, "household_id": households[-1], "started_on": "2024-01-01"}
        _post(client, "/api/v1/pairings", pairing, admin)
    wait_for_schedule(client, admin, set(households))
    year = time.localtime().tm_year

    def township_known() -> bool:
        page = client.get(
            "/api/v1/targets",
            params={"area": "331126", "period": str(year), "indicator": "I01_rural_income"},
            headers=admin,
        )
        return page.status_code == 200 and any(
            row["area_code"] == DRILL_TOWNSHIP for row in page.json()["items"]
        )

    until("the indicators knowing the township", township_known)
    return cadre_name, households[0]


def test_the_county_admin_sets_a_target_and_drills_down_to_a_cadres_unvisited_households(
    web: System,
) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        cadre_name, household = seed_drill(client)
        env = {
            "E2E_USERNAME": DRILL_ADMIN,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_TOWNSHIP": "安南镇",
            "E2E_VILLAGE": "安南村",
            "E2E_CADRE_NAME": cadre_name,
            "E2E_HEADS": ",".join(DRILL_HEADS),
            "E2E_HOUSEHOLD_ID": household,
        }
        run_script(web, "admin-drill.mjs", env)
        # What the browser set, as the API tells it: the township's own 2026-style annual target.
        admin = bearer(client, "admin", ADMIN_PASSWORD)
        year = time.localtime().tm_year
        found = client.get(
            "/api/v1/targets",
            params={"area": DRILL_TOWNSHIP, "period": f"{year}Q1", "indicator": "I01_rural_income"},
            headers=admin,
        ).json()["items"]
        level = next(
            t for t in found if t["measure"] == "per_capita" and t["area_code"] == DRILL_TOWNSHIP
        )
        assert (level["value"], level["source"], level["set_for"]) == ("41000", "set", f"{year}Q4")


HOUSEHOLD_OFFICER = "hhofficer"
WHOLE_HEAD = "郑茂林"  # the household the officer reads whole
WHOLE_ADDRESS = "黄田村55号"
WHOLE_HOME = (27.6185, 119.0620)


def seed_whole_household(client: httpx.Client) -> str:
    """For the officer's household page: a 黄田镇 officer (``hhofficer``), a cadre (``hhcadre``)
    paired to a household with a home location, income for 2026 Q1–Q3 (Q1 under the 13,000 line
    once annualised, Q2 and Q3 over it) and a visit of the cadre's about 5 km from home; answers
    the household's id. Areas another test made already are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(client, admin, HUANGTIAN)
    officer = {
        "username": HOUSEHOLD_OFFICER,
        "display_name": "黄田镇农办",
        "roles": ["township_officer"],
        "area_code": "331126101",
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=officer, headers=admin).status_code == 201
    department = _post(
        client, "/api/v1/departments", {"name": "黄田镇农办", "area_code": "331126101"}, admin
    )
    cadre = _post(
        client,
        "/api/v1/cadres",
        {
            "name": "郑帮扶",
            "department_id": department,
            "type": "township_staff",
            "home_area_code": "331126101",
        },
        admin,
    )
    login = officer | {
        "username": "hhcadre",
        "display_name": "郑帮扶",
        "roles": ["cadre"],
        "cadre_id": cadre,
    }
    assert client.post("/api/v1/users", json=login, headers=admin).status_code == 201
    body = household_body(
        VILLAGE_A1,
        first_sequence=931,
        address=WHOLE_ADDRESS,
        latitude=WHOLE_HOME[0],
        longitude=WHOLE_HOME[1],
        members=[member_body("head", 931, name=WHOLE_HEAD), member_body("spouse", 932)],
    )
    household = _post(client, "/api/v1/households", body, admin)
    pairing = {"cadre_id": cadre, "household_id": household, "started_on": "2024-01-01"}
    _post(client, "/api/v1/pairings", pairing, admin)
    # Two residents: Q1 3,000 each → 12,000 a year (under); Q2 20,000 a year; Q3 18,000.
    for period, wage in (("2026Q1", "0.00"), ("2026Q2", "14000.00"), ("2026Q3", "21000.00")):
        record = {
            "wage_income": wage,
            "operating_income": "3000.00",
            "property_income": "0.00",
            "transfer_income": "3000.00",
            "resident_count": 2,
        }
        saved = client.put(
            f"/api/v1/households/{household}/income-records/{period}", json=record, headers=admin
        )
        assert saved.status_code in (200, 201), saved.text
    cadre_headers = bearer(client, "hhcadre", OFFICER_PASSWORD)
    visit = {
        "household_id": household,
        "mode": "in_person",
        "occurred_at": (datetime.now(UTC) - timedelta(hours=2)).isoformat(),
        "latitude": WHOLE_HOME[0] + 0.05,
        "longitude": WHOLE_HOME[1],
        "accuracy_m": 20,
        "observations": {"income": "香菇收成好于去年"},
        "actions_taken": "讲解医疗补充保险报销流程",
    }
    url = f"/api/v1/visits/{uuid4()}"
    # Assistance learns of the pairing from the registry's feed.
    until(
        "the cadre's visit accepted",
        lambda: client.put(url, json=visit, headers=cadre_headers).status_code in (200, 201),
    )
    return household


def test_an_officer_sees_the_whole_household_and_their_edit_in_its_history(web: System) -> None:
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        household = seed_whole_household(client)
        env = {
            "E2E_USERNAME": HOUSEHOLD_OFFICER,
            "E2E_PASSWORD": OFFICER_PASSWORD,
            "E2E_HOUSEHOLD": household,
            "E2E_HEAD": WHOLE_HEAD,
            "E2E_OLD_ADDRESS": WHOLE_ADDRESS,
        }
        run_script(web, "admin-household.mjs", env)


ENGLISH_TOWN, ENGLISH_VILLAGE = "331126105", "331126105201"


def seed_english(client: httpx.Client) -> dict[str, str]:
    """For the English walk: 荷地镇 with a village, its officer (``enofficer``), a county leader
    (``enleader``), a cadre who logs in as ``encadre`` paired to a low-income household, and an
    entity; answers the E2E_* variables naming them. Areas made before are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(
        client,
        admin,
        [
            ("331126", "庆元县", None),
            (ENGLISH_TOWN, "荷地镇", None),
            (ENGLISH_VILLAGE, "荷地村", "small"),
        ],
    )
    department = _post(
        client, "/api/v1/departments", {"name": "荷地镇农业办", "area_code": ENGLISH_TOWN}, admin
    )
    cadre = {
        "name": "何帮扶",
        "department_id": department,
        "type": "township_staff",
        "home_area_code": ENGLISH_TOWN,
    }
    cadre_id = _post(client, "/api/v1/cadres", cadre, admin)
    for user in [
        {"username": "encadre", "display_name": "何帮扶", "roles": ["cadre"]}
        | {"area_code": ENGLISH_TOWN, "cadre_id": cadre_id, "password": CADRE_PASSWORD},
        {"username": "enofficer", "display_name": "荷地镇干事", "roles": ["township_officer"]}
        | {"area_code": ENGLISH_TOWN, "password": OFFICER_PASSWORD},
        {"username": "enleader", "display_name": "县领导", "roles": ["leader"]}
        | {"area_code": "331126", "password": OFFICER_PASSWORD},
    ]:
        assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    household = household_body(
        ENGLISH_VILLAGE,
        first_sequence=905,
        address="荷地村5号",
        members=[member_body("head", 905, name="何大田")],
    )
    household_id = _post(client, "/api/v1/households", household, admin)
    pairing = {"cadre_id": cadre_id, "household_id": household_id, "started_on": "2024-01-01"}
    _post(client, "/api/v1/pairings", pairing, admin)
    entity = {
        "name": "荷地香菇合作社",
        "type": "cooperative",
        "village_code": ENGLISH_VILLAGE,
        "industry": "edible_fungi",
    }
    entity_id = _post(client, "/api/v1/entities", entity, admin)
    # A past visit of the cadre's, for the phone's page of one visit.
    cadre_token = bearer(client, "encadre", CADRE_PASSWORD)
    wait_for_schedule(client, cadre_token, {household_id})
    visit_id = str(uuid.uuid4())
    visit = {
        "household_id": household_id,
        "mode": "in_person",
        "occurred_at": (datetime.now(UTC) - timedelta(days=2)).isoformat(),
        "observations": {"housing": "屋顶已修好"},
    }
    saved = client.put(f"/api/v1/visits/{visit_id}", json=visit, headers=cadre_token)
    assert saved.status_code == 201, saved.text
    return {
        "E2E_HOUSEHOLD_ID": household_id,
        "E2E_VISIT_ID": visit_id,
        "E2E_TOWN": ENGLISH_TOWN,
        "E2E_CADRE_ID": cadre_id,
        "E2E_ENTITY_ID": entity_id,
        "E2E_CADRE_USERNAME": "encadre",
        "E2E_CADRE_PASSWORD": CADRE_PASSWORD,
        "E2E_OFFICER_USERNAME": "enofficer",
        "E2E_OFFICER_PASSWORD": OFFICER_PASSWORD,
        "E2E_ADMIN_USERNAME": "admin",
        "E2E_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "E2E_LEADER_USERNAME": "enleader",
        "E2E_LEADER_PASSWORD": OFFICER_PASSWORD,
    }


def test_every_screen_of_both_apps_in_english_shows_no_chinese_outside_data(web: System) -> None:
    """Issue 15 bug 9: the cadre, an officer, the county admin and a leader open every route
    (frontend/e2e/english-routes.mjs) in English; only data may be Chinese."""
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        env = seed_english(client)
        run_script(web, "english.mjs", env)


PHONE_CADRE = "sunphone"  # the cadre whose phone screens issue 15 changed
PHONE_HEAD = "孙来电"
HOUSEHOLD_PHONE = "13905781234"
PAST_VISIT_NOTE = "屋顶漏雨已请村里修好"


def seed_cadre_with_a_past_visit(client: httpx.Client) -> tuple[str, str]:
    """A cadre logging in as PHONE_CADRE, paired to one household headed by PHONE_HEAD with its
    own phone, and one visit of theirs already on the server; answers (household id, cadre
    user's id). Areas another test made already are taken as they are."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(client, admin, HUANGTIAN)
    department = _post(
        client, "/api/v1/departments", {"name": "黄田镇民政办", "area_code": "331126101"}, admin
    )
    body = {
        "name": "孙帮扶",
        "department_id": department,
        "type": "township_staff",
        "home_area_code": "331126101",
    }
    cadre = _post(client, "/api/v1/cadres", body, admin)
    user = {"username": PHONE_CADRE, "display_name": "孙帮扶", "roles": ["cadre"]} | {
        "area_code": "331126101",
        "cadre_id": cadre,
        "password": CADRE_PASSWORD,
    }
    created = client.post("/api/v1/users", json=user, headers=admin)
    assert created.status_code == 201, created.text
    household = household_body(
        VILLAGE_A1,
        first_sequence=951,
        address="黄田村95号",
        phone=HOUSEHOLD_PHONE,
        members=[member_body("head", 951, name=PHONE_HEAD)],
    )
    household_id = _post(client, "/api/v1/households", household, admin)
    pairing = {"cadre_id": cadre, "household_id": household_id, "started_on": "2024-01-01"}
    _post(client, "/api/v1/pairings", pairing, admin)
    return household_id, str(created.json()["id"])


def test_a_cadres_phone_refuses_an_empty_visit_in_view_opens_a_past_one_and_calls(
    web: System,
) -> None:
    """Issue 15 (bugs 4, 5 and the cadre's phone): an empty visit is refused where the cadre is
    looking; a past visit opens; the household's phone comes whole to its cadre, audited."""
    with web.explained(), httpx.Client(base_url=web.urls["gateway"], timeout=30) as client:
        household_id, _ = seed_cadre_with_a_past_visit(client)
        cadre = bearer(client, PHONE_CADRE, CADRE_PASSWORD)
        wait_for_schedule(client, cadre, {household_id})
        past = {
            "household_id": household_id,
            "mode": "in_person",
            "occurred_at": (datetime.now(UTC) - timedelta(days=2)).isoformat(),
            "observations": {"housing": PAST_VISIT_NOTE},
        }
        saved = client.put(f"/api/v1/visits/{uuid.uuid4()}", json=past, headers=cadre)
        assert saved.status_code == 201, saved.text
        env = {
            "E2E_USERNAME": PHONE_CADRE,
            "E2E_PASSWORD": CADRE_PASSWORD,
            "E2E_HOUSEHOLD": PHONE_HEAD,
            "E2E_PHONE": HOUSEHOLD_PHONE,
            "E2E_PAST_NOTE": PAST_VISIT_NOTE,
        }
        run_script(web, "cadre-phone.mjs", env)
        # The call read the phone whole once, audited as the cadre's read of that one field.
        admin = bearer(client, "admin", ADMIN_PASSWORD)
        entries = client.get(
            "/api/v1/audit",
            params={"resource": "household", "resource_id": household_id, "kind": "read"},
            headers=admin,
        ).json()["items"]
        assert [(e["action"], e["fields"], e["roles"]) for e in entries] == [
            ("read_unmasked", ["phone"], ["cadre"])
        ]
        # The empty visit never reached the server; the one with words did.
        visits = client.get(
            "/api/v1/visits", params={"household_id": household_id}, headers=admin
        ).json()["items"]
        assert len(visits) == 2


SEARCH_OFFICER = "searchofficer"
SEARCH_CADRE = "searchcadre"  # whose 我的 names their township
SEARCH_TOWN, SEARCH_VILLAGE, KENGLI_VILLAGE = "331126107", "331126107201", "331126107202"
SEARCHED_HEAD, OTHER_VILLAGE_HEAD = "吴建华", "吴建明"  # both start 吴建; 坑里村 the second
CIVIL_AFFAIRS = "县民政局"


def seed_search(client: httpx.Client) -> str:
    """For searching as people search: 荷地镇 with 荷地村 and 坑里村, its officer (``hedi``), a
    county department, households headed by SEARCHED_HEAD (荷地村) and OTHER_VILLAGE_HEAD (坑里村),
    a need for each (the second due first), and an income under the 13,000 line for the first,
    whose alert the indicators raise. Answers the first household's id."""
    admin = bearer(client, "admin", ADMIN_PASSWORD)
    ensure_areas(
        client,
        admin,
        [
            ("331126", "庆元县", None),
            (SEARCH_TOWN, "荷地镇", None),
            (SEARCH_VILLAGE, "荷地村", "medium"),
            (KENGLI_VILLAGE, "坑里村", "small"),
        ],
    )
    civil = _post(
        client, "/api/v1/departments", {"name": CIVIL_AFFAIRS, "area_code": "331126"}, admin
    )
    cadre = {"name": "荷地帮扶", "department_id": civil, "type": "township_staff"}
    cadre_id = _post(client, "/api/v1/cadres", cadre | {"home_area_code": SEARCH_TOWN}, admin)
    cadre_user = {
        "username": SEARCH_CADRE,
        "display_name": "荷地帮扶",
        "roles": ["cadre"],
        "area_code": SEARCH_TOWN,
        "cadre_id": cadre_id,
        "password": CADRE_PASSWORD,
    }
    assert client.post("/api/v1/users", json=cadre_user, headers=admin).status_code == 201
    user = {
        "username": SEARCH_OFFICER,
        "display_name": "荷地镇干事",
        "roles": ["township_officer"],
        "area_code": SEARCH_TOWN,
        "password": OFFICER_PASSWORD,
    }
    assert client.post("/api/v1/users", json=user, headers=admin).status_code == 201
    households = []
    for sequence, village, head in (
        (961, SEARCH_VILLAGE, SEARCHED_HEAD),
        (963, KENGLI_VILLAGE, OTHER_VILLAGE_HEAD),
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
        def taken(need: dict[str, str] = need) -> bool:
            return client.post("/api/v1/needs", json=need, headers=admin).status_code == 201

        until("the assistance service taking a need for the new household", taken)
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
