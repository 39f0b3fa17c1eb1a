"""The settable clock, and the one way a version moves."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest

from kit import clock
from kit.problems import (
    PreconditionFailed,
    PreconditionRequired,
    SameIdOtherBody,
    problem_responses,
)
from kit.settings import ServiceSettings
from kit.versioning import bump, bump_if_match


@pytest.mark.smoke
def test_a_stopped_clock_reads_the_same_instant_in_utc_and_local_dates(
    set_clock: Callable[[str], None],
) -> None:
    set_clock("2026-11-30T23:59:00+08:00")
    assert clock.now() == datetime(2026, 11, 30, 15, 59, tzinfo=UTC)
    assert clock.local_today() == date(2026, 11, 30)
    set_clock("2026-11-30T16:30:00+00:00")  # already 1 December in Shanghai
    assert clock.local_today() == date(2026, 12, 1)


@pytest.mark.smoke
def test_an_offset_clock_runs_ahead_of_the_wall(set_clock: Callable[[str], None]) -> None:
    set_clock("+3d")
    ahead = clock.now() - datetime.now(UTC)
    assert timedelta(days=3) - timedelta(seconds=5) < ahead <= timedelta(days=3)
    set_clock("-12h")
    assert clock.now() < datetime.now(UTC) - timedelta(hours=11)


@pytest.mark.smoke
def test_a_clock_setting_that_means_nothing_is_refused_naming_it() -> None:
    for wrong in ("tomorrow", "2026-11-30T12:00:00", "+3w"):
        with pytest.raises(ValueError, match="clock"):
            ServiceSettings(clock=wrong)


@dataclass
class Row:
    version: int
    updated_at: datetime | None = None


@pytest.mark.smoke
def test_bump_moves_the_version_and_stamps_the_time_from_the_clock(
    set_clock: Callable[[str], None],
) -> None:
    set_clock("2026-07-01T08:00:00+08:00")
    row = Row(version=3)
    bump(row)
    assert (row.version, row.updated_at) == (4, datetime(2026, 7, 1, 0, 0, tzinfo=UTC))
    with pytest.raises(PreconditionRequired):
        bump_if_match(row, None)
    with pytest.raises(PreconditionFailed):
        bump_if_match(row, '"3"')
    bump_if_match(row, '"4"')
    assert row.version == 5


@pytest.mark.smoke
def test_problem_responses_list_each_status_with_the_types_it_may_carry() -> None:
    declared = problem_responses(SameIdOtherBody, PreconditionFailed)
    assert sorted(declared) == [400, 401, 403, 404, 409, 412, 422]
    assert "/problems/same-id-other-body" in declared[409]["description"]
