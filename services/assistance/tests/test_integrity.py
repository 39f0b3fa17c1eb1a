"""Integrity (issue 14, class 11) in assistance: required free text that is blank or only
invisible characters is no text (the county-level compliance label is in test_schedule)."""

from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from assistance.happiness.schemas import HappinessItemIn
from assistance.measure_types.schemas import MeasureTypeIn
from assistance.needs.schemas import NeedClose, NeedIn, NeedStart
from assistance.visits.schemas import Need, VisitIn

BLANK = ["", "  ", "\u200b\u200d\ufeff", "\u3000", "\u3164", "\u2800\u2800"]
REQUIRED_TEXT: list[tuple[type[BaseModel], str]] = [
    (NeedIn, "description"),
    (NeedStart, "responsible_unit"),
    (NeedClose, "note"),
    (HappinessItemIn, "title"),
    (MeasureTypeIn, "name_zh"),
    (MeasureTypeIn, "name_en"),
    (VisitIn, "backdate_reason"),
]


def field_type(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[arg-type]


@pytest.mark.parametrize(("model", "name"), REQUIRED_TEXT)
@pytest.mark.parametrize("blank", BLANK)
def test_required_text_refuses_blank_and_invisible_only(model, name, blank):
    with pytest.raises(ValidationError):
        field_type(model, name).validate_python(blank)


@pytest.mark.parametrize("blank", BLANK)
def test_a_visits_need_is_never_blank(blank):
    with pytest.raises(ValidationError):
        TypeAdapter(Need).validate_python(blank)


@pytest.mark.parametrize(("model", "name"), REQUIRED_TEXT)
def test_required_text_is_kept_without_invisible_ends(model, name):
    assert field_type(model, name).validate_python("\u200b 县住建局\u3000") == "县住建局"
