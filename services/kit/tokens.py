"""Token issue and verification: the only module that touches the JOSE library.

RS256 only (an explicit allow-list: ``alg: none`` and HS256 tokens are refused whatever key
they name). Public keys are served as a JWKS; verifiers keep the keys they have fetched and
accept configured ones, so a service still verifies while the registry is down.
"""

import asyncio
import hashlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import JWTError, jwk, jwt

ALGORITHMS = ["RS256"]
# Refetch the JWKS for an unknown key id at most this often (a bad token must not hammer it).
REFETCH_AFTER_SECONDS = 30.0


class TokenError(Exception):
    """The token is not one we accept; the message says why (for logs, not for clients)."""


@dataclass(frozen=True)
class SigningKey:
    private_pem: str
    kid: str
    public_jwk: dict[str, Any]


def generate_private_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def signing_key_from_pem(private_pem: str) -> SigningKey:
    public = jwk.construct(private_pem, "RS256").public_key().to_dict()
    public_jwk = {"kty": "RSA", "n": public["n"], "e": public["e"], "alg": "RS256", "use": "sig"}
    # RFC 7638 thumbprint: a key id that is the same wherever the key is loaded.
    canonical = json.dumps({k: public_jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    kid = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    return SigningKey(private_pem, kid, {**public_jwk, "kid": kid})


def load_or_create_signing_key(path: Path) -> SigningKey:
    """The local run's key: made once into the data folder, then reused."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(generate_private_pem())
        path.chmod(0o600)
    return signing_key_from_pem(path.read_text())


def issue(key: SigningKey, claims: dict[str, Any], ttl_seconds: int) -> str:
    stamp = time.time()
    now = int(stamp)
    # iat to the millisecond: a revocation (kit.revocation) refuses the tokens issued before it,
    # and a token issued just after it, in the same second, must still pass.
    issued_at = math.floor(stamp * 1000) / 1000
    body = {**claims, "iat": issued_at, "nbf": now, "exp": now + ttl_seconds}
    return jwt.encode(body, key.private_pem, algorithm="RS256", headers={"kid": key.kid})


def jwks(keys: list[SigningKey]) -> dict[str, Any]:
    return {"keys": [k.public_jwk for k in keys]}


class TokenVerifier:
    def __init__(
        self,
        *,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        trusted_keys: list[dict[str, Any]] | None = None,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self.issuer = issuer
        self.audience = audience
        self.jwks_url = jwks_url
        self.keys: dict[str, dict[str, Any]] = {k["kid"]: k for k in trusted_keys or []}
        self._http = http
        self._fetched_at = 0.0
        # One fetch at a time: requests arriving during it wait for its keys instead of finding
        # "fetched just now" and refusing a token signed with the key being fetched.
        self._fetching = asyncio.Lock()

    def trust(self, public_jwk: dict[str, Any]) -> None:
        self.keys[public_jwk["kid"]] = public_jwk

    async def verify(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except JWTError as exc:
            raise TokenError("malformed token") from exc
        if header.get("alg") not in ALGORITHMS:
            raise TokenError(f"algorithm {header.get('alg')!r} not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise TokenError("token names no key")
        if kid not in self.keys:
            await self._refresh(kid)
        key = self.keys.get(kid)
        if key is None:
            raise TokenError("unknown key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=ALGORITHMS, audience=self.audience, issuer=self.issuer
            )
        except JWTError as exc:
            raise TokenError(str(exc)) from exc
        return claims

    async def _refresh(self, kid: str) -> None:
        async with self._fetching:
            if kid in self.keys:
                return  # the fetch this request waited for brought it
            await self._fetch()

    async def _fetch(self) -> None:
        if not self.jwks_url or time.monotonic() - self._fetched_at < REFETCH_AFTER_SECONDS:
            return
        self._fetched_at = time.monotonic()
        try:
            if self._http is not None:
                response = await self._http.get(self.jwks_url, timeout=5)
            else:
                async with httpx.AsyncClient() as client:
                    response = await client.get(self.jwks_url, timeout=5)
            response.raise_for_status()
            fetched = response.json()["keys"]
        except (httpx.HTTPError, KeyError, ValueError):
            return  # keep verifying with the keys already held
        for key in fetched:
            if key.get("alg", "RS256") in ALGORITHMS and "kid" in key:
                self.keys[key["kid"]] = key
