from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict


class GatewaySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FUMIN_GATEWAY_", env_file=".env", extra="ignore")

    registry_url: str = "http://127.0.0.1:8001"
    assistance_url: str = "http://127.0.0.1:8002"
    indicators_url: str = "http://127.0.0.1:8003"
    # How long a service may take to start answering before the client gets a 504.
    upstream_timeout_seconds: float = 30.0
    # Imports and roll reconciliations write a whole file in one transaction (a county's
    # households take about a minute), so they get longer before the 504.
    long_running_timeout_seconds: float = 600.0
    frontend_dist: Path = Path("frontend/dist")
    log_level: str = "INFO"
    # Set when clients reach us over HTTPS (TLS ends at the ingress): turns on HSTS.
    behind_https: bool = False
    # Per client (IP, and bearer subject when present): a bucket of `burst` requests refilled at
    # `per_second`. A cadre's page load fires a handful of calls at once; 0 turns the limit off.
    rate_limit_per_second: float = 10.0
    rate_limit_burst: int = 60
    # Each outside platform's client (token subject ``client:…``) has a bucket of its own at
    # this rate: a snapshot or feed sync reads page after page. 0 turns its limit off.
    client_rate_limit_per_second: float = 20.0
    client_rate_limit_burst: int = 100
    # The merged OpenAPI document is rebuilt from the services at most this often.
    openapi_cache_seconds: float = 60.0
    # /metrics on a port of its own (0: none), so the public port never shows it.
    metrics_port: int = 0

    def upstreams(self) -> dict[str, str]:
        return {
            "registry": self.registry_url,
            "assistance": self.assistance_url,
            "indicators": self.indicators_url,
        }
