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
    # An idle pooled connection to a service is closed after this; keep it below the services'
    # own keep-alive (uvicorn's default 5 s) so the gateway never reuses one being closed.
    upstream_keepalive_seconds: float = 2.0
    frontend_dist: Path = Path("frontend/dist")
    log_level: str = "INFO"
    # Set when clients reach us over HTTPS (TLS ends at the ingress): turns on HSTS.
    behind_https: bool = False
    # Per caller (a verified token's subject; without one, the connection's address): a bucket
    # of `burst` requests refilled at `per_second`. A cadre's page load fires a handful of calls
    # at once; 0 turns the limit off.
    rate_limit_per_second: float = 10.0
    rate_limit_burst: int = 60
    # Each outside platform's client (token subject ``client:…``) has a bucket of its own at
    # this rate: a snapshot or feed sync reads page after page. 0 turns its limit off.
    client_rate_limit_per_second: float = 20.0
    client_rate_limit_burst: int = 100
    # Logins with a password or client secret, per address (a township office's morning fits in
    # the burst; spraying many names from one address does not) and per address and name.
    login_rate_limit_per_second: float = 0.2
    login_rate_limit_burst: int = 30
    login_name_rate_limit_per_second: float = 0.05
    login_name_rate_limit_burst: int = 5
    # Where the buckets live: "" in this process (one gateway), or a Redis URL
    # (redis://host:6379/0) that every replica shares.
    rate_limit_redis_url: str = ""
    # Tokens are verified (to key the rate limit on their subject) as the services verify them:
    # the registry's public keys, fetched from here ("" = the registry's, at registry_url) and
    # kept, and those of a trusted JWKS file.
    jwks_url: str = ""
    trusted_jwks_file: Path | None = None
    token_issuer: str = "fumin-registry"
    token_audience: str = "fumin"
    # The merged OpenAPI document is rebuilt from the services at most this often.
    openapi_cache_seconds: float = 60.0
    # /metrics on a port of its own (0: none), so the public port never shows it.
    metrics_port: int = 0

    def keys_url(self) -> str:
        return self.jwks_url or f"{self.registry_url}/.well-known/jwks.json"

    def upstreams(self) -> dict[str, str]:
        return {
            "registry": self.registry_url,
            "assistance": self.assistance_url,
            "indicators": self.indicators_url,
        }
