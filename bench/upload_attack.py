"""Hostile uploads against a real registry process: does it keep answering, and how much
memory does it take? (docs/security.md, "Uploads")

Starts the registry with uvicorn on SQLite in a temporary folder, then for each upload sends it
to ``POST /v1/imports/households`` as the county admin while another client asks ``/healthz``
every 20 ms, and samples the process's resident memory (``/proc/<pid>/status``) as often. For
each it prints the upload's answer and time, the health checks' p50/p95/max latency during it,
and the peak RSS above the idle process. The uploads: a workbook of a few KB declaring a sheet
of 1,048,576 × 16,384 cells with a cell in the far corner; a zip bomb (≈200 KB unpacking to
200 MB); a 20,000-row households workbook in the template's columns (a dry run: read and
checked); a 25 MB body.

    PYTHONPATH=services .venv/bin/python -m bench.upload_attack
"""

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.feed_throughput import percentile
from kit.auth import Role
from kit.testing import TokenFactory
from kit.tokens import generate_private_pem, signing_key_from_pem
from registry.imports.service import KINDS
from registry.tests.hostile_tables import far_corner, workbook, zip_bomb

SERVICES = Path(__file__).resolve().parent.parent / "services"
COUNTY = "331126"
URL = "/v1/imports/households"
TEMPLATE = [col.header for col in KINDS["households"].columns]


def largest_legitimate() -> bytes:
    """20,000 member rows in the households template's columns (each its own household)."""
    columns = KINDS["households"].columns
    rows = [
        [f"3311261980{i:08d}" if "身份证号" in col.header else col.example for col in columns]
        for i in range(20_000)
    ]
    return workbook([TEMPLATE, *rows])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def attack(
    base: str, pid: int, headers: dict[str, str], name: str, files: dict[str, tuple[str, bytes]]
) -> None:
    idle = rss_kib(pid)
    peak = idle
    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=600, trust_env=False) as http:
        started = time.perf_counter()
        upload = asyncio.create_task(http.post(URL, headers=headers, files=files))
        while not upload.done():
            asked = time.perf_counter()
            health = await http.get("/healthz")
            assert health.status_code == 200
            latencies.append((time.perf_counter() - asked) * 1000)
            peak = max(peak, rss_kib(pid))
            await asyncio.sleep(0.02)
        answer = await upload
        took = time.perf_counter() - started
    size = sum(len(content) for _, content in files.values())
    problem = answer.json().get("type", "") if answer.status_code >= 400 else ""
    print(
        f"{name:<34} {size / 1024:>9.1f} KiB  → {answer.status_code} {problem:<24} "
        f"{took:6.2f} s  health n={len(latencies):<4} p50 {percentile(latencies, 50):6.1f} ms "
        f"p95 {percentile(latencies, 95):6.1f} ms max {max(latencies):6.1f} ms  "
        f"peak RSS +{(peak - idle) / 1024:.0f} MiB"
    )


def start_registry(folder: str, key_file: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "FUMIN_REGISTRY_DATA_DIR": folder,
        "FUMIN_REGISTRY_SIGNING_KEY_FILE": str(key_file),
        "FUMIN_REGISTRY_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "uvicorn", "--app-dir", str(SERVICES), "--factory"]
    command += ["registry.app:create_app", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, cwd=folder)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if httpx.get(base + "/readyz", trust_env=False).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return server, base


async def attacks(base: str, pid: int, headers: dict[str, str]) -> None:
    for name, content, filename in (
        ("far-corner workbook (1M×16K)", far_corner(TEMPLATE), "a.xlsx"),
        ("zip bomb (200 MB unpacked)", zip_bomb(TEMPLATE), "a.xlsx"),
        ("20,000-row workbook (legitimate)", largest_legitimate(), "a.xlsx"),
        ("25 MB body", b"x" * (25 * 1024 * 1024), "a.csv"),
    ):
        await attack(base, pid, headers, name, {"file": (filename, content)})


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        key_file = Path(folder) / "signing.pem"
        key_file.write_text(generate_private_pem())
        server, base = start_registry(folder, key_file)
        try:
            tokens = TokenFactory(signing_key_from_pem(key_file.read_text()))
            headers = tokens.headers(Role.COUNTY_ADMIN, area=COUNTY)
            idle = rss_kib(server.pid) / 1024
            print(f"registry pid {server.pid} on SQLite, idle RSS {idle:.0f} MiB")
            asyncio.run(attacks(base, server.pid, headers))
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    main()
