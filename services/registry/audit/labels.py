"""The audit log's codes as an office reads them in an export: roles, acts, kinds of record and
fields by their Chinese names. A code without a name here is shown as it is stored, so a new
act is never dropped from an export, only left unnamed until it is added here."""

from collections.abc import Iterable, Mapping

ROLES = {
    "county_admin": "县级管理员",
    "township_officer": "乡镇工作人员",
    "cadre": "帮扶干部",
    "leader": "领导",
    "machine": "外部系统",
    "service": "系统服务",
}
ACTIONS = {
    "read_unmasked": "查看完整信息",
    "export_audit": "导出审计记录",
    "handover": "结对移交",
    "create": "新增",
    "update": "修改",
    "delete": "删除",
}
RESOURCES = {
    "area": "区划",
    "audit": "审计记录",
    "cadre": "干部",
    "department": "部门",
    "entity": "新型农业主体",
    "household": "农户",
    "income_record": "收入记录",
    "member": "家庭成员",
    "pairing": "帮扶结对",
    "cadre_entity_link": "干部联系主体",
    "entity_household_link": "主体带动农户",
    "user": "用户",
}
FIELDS = {"id_number": "身份证号", "phone": "电话"}


def named(names: Mapping[str, str], code: str) -> str:
    return names.get(code, code)


def named_all(names: Mapping[str, str], codes: Iterable[str]) -> str:
    return "、".join(named(names, code) for code in codes)
