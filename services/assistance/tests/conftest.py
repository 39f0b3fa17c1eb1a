from assistance.app import create_app
from assistance.settings import AssistanceSettings
from kit.testing import app_fixture

app = app_fixture(lambda settings, keys: create_app(AssistanceSettings(**settings)))
