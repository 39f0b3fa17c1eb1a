"""Names, resident ID numbers, phones and credit codes for the demo: realistic, valid and
unique, and drawn from a seeded random source so the same seed gives the same county.

Uniqueness is kept by counters rather than by remembering what was handed out, so a
province-scale load does not grow a set of millions of numbers.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from registry import credit_code, identity
from registry.demo.geography import COUNTY_CODE

# Surnames roughly by frequency nationally, with Qingyuan's common ones (吴 叶 周 ...) weighted up.
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤季柳"
)
LOCAL_SURNAMES = "吴叶周陈刘李王张杨胡林毛季范姚练"
MALE_GIVEN = (
    "伟强磊军洋勇杰涛明超刚建国志德福永海金水文斌宇浩鹏飞辉俊峰新宏亮彬东立成家和祥瑞根土松"
)
FEMALE_GIVEN = "芳娜秀英敏静丽艳娟兰霞平桂华红玉春梅美玲小琴云燕慧丹荣晓佳雪梦婷欣怡涵雨思"
MOBILE_PREFIXES = ("138", "139", "137", "135", "158", "159", "187", "188", "157", "182", "183")
PHONE_STRIDE = 48_271  # prime to 10**8: k ↦ k × stride mod 10**8 never repeats below 10**8
ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # what GB 32100 admits
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code check
ORG_STRIDE = 7_919


def surname(rng: random.Random) -> str:
    # A third of the people carry one of the local surnames; the rest follow the national list,
    # front-weighted (a few surnames cover most people).
    if rng.random() < 0.33:
        return rng.choice(LOCAL_SURNAMES)
    return SURNAMES[min(int(rng.expovariate(1 / 18)), len(SURNAMES) - 1)]


def given_name(rng: random.Random, male: bool) -> str:
    chars = MALE_GIVEN if male else FEMALE_GIVEN
    if rng.random() < 0.25:
        return rng.choice(chars)
    return rng.choice(chars) + rng.choice(
        chars if rng.random() < 0.8 else MALE_GIVEN + FEMALE_GIVEN
    )


def full_name(rng: random.Random, male: bool, family: str | None = None) -> str:
    return (family or surname(rng)) + given_name(rng, male)


@dataclass
class IdNumbers:
    """Hands out valid GB 11643 numbers of the county (331126…), each once.

    The three-digit sequence is counted per birth date and sex, so numbers never repeat; when a
    date's 500 numbers of one sex are spent (only at province scale) the next day is used.
    """

    issued: dict[tuple[date, bool], int] = field(default_factory=lambda: defaultdict(int))

    def number(self, born: date, male: bool) -> tuple[str, date]:
        """The number and the birth date it carries (the day after ``born`` if that was full)."""
        while self.issued[born, male] >= 500:
            born += timedelta(days=1)
        count = self.issued[born, male]
        self.issued[born, male] = count + 1
        sequence = count * 2 + (1 if male else 0)
        body = f"{COUNTY_CODE}{born:%Y%m%d}{sequence:03d}"
        return body + identity.check_character(body), born


@dataclass
class Phones:
    """Mainland mobile numbers, each once: the k-th is a prefix and k scrambled over 8 digits."""

    start: int
    handed_out: int = 0

    def next(self) -> str:
        k = self.start + self.handed_out
        self.handed_out += 1
        prefix = MOBILE_PREFIXES[k % len(MOBILE_PREFIXES)]
        return f"{prefix}{(k // len(MOBILE_PREFIXES) + 12_345) * PHONE_STRIDE % 10**8:08d}"


def _org_code(k: int) -> str:
    """The k-th 9-character organisation code (8 characters and their GB 11714 check)."""
    value = (k * ORG_STRIDE + 1_000_000) % 31**8  # below 31**8: eight digits, no wrap
    body = ""
    for _ in range(8):
        value, digit = divmod(value, 31)
        body = ORG_CODE_CHARS[digit] + body
    total = sum(_digit_value(c) * w for c, w in zip(body, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    check_char = "X" if check == 10 else "0" if check == 11 else str(check)
    return body + check_char


def _digit_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


@dataclass
class CreditCodes:
    """Valid GB 32100 codes, each once: authority and kind, the county, an organisation code and
    the check character (9 2 = individual business, 9 3 = farmer cooperative, 9 1 = company)."""

    handed_out: int = 0

    def next(self, kind: str) -> str:
        self.handed_out += 1
        body = f"{kind}{COUNTY_CODE}{_org_code(self.handed_out)}"
        return body + credit_code.check_character(body)
