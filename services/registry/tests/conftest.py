import pytest
from fastapi import FastAPI

from registry.app import create_app
from registry.settings import RegistrySettings


@pytest.fixture(scope="session")
def service_app(app_settings: dict, test_keys) -> FastAPI:
    return create_app(RegistrySettings(**app_settings, signing_key_file=test_keys.private_pem))
