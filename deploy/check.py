"""Check the deployment files without Docker or a cluster.

    python deploy/check.py [OVERLAY]      (default: deploy/k8s/overlays/production)

1. ``docker-compose config -q`` on docker-compose.yml (with stand-in secrets).
2. ``kubectl kustomize OVERLAY``, each core resource validated against the Kubernetes API
   schemas (kubernetes-validate, strict: an unknown field is an error, as kubectl's server-side
   field validation makes it).
3. The CloudNativePG Cluster against the operator's CRD (its openAPIV3Schema, also strict).
   The CRD comes from ../shared/schemas/ beside the repository, or FUMIN_CRD_SCHEMAS.

tests/test_deploy.py runs the same checks as tests; this is the command for an operator who
changed an overlay.
"""

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
OVERLAY = ROOT / "deploy" / "k8s" / "overlays" / "production"
KUBERNETES_VERSION = "1.37.0"
CNPG_CRD = "cloudnative-pg-v1.30.0-clusters.crd.yaml"
CNPG_API = "postgresql.cnpg.io/v1"

# What compose needs set before it renders (docs/operations.md says what each is).
COMPOSE_SECRETS = {
    "FUMIN_DB_PASSWORD": "check",
    "FUMIN_ASSISTANCE_CLIENT_SECRET": "check",
    "FUMIN_INDICATORS_CLIENT_SECRET": "check",
    "FUMIN_SIGNING_KEY_FILE": "/dev/null",
}

Resource = dict[str, Any]


def compose_config(env: dict[str, str] | None = None, *, quiet: bool = True) -> str:
    """docker-compose's rendering of docker-compose.yml; raises with its message if invalid."""
    command = ["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"]
    result = subprocess.run(
        [*command, "-q"] if quiet else command,
        cwd=ROOT,
        env={"PATH": os.environ.get("PATH", ""), **(COMPOSE_SECRETS if env is None else env)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"docker-compose config: {result.stderr.strip()}")
    return result.stdout


def kustomize(overlay: Path = OVERLAY) -> list[Resource]:
    result = subprocess.run(
        ["kubectl", "kustomize", str(overlay)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"kubectl kustomize {overlay}: {result.stderr.strip()}")
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def name_of(resource: Resource) -> str:
    return f"{resource['kind']}/{resource['metadata']['name']}"


def validate_core(resource: Resource) -> None:
    """Raises kubernetes_validate.ValidationError (or SchemaNotFoundError for a custom kind)."""
    kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)


def crd_file() -> Path:
    folder = os.environ.get("FUMIN_CRD_SCHEMAS")
    candidates = [Path(folder)] if folder else []
    candidates += [ROOT.parent / "shared" / "schemas", Path("/work/shared/schemas")]
    for candidate in candidates:
        if (candidate / CNPG_CRD).exists():
            return candidate / CNPG_CRD
    raise FileNotFoundError(f"{CNPG_CRD} not found in {', '.join(map(str, candidates))}")


def strict(schema: Any) -> Any:
    """The schema with unknown fields refused wherever it lists the fields: the API server
    prunes (or, with field validation, rejects) them, so a misspelt field is never silent."""
    if isinstance(schema, dict):
        out = {key: strict(value) for key, value in schema.items()}
        lists_fields = "properties" in schema and "additionalProperties" not in schema
        if lists_fields and not schema.get("x-kubernetes-preserve-unknown-fields"):
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [strict(item) for item in schema]
    return schema


def cluster_schema(path: Path | None = None) -> dict[str, Any]:
    crd = yaml.safe_load((path or crd_file()).read_text())
    (version,) = [v for v in crd["spec"]["versions"] if v["name"] == CNPG_API.split("/")[1]]
    schema = copy.deepcopy(version["schema"]["openAPIV3Schema"])
    return dict(strict(schema))


def cluster_errors(resource: Resource, schema: dict[str, Any]) -> list[str]:
    """Every way the Cluster breaks the CRD's schema (CEL rules are not evaluated)."""
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{'.'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in sorted(validator.iter_errors(resource), key=lambda e: list(e.path))
    ]


def check_manifests(overlay: Path = OVERLAY) -> list[str]:
    """Every problem in the overlay's rendering; an empty list when it is sound."""
    problems: list[str] = []
    schema = cluster_schema()
    for resource in kustomize(overlay):
        if resource.get("apiVersion") == CNPG_API:
            problems += [f"{name_of(resource)}: {e}" for e in cluster_errors(resource, schema)]
            continue
        try:
            validate_core(resource)
        except kubernetes_validate.ValidationError as error:
            problems.append(f"{name_of(resource)}: {error.message}")
        except kubernetes_validate.SchemaNotFoundError:
            problems.append(f"{name_of(resource)}: no schema for {resource['apiVersion']}")
    return problems


def main(argv: list[str]) -> int:
    overlay = Path(argv[0]) if argv else OVERLAY
    compose_config()
    print("docker-compose.yml: ok")
    problems = check_manifests(overlay)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{overlay}: {'ok' if not problems else f'{len(problems)} problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
