import pytest
from fastapi import FastAPI

from indicators.app import create_app
from indicators.settings import IndicatorsSettings


@pytest.fixture(scope="session")
def service_app(app_settings: dict) -> FastAPI:
    return create_app(IndicatorsSettings(**app_settings))
