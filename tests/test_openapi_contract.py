"""The merged OpenAPI document of the real services: every path under /api/v1, and every
operation with its security requirement and the problems it may answer."""

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from assistance.app import create_app as assistance_app
from assistance.settings import AssistanceSettings
from gateway.openapi import SCOPES, merge
from indicators.app import create_app as indicators_app
from indicators.settings import IndicatorsSettings
from kit.auth import Scope
from kit.problems import PROBLEM_JSON
from registry.app import create_app as registry_app
from registry.settings import RegistrySettings

# Operations that take no bearer token: signing in, signing out (a refresh token), the keys.
PUBLIC = {
    ("post", "/api/v1/auth/token"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/.well-known/jwks.json"),
}
METHODS = {"get", "post", "put", "patch", "delete"}


def service_apps(folder: Path) -> dict[str, FastAPI]:
    """The three services as built for a run (nothing is connected to build a document)."""

    def settings(name: str) -> dict[str, Any]:
        database = f"sqlite+aiosqlite:///{folder / name}.db"
        return {"environment": "test", "data_dir": folder, "database_url": database}

    return {
        "registry": registry_app(RegistrySettings(**settings("registry"), jwks_url="")),
        "assistance": assistance_app(AssistanceSettings(**settings("assistance"), jwks_url="")),
        "indicators": indicators_app(IndicatorsSettings(**settings("indicators"), jwks_url="")),
    }


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    apps = service_apps(tmp_path_factory.mktemp("openapi"))
    return merge({name: app.openapi() for name, app in apps.items()})


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_every_path_is_under_api_v1(merged):
    outside = [p for p in merged["paths"] if not p.startswith("/api/v1/")]
    assert outside == ["/api/.well-known/jwks.json"]
    assert {"/api/v1/snapshots/{aggregate}", "/api/v1/feeds/registry"} <= set(merged["paths"])


def test_the_security_schemes_list_every_scope(merged):
    schemes = merged["components"]["securitySchemes"]
    flow = schemes["oauth2"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == "/api/v1/auth/token"
    assert set(flow["scopes"]) == {scope.value for scope in Scope} == set(SCOPES)
    assert schemes["bearer"]["scheme"] == "bearer"


def test_every_operation_declares_its_security_and_problems(merged):
    schemes = set(merged["components"]["securitySchemes"])
    missing = []
    for method, path, operation in operations(merged):
        responses = operation["responses"]
        takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
        wanted = [] if (method, path) in PUBLIC else ["401", "403"]
        wanted += ["422"] if takes_input else []
        for status in wanted:
            if PROBLEM_JSON not in responses.get(status, {}).get("content", {}):
                missing.append(f"{method} {path}: {status}")
        if (method, path) in PUBLIC:
            continue
        security = operation.get("security")
        if not security or not all(set(s) <= schemes for s in security):
            missing.append(f"{method} {path}: security")
    assert missing == []


def test_every_operation_declares_the_gateways_429_with_retry_after(merged):
    missing = []
    for method, path, operation in operations(merged):
        declared = operation["responses"].get("429", {})
        if PROBLEM_JSON not in declared.get("content", {}) or "Retry-After" not in declared.get(
            "headers", {}
        ):
            missing.append(f"{method} {path}")
    assert missing == []


def test_reads_name_the_scope_an_outside_client_needs(merged):
    def scopes(method: str, path: str) -> list[str]:
        [bearer, oauth2] = merged["paths"][path][method]["security"]
        assert bearer == {"bearer": []}
        return list(oauth2["oauth2"])

    assert scopes("get", "/api/v1/households") == ["households:read"]
    assert scopes("get", "/api/v1/visits") == ["visits:read"]
    assert scopes("get", "/api/v1/indicator-values") == ["indicators:read"]
    assert scopes("get", "/api/v1/snapshots/{aggregate}") == ["feeds:read", "households:read"]
    assert scopes("post", "/api/v1/households") == []  # clients never write
