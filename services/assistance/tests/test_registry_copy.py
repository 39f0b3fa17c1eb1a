import uuid
from datetime import date

import pytest
from sqlmodel import select

from assistance.models import Cadre, Household, Pairing
from assistance.tests.seeds import (
    VILLAGE_A1,
    VILLAGE_B1,
    cadre_event,
    household_event,
    pairing_event,
    sync,
)

pytestmark = pytest.mark.smoke


async def rows(app, model):
    async with app.state.sessionmaker() as session:
        return list((await session.execute(select(model))).scalars())


async def test_events_upsert_the_copy_with_what_the_service_needs(app, client):
    cadre_id, household_id = uuid.uuid4(), uuid.uuid4()
    await sync(
        app,
        [
            cadre_event(cadre_id, name="张帮扶"),
            household_event(household_id, village=VILLAGE_A1, head_name="吴大山"),
            pairing_event(cadre_id, household_id, started_on=date(2025, 3, 1)),
        ],
    )

    [household] = await rows(app, Household)
    [pairing] = await rows(app, Pairing)
    [cadre] = await rows(app, Cadre)
    assert (household.id, household.village_code, household.category) == (
        household_id,
        VILLAGE_A1,
        "low_income",
    )
    assert (household.head_name, household.low_income_subtype) == ("吴大山", "dibao")
    assert household.latitude == pytest.approx(27.6185) and not household.deleted
    assert (pairing.cadre_id, pairing.household_id, pairing.started_on, pairing.ended_on) == (
        cadre_id,
        household_id,
        date(2025, 3, 1),
        None,
    )
    assert (cadre.name, cadre.version) == ("张帮扶", 1)


async def test_a_newer_version_wins_whatever_the_order_and_repeats_change_nothing(app, client):
    household_id = uuid.uuid4()
    v1 = household_event(household_id, village=VILLAGE_A1, version=1)
    v2 = household_event(household_id, village=VILLAGE_B1, version=2)

    await sync(app, [v2])
    await sync(app, [v1])  # late and older: ignored
    await sync(app, [v1, v2, v1])  # a page applied twice, duplicates inside it

    [household] = await rows(app, Household)
    assert (household.village_code, household.version) == (VILLAGE_B1, 2)


async def test_a_deleted_household_is_kept_as_a_tombstone(app, client):
    household_id = uuid.uuid4()
    await sync(app, [household_event(household_id, version=1)])
    await sync(app, [household_event(household_id, version=2, deleted=True)])
    await sync(app, [household_event(household_id, version=1)])  # cannot bring it back

    [household] = await rows(app, Household)
    assert household.deleted and household.version == 2


async def test_an_ended_pairing_is_kept_as_history(app, client):
    cadre_id, household_id, pairing_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    await sync(app, [pairing_event(cadre_id, household_id, pairing_id=pairing_id)])
    ended = pairing_event(
        cadre_id, household_id, pairing_id=pairing_id, ended_on=date(2026, 5, 1), version=2
    )
    await sync(app, [ended])

    [pairing] = await rows(app, Pairing)
    assert pairing.ended_on == date(2026, 5, 1) and pairing.version == 2


async def test_other_aggregates_are_skipped(app, client):
    other = cadre_event()
    other["aggregate"], other["type"] = "entity", "entity.upserted"
    await sync(app, [other])
    assert await rows(app, Cadre) == []
