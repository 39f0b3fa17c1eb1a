"""What asking for an indicator or a measure the catalogue does not hold answers (422, naming
the field), said the same wherever it is asked."""

from kit.problems import UnprocessableEntity, invalid


def no_such_indicator() -> UnprocessableEntity:
    return invalid("indicator", "没有这个指标，见 /v1/indicators / no such indicator")


def no_such_measure() -> UnprocessableEntity:
    return invalid("measure", "该指标没有这个分项 / no such measure of this indicator")
