from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FUMIN_GATEWAY_", env_file=".env", extra="ignore")

    registry_url: str = "http://127.0.0.1:8001"
    assistance_url: str = "http://127.0.0.1:8002"
    indicators_url: str = "http://127.0.0.1:8003"
    # How long a service may take to start answering before the client gets a 504.
    upstream_timeout_seconds: float = 30.0
    frontend_dist: Path = Path("frontend/dist")
    log_level: str = "INFO"

    def upstreams(self) -> dict[str, str]:
        return {
            "registry": self.registry_url,
            "assistance": self.assistance_url,
            "indicators": self.indicators_url,
        }
