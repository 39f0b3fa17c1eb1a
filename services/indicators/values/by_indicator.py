"""Which calculation answers which indicator."""

from indicators.values.calculation import Calculator
from indicators.values.entities import (
    CADRE_ENTITY_LINKS,
    ENTITIES_BY_TYPE,
    FARM_STAYS,
    NHL,
    OUTSOURCED_PROCESSING,
    RURAL_ECOMMERCE,
)
from indicators.values.households import HOUSEHOLDS_DRIVEN, ZERO_EMPLOYMENT
from indicators.values.income import (
    BELOW_13000,
    FAMILY_INCOME,
    INCOME_STRUCTURE,
    LOW_INCOME_INCOME,
    RURAL_INCOME,
    URBAN_RURAL_RATIO,
)
from indicators.values.six_ones import SIX_ONES
from indicators.values.villages import COLLECTIVE_INCOME, CULTIVATION_QUOTA

CALCULATORS: dict[str, Calculator] = {
    "I01_rural_income": RURAL_INCOME,
    "I02_urban_rural_ratio": URBAN_RURAL_RATIO,
    "I03_low_income_income": LOW_INCOME_INCOME,
    "I04_below_13000": BELOW_13000,
    "I05_small_farmer_family_income": FAMILY_INCOME,
    "I06_households_driven": HOUSEHOLDS_DRIVEN,
    "I07_cadre_entity_links": CADRE_ENTITY_LINKS,
    "I08_entities_by_type": ENTITIES_BY_TYPE,
    "I09_village_cultivation_quota": CULTIVATION_QUOTA,
    "I10_farm_stays": FARM_STAYS,
    "I11_rural_ecommerce": RURAL_ECOMMERCE,
    "I12_outsourced_processing": OUTSOURCED_PROCESSING,
    "I13_nhl": NHL,
    "I14_six_ones": SIX_ONES,
    "I15_village_collective_income": COLLECTIVE_INCOME,
    "I16_zero_employment": ZERO_EMPLOYMENT,
    "I17_income_structure": INCOME_STRUCTURE,
}
