"""What handling an alert answers when it cannot be done, and the messages it says it with."""

from kit.problems import Conflict


class AlertClosed(Conflict):
    """Acknowledging, closing or assigning an alert that is already closed."""

    code = "closed"
    title = "预警已办结 / The alert is already closed"


class AlertAcknowledged(Conflict):
    """Acknowledging an alert that is already acknowledged."""

    code = "already-acknowledged"
    title = "预警已签收 / The alert is already acknowledged"


NOT_FOUND = "预警不存在或不在你的范围内 / alert not found"
IS_CLOSED = "预警已办结 / the alert is closed"


def in_status(status: str) -> str:
    return f"预警当前状态为 {status} / the alert is {status}"


WHO = "请指派一名干部或一个单位 / give a cadre or a department"


def no_such_department(department_id: object) -> str:
    return f"单位 {department_id} 不存在或不在你的范围内 / no such department in your reach"


def no_such_cadre(cadre_id: object) -> str:
    return f"干部 {cadre_id} 不存在、不在岗或不在你的范围内 / no such active cadre in your area"
