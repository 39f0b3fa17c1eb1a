"""A deterministic year of assistance for the demo county (Dec 2025 – Nov 2026): monthly visits
(most on time, some missed, some entered late or far from home, a few flagging a risk), the
needs they raise in every status, plans with insurance for 2025 and 2026, happiness lists, and
a few photos. Pure: the registry copy's households in, rows out; ``load.py`` stores them.

Each household draws from its own random stream (the seed and its id), so a household's year
does not change when others are added, and the same copy and ``now`` give the same rows.
"""

import hashlib
import random
import struct
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from assistance.months import Month
from assistance.needs.service import need_id_from_visit
from assistance.plans.service import plan_id
from assistance.settings import AssistanceSettings
from assistance.visits.flags import is_far_from_home, is_late_entry
from kit.clock import LOCAL_TZ

SEED = 20261129
NAMESPACE = uuid.UUID("0c2b8d4e-5a8f-4f57-9d4b-6f3a2e1d7c90")
MONTHS = [Month(2025, 12), *(Month(2026, m) for m in range(1, 12))]
RECORDED_BY = "seed-demo"

VISITED_SHARE = 0.9  # of household-months
LATE_ENTRY_SHARE = 0.06  # of visits: logged from a paper form a week or more later
FAR_SHARE = 0.03  # of in-person visits: the phone's point is far from home
RISK_SHARE = 0.02  # of visits: a risk flagged
NEED_SHARE = 0.12  # of visits: a need raised
PLAN_SHARE = {2025: 0.9, 2026: 0.97}
INSURED_SHARE = 0.95
PHOTOS = 24  # distinct pictures, shared by the visits that carry one
PHOTO_SHARE = 0.01

MODES = (("in_person", 0.8), ("phone", 0.15), ("video", 0.05))
RISKS = ("serious_illness", "disability", "disaster", "accident", "job_loss")
MEASURES = (
    ("industry", 28),
    ("employment", 20),
    ("entity_link", 10),
    ("skills_training", 8),
    ("consumption", 6),
    ("micro_credit", 6),
    ("social_assistance", 8),
    ("medical", 5),
    ("housing", 3),
    ("education", 3),
    ("farm_stay", 1),
    ("relocation", 1),
    ("collective_dividend", 1),
)
GOALS = {
    "industry": "扩种香菇、种植高山蔬菜，年增收 1 万元 / more mushrooms and vegetables",
    "employment": "安排公益性岗位或进园区务工 / a public-welfare or factory job",
    "entity_link": "加入合作社，订单收购 / join a cooperative with order farming",
    "skills_training": "参加食用菌栽培技术培训 / mushroom-growing course",
    "consumption": "结对单位采购农产品 / paired units buy the produce",
    "micro_credit": "申请 5 万元小额信贷扩大生产 / a 50,000-yuan micro-loan",
    "social_assistance": "落实低保，做到应保尽保 / minimum living allowance in full",
    "medical": "大病医疗救助与补充保险报销 / medical aid and insurance claims",
    "housing": "危房改造 / repair the unsafe house",
    "education": "子女教育费用减免 / school fees waived",
    "farm_stay": "开办农家乐 / open a farm-stay",
    "relocation": "搬迁至县城安置小区 / move to the county-town estate",
    "collective_dividend": "村集体经济分红 / village collective dividend",
}
INSURERS = ("中国人保财险庆元支公司", "中国人寿庆元支公司", "太平洋财险丽水中心支公司")
PAID_BY = (("government", 0.85), ("collective", 0.08), ("self", 0.05), ("other", 0.02))
ITEMS = (
    ("subsidy", "产业发展补助", (300, 3000), "县农业农村局"),
    ("job", "公益性岗位（保洁员）", (6000, 12000), "乡镇人民政府"),
    ("training", "食用菌栽培技术培训", (200, 800), "县人力社保局"),
    ("loan", "小额信贷贴息", (500, 2500), "县金融发展中心"),
    ("insurance_payout", "医疗补充保险理赔", (800, 20000), "中国人保财险庆元支公司"),
    ("education_aid", "子女教育资助", (1000, 5000), "县教育局"),
    ("housing_repair", "危房改造补助", (10000, 40000), "县住建局"),
    ("consumption_purchase", "结对单位消费帮扶采购", (300, 5000), "县总工会"),
    ("other", "节日慰问", (200, 1000), "县民政局"),
)
OBSERVED = {
    "health": ("身体尚可", "户主腰伤未愈", "老人慢性病，按时服药", "家人身体健康"),
    "income": ("香菇收入稳定", "毛竹价格下降", "务工收入增加", "甜桔柚收成好"),
    "employment": ("妻子在合作社务工", "儿子在县城打工", "户主在家务农", "公益性岗位在岗"),
    "housing": ("无变化", "屋顶漏雨待修", "新装自来水", "住房安全"),
}
NEEDS = (
    ("希望参加食用菌技术培训", "县人力社保局"),
    ("孩子上学交通不便", "县教育局"),
    ("申请小额信贷", "县金融发展中心"),
    ("屋顶漏雨需要修缮", "县住房城乡建设局"),
    ("医药费报销咨询", "县医保局"),
    ("农产品销路难", "县供销社"),
    ("希望安排公益性岗位", "乡镇人民政府"),
)
# The flags follow the API's rules at the default settings (visits/flags.py).
DEFAULTS = AssistanceSettings()
LATE_REASON = "山区无信号，按纸质记录补录 / no signal in the hills, entered from the paper form"


@dataclass(frozen=True)
class PairedHousehold:
    """What the generator needs of a household from the registry copy."""

    id: uuid.UUID
    village_code: str
    cadre_id: uuid.UUID
    paired_since: date
    latitude: float | None
    longitude: float | None
    head_name: str = ""


@dataclass
class Activity:
    visits: list[dict[str, Any]] = field(default_factory=list)
    visit_photos: list[dict[str, Any]] = field(default_factory=list)
    needs: list[dict[str, Any]] = field(default_factory=list)
    plans: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    photos: dict[str, bytes] = field(default_factory=dict)  # sha256 → PNG bytes


def demo_id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts))


def png(rgb: tuple[int, int, int], size: int = 16) -> bytes:
    """A small solid-colour PNG: a stand-in for a farmhouse photo."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def photos(seed: int) -> list[bytes]:
    rng = random.Random(f"{seed}/photos")
    return [
        png((rng.randrange(256), rng.randrange(256), rng.randrange(256))) for _ in range(PHOTOS)
    ]


def weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    names, weights = zip(*options, strict=True)
    return rng.choices(names, weights)[0]


def local_moment(day: date, rng: random.Random) -> datetime:
    clock = time(rng.randrange(8, 18), rng.randrange(60))
    return datetime.combine(day, clock, tzinfo=LOCAL_TZ).astimezone(UTC)


def generate(households: list[PairedHousehold], now: datetime, seed: int = SEED) -> Activity:
    activity = Activity()
    pictures = photos(seed)
    for household in households:
        rng = random.Random(f"{seed}/{household.id}")
        _year_of_visits(activity, household, rng, now, pictures)
        for year in PLAN_SHARE:
            _plan(activity, household, rng, year, now)
        _happiness(activity, household, rng, now)
    return activity


def _year_of_visits(
    activity: Activity,
    household: PairedHousehold,
    rng: random.Random,
    now: datetime,
    pictures: list[bytes],
) -> None:
    # A few households are hard to reach: their cadre misses more months.
    visited_share = VISITED_SHARE if rng.random() > 0.1 else 0.6
    for month in MONTHS:
        if rng.random() > visited_share:
            continue  # missed: overdue in the schedule
        day = month.first_day + timedelta(days=rng.randrange(month.last_day.day))
        occurred = local_moment(day, rng)
        if day < household.paired_since or occurred > now:
            continue
        _visit(activity, household, rng, month, occurred, now, pictures)


def _visit(
    activity: Activity,
    household: PairedHousehold,
    rng: random.Random,
    month: Month,
    occurred: datetime,
    now: datetime,
    pictures: list[bytes],
) -> None:
    visit_id = demo_id("visit", household.id, month)
    mode = weighted(rng, MODES)
    backdated = rng.random() < LATE_ENTRY_SHARE and occurred + timedelta(days=8) < now
    arrived = occurred + (
        timedelta(days=rng.randrange(8, 15))
        if backdated
        else timedelta(minutes=rng.randrange(1, 240))
    )
    arrived = min(arrived, now)
    latitude = longitude = distance = None
    far = False
    if mode == "in_person" and household.latitude is not None and household.longitude is not None:
        far = rng.random() < FAR_SHARE
        offset = rng.uniform(0.025, 0.05) if far else rng.uniform(0.0, 0.002)
        latitude, longitude = household.latitude + offset, household.longitude
        distance = round(offset * 111_195)  # a degree of latitude, in metres
    risks = [rng.choice(RISKS)] if rng.random() < RISK_SHARE else []
    needs = [rng.choice(NEEDS)] if rng.random() < NEED_SHARE else []
    photo_ids = []
    if mode == "in_person" and rng.random() < PHOTO_SHARE:
        picture = rng.choice(pictures)
        photo_id = _sha256(picture)
        activity.photos[photo_id] = picture
        photo_ids = [photo_id]
        activity.visit_photos.append({"visit_id": visit_id, "attachment_id": photo_id})
    observations = {name: rng.choice(texts) for name, texts in OBSERVED.items()}
    if risks:
        observations["health"] = "户主突发重病住院 / the head fell seriously ill"
    activity.visits.append(
        {
            "id": visit_id,
            "household_id": household.id,
            "cadre_id": household.cadre_id,
            "village_code": household.village_code,
            "mode": mode,
            "occurred_at": occurred,
            "latitude": latitude,
            "longitude": longitude,
            "accuracy_m": 15.0 if latitude is not None else None,
            "observations": observations,
            "needs_raised": [text for text, _ in needs],
            "actions_taken": "宣讲帮扶政策，了解收入情况 / explained the policies",
            "actions_promised": "下月再访 / back next month",
            "risk_flags": risks,
            "photo_ids": photo_ids,
            "backdate_reason": LATE_REASON if backdated else None,
            "distance_m": distance,
            "far_from_home": is_far_from_home(distance, DEFAULTS.far_metres),
            "late_entry": is_late_entry(occurred, arrived, late_days=DEFAULTS.late_days),
            "body_hash": _sha256(str(visit_id).encode()),  # not an API body: never repeated
            "recorded_by": RECORDED_BY,
            "version": 1,
            "created_at": arrived,
            "updated_at": arrived,
        }
    )
    for text, unit in needs:
        _need(activity, household, rng, visit_id, text, unit, occurred, now)


def _need(
    activity: Activity,
    household: PairedHousehold,
    rng: random.Random,
    visit_id: uuid.UUID,
    text: str,
    unit: str,
    raised: datetime,
    now: datetime,
) -> None:
    """Older needs are mostly closed; recent ones still open or in progress; a few old ones
    were never started (overdue)."""
    age = (now - raised).days
    closed_share, started_share = (
        (0.8, 0.9) if age > 45 else (0.4, 0.75) if age > 10 else (0.1, 0.4)
    )
    roll = rng.random()
    started = raised + timedelta(days=rng.randrange(1, 8), hours=rng.randrange(8))
    closed = started + timedelta(days=rng.randrange(1, 20), hours=rng.randrange(8))
    status = "closed" if roll < closed_share else "in_progress" if roll < started_share else "open"
    if status == "closed" and closed > now:
        status = "in_progress"
    if status == "in_progress" and started > now:
        status = "open"
    row_unit = unit if status != "open" else ""
    activity.needs.append(
        {
            "id": need_id_from_visit(visit_id, text),
            "household_id": household.id,
            "visit_id": visit_id,
            "description": text,
            "responsible_unit": row_unit,
            "status": status,
            "raised_at": raised,
            "due_on": raised.astimezone(LOCAL_TZ).date() + timedelta(days=30),
            "started_at": started if status != "open" else None,
            "closed_at": closed if status == "closed" else None,
            "start_note": f"已转{unit}办理" if status != "open" else "",
            "close_note": "已办结，农户满意 / done, the household is satisfied"
            if status == "closed"
            else "",
            "recorded_by": RECORDED_BY,
            "version": {"open": 1, "in_progress": 2, "closed": 3}[status],
            "created_at": raised,
            "updated_at": closed if status == "closed" else started if status != "open" else raised,
        }
    )


def _plan(
    activity: Activity, household: PairedHousehold, rng: random.Random, year: int, now: datetime
) -> None:
    if rng.random() > PLAN_SHARE[year]:
        return
    measure = rng.choices([m for m, _ in MEASURES], [w for _, w in MEASURES])[0]
    insured = rng.random() < INSURED_SHARE
    # Most policies run the calendar year; some households joined later in the year.
    starts = date(year, 1, 1) if rng.random() < 0.85 else date(year, rng.randrange(2, 7), 1)
    made = min(local_moment(date(year, 1, 1) + timedelta(days=rng.randrange(60)), rng), now)
    activity.plans.append(
        {
            "id": plan_id(household.id, year),
            "household_id": household.id,
            "year": year,
            "main_measure": measure if rng.random() > 0.02 else None,
            "goals": GOALS[measure],
            "insured": insured,
            "insurer": rng.choice(INSURERS) if insured else "",
            "policy_number": f"QY{year}{rng.randrange(10**8):08d}" if insured else "",
            "insurance_starts_on": starts if insured else None,
            "insurance_ends_on": date(year, 12, 31) if insured else None,
            "premium_paid_by": weighted(rng, PAID_BY) if insured else None,
            "body_hash": _sha256(f"plan/{household.id}/{year}".encode()),
            "recorded_by": RECORDED_BY,
            "version": 1,
            "created_at": made,
            "updated_at": made,
        }
    )


def _happiness(
    activity: Activity, household: PairedHousehold, rng: random.Random, now: datetime
) -> None:
    if rng.random() < 0.04:
        return  # a few households with an empty list: the six-ones gap shows
    today = now.astimezone(LOCAL_TZ).date()
    for index in range(rng.randrange(1, 6)):
        category, title, (low, high), unit = rng.choice(ITEMS)
        day = date(2025, 12, 1) + timedelta(days=rng.randrange(365))
        status = "delivered" if day <= today and rng.random() < 0.9 else "planned"
        value_fen = rng.randrange(low, high) * 100 + rng.choice((0, 0, 50, rng.randrange(100)))
        made = min(local_moment(min(day, today), rng), now)
        activity.items.append(
            {
                "id": demo_id("item", household.id, index),
                "household_id": household.id,
                "year": day.year,
                "category": category,
                "title": title,
                "value_fen": value_fen,
                "delivering_unit": unit,
                "delivered_on": day,
                "status": status,
                "body_hash": _sha256(f"item/{household.id}/{index}".encode()),
                "recorded_by": RECORDED_BY,
                "version": 1,
                "created_at": made,
                "updated_at": made,
            }
        )


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
