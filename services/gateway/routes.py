"""Which service owns which resource: the gateway's whole routing table.

Resource names are unique across services; a new resource is one line here.
"""

OWNERS: dict[str, str] = {
    # registry
    "auth": "registry",
    "users": "registry",
    "clients": "registry",
    "areas": "registry",
    "departments": "registry",
    "cadres": "registry",
    "entities": "registry",
    "households": "registry",
    "cadre-entity-links": "registry",
    "entity-household-links": "registry",
    "pairings": "registry",
    "audit": "registry",
    "imports": "registry",
    "reconciliations": "registry",
    "snapshots": "registry",  # the registry's aggregates; another service's would route by name
    "vocabularies": "registry",  # codes with the labels the app shows
    # assistance
    "visits": "assistance",
    "plans": "assistance",
    "happiness-items": "assistance",
    "needs": "assistance",
    "compliance": "assistance",
    "schedule": "assistance",
    "attachments": "assistance",
    "measure-types": "assistance",
    "assistance-audit": "assistance",  # its writes' log; the registry's is "audit"
    # indicators
    "indicators": "indicators",
    "indicator-values": "indicators",
    "targets": "indicators",
    "reported-values": "indicators",
    "rankings": "indicators",
    "ranking-sets": "indicators",
    "progress": "indicators",
    "exports": "indicators",
    "alerts": "indicators",
    "periods": "indicators",  # the periods screens open on
}


# Paths outside /v1/ that clients use: the registry's public keys (docs/api.md).
PUBLIC_PATHS: dict[str, str] = {"/.well-known/jwks.json": "registry"}

# Resources whose writes take a whole file at once, allowed the long timeout.
LONG_RUNNING = {"imports", "reconciliations"}


def is_long_running(path: str) -> bool:
    parts = path.removeprefix("/api").split("/")
    return len(parts) > 2 and parts[2] in LONG_RUNNING


def owner_of(path: str) -> tuple[str, str] | None:
    """``/api/v1/households/…`` → (``registry``, ``/v1/households/…``); None if no one owns it."""
    if not path.startswith("/api/"):
        return None
    rest = path.removeprefix("/api")
    if rest in PUBLIC_PATHS:
        return PUBLIC_PATHS[rest], rest
    parts = rest.split("/")  # ["", "v1", resource, ...]
    if len(parts) < 3 or parts[1] != "v1":
        return None
    if parts[2] == "feeds":
        service = parts[3] if len(parts) > 3 else ""
        return (service, rest) if service in set(OWNERS.values()) else None
    owner = OWNERS.get(parts[2])
    return (owner, rest) if owner else None
