"""The county's departments and its skilled cadres (技能型干部).

Departments are real Qingyuan county bodies and the 19 township governments; cadres come from
them by type: township staff from their township's government, science envoys and agricultural
technicians from the farming, forestry and fungi bodies, first secretaries from any department,
and a few county leaders.
"""

import random
from dataclasses import dataclass

from registry.demo.geography import TOWNSHIPS, short_name
from registry.models.vocab import CadreType

COUNTY_DEPARTMENTS = [
    "县委办公室",
    "县政府办公室",
    "县委组织部",
    "县委宣传部",
    "县委统战部",
    "县委农办",
    "县农业农村局",
    "县乡村振兴服务中心",
    "县食用菌产业中心",
    "县林业局",
    "县财政局",
    "县人力社保局",
    "县市场监管局",
    "县商务局",
    "县民政局",
    "县医保局",
    "县发展改革局",
    "县科技局",
    "县教育局",
    "县卫生健康局",
    "县自然资源和规划局",
    "县住房城乡建设局",
    "县交通运输局",
    "县水利局",
    "县文化和广电旅游体育局",
    "县应急管理局",
    "县统计局",
    "县供销社",
    "县农合联",
    "县总工会",
    "团县委",
    "县妇联",
    "县残联",
]
# Where each kind of cadre comes from (county departments; township staff from the township).
TECHNICAL = ["县农业农村局", "县林业局", "县食用菌产业中心", "县乡村振兴服务中心", "县水利局"]
ENVOYS = ["县农业农村局", "县林业局", "县食用菌产业中心", "县科技局"]
LEADERS = ["县委办公室", "县政府办公室"]
# Cadre types at full size (1,000 cadres).
TYPE_COUNTS = {
    CadreType.COUNTY_LEADER: 25,
    CadreType.FIRST_SECRETARY: 110,
    CadreType.SCIENCE_ENVOY: 65,
    CadreType.TOWNSHIP_STAFF: 430,
    CadreType.AGRI_TECHNICIAN: 370,
}
SKILLS = [
    "食用菌栽培",
    "锥栗管理",
    "毛竹培育",
    "茶叶加工",
    "高山蔬菜",
    "中药材种植",
    "电商运营",
    "民宿经营",
    "农机操作",
    "植保",
    "财务管理",
    "来料加工",
    "市场营销",
    "农产品质量安全",
    "农村金融",
]


def township_department(township_name: str) -> str:
    """松源街道 → 松源街道办事处, 黄田镇 → 黄田镇人民政府."""
    if township_name.endswith("街道"):
        return f"{township_name}办事处"
    return f"{township_name}人民政府"


def department_areas() -> list[tuple[str, str]]:
    """(name, area code) of every department: county bodies, then township governments."""
    county = [(name, "331126") for name in COUNTY_DEPARTMENTS]
    return county + [(township_department(name), code) for code, name in TOWNSHIPS]


@dataclass(frozen=True)
class CadreSpec:
    type: CadreType
    department: str
    home_area_code: str  # a township (the county for leaders)
    skills: list[str]


def cadre_specs(rng: random.Random, ratio: float, township_weights: list[float]) -> list[CadreSpec]:
    """The county's cadres at ``ratio`` of full size; home townships follow ``township_weights``
    (how many households each holds), so pairings stay local."""
    codes = [code for code, _name in TOWNSHIPS]
    specs = []
    for kind, count in TYPE_COUNTS.items():
        for township in spread(rng, max(1, round(count * ratio)), township_weights):
            department = _department(rng, kind, township)
            home = "331126" if kind == CadreType.COUNTY_LEADER else codes[township]
            specs.append(CadreSpec(kind, department, home, rng.sample(SKILLS, rng.randint(1, 3))))
    return specs


def spread(rng: random.Random, count: int, weights: list[float]) -> list[int]:
    """``count`` indexes into ``weights``, each as often as its weight's share says (evenly, not
    by chance, so no township is left short of cadres), in shuffled order."""
    total, cumulative, index, result = sum(weights), 0.0, 0, []
    for number in range(count):
        target = (number + 0.5) / count * total
        while cumulative + weights[index] < target:
            cumulative += weights[index]
            index += 1
        result.append(index)
    rng.shuffle(result)
    return result


def _department(rng: random.Random, kind: CadreType, township: int) -> str:
    match kind:
        case CadreType.TOWNSHIP_STAFF:
            return township_department(TOWNSHIPS[township][1])
        case CadreType.COUNTY_LEADER:
            return rng.choice(LEADERS)
        case CadreType.SCIENCE_ENVOY:
            return rng.choice(ENVOYS)
        case CadreType.AGRI_TECHNICIAN:
            return rng.choice(TECHNICAL)
    return rng.choice(COUNTY_DEPARTMENTS)


def place(village_name: str) -> str:
    """A village's short name for entity names: 黄坑村 → 黄坑, 城东社区 → 城东."""
    return short_name(village_name.removesuffix("村").removesuffix("社区"))
