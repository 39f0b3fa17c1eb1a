"""The programme's 17 indicators (DOMAIN.md, "Indicators"), each with its measures.

An indicator may have several figures (per-capita income and its growth, say); each is a
*measure* with its own unit, direction and default target from the plan's table. Part B's
targets table overrides the defaults per area and period.
"""

from dataclasses import dataclass, field
from enum import StrEnum


class Unit(StrEnum):
    YUAN = "yuan"  # money: 0.01 yuan when shown
    PERCENT = "percent"  # shares and growth: 0.01 % when shown
    COUNT = "count"
    RATIO = "ratio"  # the urban–rural ratio: 0.01 when shown


class Kind(StrEnum):
    COMPUTED = "computed"  # from the registry (or, part B, the assistance) feed
    REPORTED = "reported"  # supplied by another department; computed sums shown beside


class Direction(StrEnum):
    HIGHER = "higher"  # higher is better
    LOWER = "lower"


@dataclass(frozen=True)
class Target:
    value: str  # in the measure's unit (percent as a percentage: "11" is 11 %)
    comparison: str  # ">=", ">", "<=", "="
    year: int | None = None  # the year it is due, where the plan says
    # A level target's yearly growth (percent) after ``year``: each later year's default is the
    # previous year's target in force × (1 + grows / 100) (DOMAIN.md, "Targets and progress").
    grows: str | None = None


@dataclass(frozen=True)
class Measure:
    code: str
    name_zh: str
    name_en: str
    unit: Unit
    direction: Direction = Direction.HIGHER
    kind: Kind = Kind.COMPUTED
    target: Target | None = None


@dataclass(frozen=True)
class Indicator:
    number: int
    code: str
    name_zh: str
    name_en: str
    definition: str
    kind: Kind
    measures: list[Measure] = field(default_factory=list)

    @property
    def unit(self) -> Unit:
        return self.measures[0].unit

    @property
    def direction(self) -> Direction:
        return self.measures[0].direction

    def measure(self, code: str) -> Measure | None:
        return next((m for m in self.measures if m.code == code), None)


H, L = Direction.HIGHER, Direction.LOWER
C, R = Kind.COMPUTED, Kind.REPORTED
Y, P, N, RATIO = Unit.YUAN, Unit.PERCENT, Unit.COUNT, Unit.RATIO
_INCOME = (
    "期间收入记录（按记录所存村、类别）四项收入之和 ÷ 常住人口之和；增长 = 本期 ÷ 上年同期 − 1。"
    " / Σ four components ÷ Σ resident members over the period's income records (village and"
    " category as kept on the record); growth = this figure ÷ the same quarter a year earlier − 1."
)
_NEW = "新培育：培育年份 2022 至期间年份 / new: cultivated from 2022 to the period's year. "

INDICATORS: list[Indicator] = [
    Indicator(
        1,
        "I01_rural_income",
        "农村居民人均可支配收入",
        "Rural per-capita disposable income",
        _INCOME,
        C,
        [
            Measure(
                "per_capita",
                "人均可支配收入",
                "per-capita income",
                Y,
                H,
                C,
                Target("34700", ">=", 2025, grows="11"),
            ),
            Measure("growth", "同比增长", "year-on-year growth", P, H, C, Target("11", ">=")),
        ],
    ),
    Indicator(
        2,
        "I02_urban_rural_ratio",
        "城乡居民收入倍差",
        "Urban–rural income ratio",
        "城镇居民人均可支配收入（填报）÷ 农村居民人均可支配收入（#1）。"
        " / Reported urban per-capita income ÷ computed rural per-capita income (#1).",
        R,
        [
            Measure("ratio", "城乡收入倍差", "urban–rural ratio", RATIO, L, C, Target("1.9", "<=")),
            Measure("urban_income", "城镇居民人均可支配收入", "urban per-capita income", Y, H, R),
        ],
    ),
    Indicator(
        3,
        "I03_low_income_income",
        "低收入农户人均可支配收入",
        "Low-income households' per-capita income",
        _INCOME + " 仅计记录所存类别为低收入农户的记录 / records kept as low-income only.",
        C,
        [
            Measure(
                "per_capita",
                "人均可支配收入",
                "per-capita income",
                Y,
                H,
                C,
                Target("25000", ">=", 2025, grows="16"),
            ),
            Measure("growth", "同比增长", "year-on-year growth", P, H, C, Target("16", ">=")),
        ],
    ),
    Indicator(
        4,
        "I04_below_13000",
        "人均收入低于 1.3 万元农户",
        "Households under 13,000 yuan per capita",
        "期间有收入记录的农户中，人均收入（Q1–Q3 年化：× 4 ÷ 季度）低于 13,000 元的户数与占比。"
        " / Among households with a record for the period, those whose per-capita income"
        " (annualised × 4 ÷ quarter for Q1–Q3) is under 13,000 yuan: count and share.",
        C,
        [
            Measure("count", "户数", "households", N, L, C, Target("0", "=")),
            Measure("share", "占比", "share", P, L, C, Target("0", "=")),
        ],
    ),
    Indicator(
        5,
        "I05_small_farmer_family_income",
        "小农户家庭收入达 10 万 / 20 万元",
        "Small farmers' family income ≥ 100k / 200k",
        "期间年份有 Q4 记录的小农户（记录所存类别）中，Q4 家庭总收入达到线的占比"
        "（年度指标，Q4 记录前为空）。"
        " / Among small-farmer households with a Q4 record for the period's year, the share whose"
        " Q4 total reaches the line (a yearly figure: empty until the Q4 records exist).",
        C,
        [
            Measure(
                "share_100k",
                "家庭收入 ≥ 10 万元占比",
                "share ≥ 100,000",
                P,
                H,
                C,
                Target("80", ">="),
            ),
            Measure(
                "share_200k",
                "家庭收入 ≥ 20 万元占比",
                "share ≥ 200,000",
                P,
                H,
                C,
                Target("50", ">="),
            ),
        ],
    ),
    Indicator(
        6,
        "I06_households_driven",
        "主体带动农户",
        "Households driven by entities",
        "期末（或今天）有有效带动关系的农户数（按农户所在村）；"
        "其中 Q4 总收入比上年 Q4 增加 ≥ 1 万元的户数。"
        " / Households with an active entity link at the period's end (or today), in the"
        " household's village; of them, those whose Q4 total rose ≥ 10,000 yuan on the year"
        " before.",
        C,
        [
            Measure("driven", "带动农户数", "households driven", N, H, C, Target("10000", ">=")),
            Measure(
                "rose_10k",
                "增收 1 万元以上户数",
                "rose ≥ 10,000 yuan",
                N,
                H,
                C,
                Target("10000", ">="),
            ),
        ],
    ),
    Indicator(
        7,
        "I07_cadre_entity_links",
        "干部联系主体",
        "Cadres linked to entities",
        "期末（或今天）有有效联系的干部数、被联系的主体数，按主体所在村计。"
        " / Cadres with an active link at the period's end (or today) and entities linked,"
        " counted in the linked entity's village.",
        C,
        [
            Measure(
                "cadres_linked", "联系主体的干部", "cadres linked", N, H, C, Target("1000", ">=")
            ),
            Measure(
                "entities_linked", "被联系的主体", "entities linked", N, H, C, Target("1000", ">=")
            ),
        ],
    ),
    Indicator(
        8,
        "I08_entities_by_type",
        "新型农业主体培育",
        "Entities by type",
        "区域内在营主体按类型计数。" + _NEW + "/ Active entities of each type in the area.",
        C,
        [
            Measure("family_farms", "家庭农场", "family farms", N),
            Measure(
                "quality_family_farms",
                "高质量家庭农场",
                "quality family farms",
                N,
                H,
                C,
                Target("1000", ">="),
            ),
            Measure("cooperatives", "农民专业合作社", "cooperatives", N, H, C, Target("50", ">=")),
            Measure(
                "social_service",
                "社会化服务组织",
                "social service organisations",
                N,
                H,
                C,
                Target("20", ">="),
            ),
            Measure("leading_enterprises", "农业龙头企业", "leading enterprises", N),
            Measure(
                "new_leading_enterprises",
                "新培育龙头企业",
                "new leading enterprises",
                N,
                H,
                C,
                Target("10", ">="),
            ),
            Measure(
                "new_national_leading_enterprises",
                "新培育国家级龙头企业",
                "new national leading enterprises",
                N,
                H,
                C,
                Target("1", ">="),
            ),
        ],
    ),
    Indicator(
        9,
        "I09_village_cultivation_quota",
        "行政村主体培育达标",
        "Villages meeting their cultivation quota",
        "行政村新培育在营主体数达到规模下限（小村 1、中村 3、大村 5）的村数与占比。"
        " / Administrative villages whose new active entities reach the lower bound for their size"
        " class (small 1, medium 3, large 5): count and share. " + _NEW,
        C,
        [
            Measure("villages_meeting", "达标村数", "villages meeting the quota", N),
            Measure("share", "达标村占比", "share of villages", P, H, C, Target("100", "=")),
        ],
    ),
    Indicator(
        10,
        "I10_farm_stays",
        "农家乐民宿",
        "Farm-stays",
        "在营农家乐民宿：新培育数 / 总数。" + _NEW + "/ Active farm-stays: new and total.",
        C,
        [
            Measure("new", "新培育", "newly cultivated", N, H, C, Target("50", ">=")),
            Measure("total", "总数", "total", N, H, C, Target("300", ">=")),
        ],
    ),
    Indicator(
        11,
        "I11_rural_ecommerce",
        "农村电商",
        "Rural e-commerce",
        "填报值；主体年度数据之和（期间年份）并列显示。 / Reported figures; the sum of the"
        " entities'"
        " yearly figures for the period's year is shown beside them.",
        R,
        [
            Measure(
                "online_sales",
                "网络零售额",
                "online retail sales",
                Y,
                H,
                R,
                Target("7000000000", ">"),
            ),
            Measure("jobs", "带动就业", "jobs created", N, H, R, Target("10000", ">=")),
        ],
    ),
    Indicator(
        12,
        "I12_outsourced_processing",
        "来料加工",
        "Outsourced processing",
        "填报值；主体年度数据之和与新培育经纪人数并列显示。 / Reported figures; the entities'"
        " yearly"
        " sums and the new brokers (cultivated 2022 to the period's year) beside them.",
        R,
        [
            Measure(
                "processing_fees",
                "加工费",
                "processing fees paid",
                Y,
                H,
                R,
                Target("500000000", ">="),
            ),
            Measure("new_brokers", "新培育经纪人", "new brokers", N, H, R, Target("45", ">=")),
            Measure("workforce", "从业人员", "workforce", N, H, R, Target("20000", ">=")),
        ],
    ),
    Indicator(
        13,
        "I13_nhl",
        "农合联",
        "Farmers' cooperative federation (农合联)",
        "填报值；农合联会员主体数及其联结农户之和并列显示。 / Reported figures; the active member"
        " entities and the farmers they link (their yearly figures) beside them.",
        R,
        [
            Measure("members", "会员", "members", N, H, R, Target("800", ">=")),
            Measure("farmers_linked", "联结农户", "farmers linked", N, H, R, Target("10000", ">=")),
        ],
    ),
    Indicator(
        14,
        "I14_six_ones",
        "低收入农户“六个一”",
        '"Six ones" of low-income households',
        "当前低收入农户中，月末（本月为今日）有结对干部、当年帮扶计划有主要措施、医疗补充保险覆盖当月"
        "任一日、当年有幸福清单事项（计划或已兑现）、当月有走访者的占比，及全部满足者的占比；季度取其末月。"
        " / The share of current low-income households with a pairing on the month's last day"
        " (today for the current month), a plan for the year with a main measure, medical"
        " insurance covering any day of the month, a happiness-list item (planned or delivered)"
        " in the year and a visit in the month, each and all together; a quarter is its last"
        " month.",
        C,
        [
            Measure(code, zh, en, P, H, C, Target("100", "="))
            for code, zh, en in [
                ("has_cadre", "有帮扶干部", "has a cadre"),
                ("main_measure", "有主要帮扶措施", "main measure"),
                ("medical_insurance", "有医疗补充保险", "medical insurance"),
                ("happiness_list", "有幸福清单", "happiness list"),
                ("visited", "本月已走访", "visited this month"),
                ("all", "六个一全部", "all six"),
            ]
        ],
    ),
    Indicator(
        15,
        "I15_village_collective_income",
        "村级集体经济经营性收入",
        "Village collective operating income",
        "期间年份有数据的行政村中，经营性收入 ≥ 20 万 / ≥ 50 万元的占比。 / Among the area's"
        " administrative villages with a figure for the period's year, the share at or above"
        " 200,000 / 500,000 yuan.",
        C,
        [
            Measure("share_200k", "≥ 20 万元占比", "share ≥ 200,000", P, H, C, Target("43", ">")),
            Measure("share_500k", "≥ 50 万元占比", "share ≥ 500,000", P, H, C, Target("15", ">")),
        ],
    ),
    Indicator(
        16,
        "I16_zero_employment",
        "零就业家庭",
        "Zero-employment households",
        "至少一名 16–59 岁有劳动能力的常住成员，且无常住成员务工、自主经营或自家务农的农户"
        "（年龄按期末或今天）。"
        " / Households with a resident member aged 16–59 able to work and no resident member"
        " employed, self-employed or farming (ages on the period's end, or today).",
        C,
        [
            Measure("count", "户数", "households", N, L, C, Target("0", "=")),
            Measure("share", "占比", "share", P, L, C, Target("0", "=")),
        ],
    ),
    Indicator(
        17,
        "I17_income_structure",
        "收入结构",
        "Income structure",
        "四项收入各自占总收入之比，及其人均值的同比增长。 / Each component's share of total income,"
        " and the year-on-year growth of its per-capita amount.",
        C,
        [
            Measure(f"{component}_{what}", f"{zh}{what_zh}", f"{en} {what}", unit)
            for component, zh, en in [
                ("wage", "工资性收入", "wage income"),
                ("operating", "经营净收入", "net operating income"),
                ("property", "财产净收入", "net property income"),
                ("transfer", "转移净收入", "net transfer income"),
            ]
            for what, what_zh, unit in [("share", "占比", P), ("growth", "人均增长", P)]
        ],
    ),
]

BY_CODE: dict[str, Indicator] = {indicator.code: indicator for indicator in INDICATORS}
