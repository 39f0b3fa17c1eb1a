"""GB 11643 resident ID numbers (公民身份号码): 6-digit area, 8-digit birth date, 3-digit sequence
(odd for a man, even for a woman) and a check character.

The area part is where the number was first issued (GB/T 2260): its first two digits are a
province (11–15 Beijing to Inner Mongolia, 21–23, 31–37, 41–46, 50–54, 61–65; 71 Taiwan, 81 Hong
Kong and 82 Macao, 83 Taiwan residents' residence permits), and for a mainland province the other
four are not 0000 (a province is no place of issue; the residence permits of Hong Kong, Macao and
Taiwan residents do carry 810000, 820000 and 830000), so 000000 and made-up areas are refused.
Old numbers of counties since renamed keep their code, so no list of today's counties is used.

The check character: the first 17 digits weighted 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2, the sum
mod 11 mapped to 1,0,X,9,8,7,6,5,4,3,2. Birth date and sex are derived from the number, never
typed a second time.
"""

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from kit.clock import local_today
from registry.models.vocab import Sex

PROVINCES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65", "71", "81", "82", "83"}
)
OUTSIDE_MAINLAND = frozenset({"71", "81", "82", "83"})
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"
LENGTH = 18


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    sex: Sex


class IdNumberError(ValueError):
    """An ID number that is not a valid GB 11643 number; the message says what is wrong."""


def normalise(raw: str) -> str:
    """Strip blanks and write the check character X in upper case."""
    return raw.strip().upper()


def check_character(body: str) -> str:
    """The check character for the first 17 digits."""
    return CHECK[sum(int(digit) * weight for digit, weight in zip(body, WEIGHTS, strict=True)) % 11]


def parse(raw: str, *, today: date | None = None) -> ResidentId:
    """The number normalised, with its birth date and sex; IdNumberError saying what is wrong."""
    number = normalise(raw)
    if len(number) != LENGTH:
        raise IdNumberError(
            f"身份证号应为 18 位，收到 {len(number)} 位 / must be 18 characters, got {len(number)}"
        )
    body, last = number[:17], number[17]
    if not body.isascii() or not body.isdigit() or not (last.isdigit() or last == "X"):
        raise IdNumberError(
            "身份证号应为 17 位数字加 1 位数字或 X / must be 17 digits and a digit or X"
        )
    _check_area(body[:6])
    born = _birth_date(body[6:14], today or local_today())
    expected = check_character(body)
    if last != expected:
        raise IdNumberError(
            f"校验位应为 {expected}，请核对号码 / check character should be {expected}; "
            "check the number"
        )
    sex = Sex.MALE if int(body[16]) % 2 == 1 else Sex.FEMALE
    return ResidentId(number=number, birth_date=born, sex=sex)


def _check_area(area: str) -> None:
    if area[:2] not in PROVINCES or (area[2:] == "0000" and area[:2] not in OUTSIDE_MAINLAND):
        raise IdNumberError(
            f"前 6 位地址码 {area} 不是真实的县级区划 / area code {area} is no real county"
        )


def _birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError as exc:
        raise IdNumberError(
            f"出生日期 {digits} 不是真实日期 / birth date {digits} is not a real date"
        ) from exc
    if born > today:
        raise IdNumberError(f"出生日期 {born} 在未来 / birth date {born} is in the future")
    if born.year < 1900:
        raise IdNumberError(f"出生日期 {born} 过早 / birth date {born} is before 1900")
    return born


def _normalise_field(value: object) -> object:
    return normalise(value) if isinstance(value, str) else value


def _validate_field(value: str) -> str:
    try:
        return parse(value).number
    except IdNumberError as exc:
        raise PydanticCustomError("id_number", str(exc)) from exc


# A schema field type: normalised, then refused with the reason when invalid.
IdNumber = Annotated[str, BeforeValidator(_normalise_field), AfterValidator(_validate_field)]
