"""The demo county as plain rows (one dict per table row, keyed by column), from a seeded random
source: the same households, seed and date give the same county, ID numbers and all.

``Generator.county()`` makes what does not grow with the households (areas, departments, cadres,
entities and the cadres' links to them); ``Generator.households()`` then streams the households
one by one with their members, category history, income records, entity links and pairings, so a
province-scale load never holds them all.
"""

import itertools
import random
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from kit.db import utcnow
from registry.demo import entities, geography, income, members, org
from registry.demo.people import CreditCodes, IdNumbers, Phones, full_name, surname
from registry.models.vocab import (
    CategoryChangeKind,
    DriveMode,
    EntityStatus,
    EntityType,
    HouseholdCategory,
    LowIncomeSubtype,
    MonitoringType,
    Relation,
    Sex,
)

Row = dict[str, Any]
FULL_HOUSEHOLDS = 12_000  # the full county: 10,000+ households driven by entities
SEED = 2022
LOW_INCOME_SHARE = 0.25
DRIVEN_SHARE = 0.88  # households with an entity link (the plan: 10,000 households)
SUBTYPES = {
    LowIncomeSubtype.SUBSISTENCE: 35,
    LowIncomeSubtype.NEAR_SUBSISTENCE: 30,
    LowIncomeSubtype.DESTITUTE: 8,
    LowIncomeSubtype.EXPENDITURE_HARDSHIP: 12,
    LowIncomeSubtype.OTHER: 15,
}
MODES = {
    EntityType.FAMILY_FARM: (
        DriveMode.EMPLOYMENT,
        DriveMode.LAND_TRANSFER,
        DriveMode.ORDER_FARMING,
    ),
    EntityType.COOPERATIVE: (
        DriveMode.COOPERATIVE,
        DriveMode.SHAREHOLDING,
        DriveMode.ORDER_FARMING,
    ),
    EntityType.SOCIAL_SERVICE: (DriveMode.ORDER_FARMING, DriveMode.LAND_TRANSFER),
    EntityType.LEADING_ENTERPRISE: (
        DriveMode.ORDER_FARMING,
        DriveMode.EMPLOYMENT,
        DriveMode.SHAREHOLDING,
    ),
    EntityType.FARM_STAY: (DriveMode.EMPLOYMENT,),
    EntityType.E_COMMERCE: (DriveMode.E_COMMERCE,),
    EntityType.PROCESSING_BROKER: (DriveMode.OUTSOURCED_PROCESSING,),
    EntityType.NHL_MEMBER: (DriveMode.COOPERATIVE, DriveMode.ORDER_FARMING),
}
QINGYUAN = (27.62, 119.06)  # latitude, longitude of the county seat
VILLAGE_QUOTA = {"small": 1, "medium": 3, "large": 5}  # new entities a village should reach
QUOTA_MET_SHARE = 0.92  # villages mostly meet their quota, a few lag (so rankings differ)


def day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


@dataclass
class County:
    """What the households hang on: areas, departments, cadres, entities and their links."""

    villages: list[geography.Village]
    tables: dict[str, list[Row]]


@dataclass
class HouseholdRows:
    """One household and what belongs to it, table by table."""

    household: Row
    members: list[Row]
    category_change: Row
    income_records: list[Row]
    entity_links: list[Row]
    pairing: Row | None


@dataclass
class Generator:
    households: int = FULL_HOUSEHOLDS
    seed: int = SEED
    now: datetime = field(default_factory=utcnow)
    extra_villages: int = 0  # beyond the county's own (province-scale loads)
    rng: random.Random = field(init=False)
    ratio: float = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.ratio = self.households / FULL_HOUSEHOLDS
        self.ids = IdNumbers()
        self.phones = Phones(start=1_000_000)
        self.credit_codes = CreditCodes()
        self.villages: list[geography.Village] = []
        self.cadres_by_township: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.next_cadre: dict[str, int] = defaultdict(int)
        self.entities_by_area: dict[str, list[tuple[uuid.UUID, EntityType]]] = defaultdict(list)
        self.all_entities: list[tuple[uuid.UUID, EntityType]] = []

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def stamps(self) -> Row:
        return {"version": 1, "created_at": self.now, "updated_at": self.now}

    # ------------------------------------------------------------------ the county

    def county(self) -> County:
        self.villages = geography.villages(self.rng, extra=self.extra_villages)
        tables: dict[str, list[Row]] = {}
        tables["area"], tables["collective_income"] = self._areas()
        tables["department"] = self._departments()
        tables["cadre"] = self._cadres(tables["department"])
        tables["entity"], tables["entity_figures"] = self._entities()
        tables["cadre_entity_link"] = self._cadre_links(tables["cadre"], tables["entity"])
        return County(self.villages, tables)

    def _areas(self) -> tuple[list[Row], list[Row]]:
        rng, edition = self.rng, geography.EDITION
        area = {"version": 1, "updated_at": self.now, "edition": edition, "size_class": None}
        county = geography.COUNTY_CODE
        rows = [
            {**area, "code": county, "name": geography.COUNTY_NAME, "level": "county"},
            *(
                {**area, "code": code, "name": name, "level": "township", "parent_code": county}
                for code, name in geography.TOWNSHIPS
            ),
        ]
        rows[0]["parent_code"] = None
        incomes = []
        for village in self.villages:
            rows.append(
                {
                    **area,
                    "code": village.code,
                    "name": village.name,
                    "level": "village",
                    "parent_code": village.township,
                    "size_class": None if village.size_class is None else str(village.size_class),
                }
            )
            # Collective operating income: the plan wants > 43 % at 200,000 and > 15 % at 500,000.
            base = rng.lognormvariate(12.3, 0.85)  # yuan; median about 220,000
            for year, factor in ((2025, 1.0), (2026, 1.08)):
                fen = round(base * factor * rng.uniform(0.95, 1.05)) * 100
                incomes.append(
                    {"area_code": village.code, "year": year, "operating_income_fen": fen}
                )
        return rows, incomes

    def _departments(self) -> list[Row]:
        return [
            {"id": self.new_id(), **self.stamps(), "name": name, "area_code": code}
            for name, code in org.department_areas()
        ]

    def township_weights(self) -> list[float]:
        weights: dict[str, float] = defaultdict(float)
        for village in self.villages:
            weights[village.township] += village.weight
        return [weights[code] for code, _name in geography.TOWNSHIPS]

    def _cadres(self, departments: list[Row]) -> list[Row]:
        department_ids = {row["name"]: row["id"] for row in departments}
        phones = Phones(start=1)
        rows = []
        for spec in org.cadre_specs(self.rng, self.ratio, self.township_weights()):
            cadre_id = self.new_id()
            rows.append(
                {
                    "id": cadre_id,
                    **self.stamps(),
                    "name": full_name(self.rng, self.rng.random() < 0.7),
                    "phone": phones.next(),
                    "department_id": department_ids[spec.department],
                    "type": str(spec.type),
                    "skills": spec.skills,
                    "home_area_code": spec.home_area_code,
                    "active": self.rng.random() >= 0.01,
                }
            )
            if rows[-1]["active"] and len(spec.home_area_code) == 9:
                self.cadres_by_township[spec.home_area_code].append(cadre_id)
        return rows

    def _entities(self) -> tuple[list[Row], list[Row]]:
        rows, figures = [], []
        specs = entities.specs(self.rng, self.ratio)
        new_villages = self._quota_villages(sum(spec.new for spec in specs))
        for spec in specs:
            village = new_villages.pop() if spec.new and new_villages else self._any_village()
            row = self._entity(spec, village)
            rows.append(row)
            if row["status"] == EntityStatus.ACTIVE:
                pair = (row["id"], spec.type)
                self.entities_by_area[village.code].append(pair)
                self.entities_by_area[village.township].append(pair)
                self.all_entities.append(pair)
            yearly = entities.figures(self.rng, spec)
            if yearly is not None:
                for year, factor in ((2024, 0.9), (2025, 1.0)):
                    figures.append(self._figures(row["id"], year, factor, yearly))
        return rows, figures

    def _entity(self, spec: entities.EntitySpec, village: geography.Village) -> Row:
        rng = self.rng
        trade = entities.industry(rng, spec)
        kind, registered = entities.COUNTS[spec.type][2:]
        year = entities.cultivated_year(rng, spec)
        old = year is None or year < 2022
        return {
            "id": self.new_id(),
            **self.stamps(),
            "name": entities.name(rng, spec, trade, org.place(village.name)),
            "type": str(spec.type),
            "enterprise_level": entities.level(spec),
            "credit_code": self.credit_codes.next(kind) if rng.random() < registered else None,
            "village_code": village.code,
            "industry": str(trade),
            "cultivated_year": year,
            "status": str(
                EntityStatus.DEREGISTERED if old and rng.random() < 0.04 else EntityStatus.ACTIVE
            ),
            "quality_grade": str(entities.quality(rng, spec)),
            "nhl_member": entities.nhl_member(rng, spec),
        }

    @staticmethod
    def _figures(entity_id: uuid.UUID, year: int, factor: float, yearly: dict[str, int]) -> Row:
        row: Row = dict.fromkeys(
            (
                "jobs_created",
                "online_sales_fen",
                "processing_fees_fen",
                "processing_workforce",
                "members",
                "farmers_linked",
            )
        )
        row |= {name: round(value * factor) for name, value in yearly.items()}
        return {"entity_id": entity_id, "year": year, **row}

    def _quota_villages(self, new_entities: int) -> list[geography.Village]:
        """Villages for the new entities, so that most villages reach their cultivation quota
        (small 1, medium 3, large 5); popped from the end."""
        wanted = []
        for village in self.villages:
            if village.size_class is not None and self.rng.random() < QUOTA_MET_SHARE:
                wanted += [village] * VILLAGE_QUOTA[village.size_class]
        self.rng.shuffle(wanted)
        return wanted[-new_entities:] if new_entities else []

    def _any_village(self) -> geography.Village:
        return self.rng.choices(self.villages, weights=[v.weight for v in self.villages])[0]

    def _cadre_links(self, cadres: list[Row], entity_rows: list[Row]) -> list[Row]:
        """Each active cadre links one active entity (联系), in their township where one is free."""
        taken: set[uuid.UUID] = set()
        township_of = {row["id"]: row["village_code"][:9] for row in entity_rows}
        free_by_township: dict[str, list[uuid.UUID]] = defaultdict(list)
        for entity_id, _type in self.all_entities:
            free_by_township[township_of[entity_id]].append(entity_id)
        anywhere = [entity_id for entity_id, _type in self.all_entities]
        links = []
        for cadre in (c for c in cadres if c["active"]):
            local = free_by_township.get(cadre["home_area_code"], [])
            while local and local[-1] in taken:
                local.pop()
            while anywhere and anywhere[-1] in taken:
                anywhere.pop()
            choice = local or anywhere
            if not choice:
                break
            entity_id = choice.pop()
            taken.add(entity_id)
            links.append(
                {
                    "id": self.new_id(),
                    **self.stamps(),
                    "started_on": day_between(self.rng, date(2022, 5, 1), date(2024, 12, 31)),
                    "ended_on": None,
                    "cadre_id": cadre["id"],
                    "entity_id": entity_id,
                }
            )
        return links

    # ------------------------------------------------------------------ the households

    def stream(self, count: int | None = None) -> Iterator[HouseholdRows]:
        """``count`` households (default: all), each with its members, history, income and links.
        Call ``county()`` first."""
        weights = list(itertools.accumulate(v.weight for v in self.villages))
        for number in range(self.households if count is None else count):
            village = self.rng.choices(self.villages, cum_weights=weights)[0]
            yield self._household(village, number)

    def _household(self, village: geography.Village, number: int) -> HouseholdRows:
        rng = self.rng
        low_income = rng.random() < LOW_INCOME_SHARE
        category = HouseholdCategory.LOW_INCOME if low_income else HouseholdCategory.SMALL_FARMER
        household_id = self.new_id()
        subtype = rng.choices(list(SUBTYPES), weights=list(SUBTYPES.values()))[0]
        monitored = rng.random() < (0.12 if low_income else 0.015)
        located = rng.random() < 0.7
        household = {
            "id": household_id,
            **self.stamps(),
            "village_code": village.code,
            "category": str(category),
            "low_income_subtype": str(subtype) if low_income else None,
            "monitoring_type": str(rng.choice(list(MonitoringType))) if monitored else None,
            "address": f"{geography.COUNTY_NAME}{village.name}{number % 300 + 1}号",
            "phone": self.phones.next() if rng.random() < 0.85 else None,
            "latitude": round(QINGYUAN[0] + rng.uniform(-0.2, 0.2), 5) if located else None,
            "longitude": round(QINGYUAN[1] + rng.uniform(-0.25, 0.25), 5) if located else None,
        }
        people = self._members(household_id, category)
        residents = sum(1 for person in people if person["resident"])
        recognised = day_between(
            rng, date(2019, 1, 1) if low_income else date(2022, 3, 1), date(2025, 6, 30)
        )
        return HouseholdRows(
            household=household,
            members=people,
            category_change=self._recognised(household, recognised),
            income_records=self._income(household, category, residents),
            entity_links=self._entity_links(household_id, village),
            pairing=self._pairing(household_id, village, recognised) if low_income else None,
        )

    def _members(self, household_id: uuid.UUID, category: HouseholdCategory) -> list[Row]:
        rows = []
        family = surname(self.rng)
        for position, person in enumerate(members.household_people(self.rng, category)):
            same_name = person.relation not in (Relation.SPOUSE, Relation.CHILD_IN_LAW)
            number, born = self.ids.number(person.birth_date(self.rng), person.male)
            rows.append(
                {
                    "id": self.new_id(),
                    "household_id": household_id,
                    "position": position,
                    "name": full_name(self.rng, person.male, family if same_name else None),
                    "id_number": number,
                    "birth_date": born,
                    "sex": str(Sex.MALE if person.male else Sex.FEMALE),
                    "relation": str(person.relation),
                    "resident": person.resident,
                    "labour_ability": str(person.labour_ability),
                    "health": str(person.health),
                    "employment": str(person.employment),
                }
            )
        return rows

    def _recognised(self, household: Row, on: date) -> Row:
        low_income = household["category"] == HouseholdCategory.LOW_INCOME
        return {
            "id": self.new_id(),
            "household_id": household["id"],
            "kind": str(CategoryChangeKind.RECOGNISED),
            "category": household["category"],
            "low_income_subtype": household["low_income_subtype"],
            "changed_on": on,
            "reason": "民政部门认定低收入农户" if low_income else "建档登记",
        }

    def _income(self, household: Row, category: HouseholdCategory, residents: int) -> list[Row]:
        rows = []
        for period in income.periods(self.rng, category, max(1, residents)):
            rows.append(
                {
                    "id": self.new_id(),
                    **self.stamps(),
                    "household_id": household["id"],
                    "year": period.year,
                    "quarter": period.quarter,
                    **dict(zip(income.COLUMNS, period.fen, strict=True)),
                    "resident_count": max(1, residents),
                    "village_code": household["village_code"],
                    "category": household["category"],
                }
            )
        return rows

    def _entity_links(self, household_id: uuid.UUID, village: geography.Village) -> list[Row]:
        rng = self.rng
        if not self.all_entities or rng.random() >= DRIVEN_SHARE:
            return []
        links: list[Row] = []
        for _ in range(2 if rng.random() < 0.12 else 1):
            nearby = self.entities_by_area[village.code if rng.random() < 0.5 else village.township]
            entity_id, kind = rng.choice(nearby or self.all_entities)
            if any(link["entity_id"] == entity_id for link in links):
                continue
            links.append(
                {
                    "id": self.new_id(),
                    **self.stamps(),
                    "started_on": day_between(rng, date(2022, 6, 1), date(2025, 12, 31)),
                    "ended_on": None,
                    "entity_id": entity_id,
                    "household_id": household_id,
                    "mode": str(rng.choice(MODES[kind])),
                }
            )
        return links

    def _pairing(
        self, household_id: uuid.UUID, village: geography.Village, recognised: date
    ) -> Row | None:
        """Every low-income household gets a cadre of its township, in turn, so each cadre has a
        handful (帮扶结对)."""
        local = self.cadres_by_township.get(village.township)
        pool = local or [c for cs in self.cadres_by_township.values() for c in cs]
        if not pool:
            return None
        turn = self.next_cadre[village.township]
        self.next_cadre[village.township] = turn + 1
        started = max(recognised, date(2022, 4, 1)) + timedelta(days=self.rng.randrange(60))
        return {
            "id": self.new_id(),
            **self.stamps(),
            "started_on": started,
            "ended_on": None,
            "cadre_id": pool[turn % len(pool)],
            "household_id": household_id,
        }
