"""Who lives in a demo household: relations, ages, labour ability, health and work, shaped
like the county's registers (low-income households older, smaller and less healthy).
"""

import random
from dataclasses import dataclass
from datetime import date

from registry.models.vocab import (
    WORKING,
    Employment,
    Health,
    HouseholdCategory,
    LabourAbility,
    Relation,
)

# Ages are reckoned at this date, so a seed gives the same people whenever it runs.
REFERENCE_DATE = date(2026, 6, 30)
SIZE_WEIGHTS = {
    HouseholdCategory.SMALL_FARMER: (8, 22, 28, 24, 12, 6),
    HouseholdCategory.LOW_INCOME: (30, 35, 17, 10, 5, 3),
}
HEAD_AGE = {HouseholdCategory.SMALL_FARMER: (54, 11), HouseholdCategory.LOW_INCOME: (64, 12)}
# Who fills the places after head and spouse, by the head's generation.
OLD_HEAD = (Relation.CHILD, Relation.CHILD_IN_LAW, Relation.GRANDCHILD, Relation.GRANDCHILD)
YOUNG_HEAD = (Relation.CHILD, Relation.CHILD, Relation.PARENT, Relation.PARENT)
MIDDLE_HEAD = (Relation.CHILD, Relation.CHILD, Relation.PARENT, Relation.SIBLING)
# How much older (+) or younger (−) than the head, in years.
AGE_GAP = {
    Relation.SPOUSE: (-4, 3),
    Relation.CHILD: (-34, -22),
    Relation.CHILD_IN_LAW: (-34, -22),
    Relation.GRANDCHILD: (-60, -46),
    Relation.PARENT: (22, 30),
    Relation.SIBLING: (-6, 6),
}
# The rare household with people able to work and none working (零就业家庭), for alerts to show.
ZERO_EMPLOYMENT_SHARE = 0.003


@dataclass
class Person:
    relation: Relation
    age: int
    male: bool
    labour_ability: LabourAbility = LabourAbility.ABLE
    health: Health = Health.HEALTHY
    employment: Employment = Employment.FARMING
    resident: bool = True

    def birth_date(self, rng: random.Random) -> date:
        year = REFERENCE_DATE.year - self.age
        return date(year, rng.randint(1, 6), rng.randint(1, 28))


def household_people(rng: random.Random, category: HouseholdCategory) -> list[Person]:
    """The members of one household, head first."""
    size = rng.choices(range(1, 7), weights=SIZE_WEIGHTS[category])[0]
    mean, spread = HEAD_AGE[category]
    head_age = max(24, min(92, round(rng.gauss(mean, spread))))
    people = [Person(Relation.HEAD, head_age, rng.random() < 0.82)]
    if size >= 2 and rng.random() < 0.85:
        people.append(_relative(rng, Relation.SPOUSE, head_age, not people[0].male))
    slots = OLD_HEAD if head_age >= 58 else YOUNG_HEAD if head_age < 45 else MIDDLE_HEAD
    for relation in slots[: size - len(people)]:
        people.append(_relative(rng, relation, head_age, rng.random() < 0.5))
    low_income = category == HouseholdCategory.LOW_INCOME
    for person in people:
        _condition(rng, person, low_income)
    _someone_works(rng, people)
    return people


def _relative(rng: random.Random, relation: Relation, head_age: int, male: bool) -> Person:
    low, high = AGE_GAP[relation]
    age = head_age + rng.randint(low, high)
    if relation == Relation.PARENT and age > 96:
        relation, age = Relation.CHILD, max(0, head_age - rng.randint(22, 34))
    return Person(relation, max(0, min(age, 98)), male)


def _condition(rng: random.Random, person: Person, low_income: bool) -> None:
    """Health, labour ability, work and residence, by age and the household's category."""
    age = person.age
    frail = (0.25 if low_income else 0.06) + (0.25 if age >= 70 else 0.0)
    roll = rng.random()
    if roll < frail * 0.15:
        person.health = Health.DISABLED
    elif roll < frail * 0.35:
        person.health = Health.SERIOUS_ILLNESS
    elif roll < frail:
        person.health = Health.CHRONIC_ILLNESS
    person.labour_ability = _labour(rng, age, person.health, low_income)
    person.employment = _employment(rng, age, person.labour_ability)
    # Students away at college and young workers in the cities are often not resident (常住).
    away = 0.5 if person.employment == Employment.STUDENT and age >= 18 else 0.0
    if person.employment == Employment.EMPLOYED and age < 45:
        away = 0.2
    person.resident = person.relation == Relation.HEAD or rng.random() >= away


def _labour(rng: random.Random, age: int, health: Health, low_income: bool) -> LabourAbility:
    if age < 16:
        return LabourAbility.NONE
    if health in (Health.DISABLED, Health.SERIOUS_ILLNESS):
        return rng.choice((LabourAbility.NONE, LabourAbility.WEAK))
    if age >= 70:
        return rng.choices((LabourAbility.WEAK, LabourAbility.NONE), weights=(35, 65))[0]
    weights = (40, 45, 15) if age >= 60 else (65, 22, 13) if low_income else (91, 7, 2)
    options = (LabourAbility.ABLE, LabourAbility.WEAK, LabourAbility.NONE)
    return rng.choices(options, weights=weights)[0]


def _employment(rng: random.Random, age: int, labour: LabourAbility) -> Employment:
    if age < 6:
        return Employment.RETIRED  # 不在劳动年龄
    if age < 16 or (age <= 22 and rng.random() < 0.6):
        return Employment.STUDENT
    if labour == LabourAbility.NONE:
        return Employment.RETIRED if age >= 60 else Employment.UNEMPLOYED
    if age >= 70 or labour == LabourAbility.WEAK:
        frail = (Employment.FARMING, Employment.RETIRED, Employment.UNEMPLOYED)
        return rng.choices(frail, weights=(55, 35, 10))[0]
    options = (
        Employment.EMPLOYED,
        Employment.FARMING,
        Employment.SELF_EMPLOYED,
        Employment.UNEMPLOYED,
    )
    weights = (20, 65, 5, 10) if age >= 60 else (45, 33, 14, 8)
    return rng.choices(options, weights=weights)[0]


def _someone_works(rng: random.Random, people: list[Person]) -> None:
    """Nearly every household with a resident able to work has someone working (indicator 16
    aims at zero 零就业家庭); a few are left without, as in life."""
    able = [
        p
        for p in people
        if p.resident and 16 <= p.age <= 59 and p.labour_ability != LabourAbility.NONE
    ]
    if not able or any(p.resident and p.employment in WORKING for p in people):
        return
    if rng.random() >= ZERO_EMPLOYMENT_SHARE:
        able[0].employment = rng.choice((Employment.EMPLOYED, Employment.FARMING))
