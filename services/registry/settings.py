from pathlib import Path

from pydantic_settings import SettingsConfigDict

from kit.settings import ServiceSettings


class RegistrySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="FUMIN_REGISTRY_", env_file=".env", extra="ignore")

    # The private key tokens are signed with; made on the first local run when missing.
    signing_key_file: Path | None = None
    # The other key of a rotation in progress (docs/operations.md): published in the JWKS and
    # trusted, never used to sign. First the next key (so every verifier can fetch it before
    # it signs), then the previous one (so tokens it signed live out their time).
    rotation_key_file: Path | None = None
    # Short: a token is not renewed by itself but by the refresh flow (people) or by asking anew
    # (machines), each of which checks the account again (docs/security.md, "Tokens and
    # revocation"); revocation ends one sooner still.
    access_token_minutes: int = 10
    machine_token_minutes: int = 10
    refresh_token_days: int = 14  # a refresh token's life; each use gives a new one
    # Login hardening: after this many failures in a row the account is locked for a while.
    login_max_failures: int = 5
    login_lock_minutes: int = 15
    # Each failed login answers after step × failures seconds, at most the cap (slows guessing).
    login_delay_step_seconds: float = 0.2
    login_delay_max_seconds: float = 2.0
    # The other services' own clients, created at start-up (secrets must be set in production).
    assistance_client_secret: str = "dev-assistance-secret"
    indicators_client_secret: str = "dev-indicators-secret"

    @property
    def signing_key_path(self) -> Path:
        return self.signing_key_file or self.data_dir / "keys" / "registry-signing.pem"
