from indicators.app import create_app
from indicators.settings import IndicatorsSettings
from kit.testing import app_fixture

app = app_fixture(
    lambda settings, keys: create_app(
        IndicatorsSettings(**settings, consume_registry=False, consume_assistance=False)
    )
)
