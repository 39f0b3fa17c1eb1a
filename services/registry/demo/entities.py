"""The county's new-type agricultural entities (新型农业主体): how many of each type, in which
industries, their names, grades, credit codes and yearly figures.

The counts at full size follow the plan's targets (DOMAIN.md, indicators 8–13): over 1,000
high-quality family farms, 50+ cooperatives, 20+ social service organisations, about 10 new
leading enterprises (one national), 300 farm-stays (50 new), 45+ new processing brokers, about
800 农合联 members. A smaller county scales them down, keeping at least one of each type.
"""

import random
from dataclasses import dataclass

from registry.demo.people import full_name
from registry.models.vocab import EnterpriseLevel, EntityType, Industry, QualityGrade

# type: (count at full size, share newly cultivated since 2022, credit-code kind, share registered)
COUNTS = {
    EntityType.FAMILY_FARM: (1150, 0.55, "92", 0.45),
    EntityType.COOPERATIVE: (62, 0.35, "93", 1.0),
    EntityType.SOCIAL_SERVICE: (24, 0.4, "93", 1.0),
    EntityType.LEADING_ENTERPRISE: (16, 0.65, "91", 1.0),
    EntityType.FARM_STAY: (310, 0.18, "92", 0.8),
    EntityType.E_COMMERCE: (90, 0.45, "91", 1.0),
    EntityType.PROCESSING_BROKER: (60, 0.8, "92", 0.5),
    EntityType.NHL_MEMBER: (30, 0.2, "91", 1.0),
}
INDUSTRY_WEIGHTS = {
    EntityType.FAMILY_FARM: (30, 4, 8, 18, 12, 10, 12, 6),
    EntityType.COOPERATIVE: (30, 4, 8, 18, 12, 10, 12, 6),
    EntityType.SOCIAL_SERVICE: (20, 0, 0, 0, 20, 0, 0, 60),
    EntityType.LEADING_ENTERPRISE: (40, 0, 5, 10, 30, 10, 0, 5),
    EntityType.FARM_STAY: (0, 0, 0, 0, 0, 10, 0, 90),
    EntityType.E_COMMERCE: (40, 3, 5, 15, 15, 10, 2, 10),
    EntityType.PROCESSING_BROKER: (0, 0, 0, 0, 30, 0, 0, 70),
    EntityType.NHL_MEMBER: (25, 5, 10, 15, 15, 10, 10, 10),
}
INDUSTRIES = list(Industry)  # the order of the weights above
INDUSTRY_WORDS = {
    Industry.EDIBLE_FUNGI: ("香菇", "食用菌", "灰树花", "黑木耳"),
    Industry.CITRUS: ("甜桔柚", "水果"),
    Industry.HERBS: ("中药材", "铁皮石斛", "三叶青"),
    Industry.CHESTNUT: ("锥栗", "板栗"),
    Industry.BAMBOO: ("毛竹", "竹业", "竹笋"),
    Industry.TEA: ("茶叶", "茶业", "白茶"),
    Industry.HIGHLAND_VEGETABLES: ("高山蔬菜", "果蔬", "菜篮子"),
    Industry.OTHER: ("生态农业", "农业", "山货"),
}
BRANDS = "百兴菇源绿谷山珍竹语锥源菇神九龙华鑫庆丰源康森野云栖溪语禾丰瑞丰青林香溪菇乡山里廊桥"
# 农合联 membership by type (the plan wants about 800 members).
NHL_SHARE = {
    EntityType.FAMILY_FARM: 0.55,
    EntityType.COOPERATIVE: 0.9,
    EntityType.SOCIAL_SERVICE: 0.6,
    EntityType.LEADING_ENTERPRISE: 0.8,
    EntityType.E_COMMERCE: 0.3,
    EntityType.NHL_MEMBER: 1.0,
}
# Family farms' demonstration grades: county, city, provincial, national, none.
QUALITY_GRADES = (
    QualityGrade.COUNTY,
    QualityGrade.CITY,
    QualityGrade.PROVINCIAL,
    QualityGrade.NATIONAL,
    QualityGrade.NONE,
)
QUALITY_WEIGHTS = (70, 15, 6, 1, 8)
NAME_TEMPLATES = {
    EntityType.FAMILY_FARM: "庆元县{person}{word}家庭农场",
    EntityType.COOPERATIVE: "庆元县{place}{brand}{word}专业合作社",
    EntityType.SOCIAL_SERVICE: "庆元县{place}{brand}{service}",
    EntityType.LEADING_ENTERPRISE: "浙江{brand}{word}{company}",
    EntityType.FARM_STAY: "庆元县{place}{brand}{stay}",
    EntityType.E_COMMERCE: "庆元县{brand}电子商务有限公司",
    EntityType.PROCESSING_BROKER: "庆元县{place}{person}来料加工点",
    EntityType.NHL_MEMBER: "庆元县{place}{brand}{word}开发有限公司",
}
LEADING_LEVELS = [
    EnterpriseLevel.NATIONAL,
    *[EnterpriseLevel.PROVINCIAL] * 2,
    *[EnterpriseLevel.CITY] * 5,
    *[EnterpriseLevel.COUNTY] * 8,
]


@dataclass
class EntitySpec:
    """An entity before it has a village: what it is and whether it is new (cultivated 2022+)."""

    type: EntityType
    new: bool
    index: int  # its number among entities of its type


def specs(rng: random.Random, ratio: float) -> list[EntitySpec]:
    """Every entity of the county at ``ratio`` of full size, at least one of each type."""
    result = []
    for kind, (count, new_share, _code, _registered) in COUNTS.items():
        scaled = max(1, round(count * ratio))
        new = max(1, round(scaled * new_share))
        result += [EntitySpec(kind, index < new, index) for index in range(scaled)]
    rng.shuffle(result)
    return result


def industry(rng: random.Random, spec: EntitySpec) -> Industry:
    if spec.type == EntityType.FAMILY_FARM and spec.index < len(INDUSTRIES):
        return INDUSTRIES[spec.index]  # every industry has a family farm, however small the county
    return rng.choices(INDUSTRIES, weights=INDUSTRY_WEIGHTS[spec.type])[0]


def name(rng: random.Random, spec: EntitySpec, trade: Industry, place: str) -> str:
    """A name in the style of the county's registers; ``place`` is the village's short name."""
    parts = {
        "word": rng.choice(INDUSTRY_WORDS[trade]),
        "brand": rng.choice(BRANDS) + rng.choice(BRANDS),
        "person": full_name(rng, rng.random() < 0.7),
        "place": place,
        "service": rng.choice(("农机服务专业合作社", "植保服务专业合作社", "农事服务中心")),
        "stay": rng.choice(("民宿", "农家乐", "山居")),
        "company": rng.choice(("有限公司", "股份有限公司", "食品有限公司")),
    }
    return NAME_TEMPLATES[spec.type].format(**parts)


def level(spec: EntitySpec) -> EnterpriseLevel | None:
    """Leading enterprises' levels: the first (a new one) national, then provincial, city,
    county."""
    if spec.type != EntityType.LEADING_ENTERPRISE:
        return None
    return LEADING_LEVELS[spec.index % len(LEADING_LEVELS)]


def quality(rng: random.Random, spec: EntitySpec) -> QualityGrade:
    if spec.type != EntityType.FAMILY_FARM:
        return QualityGrade.NONE
    return rng.choices(QUALITY_GRADES, weights=QUALITY_WEIGHTS)[0]


def nhl_member(rng: random.Random, spec: EntitySpec) -> bool:
    return rng.random() < NHL_SHARE.get(spec.type, 0.0)


def cultivated_year(rng: random.Random, spec: EntitySpec) -> int | None:
    if spec.new:
        return rng.choices((2022, 2023, 2024, 2025, 2026), weights=(22, 24, 22, 20, 12))[0]
    return rng.choice((None, None, 2016, 2018, 2019, 2020, 2021))


def figures(rng: random.Random, spec: EntitySpec) -> dict[str, int] | None:
    """The entity's 2025 figures where its type reports them (fen for money), else None.

    Sums at full size come near the plan's for jobs (10,000), processing fees (500 million yuan)
    and the processing workforce (20,000). Online sales stay under 20 million yuan an entity,
    since the column is a 32-bit integer of fen; the county's 7 billion is a reported figure.
    """
    spread = rng.uniform(0.3, 1.7)
    per = 1 / COUNTS[spec.type][0]  # an entity's share of the full county's sum
    match spec.type:
        case EntityType.E_COMMERCE:
            return {
                "jobs_created": round(10_600 * per * spread),
                "online_sales_fen": round(11_000_000 * spread) * 100,
            }
        case EntityType.PROCESSING_BROKER:
            return {
                "processing_fees_fen": round(520_000_000 * per * spread) * 100,
                "processing_workforce": round(21_000 * per * spread),
            }
        case EntityType.COOPERATIVE | EntityType.NHL_MEMBER | EntityType.LEADING_ENTERPRISE:
            return {
                "jobs_created": rng.randint(3, 60),
                "members": rng.randint(20, 300),
                "farmers_linked": rng.randint(50, 800),
            }
    return None
