"""docs/examples/province_sync.py, run against the registry in-process, so the guide's example
cannot rot: a registered client's first load, then a resumed sync, equal the database."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from kit.testing import on_sqlite
from registry.demo import load_demo
from registry.tests.factories import COUNTY, household_body
from registry.tests.test_province_sync import database

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "province_sync.py"


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("province_sync", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(on_sqlite(), reason="the demo county is loaded once, on PostgreSQL")
async def test_the_guide_s_example_keeps_an_exact_copy(app, client, admin, tmp_path):
    await load_demo(app, households=20)
    scopes = ["feeds:read", "households:read", "pii:read"]
    body = {"name": "浙江省农民增收平台", "area_code": COUNTY, "scopes": scopes}
    registered = (await client.post("/v1/clients", json=body, headers=admin)).json()
    sync = example().sync
    state = tmp_path / "copy.json"

    first = await sync(client, registered["client_id"], registered["client_secret"], state)
    created = await client.post("/v1/households", json=household_body(), headers=admin)
    assert created.status_code == 201
    again = await sync(client, registered["client_id"], registered["client_secret"], state)

    truth = {
        f"{aggregate}/{key}": data for (aggregate, key), (_, data) in (await database(app)).items()
    }
    assert len(first.alive()) == len(truth) - 1
    assert again.alive() == truth
