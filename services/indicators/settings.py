from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class IndicatorsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="FUMIN_INDICATORS_", env_file=".env", extra="ignore"
    )

    client_id: str = "indicators"
    client_secret: str = "dev-indicators-secret"
