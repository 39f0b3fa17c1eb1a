"""The cross-service tests' fixtures: the four real processes (tests/processes.py) with a county
admin, and a client of their gateway, one system per module.

A module sets the services' clock (kit/clock.py) for its system with a marker:
``pytestmark = pytest.mark.clock("2026-11-30T23:30:00+08:00")``, or ``pytest.mark.clock("+3d")``.
"""

from collections.abc import Iterator

import httpx
import pytest

from tests.processes import System, clock_of, create_admin, four_processes, gateway_client


@pytest.fixture(scope="module")
def system(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[System]:
    folder = tmp_path_factory.mktemp("system")
    with four_processes(folder, clock=clock_of(request)) as running:
        with running.explained():
            create_admin(running)
        yield running


@pytest.fixture(scope="module")
def gateway(system: System) -> Iterator[httpx.Client]:
    with gateway_client(system) as client:
        yield client
