from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class AssistanceSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="FUMIN_ASSISTANCE_", env_file=".env", extra="ignore"
    )

    client_id: str = "assistance"
    client_secret: str = "dev-assistance-secret"
