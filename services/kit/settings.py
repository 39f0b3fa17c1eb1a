"""Settings every service shares; each service subclasses with its own env prefix."""

from pathlib import Path
from typing import Literal

from pydantic import field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kit.clock import parse_clock

DEV_SECRET_PREFIX = "dev-"


class ServiceSettings(BaseSettings):
    """Read from the environment (``FUMIN_<SERVICE>_<NAME>``) or a ``.env`` file."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("data")
    # Empty means the embedded default: a SQLite file in the data folder, named for the service.
    database_url: str = ""
    migrate_on_start: bool = True
    log_level: str = "INFO"
    # "" the wall clock; an ISO date-time (stopped there) or an offset like "+3d" (kit/clock.py).
    clock: str = ""
    # No request body is read past this: the largest upload (10 MB) and its form around it.
    max_body_bytes: int = 12 * 1024 * 1024

    token_issuer: str = "fumin-registry"
    token_audience: str = "fumin"
    # Where the registry publishes its public keys; other services fetch and keep them.
    jwks_url: str = "http://127.0.0.1:8001/.well-known/jwks.json"
    # A JWKS file of keys to trust without fetching (so a service verifies while registry is down).
    trusted_jwks_file: Path | None = None

    # This service's own machine identity, for reading other services' feeds.
    client_id: str = ""
    client_secret: str = ""
    token_url: str = "http://127.0.0.1:8001/v1/auth/token"
    # Revoked tokens (kit/revocation.py): the registry's list, polled this often with the
    # service's own client; "" means beside token_url (…/v1/auth/revocations).
    revocations_url: str = ""
    revocation_poll_seconds: float = 2.0

    @property
    def revocations_endpoint(self) -> str:
        return self.revocations_url or self.token_url.rsplit("/", 1)[0] + "/revocations"

    def sqlite_url(self, service: str) -> str:
        return f"sqlite+aiosqlite:///{self.data_dir / f'{service}.db'}"

    @field_validator("clock")
    @classmethod
    def _clock_is_readable(cls, value: str) -> str:
        parse_clock(value)  # a ValueError names the setting
        return value

    @model_validator(mode="after")
    def _no_dev_secrets_in_production(self) -> "ServiceSettings":
        if self.environment == "production":
            for name, value in self.model_dump().items():
                if isinstance(value, str) and value.startswith(DEV_SECRET_PREFIX):
                    raise ValueError(f"{name}: a development secret may not be used in production")
            if not self.database_url.startswith("postgresql"):
                raise ValueError("database_url: production runs on PostgreSQL")
        return self
