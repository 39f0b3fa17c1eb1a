from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class AssistanceSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="FUMIN_ASSISTANCE_", env_file=".env", extra="ignore"
    )

    client_id: str = "assistance"
    client_secret: str = "dev-assistance-secret"

    # The registry, whose feed gives this service its copy of households, pairings and cadres.
    registry_url: str = "http://127.0.0.1:8001"
    consume_registry: bool = True  # off in unit tests, which feed events in themselves
    feed_idle_seconds: float = 2.0  # how long to wait when the feed has nothing new

    # A visit dated more than this many days before it arrives needs a backdate_reason.
    backdate_days: int = 7
    # A visit's GPS point further than this from the household's location is flagged.
    far_metres: int = 2000
    # A visit recorded more than this many days after it happened (or in a later month) is
    # flagged late_entry (visits/flags.py); no reason is asked until backdate_days.
    late_days: int = 3
    # Photos: the largest accepted upload.
    max_photo_bytes: int = 10 * 1024 * 1024
    # A need raised (诉求) is due this many days after it is raised, unless given a due date.
    need_days: int = 30
