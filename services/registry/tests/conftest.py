from kit.testing import app_fixture
from registry.app import create_app
from registry.settings import RegistrySettings

app = app_fixture(
    lambda settings, keys: create_app(
        RegistrySettings(**settings, signing_key_file=keys.private_pem)
    )
)
