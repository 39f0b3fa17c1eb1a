"""The plan's "415" programme (行动方案 三、重点举措): four actions (四大行动) and fifteen
numbered measures (十五条举措), and the main assistance measures (主要帮扶措施) a household's plan
picks from, each tied to one numbered measure.

The measures are the plan's and fixed here; the measure types are the county's catalogue, seeded
from ``DEFAULT_TYPES`` and edited by the county admin (``PUT /v1/measure-types/{code}``).
"""

from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    """The four actions, each aimed at one of the four income components."""

    INDUSTRY = "industry"  # （一）产业兴农行动：经营净收入
    EMPLOYMENT = "employment"  # （二）就业富农行动：工资性收入
    REFORM = "reform"  # （三）改革兴农行动：财产净收入
    SUPPORT = "support"  # （四）帮扶惠农行动：转移净收入


ACTION_NAMES = {
    Action.INDUSTRY: ("产业兴农行动", "industry action (net operating income)"),
    Action.EMPLOYMENT: ("就业富农行动", "employment action (wage income)"),
    Action.REFORM: ("改革兴农行动", "reform action (net property income)"),
    Action.SUPPORT: ("帮扶惠农行动", "assistance action (net transfer income)"),
}


@dataclass(frozen=True)
class Measure:
    number: int
    action: Action
    name_zh: str
    name_en: str


MEASURES = {
    m.number: m
    for m in (
        Measure(1, Action.INDUSTRY, "大力发展品质农业", "quality agriculture"),
        Measure(2, Action.INDUSTRY, "健全农业科技服务体系", "agricultural technical services"),
        Measure(3, Action.INDUSTRY, "提高农民组织化水平", "organising farmers"),
        Measure(4, Action.INDUSTRY, "实施农产品出村进城工程", "farm produce to town markets"),
        Measure(5, Action.INDUSTRY, "增加民宿农家乐的推介", "promoting farm-stays"),
        Measure(6, Action.EMPLOYMENT, "鼓励农民创业就业", "jobs and enterprise for farmers"),
        Measure(7, Action.EMPLOYMENT, "全面提升就业岗位创造能力", "creating jobs"),
        Measure(8, Action.EMPLOYMENT, "实施“十万农民大培训”行动", "training 100,000 farmers"),
        Measure(9, Action.REFORM, "深化农村集成改革", "integrated rural reform"),
        Measure(10, Action.REFORM, "深入实施“大搬快聚、富民安居”工程", "relocation and housing"),
        Measure(11, Action.REFORM, "深入推进“两进两回”", "talent and capital to the villages"),
        Measure(12, Action.REFORM, "深入开展金融改革", "rural finance reform"),
        Measure(13, Action.SUPPORT, "加强困难群众帮扶救助", "aid for families in hardship"),
        Measure(
            14, Action.SUPPORT, "迭代升级低收入农户帮扶机制", "low-income household assistance"
        ),
        Measure(15, Action.SUPPORT, "壮大村级集体经济", "village collective economy"),
    )
}


@dataclass(frozen=True)
class DefaultType:
    code: str
    name_zh: str
    name_en: str
    measure_no: int


# The main measures named in DOMAIN.md and the plan's text, each at the numbered measure that
# carries it (the plan's own words in the comments).
DEFAULT_TYPES = (
    DefaultType("industry", "产业帮扶", "industry", 1),  # 提质“多彩”农业
    DefaultType("agri_tech", "农技服务", "agricultural technical help", 2),  # 一产一策一专家
    DefaultType("entity_link", "主体带动", "linked to an agricultural entity", 3),  # 联系主体
    DefaultType("consumption", "消费帮扶", "consumption assistance", 4),  # 购买结对乡村农产品
    DefaultType("farm_stay", "农家乐民宿", "farm-stay", 5),
    DefaultType("employment", "就业帮扶", "employment", 6),  # 公益性岗位、爱心岗位、托底帮扶
    DefaultType("enterprise", "创业扶持", "starting a business", 6),  # 创业补贴、创业担保贷款
    DefaultType("skills_training", "技能培训", "skills training", 8),  # 十万农民大培训
    DefaultType("asset_activation", "资产盘活", "land and house activation", 9),  # 入股、流转
    DefaultType("relocation", "搬迁安置", "relocation", 10),  # 大搬快聚、富民安居
    DefaultType("micro_credit", "小额信贷", "micro-credit", 12),  # 低收入农户小额信贷
    DefaultType("social_assistance", "社会救助", "social assistance", 13),  # 应保尽保
    DefaultType("housing", "住房保障", "housing repair", 13),  # 危房改造即时救助
    DefaultType("education", "教育资助", "education aid", 13),  # 子女教育费用减免
    DefaultType("medical", "医疗救助", "medical aid", 13),  # 医疗补充性政策保险
    DefaultType("collective_dividend", "村集体分红", "village collective dividend", 15),
)
