"""The registry's closed vocabularies, as stored codes (English) with their Chinese names.

The UI shows the Chinese; the API carries the codes, so a client never parses a label.
"""

from enum import StrEnum


class AreaLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"


LEVEL_BY_LENGTH = {
    2: AreaLevel.PROVINCE,
    4: AreaLevel.CITY,
    6: AreaLevel.COUNTY,
    9: AreaLevel.TOWNSHIP,
    12: AreaLevel.VILLAGE,
}


class AreaKind(StrEnum):
    """What a township- or village-level code's last three digits say it is."""

    SUBDISTRICT = "subdistrict"  # 街道 (township 001–099)
    TOWN = "town"  # 镇 (100–199)
    TOWNSHIP = "township"  # 乡 (200–399)
    COMMUNITY = "community"  # 居委会/社区 (village 001–199)
    ADMINISTRATIVE_VILLAGE = "administrative_village"  # 村委会 (village 200–399)
    OTHER = "other"  # 开发区、农场等 (400 and up)


class SizeClass(StrEnum):
    SMALL = "small"  # 小村
    MEDIUM = "medium"  # 中村
    LARGE = "large"  # 大村


class CadreType(StrEnum):
    COUNTY_LEADER = "county_leader"  # 副县以上领导
    FIRST_SECRETARY = "first_secretary"  # 第一书记/农村工作指导员
    SCIENCE_ENVOY = "science_envoy"  # 科技特派员
    TOWNSHIP_STAFF = "township_staff"  # 乡镇干部
    AGRI_TECHNICIAN = "agri_technician"  # 县属部门农业技术干部


class EntityType(StrEnum):
    FAMILY_FARM = "family_farm"  # 家庭农场
    COOPERATIVE = "cooperative"  # 农民专业合作社
    SOCIAL_SERVICE = "social_service"  # 社会化服务组织
    LEADING_ENTERPRISE = "leading_enterprise"  # 农业龙头企业
    FARM_STAY = "farm_stay"  # 农家乐民宿
    E_COMMERCE = "e_commerce"  # 农村电商
    PROCESSING_BROKER = "processing_broker"  # 来料加工经纪人
    NHL_MEMBER = "nhl_member"  # 农合联会员


class EnterpriseLevel(StrEnum):
    COUNTY = "county"
    CITY = "city"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


class Industry(StrEnum):
    EDIBLE_FUNGI = "edible_fungi"  # 食用菌
    BAMBOO = "bamboo"  # 毛竹
    CITRUS = "citrus"  # 甜桔柚
    HERBS = "herbs"  # 中药材
    CHESTNUT = "chestnut"  # 锥栗
    TEA = "tea"  # 茶叶
    HIGHLAND_VEGETABLES = "highland_vegetables"  # 高山蔬菜
    OTHER = "other"


class EntityStatus(StrEnum):
    ACTIVE = "active"
    DEREGISTERED = "deregistered"


class QualityGrade(StrEnum):
    """Demonstration family farm (示范家庭农场) grade; county level or above counts as 高质量."""

    NONE = "none"
    COUNTY = "county"
    CITY = "city"
    PROVINCIAL = "provincial"
    NATIONAL = "national"


class HouseholdCategory(StrEnum):
    SMALL_FARMER = "small_farmer"  # 小农户
    LOW_INCOME = "low_income"  # 低收入农户


class LowIncomeSubtype(StrEnum):
    SUBSISTENCE = "subsistence"  # 低保
    NEAR_SUBSISTENCE = "near_subsistence"  # 低保边缘
    DESTITUTE = "destitute"  # 特困供养
    EXPENDITURE_HARDSHIP = "expenditure_hardship"  # 支出型困难
    OTHER = "other"


class MonitoringType(StrEnum):
    """防返贫监测对象."""

    UNSTABLE = "unstable"  # 脱贫不稳定户
    MARGINAL = "marginal"  # 边缘易致贫户
    SUDDEN_HARDSHIP = "sudden_hardship"  # 突发严重困难户


class CategoryChangeKind(StrEnum):
    RECOGNISED = "recognised"  # 认定
    EXITED = "exited"  # 退出


class Relation(StrEnum):
    HEAD = "head"  # 户主
    SPOUSE = "spouse"  # 配偶
    CHILD = "child"  # 子女
    PARENT = "parent"  # 父母
    GRANDCHILD = "grandchild"  # 孙子女
    SIBLING = "sibling"  # 兄弟姐妹
    CHILD_IN_LAW = "child_in_law"  # 儿媳/女婿
    OTHER = "other"


class LabourAbility(StrEnum):
    ABLE = "able"  # 有劳动能力
    WEAK = "weak"  # 弱劳动能力
    NONE = "none"  # 无劳动能力


class Health(StrEnum):
    HEALTHY = "healthy"  # 健康
    CHRONIC_ILLNESS = "chronic_illness"  # 长期慢性病
    SERIOUS_ILLNESS = "serious_illness"  # 大病
    DISABLED = "disabled"  # 残疾


class Employment(StrEnum):
    EMPLOYED = "employed"  # 务工/受雇
    SELF_EMPLOYED = "self_employed"  # 自主经营
    FARMING = "farming"  # 自家务农/经营
    UNEMPLOYED = "unemployed"  # 无业
    STUDENT = "student"  # 在校
    RETIRED = "retired"  # 退休/不在劳动年龄


WORKING = frozenset({Employment.EMPLOYED, Employment.SELF_EMPLOYED, Employment.FARMING})


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class DriveMode(StrEnum):
    """How an entity drives a household (带动方式)."""

    COOPERATIVE = "cooperative"  # 合作制
    SHAREHOLDING = "shareholding"  # 股份制
    ORDER_FARMING = "order_farming"  # 订单农业
    EMPLOYMENT = "employment"  # 就业
    LAND_TRANSFER = "land_transfer"  # 土地流转
    OUTSOURCED_PROCESSING = "outsourced_processing"  # 来料加工
    E_COMMERCE = "e_commerce"  # 电商销售
