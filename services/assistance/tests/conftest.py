import pytest
from fastapi import FastAPI

from assistance.app import create_app
from assistance.settings import AssistanceSettings


@pytest.fixture(scope="session")
def service_app(app_settings: dict) -> FastAPI:
    return create_app(AssistanceSettings(**app_settings))
