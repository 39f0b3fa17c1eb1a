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


def no_such_cadre(cadre_id: object) -> str:
    return f"干部 {cadre_id} 不存在、不在岗或不在你的范围内 / no such active cadre in your area"
