from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class IndicatorsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="FUMIN_INDICATORS_", env_file=".env", extra="ignore"
    )

    client_id: str = "indicators"
    client_secret: str = "dev-indicators-secret"

    # The registry, whose feed gives this service its read model (areas, households, income…).
    registry_url: str = "http://127.0.0.1:8001"
    consume_registry: bool = True  # off in unit tests, which apply events themselves
    # The assistance service, whose feed gives the visits (six ones, alerts).
    assistance_url: str = "http://127.0.0.1:8002"
    consume_assistance: bool = True
    feed_idle_seconds: float = 2.0  # how long to wait when the feed has nothing new
