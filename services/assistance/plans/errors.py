"""What plans answer when they refuse a request, in the domain's words."""

from kit.problems import NotFound


def not_found(year: int) -> NotFound:
    return NotFound(f"该户 {year} 年没有帮扶计划或不在你的范围内 / no plan for {year} in reach")


def vanished() -> NotFound:
    return NotFound("帮扶计划已被并发删除 / the plan vanished meanwhile")
