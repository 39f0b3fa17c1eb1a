"""Write the gateway's merged OpenAPI document without running any server.

Builds each service's app in-process (``create_app().openapi()``), merges them the way the gateway
does at ``/api/openapi.json``, and writes the result, so the web app's typed client can be
generated on a fresh machine: ``python scripts/dump_openapi.py frontend/openapi.json``.
"""

import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI

SERVICES = ("registry", "assistance", "indicators")


def service_documents(scratch: Path) -> dict[str, dict[str, Any] | None]:
    # Building an app reads settings and may write a signing key: point both at a scratch folder,
    # so nothing lands in the caller's data/ and no database is touched.
    for service in SERVICES:
        os.environ[f"FUMIN_{service.upper()}_DATA_DIR"] = str(scratch / service)
    os.environ["FUMIN_REGISTRY_SIGNING_KEY_FILE"] = str(scratch / "signing.pem")
    from assistance.app import create_app as assistance_app  # noqa: PLC0415 - after the env
    from indicators.app import create_app as indicators_app  # noqa: PLC0415
    from registry.app import create_app as registry_app  # noqa: PLC0415

    factories: dict[str, Callable[[], FastAPI]] = {
        "registry": registry_app,
        "assistance": assistance_app,
        "indicators": indicators_app,
    }
    return {name: factory().openapi() for name, factory in factories.items()}


def main(argv: list[str]) -> int:
    from gateway.openapi import merge  # noqa: PLC0415 - services/ is on the path from here on

    target = Path(argv[1]) if len(argv) > 1 else Path("frontend/openapi.json")
    with tempfile.TemporaryDirectory(prefix="fumin-openapi-") as scratch:
        merged = merge(service_documents(Path(scratch)))
    target.write_text(json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    print(f"wrote {target} ({len(merged['paths'])} paths)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "services"))
    sys.exit(main(sys.argv))
