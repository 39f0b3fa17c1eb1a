"""庆元县 (331126) as the demo has it: its 19 townships as of 2022 with their real codes, and
plausible villages (the real village roster is not in the plan, so village names are made up
from local-sounding parts) with a size class each.

Subdistricts (街道) hold urban communities (社区, codes 001–199) and villages (村, 200–399);
towns hold one community and their villages; townships (乡) villages only. Each township's first
village carries the township's name, as the seat village usually does.
"""

import random
from dataclasses import dataclass

from registry.models.vocab import SizeClass

COUNTY_CODE = "331126"
COUNTY_NAME = "庆元县"
EDITION = 2022

# (code, name): 3 subdistricts, 6 towns, 10 townships.
TOWNSHIPS = [
    ("331126001", "松源街道"),
    ("331126002", "濛洲街道"),
    ("331126003", "屏都街道"),
    ("331126101", "黄田镇"),
    ("331126102", "竹口镇"),
    ("331126103", "荷地镇"),
    ("331126104", "左溪镇"),
    ("331126105", "贤良镇"),
    ("331126106", "百山祖镇"),
    ("331126201", "岭头乡"),
    ("331126202", "五大堡乡"),
    ("331126203", "淤上乡"),
    ("331126204", "安南乡"),
    ("331126205", "张村乡"),
    ("331126206", "隆宫乡"),
    ("331126207", "举水乡"),
    ("331126208", "江根乡"),
    ("331126209", "官塘乡"),
    ("331126210", "龙溪乡"),
]
# Township officer logins: the pinyin of the township's name.
PINYIN = {
    "331126001": "songyuan",
    "331126002": "mengzhou",
    "331126003": "pingdu",
    "331126101": "huangtian",
    "331126102": "zhukou",
    "331126103": "hedi",
    "331126104": "zuoxi",
    "331126105": "xianliang",
    "331126106": "baishanzu",
    "331126201": "lingtou",
    "331126202": "wudabao",
    "331126203": "yushang",
    "331126204": "annan",
    "331126205": "zhangcun",
    "331126206": "longgong",
    "331126207": "jushui",
    "331126208": "jianggen",
    "331126209": "guantang",
    "331126210": "longxi",
}

# Village names are a place word and a landform word (黄 + 坑 → 黄坑村), as most are here.
PLACE_WORDS = "黄大小石竹桥后前上下东西南北新龙凤金岭溪坪安双樟杨梅松柏马兰桃高长半塘洋际水云外里"
LANDFORM_WORDS = "坑坪垟岭溪源口头田山湾墩坳坞洋根岗塆埠庄厝"
# The subdistricts' urban communities (社区).
COMMUNITIES = {
    "331126001": ("城东", "城西", "城南", "城北", "五都"),
    "331126002": ("濛洲", "菊水", "新城", "双沈", "周墩"),
    "331126003": ("屏都", "蒲潭", "坝头", "后田", "新区"),
}

# How many households a village of each class holds, relative to a medium one.
SIZE_WEIGHT = {SizeClass.SMALL: 0.55, SizeClass.MEDIUM: 1.0, SizeClass.LARGE: 1.8}
COMMUNITY_WEIGHT = 0.35  # urban communities: few farm households


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    size_class: SizeClass | None  # None for a community (社区)

    @property
    def township(self) -> str:
        return self.code[:9]

    @property
    def weight(self) -> float:
        return COMMUNITY_WEIGHT if self.size_class is None else SIZE_WEIGHT[self.size_class]


def short_name(township_name: str) -> str:
    """黄田镇 → 黄田, 松源街道 → 松源."""
    return township_name.removesuffix("街道").removesuffix("镇").removesuffix("乡")


def _village_counts(rng: random.Random, code: str) -> tuple[int, int]:
    """(communities, villages) for a township: subdistricts have several communities."""
    kind = int(code[-3:])
    if kind < 100:
        return rng.randint(3, 5), rng.randint(8, 12)
    if kind < 200:
        return 1, rng.randint(13, 19)
    return 0, rng.randint(8, 14)


def _size_class(rng: random.Random) -> SizeClass:
    return rng.choices((SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE), weights=(40, 42, 18))[
        0
    ]


def villages(rng: random.Random, *, extra: int = 0) -> list[Village]:
    """Every township's communities and villages (about 250), plus ``extra`` more villages spread
    over the townships (a province-scale load keeps villages at a plausible size)."""
    names_taken: set[str] = set()
    result: list[Village] = []
    per_township_extra = -(-extra // len(TOWNSHIPS)) if extra else 0
    for code, name in TOWNSHIPS:
        communities, count = _village_counts(rng, code)
        count = min(count + per_township_extra, 199)
        for number in range(communities):
            community = COMMUNITIES.get(code, (short_name(name),))[number]
            label = f"{community}社区"
            result.append(Village(f"{code}{number + 1:03d}", label, None))
        for number in range(count):
            village = f"{short_name(name)}村" if number == 0 else _new_name(rng, names_taken)
            names_taken.add(village)
            result.append(Village(f"{code}{201 + number:03d}", village, _size_class(rng)))
    return result


def _new_name(rng: random.Random, taken: set[str]) -> str:
    for _ in range(50):
        name = rng.choice(PLACE_WORDS) + rng.choice(LANDFORM_WORDS) + "村"
        if name not in taken:
            return name
    # The two-character names are used up (only in province-scale loads): add a third.
    return rng.choice(PLACE_WORDS) + rng.choice(PLACE_WORDS) + rng.choice(LANDFORM_WORDS) + "村"
