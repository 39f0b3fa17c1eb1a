"""The deployment files, checked without Docker or a cluster (deploy/check.py does the work).

docker-compose (Debian's 1.29) and kubectl must be installed: without them these tests fail,
never skip (``make test`` installs docker-compose first, and stops at once, saying so, where
kubectl is missing: scripts/prerequisites.sh). They need no database, so they are not in the
smoke run: ``make deploy-check`` runs them on their own.
"""

import copy
import shutil
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from deploy import check
from pydantic_settings import BaseSettings

from assistance.settings import AssistanceSettings
from gateway.settings import GatewaySettings
from indicators.settings import IndicatorsSettings
from registry.settings import RegistrySettings

PROMETHEUS_RULES = check.ROOT / "deploy" / "prometheus" / "alerts.yml"
SERVICES = ("registry", "assistance", "indicators")
SETTINGS: dict[str, type[BaseSettings]] = {
    "REGISTRY": RegistrySettings,
    "ASSISTANCE": AssistanceSettings,
    "INDICATORS": IndicatorsSettings,
    "GATEWAY": GatewaySettings,
}
OPERATIONS = check.ROOT / "docs" / "operations.md"


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is not installed (scripts/prerequisites.sh says how to get it)")


@pytest.fixture(scope="module")
def rendered() -> list[dict[str, Any]]:
    need("kubectl")
    return check.kustomize()


def by_kind(resources: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


def env_of(container: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e.get("value", "") for e in container.get("env", [])}


# --- docker-compose.yml -------------------------------------------------------------------


def test_compose_file_is_valid_for_debian_docker_compose() -> None:
    need("docker-compose")
    check.compose_config()


def test_compose_refuses_to_start_without_its_secrets() -> None:
    need("docker-compose")
    with pytest.raises(RuntimeError, match="set FUMIN_DB_PASSWORD"):
        check.compose_config({k: v for k, v in check.COMPOSE_SECRETS.items() if "DB" not in k})


def test_compose_migrates_first_and_runs_every_service_in_production() -> None:
    need("docker-compose")
    config = yaml.safe_load(check.compose_config(quiet=False))
    services = config["services"]
    assert set(services) == {"postgres", "migrate", *SERVICES, "gateway"}
    migrate = services["migrate"]["command"]
    assert all(f"python -m {name} migrate" in " ".join(migrate) for name in SERVICES)
    for name in SERVICES:
        service = services[name]
        env = service["environment"]
        prefix = f"FUMIN_{name.upper()}_"
        assert env[prefix + "ENVIRONMENT"] == "production"
        assert env[prefix + "MIGRATE_ON_START"] == "false"
        assert env[prefix + "DATABASE_URL"].startswith("postgresql+asyncpg://fumin:check@postgres")
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert f"{8001 + SERVICES.index(name)}/readyz" in " ".join(service["healthcheck"]["test"])
    assert any(v.startswith("attachments:/data") for v in services["assistance"]["volumes"])
    assert [s["source"] for s in services["registry"]["secrets"]] == ["registry_signing_key"]
    published = [port["target"] for port in services["gateway"]["ports"]]
    assert published == [8000], "only the web port is published, never the metrics port"


# --- Kubernetes ----------------------------------------------------------------------------


def test_every_core_resource_is_valid_against_the_kubernetes_schemas(rendered) -> None:
    core = [r for r in rendered if r["apiVersion"] != check.CNPG_API]
    kinds = {r["kind"] for r in core}
    assert {"Deployment", "Service", "HorizontalPodAutoscaler", "Ingress", "Job"} <= kinds
    for resource in core:
        check.validate_core(resource)


def test_the_validation_is_strict_about_unknown_fields(rendered) -> None:
    deployment = copy.deepcopy(by_kind(rendered, "Deployment")["registry"])
    deployment["spec"]["template"]["spec"]["containers"][0]["readynessProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        check.validate_core(deployment)


def test_the_database_cluster_is_valid_against_the_cloudnative_pg_crd(rendered) -> None:
    try:
        schema = check.cluster_schema()
    except FileNotFoundError as missing:
        pytest.fail(str(missing))
    (cluster,) = by_kind(rendered, "Cluster").values()
    assert check.cluster_errors(cluster, schema) == []
    assert cluster["spec"]["instances"] == 2, "a primary and a replica"
    assert cluster["spec"]["bootstrap"]["initdb"] == {"database": "fumin", "owner": "fumin"}

    broken = copy.deepcopy(cluster)
    broken["spec"]["instances"] = "two"
    broken["spec"]["storage"]["sise"] = "1Gi"
    errors = check.cluster_errors(broken, schema)
    assert any(e.startswith("spec.instances") for e in errors)
    assert any("sise" in e for e in errors)


def test_services_read_the_database_from_the_operators_secret_as_asyncpg(rendered) -> None:
    deployments = by_kind(rendered, "Deployment")
    job = by_kind(rendered, "Job")["fumin-migrate"]["spec"]["template"]["spec"]
    containers = [
        deployments[name]["spec"]["template"]["spec"]["containers"][0] for name in SERVICES
    ]
    for container in [*containers, *job["initContainers"], *job["containers"]]:
        env = container["env"]
        names = [e["name"] for e in env]
        secret_refs = {
            e["valueFrom"]["secretKeyRef"]["name"]
            for e in env
            if "valueFrom" in e and e["name"].startswith("DB_")
        }
        assert secret_refs == {"fumin-db-app"}
        for name, value in env_of(container).items():
            if name.endswith("_DATABASE_URL"):
                assert value.startswith("postgresql+asyncpg://$(DB_USER):$(DB_PASSWORD)@")
                # $(VAR) only takes variables defined before it.
                assert all(names.index(v) < names.index(name) for v in ("DB_USER", "DB_HOST"))


def test_deployments_are_probed_limited_locked_down_and_autoscaled(rendered) -> None:
    deployments = by_kind(rendered, "Deployment")
    autoscalers = by_kind(rendered, "HorizontalPodAutoscaler")
    assert set(deployments) == {*SERVICES, "gateway"} == set(autoscalers)
    for name, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        (container,) = pod["containers"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert {"mountPath": "/tmp", "name": "tmp"} in container["volumeMounts"]
        assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
        expected = "/healthz" if name == "gateway" else "/readyz"
        assert container["readinessProbe"]["httpGet"]["path"] == expected
        assert {"cpu", "memory"} <= set(container["resources"]["requests"])
        assert container["image"].endswith(":1.0.0"), "the overlay pins the image tag"
        hpa = autoscalers[name]["spec"]
        assert hpa["scaleTargetRef"]["name"] == name
        assert 2 <= hpa["minReplicas"] < hpa["maxReplicas"]
        assert "replicas" not in deployment["spec"], "the autoscaler owns the count"
        if name != "gateway":
            config = by_kind(rendered, "ConfigMap")["fumin-config"]["data"]
            assert config[f"FUMIN_{name.upper()}_MIGRATE_ON_START"] == "false"


def test_only_the_gateway_web_port_is_exposed_through_the_ingress(rendered) -> None:
    (ingress,) = by_kind(rendered, "Ingress").values()
    assert ingress["spec"]["tls"][0]["secretName"]
    backends = [
        path["backend"]["service"]
        for rule in ingress["spec"]["rules"]
        for path in rule["http"]["paths"]
    ]
    assert backends == [{"name": "gateway", "port": {"name": "http"}}]
    ports = by_kind(rendered, "Service")["gateway"]["spec"]["ports"]
    assert {p["name"]: p["port"] for p in ports} == {"http": 8000, "metrics": 9100}


# --- Dockerfiles and the alert rules -------------------------------------------------------


@pytest.mark.parametrize("service", [*SERVICES, "gateway"])
def test_each_image_is_multi_stage_and_runs_as_a_non_root_user(service: str) -> None:
    dockerfile = (check.ROOT / "deploy" / f"Dockerfile.{service}").read_text()
    stages = [line for line in dockerfile.splitlines() if line.startswith("FROM ")]
    assert len(stages) >= 2
    assert stages[-1] == "FROM python:3.11-slim"
    assert "-r /src/requirements.txt -c /src/constraints.txt" in dockerfile
    assert "\nUSER 10001\n" in dockerfile
    assert "EXPOSE " in dockerfile
    assert f"{service}.app:create_app" in dockerfile
    if service == "gateway":
        assert "npm ci" in dockerfile and "npm run build" in dockerfile
        assert "COPY --from=frontend /frontend/dist /app/frontend/dist" in dockerfile
        assert "--proxy-headers" in dockerfile


def test_the_alert_rules_parse_and_cover_lag_errors_and_latency() -> None:
    rules = yaml.safe_load(Path(PROMETHEUS_RULES).read_text())
    alerts = {
        rule["alert"]: rule
        for group in rules["groups"]
        for rule in group["rules"]
        if "alert" in rule
    }
    exprs = " ".join(rule["expr"] for rule in alerts.values())
    for metric in (
        "fumin_feed_lag_seconds",
        "fumin_feed_consumer_active",
        "fumin_http_requests_total",
        "fumin_http_request_duration_seconds_bucket",
    ):
        assert metric in exprs
    for rule in alerts.values():
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]


# --- settings: the names the deployment sets, and the operations doc ----------------------


def known_setting(env_name: str) -> bool:
    """Whether FUMIN_<SERVICE>_<NAME> is a setting the service reads (a typo is ignored)."""
    _, service, name = env_name.split("_", 2)
    return name.lower() in SETTINGS[service].model_fields


def test_every_setting_the_deployment_sets_is_one_the_services_read(rendered) -> None:
    need("docker-compose")
    compose = yaml.safe_load(check.compose_config(quiet=False))["services"]
    names = {name for service in compose.values() for name in service.get("environment", {})}
    config = by_kind(rendered, "ConfigMap")["fumin-config"]["data"]
    names |= set(config)
    for deployment in by_kind(rendered, "Deployment").values():
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            names |= {e["name"] for e in container.get("env", [])}
    fumin = {name for name in names if name.startswith("FUMIN_")}
    assert len(fumin) > 20
    assert [name for name in sorted(fumin) if not known_setting(name)] == []


def test_the_operations_doc_lists_every_setting() -> None:
    text = OPERATIONS.read_text()
    missing = [
        f"FUMIN_{service}_{name.upper()}"
        for service, settings in SETTINGS.items()
        for name in settings.model_fields
        if f"`{name.upper()}`" not in text
    ]
    assert missing == [], "add them to the settings tables of docs/operations.md"
