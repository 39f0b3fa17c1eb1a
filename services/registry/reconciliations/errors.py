"""What a reconciliation answers when its report no longer holds, in the domain's words."""

from kit.problems import Conflict


class ReportOutdated(Conflict):
    """Applying a report whose registry or roll has changed since it was made."""

    code = "report-outdated"
    title = "比对结果已过时，请重新比对 / The report is out of date; compare again"


def report_outdated() -> ReportOutdated:
    return ReportOutdated(
        "比对之后登记库或名册已有变化，请重新比对 / the registry or the roll changed since "
        "the report; compare again",
        field="fingerprint",
    )
