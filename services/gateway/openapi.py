"""One OpenAPI document for the whole API, merged from the services' own (its page: docs.py).

Each service publishes ``/openapi.json`` with paths like ``/v1/households``; clients see them as
``/api/v1/households``. Component names two services both use for different things are prefixed
with the service's name (``registry_Item``), and that service's ``$ref``s follow.
"""

import asyncio
import time
from typing import Any

import httpx
from fastapi import APIRouter, Request

from gateway.paths import BadPath
from gateway.ratelimit import TooManyRequests
from kit.problems import PROBLEM_JSON, BadGateway, GatewayTimeout, Problem

# Besides /v1/, the registry's public keys are part of the API clients use.
EXTRA_PATHS = {"registry": ["/.well-known/jwks.json"]}
FETCH_TIMEOUT_SECONDS = 5.0
REF_PREFIX = "#/components/"

Document = dict[str, Any]

# How a caller signs in: people with the password flow, outside platforms with client
# credentials, both at the registry's token endpoint; either way a bearer JWT.
TOKEN_URL = "/api/v1/auth/token"
SCOPES = {
    "households:read": "登记库：农户、成员、主体、关系（脱敏）/ the registry (masked)",
    "visits:read": "帮扶记录 / assistance records",
    "indicators:read": "指标值、进度、排名 / indicator values, progress, rankings",
    "feeds:read": "变更流与快照，内容按其他权限 / feeds and snapshots, filtered by the others",
    "pii:read": "完整身份证号和电话（留审计）/ whole ID numbers and phones (audited)",
}
SECURITY_SCHEMES = {
    "bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
    "oauth2": {
        "type": "oauth2",
        "description": "人员用 password，外部平台用 client_credentials / people use password, "
        "outside platforms client_credentials (docs/integration.md)",
        "flows": {
            "password": {"tokenUrl": TOKEN_URL, "scopes": {}},
            "clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": SCOPES},
        },
    },
}
# What an outside platform's client needs to read each service (the service enforces it).
MACHINE_SCOPES = {
    "registry": ["households:read"],
    "assistance": ["visits:read"],
    "indicators": ["indicators:read"],
}
FEED_PATHS = ("/api/v1/feeds/", "/api/v1/snapshots/")


async def fetch_documents(
    http: httpx.AsyncClient, upstreams: dict[str, str]
) -> dict[str, Document | None]:
    """Each service's document, or None for a service that is down or answers nonsense."""

    async def fetch(base: str) -> Document | None:
        try:
            response = await http.get(f"{base}/openapi.json", timeout=FETCH_TIMEOUT_SECONDS)
            response.raise_for_status()
            document = response.json()
        except (httpx.HTTPError, ValueError):
            return None
        return document if isinstance(document, dict) else None

    documents = await asyncio.gather(*(fetch(base) for base in upstreams.values()))
    return dict(zip(upstreams, documents, strict=True))


def _public_paths(service: str, document: Document) -> dict[str, Any]:
    extra = EXTRA_PATHS.get(service, [])
    return {
        f"/api{path}": item
        for path, item in document.get("paths", {}).items()
        if path.startswith("/v1/") or path in extra
    }


def _with_security(service: str, paths: dict[str, Any]) -> dict[str, Any]:
    """Each operation that takes a token names the merged schemes: a bearer token, or OAuth2
    with the scopes an outside client needs for it (reads only; clients never write)."""
    for path, item in paths.items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "security" not in operation:
                continue
            scopes = list(MACHINE_SCOPES.get(service, []))
            if path.startswith(FEED_PATHS):
                scopes = ["feeds:read", *scopes]
            requirements: list[dict[str, list[str]]] = [{"bearer": []}]
            requirements.append({"oauth2": scopes if method == "get" else []})
            operation["security"] = requirements
    return paths


# What the gateway itself may answer to any operation, before or instead of the service.
GATEWAY_PROBLEMS: tuple[type[Problem], ...] = (BadPath, TooManyRequests, BadGateway, GatewayTimeout)
RETRY_AFTER = {
    "Retry-After": {
        "description": "多少秒后再试 / seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def _with_gateway_problems(paths: dict[str, Any]) -> dict[str, Any]:
    """Each operation lists the gateway's own answers beside the service's (the 429 with its
    Retry-After), each status naming its problem types."""
    for item in paths.values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for problem in GATEWAY_PROBLEMS:
                said = f"{problem.title} (/problems/{problem.code})"
                declared = responses.setdefault(
                    str(problem.status), {"description": "", "content": {PROBLEM_JSON: {}}}
                )
                declared["description"] = "; ".join(filter(None, [declared["description"], said]))
                declared.setdefault("content", {}).setdefault(PROBLEM_JSON, {})
                if problem is TooManyRequests:
                    declared["headers"] = RETRY_AFTER
    return paths


def _renames(documents: dict[str, Document]) -> dict[str, dict[str, str]]:
    """Per service, ``#/components/<section>/<name>`` refs that must point at a prefixed name."""
    seen: dict[tuple[str, str], Any] = {}
    clashing: set[tuple[str, str]] = set()
    for document in documents.values():
        for section, components in document.get("components", {}).items():
            for name, definition in components.items():
                key = (section, name)
                if key in seen and seen[key] != definition:
                    clashing.add(key)
                seen.setdefault(key, definition)
    return {
        service: {
            f"{REF_PREFIX}{section}/{name}": f"{REF_PREFIX}{section}/{service}_{name}"
            for section, components in document.get("components", {}).items()
            for name in components
            if (section, name) in clashing
        }
        for service, document in documents.items()
    }


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: renames.get(value, value)
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value, renames)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def merge(documents: dict[str, Document | None]) -> Document:
    """The gateway's document: the public paths and components of every service that answered."""
    present = {service: doc for service, doc in documents.items() if doc is not None}
    renames = _renames(present)
    paths: dict[str, Any] = {}
    components: dict[str, dict[str, Any]] = {}
    tags: dict[str, Any] = {}
    for service, document in present.items():
        rewritten = _rewrite_refs(document, renames[service])
        public = _public_paths(service, rewritten)
        paths.update(_with_gateway_problems(_with_security(service, public)))
        for section, entries in rewritten.get("components", {}).items():
            if section == "securitySchemes":
                continue  # replaced by the gateway's own (below)
            for name, definition in entries.items():
                ref = f"{REF_PREFIX}{section}/{name}"
                final = renames[service].get(ref, ref).removeprefix(f"{REF_PREFIX}{section}/")
                components.setdefault(section, {})[final] = definition
        tags.update({tag["name"]: tag for tag in rewritten.get("tags", [])})
    missing = [service for service, doc in documents.items() if doc is None]
    description = "富民全部接口，经网关 /api 访问 / Every Fumin API, reached through the gateway."
    if missing:
        names = ", ".join(missing)
        description += f"\n\n暂不可用、未列入 / down, left out: {names}"
    components["securitySchemes"] = SECURITY_SCHEMES
    merged: Document = {
        "openapi": "3.1.0",
        "info": {"title": "Fumin 富民 API", "version": "1.0.0", "description": description},
        "paths": dict(sorted(paths.items())),
        "components": components,
    }
    if tags:
        merged["tags"] = list(tags.values())
    return merged


router = APIRouter(include_in_schema=False)


@router.get("/api/openapi.json")
async def merged_openapi(request: Request) -> Any:
    state, settings = request.app.state, request.app.state.settings
    cached: tuple[float, Document] | None = getattr(state, "openapi_cache", None)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    documents = await fetch_documents(state.http, state.upstreams)
    merged = merge(documents)
    # A partial document is not kept: the next call tries the missing service again.
    if all(doc is not None for doc in documents.values()):
        state.openapi_cache = (time.monotonic() + settings.openapi_cache_seconds, merged)
    return merged
