from kit.migrations import run_env
from registry.models import metadata

run_env(metadata)
