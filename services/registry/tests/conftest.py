"""The registry's app on its own test database, and the callers most tests use."""

import pytest

from kit.auth import Role
from kit.testing import TokenFactory, app_fixture
from registry.app import create_app
from registry.settings import RegistrySettings
from registry.tests.factories import COUNTY, TOWN_A, add_areas

app = app_fixture(
    lambda settings, keys: create_app(
        RegistrySettings(**settings, signing_key_file=keys.private_pem)
    )
)


@pytest.fixture
async def areas(app, client):
    """The county, two townships and their villages (factories.AREAS)."""
    await add_areas(app)


@pytest.fixture
def admin(tokens: TokenFactory) -> dict[str, str]:
    return tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)


@pytest.fixture
def officer(tokens: TokenFactory) -> dict[str, str]:
    """A township officer of 黄田镇 (TOWN_A)."""
    return tokens.headers(Role.TOWNSHIP_OFFICER, area=TOWN_A)
