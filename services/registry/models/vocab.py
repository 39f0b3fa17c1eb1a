"""The registry's closed vocabularies: stored codes (English), each with its one label as the app
shows it (Chinese, and English beside it) and the other spellings a file may use.

The API carries the codes, so a client never parses a label; it shows the labels that
``GET /v1/vocabularies`` serves from here. Imports and the roll reconciliation read a cell with
``Vocabulary.parse`` (label, synonym or code), and templates write the label.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class Label:
    zh: str  # as the app shows it, and as templates write it
    en: str
    synonyms: tuple[str, ...] = ()  # other spellings accepted on import (older forms, rolls)


class VocabularyError(ValueError):
    """A word that is no label, synonym or code of a vocabulary; the message names the field
    and lists its labels."""


class Vocabulary(Generic[E]):
    """An enum with a label for every value; parses any of its words back to the value."""

    def __init__(
        self, name: str, enum: type[E], title: tuple[str, str], labels: Mapping[E, Label]
    ) -> None:
        unlabelled = [value for value in enum if value not in labels]
        if unlabelled:
            raise ValueError(f"{name}: no label for {unlabelled}")
        self.name = name
        self.enum = enum
        self.title_zh, self.title_en = title
        self.labels: dict[E, Label] = {value: labels[value] for value in enum}
        self._words: dict[str, E] = {}
        for value, label in self.labels.items():
            for word in (value.value, label.zh, label.en, *label.synonyms):
                key = word.casefold()
                if self._words.setdefault(key, value) != value:
                    raise ValueError(f"{name}: 「{word}」 names two values")

    @property
    def shown(self) -> str:
        """The labels as a template's note and an error list them: 户主、配偶、…"""
        return "、".join(label.zh for label in self.labels.values())

    def label(self, value: E | str) -> str:
        return self.labels[self.enum(value)].zh

    def parse(self, text: str) -> E:
        """The value a label, synonym or code names (case and surrounding spaces ignored)."""
        value = self._words.get(text.strip().casefold())
        if value is None:
            raise self.refusal(text)
        return value

    def refusal(self, text: str, *also: str) -> VocabularyError:
        accepted = "、".join([label.zh for label in self.labels.values()] + list(also))
        return VocabularyError(
            f"「{text}」不是可选的{self.title_zh}，可填：{accepted} / not a known {self.title_en}"
        )


class AreaLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


AREA_LEVEL = Vocabulary(
    "area_level",
    AreaLevel,
    ("区划级别", "area level"),
    {
        AreaLevel.PROVINCE: Label("省", "Province"),
        AreaLevel.CITY: Label("市", "City"),
        AreaLevel.COUNTY: Label("县", "County"),
        AreaLevel.TOWNSHIP: Label("乡镇", "Township"),
        AreaLevel.VILLAGE: Label("村", "Village"),
    },
)

LEVEL_BY_LENGTH = {
    2: AreaLevel.PROVINCE,
    4: AreaLevel.CITY,
    6: AreaLevel.COUNTY,
    9: AreaLevel.TOWNSHIP,
    12: AreaLevel.VILLAGE,
}


class AreaKind(StrEnum):
    """What a township- or village-level code's last three digits say it is."""

    SUBDISTRICT = "subdistrict"  # township 001–099
    TOWN = "town"  # 100–199
    TOWNSHIP = "township"  # 200–399
    COMMUNITY = "community"  # 居委会/社区 (village 001–199)
    ADMINISTRATIVE_VILLAGE = "administrative_village"  # 村委会 (village 200–399)
    OTHER = "other"  # 开发区、农场等 (400 and up)


AREA_KIND = Vocabulary(
    "area_kind",
    AreaKind,
    ("区划类型", "area kind"),
    {
        AreaKind.SUBDISTRICT: Label("街道", "Subdistrict"),
        AreaKind.TOWN: Label("镇", "Town"),
        AreaKind.TOWNSHIP: Label("乡", "Township"),
        AreaKind.COMMUNITY: Label("社区", "Community"),
        AreaKind.ADMINISTRATIVE_VILLAGE: Label("行政村", "Administrative village"),
        AreaKind.OTHER: Label("其他", "Other"),
    },
)


class SizeClass(StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


SIZE_CLASS = Vocabulary(
    "size_class",
    SizeClass,
    ("村规模", "village size"),
    {
        SizeClass.SMALL: Label("小村", "Small"),
        SizeClass.MEDIUM: Label("中村", "Medium"),
        SizeClass.LARGE: Label("大村", "Large"),
    },
)


class CadreType(StrEnum):
    COUNTY_LEADER = "county_leader"
    FIRST_SECRETARY = "first_secretary"
    SCIENCE_ENVOY = "science_envoy"
    TOWNSHIP_STAFF = "township_staff"
    AGRI_TECHNICIAN = "agri_technician"


CADRE_TYPE = Vocabulary(
    "cadre_type",
    CadreType,
    ("干部类型", "cadre type"),
    {
        CadreType.COUNTY_LEADER: Label("副县以上领导", "County leader"),
        CadreType.FIRST_SECRETARY: Label(
            "第一书记/农村工作指导员",
            "First secretary / rural work instructor",
            ("第一书记", "农村工作指导员"),
        ),
        CadreType.SCIENCE_ENVOY: Label("科技特派员", "Science envoy"),
        CadreType.TOWNSHIP_STAFF: Label("乡镇干部", "Township staff"),
        CadreType.AGRI_TECHNICIAN: Label("县属部门农业技术干部", "County agricultural technician"),
    },
)


class EntityType(StrEnum):
    FAMILY_FARM = "family_farm"
    COOPERATIVE = "cooperative"
    SOCIAL_SERVICE = "social_service"
    LEADING_ENTERPRISE = "leading_enterprise"
    FARM_STAY = "farm_stay"
    E_COMMERCE = "e_commerce"
    PROCESSING_BROKER = "processing_broker"
    NHL_MEMBER = "nhl_member"


ENTITY_TYPE = Vocabulary(
    "entity_type",
    EntityType,
    ("主体类型", "entity type"),
    {
        EntityType.FAMILY_FARM: Label("家庭农场", "Family farm"),
        EntityType.COOPERATIVE: Label("农民专业合作社", "Farmers' cooperative"),
        EntityType.SOCIAL_SERVICE: Label("社会化服务组织", "Social service organisation"),
        EntityType.LEADING_ENTERPRISE: Label("农业龙头企业", "Leading agricultural enterprise"),
        EntityType.FARM_STAY: Label("农家乐民宿", "Farm stay"),
        EntityType.E_COMMERCE: Label("农村电商", "Rural e-commerce"),
        EntityType.PROCESSING_BROKER: Label("来料加工经纪人", "Outsourced processing broker"),
        EntityType.NHL_MEMBER: Label("农合联会员", "Member of the 农合联"),
    },
)


class EnterpriseLevel(StrEnum):
    COUNTY = "county"
    CITY = "city"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


ENTERPRISE_LEVEL = Vocabulary(
    "enterprise_level",
    EnterpriseLevel,
    ("龙头企业级别", "enterprise level"),
    {
        EnterpriseLevel.COUNTY: Label("县级", "County"),
        EnterpriseLevel.CITY: Label("市级", "City"),
        EnterpriseLevel.PROVINCIAL: Label("省级", "Provincial"),
        EnterpriseLevel.NATIONAL: Label("国家级", "National"),
    },
)


class Industry(StrEnum):
    EDIBLE_FUNGI = "edible_fungi"
    BAMBOO = "bamboo"
    CITRUS = "citrus"
    HERBS = "herbs"
    CHESTNUT = "chestnut"
    TEA = "tea"
    HIGHLAND_VEGETABLES = "highland_vegetables"
    OTHER = "other"


INDUSTRY = Vocabulary(
    "industry",
    Industry,
    ("产业", "industry"),
    {
        Industry.EDIBLE_FUNGI: Label("食用菌", "Edible fungi"),
        Industry.BAMBOO: Label("毛竹", "Bamboo"),
        Industry.CITRUS: Label("甜桔柚", "Citrus"),
        Industry.HERBS: Label("中药材", "Medicinal herbs"),
        Industry.CHESTNUT: Label("锥栗", "Chinquapin"),
        Industry.TEA: Label("茶叶", "Tea"),
        Industry.HIGHLAND_VEGETABLES: Label("高山蔬菜", "Highland vegetables"),
        Industry.OTHER: Label("其他", "Other"),
    },
)


class EntityStatus(StrEnum):
    ACTIVE = "active"
    DEREGISTERED = "deregistered"


ENTITY_STATUS = Vocabulary(
    "entity_status",
    EntityStatus,
    ("主体状态", "entity status"),
    {
        EntityStatus.ACTIVE: Label("存续", "Active"),
        EntityStatus.DEREGISTERED: Label("已注销", "Deregistered", ("注销",)),
    },
)


class QualityGrade(StrEnum):
    """Demonstration family farm (示范家庭农场) grade; county level or above counts as 高质量."""

    NONE = "none"
    COUNTY = "county"
    CITY = "city"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


QUALITY_GRADE = Vocabulary(
    "quality_grade",
    QualityGrade,
    ("示范等级", "quality grade"),
    {
        QualityGrade.NONE: Label("无", "None"),
        QualityGrade.COUNTY: Label("县级", "County"),
        QualityGrade.CITY: Label("市级", "City"),
        QualityGrade.PROVINCIAL: Label("省级", "Provincial"),
        QualityGrade.NATIONAL: Label("国家级", "National"),
    },
)


class HouseholdCategory(StrEnum):
    SMALL_FARMER = "small_farmer"
    LOW_INCOME = "low_income"


HOUSEHOLD_CATEGORY = Vocabulary(
    "household_category",
    HouseholdCategory,
    ("农户类别", "household category"),
    {
        HouseholdCategory.SMALL_FARMER: Label("小农户", "Small farmer"),
        HouseholdCategory.LOW_INCOME: Label("低收入农户", "Low-income"),
    },
)


class LowIncomeSubtype(StrEnum):
    SUBSISTENCE = "subsistence"
    NEAR_SUBSISTENCE = "near_subsistence"
    DESTITUTE = "destitute"
    EXPENDITURE_HARDSHIP = "expenditure_hardship"
    OTHER = "other"


LOW_INCOME_SUBTYPE = Vocabulary(
    "low_income_subtype",
    LowIncomeSubtype,
    ("低收入类型", "low-income subtype"),
    {
        LowIncomeSubtype.SUBSISTENCE: Label("低保户", "Subsistence allowance", ("低保",)),
        LowIncomeSubtype.NEAR_SUBSISTENCE: Label(
            "低保边缘户", "Near subsistence", ("低保边缘", "低边")
        ),
        LowIncomeSubtype.DESTITUTE: Label(
            "特困供养人员", "Destitute (supported)", ("特困供养", "特困")
        ),
        LowIncomeSubtype.EXPENDITURE_HARDSHIP: Label(
            "支出型困难户", "Hardship from expenses", ("支出型困难",)
        ),
        LowIncomeSubtype.OTHER: Label("其他", "Other"),
    },
)


class MonitoringType(StrEnum):
    """防返贫监测对象."""

    UNSTABLE = "unstable"
    MARGINAL = "marginal"
    SUDDEN_HARDSHIP = "sudden_hardship"


MONITORING_TYPE = Vocabulary(
    "monitoring_type",
    MonitoringType,
    ("监测对象类型", "monitoring type"),
    {
        MonitoringType.UNSTABLE: Label("脱贫不稳定户", "Unstable since lifted"),
        MonitoringType.MARGINAL: Label("边缘易致贫户", "Marginal, at risk"),
        MonitoringType.SUDDEN_HARDSHIP: Label("突发严重困难户", "Sudden severe hardship"),
    },
)


class CategoryChangeKind(StrEnum):
    RECOGNISED = "recognised"
    EXITED = "exited"


CATEGORY_CHANGE_KIND = Vocabulary(
    "category_change_kind",
    CategoryChangeKind,
    ("类别变化", "category change"),
    {
        CategoryChangeKind.RECOGNISED: Label("认定", "Recognised"),
        CategoryChangeKind.EXITED: Label("退出", "Exited"),
    },
)


class Relation(StrEnum):
    HEAD = "head"
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    CHILD_IN_LAW = "child_in_law"
    OTHER = "other"


RELATION = Vocabulary(
    "relation",
    Relation,
    ("与户主关系", "relation to the head"),
    {
        Relation.HEAD: Label("户主", "Head"),
        Relation.SPOUSE: Label("配偶", "Spouse"),
        Relation.CHILD: Label("子女", "Child"),
        Relation.PARENT: Label("父母", "Parent"),
        Relation.GRANDCHILD: Label("孙辈", "Grandchild", ("孙子女",)),
        Relation.SIBLING: Label("兄弟姐妹", "Sibling"),
        Relation.CHILD_IN_LAW: Label("儿媳/女婿", "Child-in-law", ("儿媳", "女婿")),
        Relation.OTHER: Label("其他", "Other"),
    },
)


class LabourAbility(StrEnum):
    ABLE = "able"
    WEAK = "weak"
    NONE = "none"


LABOUR_ABILITY = Vocabulary(
    "labour_ability",
    LabourAbility,
    ("劳动能力", "labour ability"),
    {
        LabourAbility.ABLE: Label("有劳动能力", "Able to work"),
        LabourAbility.WEAK: Label("弱劳动能力", "Weak"),
        LabourAbility.NONE: Label("无劳动能力", "Unable to work"),
    },
)


class Health(StrEnum):
    HEALTHY = "healthy"
    CHRONIC_ILLNESS = "chronic_illness"
    SERIOUS_ILLNESS = "serious_illness"
    DISABLED = "disabled"


HEALTH = Vocabulary(
    "health",
    Health,
    ("健康状况", "health"),
    {
        Health.HEALTHY: Label("健康", "Healthy"),
        Health.CHRONIC_ILLNESS: Label("慢性病", "Chronic illness", ("长期慢性病",)),
        Health.SERIOUS_ILLNESS: Label("大病", "Serious illness"),
        Health.DISABLED: Label("残疾", "Disabled"),
    },
)


class Employment(StrEnum):
    EMPLOYED = "employed"
    SELF_EMPLOYED = "self_employed"
    FARMING = "farming"  # on the household's own land or business
    UNEMPLOYED = "unemployed"
    STUDENT = "student"
    RETIRED = "retired"  # or not of working age


EMPLOYMENT = Vocabulary(
    "employment",
    Employment,
    ("从业状况", "employment"),
    {
        Employment.EMPLOYED: Label("务工", "Employed", ("受雇",)),
        Employment.SELF_EMPLOYED: Label("自主经营", "Self-employed"),
        Employment.FARMING: Label("务农", "Farming", ("自家务农",)),
        Employment.UNEMPLOYED: Label("无业", "Unemployed"),
        Employment.STUDENT: Label("在校生", "Student", ("在校",)),
        Employment.RETIRED: Label("退休", "Retired", ("不在劳动年龄",)),
    },
)

WORKING = frozenset({Employment.EMPLOYED, Employment.SELF_EMPLOYED, Employment.FARMING})


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


SEX = Vocabulary(
    "sex",
    Sex,
    ("性别", "sex"),
    {Sex.MALE: Label("男", "Male"), Sex.FEMALE: Label("女", "Female")},
)


class DriveMode(StrEnum):
    """How an entity drives a household (带动方式)."""

    COOPERATIVE = "cooperative"
    SHAREHOLDING = "shareholding"
    ORDER_FARMING = "order_farming"
    EMPLOYMENT = "employment"
    LAND_TRANSFER = "land_transfer"
    OUTSOURCED_PROCESSING = "outsourced_processing"
    E_COMMERCE = "e_commerce"


DRIVE_MODE = Vocabulary(
    "drive_mode",
    DriveMode,
    ("带动方式", "drive mode"),
    {
        DriveMode.COOPERATIVE: Label("合作制", "Cooperative"),
        DriveMode.SHAREHOLDING: Label("股份制", "Shareholding"),
        DriveMode.ORDER_FARMING: Label("订单农业", "Order farming"),
        DriveMode.EMPLOYMENT: Label("就业", "Employment"),
        DriveMode.LAND_TRANSFER: Label("土地流转", "Land transfer"),
        DriveMode.OUTSOURCED_PROCESSING: Label("来料加工", "Outsourced processing"),
        DriveMode.E_COMMERCE: Label("电商销售", "E-commerce sales"),
    },
)

# Every vocabulary, in the order GET /v1/vocabularies answers them.
VOCABULARIES: tuple[Vocabulary[Any], ...] = (
    HOUSEHOLD_CATEGORY,
    LOW_INCOME_SUBTYPE,
    MONITORING_TYPE,
    CATEGORY_CHANGE_KIND,
    RELATION,
    LABOUR_ABILITY,
    HEALTH,
    EMPLOYMENT,
    SEX,
    CADRE_TYPE,
    ENTITY_TYPE,
    ENTERPRISE_LEVEL,
    INDUSTRY,
    ENTITY_STATUS,
    QUALITY_GRADE,
    DRIVE_MODE,
    AREA_LEVEL,
    AREA_KIND,
    SIZE_CLASS,
)
